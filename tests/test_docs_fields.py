"""Field names in the docs come from the code: every numeric field and query example the docs
name is one the query parser accepts, and every check id they name is one the parser produces."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from analyzers.report.table3 import COLUMNS, ROW_KEYS
from analyzers.report.table4 import GROUPS
from indexer.search.fields import NUMERIC_FIELDS
from indexer.search.query import Range, parse_query

REPO = Path(__file__).resolve().parents[1]
DOCS = sorted((REPO / "docs").glob("*.md")) + [REPO / "README.md"]
CODE = re.compile(r"`([^`\n]+)`")
# what an index field looks like: the year, a table cell, a derived total or count
FIELD_SHAPE = re.compile(r"^(year|t[34]_[a-z0-9_]+|[a-z]+(?:_[a-z]+)*_(?:total|corrected|count))$")
# FIELD OP NUMBER as the grammar writes it; FIELD a Chinese name or a field-shaped identifier
COMPARISON = re.compile(r"(?:^|[\s-])([\u4e00-\u9fff]+|[a-z][a-z0-9_]*)\s*(?:>=|<=|≥|≤|>|<|=)\s*-?\d+(?:\s|$)")
CHECK_SHAPE = re.compile(r"^t3_(?:identity|results|applicants)_[a-z_]+$")


def sections(path: Path) -> list[tuple[str, str]]:
    """(heading, text) of each section of a Markdown file."""
    parts = re.split(r"^(#{1,6} .*)$", path.read_text(encoding="utf-8"), flags=re.M)
    return list(zip(["", *parts[1::2]], parts[0::2]))


def code_spans(path: Path, skip: str) -> list[str]:
    """Inline code in a doc, leaving out sections whose heading holds `skip` (e.g. the
    Errors section, which shows wrong input on purpose)."""
    return [span for heading, text in sections(path) if skip not in heading.lower() for span in CODE.findall(text)]


def is_query_example(span: str) -> bool:
    """Whether inline code holds a numeric filter (a Chinese name or a field-shaped name compared with a number)."""
    return any(re.search(r"[\u4e00-\u9fff]", name) or FIELD_SHAPE.match(name) for name in COMPARISON.findall(span))


def test_the_query_grammar_table_is_generated_from_the_code():
    check = subprocess.run([sys.executable, str(REPO / "scripts" / "gen_query_fields.py"), "--check"],
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 0, check.stderr


def test_every_numeric_field_the_query_grammar_names_is_accepted_by_the_query_parser():
    names = {span for span in code_spans(REPO / "docs" / "query-grammar.md", "error") if FIELD_SHAPE.match(span)}
    assert "t3_new_total" in names and "failed_check_count" in names  # the extraction finds them
    for name in sorted(names):
        clause = parse_query(f"{name}>=1").children[0]
        assert isinstance(clause, Range) and clause.field in NUMERIC_FIELDS, name


def test_every_numeric_filter_example_in_the_docs_parses():
    examples = [span for path in DOCS for span in code_spans(path, "error") if is_query_example(span)]
    assert any("新收>=10" in example for example in examples)
    for example in examples:
        assert any(isinstance(clause, Range) for clause in parse_query(example).children), example


def test_every_check_id_the_docs_name_is_one_the_parser_produces():
    produced = ({f"t3_identity_{column}" for column in COLUMNS} | {f"t3_results_{column}" for column in COLUMNS}
                | {f"t3_applicants_{row}" for row in ROW_KEYS} | {f"t4_{group}_total" for group in GROUPS})
    # (the Evaluation section names gold-label keys such as t3_identity_holds, which are not checks)
    named = {span for path in DOCS for span in code_spans(path, "evaluation") if CHECK_SHAPE.match(span)}
    assert named and named <= produced, named - produced
