"""The first visit: what the archive is, ways in by region and year, the newest real reports."""
