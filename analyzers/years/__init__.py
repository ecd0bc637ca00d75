"""Analyses across reports: units over the years, cross-year checks, timeliness, missing years, copied text, diffs."""
