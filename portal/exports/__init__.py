"""Downloads of a search: CSV, JSON lines, XLSX and the Atom feed."""
