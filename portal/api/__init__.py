"""The JSON API: search, reports, facets, and its OpenAPI description."""
