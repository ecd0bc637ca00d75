"""Mutated reports: the parser returns a result or raises its own ReportError, nothing else."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzers.errors import ReportError
from analyzers.report import ParsedReport, parse_report

ROOT = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=1)
def sources(corpus_dev_dir: Path) -> list[bytes]:
    """A seed and three real reports of the shared corpus (one cut to its tables)."""
    return [
        (ROOT / "data" / "seeds" / "004_dd49fe4a91b4c513.txt").read_bytes(),
        (corpus_dev_dir / "04.src").read_bytes(),
        (corpus_dev_dir / "01.src").read_bytes(),
        (corpus_dev_dir / "11.src").read_bytes()[28000:60000],
    ]


@st.composite
def mutated_reports(draw, originals: list[bytes]) -> bytes:
    """A real report with lines deleted, duplicated or shuffled, bytes injected, or cut short."""
    lines = draw(st.sampled_from(originals)).split(b"\n")
    for _ in range(draw(st.integers(0, 4))):
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "inject", "digits"]))
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines) - 1))
        if action == "delete":
            del lines[i:i + draw(st.integers(1, 20))]
        elif action == "duplicate":
            lines.insert(j, lines[i])
        elif action == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        elif action == "inject":
            lines.insert(i, draw(st.binary(max_size=40)))
        else:
            lines.insert(i, draw(st.text(alphabet="0123456789 /-、.（）一二三四五", max_size=40)).encode())
        if not lines:
            lines = [b""]
    data = b"\n".join(lines)
    return data[: draw(st.integers(0, len(data)))] if draw(st.booleans()) else data


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(drawn=st.data())
def test_a_mutated_report_parses_or_raises_a_report_error(corpus_dev_dir: Path, drawn: st.DataObject):
    data = drawn.draw(mutated_reports(sources(corpus_dev_dir)))
    try:
        result = parse_report(data, None, with_keywords=False)
    except ReportError as error:
        assert error.reason and str(error)
    else:
        assert isinstance(result, ParsedReport)
        assert set(result.to_dict()["requests"]["rows"]) >= {"new", "processed_total"}


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=2000))
def test_random_bytes_parse_or_raise_a_report_error(data: bytes):
    try:
        parse_report(data, None, with_keywords=False)
    except ReportError:
        pass


@settings(max_examples=30, deadline=None)
@given(st.binary(max_size=600))
def test_random_bytes_behind_a_pdf_or_zip_header_raise_a_report_error(data: bytes):
    for header in (b"%PDF-1.4\n", b"PK\x03\x04"):
        try:
            parse_report(header + data, None, with_keywords=False)
        except ReportError:
            pass
