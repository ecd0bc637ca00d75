"""Search contract tests: the same suite against the embedded engine and a real OpenSearch."""
