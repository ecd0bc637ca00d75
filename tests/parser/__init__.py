"""Tests of text extraction, the report parser and the parse/eval commands."""
