"""Archive, catalog, crawl, and search-index the parsed reports."""
