"""One report's page: its tables, checks, provenance and the original's download."""
