"""Search requests, results, query grammar and facet declarations shared by both engines."""
