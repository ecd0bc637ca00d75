"""The parser's version: stored with every parse result; bump it when parsing output changes."""

PARSER_VERSION = "1.4.0"
