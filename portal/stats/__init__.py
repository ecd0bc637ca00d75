"""The figures page: totals and rates over any search, cached per search."""
