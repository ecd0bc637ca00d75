"""Derived across-years tables (units, per-report results, sentence keys) and the batch runner that fills them."""
