"""Turn annual-report documents into structured, segmented data (no I/O beyond the input)."""
