"""Batch ingest: archive originals from files, folders and URL lists, parse them, catalog the outcome."""
