"""The search page: URL parameters, the engine call, result lines, facets, suggestions."""
