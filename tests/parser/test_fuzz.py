"""Fuzzing: any bytes give a parsed report or a typed error, never another exception, a hang or a
runaway allocation. Hypothesis drives hostile bytes, text, tables and digit runs in-process;
scripts/fuzz.py mutates real and synthetic reports in a fresh process whose peak RSS bounds
the memory of every input it parsed."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analyzers.errors import ParserFailure, ReportError
from analyzers.report import ParsedReport, parse_report

ROOT = Path(__file__).resolve().parents[2]
CPU_SECONDS_EACH = 5.0
PEAK_RSS_MB = 1024
MUTATED_INPUTS = 1500  # with the ~900 hypothesis examples below: a few thousand inputs per run
_EXAMPLES = settings(max_examples=300, deadline=None, derandomize=True,
                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

_PREFIXES = (b"", b"PK\x03\x04", b"%PDF-1.4\n", b"<html><body><table>", b"\xff\xfe", b"\xd0\xcf\x11\xe0")
_REPORT_CHARS = "信息公开年度报告一二三四五六七八九十、。（）本年新收上年结转总计行政复议诉讼 \t\n|0123456789/-—.,"
_SPAN = st.one_of(st.integers(-5, 10 ** 12).map(str), st.sampled_from(["inf", "NaN", "", "1e9", "２", "x"]))


def _parse_within_bounds(data: bytes, filename: str | None = None) -> None:
    """Parse, allowing only a result or a typed error (never a ParserFailure), in bounded CPU time."""
    start = time.process_time()
    try:
        result = parse_report(data, filename, with_keywords=False)
    except ParserFailure as error:
        raise AssertionError(f"the parser failed unexpectedly: {error}") from error
    except ReportError as error:
        assert error.reason and str(error)
    else:
        assert isinstance(result, ParsedReport)
        json.dumps(result.to_dict(), allow_nan=False)  # finite numbers only: exports and the API need them
    assert time.process_time() - start <= CPU_SECONDS_EACH


def _report(rows: list[str], table4: str) -> bytes:
    """A short report whose table 三 rows and table 四 run are the given text."""
    return ("某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本县坚持信息公开。\n"
            "三、收到和处理政府信息公开申请情况\n" + "\n".join(rows) +
            f"\n四、政府信息公开行政复议、行政诉讼情况\n行政复议 行政诉讼\n{table4}\n"
            "五、存在的主要问题及改进情况\n问题。\n").encode()


@_EXAMPLES
@given(st.sampled_from(_PREFIXES), st.binary(max_size=5000))
def test_random_bytes_behind_any_file_signature_parse_or_raise_a_typed_error(prefix: bytes, data: bytes):
    _parse_within_bounds(prefix + data)


@_EXAMPLES
@given(st.text(alphabet=_REPORT_CHARS, max_size=4000), st.sampled_from(["utf-8", "gb18030", "utf-16"]),
       st.sampled_from([None, "x.html", "x.txt"]))
def test_report_like_text_in_any_encoding_parses_or_raises_a_typed_error(text: str, encoding: str, name):
    _parse_within_bounds(text.encode(encoding), name)


@_EXAMPLES
@given(st.lists(st.lists(st.tuples(_SPAN, _SPAN, st.text("0123456789/本年新收", max_size=8)), max_size=24),
                min_size=1, max_size=30))
def test_tables_with_any_spans_parse_or_raise_a_typed_error(rows: list):
    body = "".join("<tr>" + "".join(f'<td rowspan="{r}" colspan="{c}">{t}</td>' for r, c, t in row) + "</tr>"
                   for row in rows)
    page = f"<html><body><p>信息公开年度报告</p><h2>三、收到和处理政府信息公开申请情况</h2><table>{body}</table></body></html>"
    _parse_within_bounds(page.encode(), "x.html")


@_EXAMPLES
@given(st.lists(st.tuples(st.sampled_from(["本年新收", "上年结转", "予以公开", "总计", ""]),
                          st.lists(st.text("0123456789", min_size=1, max_size=120), max_size=9)), max_size=12),
       st.text("0123456789 ", max_size=300))
def test_fused_digit_runs_of_any_length_parse_or_raise_a_typed_error(rows: list, table4: str):
    _parse_within_bounds(_report([label + " " + " ".join(runs) for label, runs in rows], table4), "x.txt")


def test_mutated_real_reports_parse_or_raise_a_typed_error_within_5_s_and_1_gb_each():
    command = [sys.executable, str(ROOT / "scripts" / "fuzz.py"), "--count", str(MUTATED_INPUTS), "--seed", "10",
               "--timeout", "30", "--json"]
    finished = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=ROOT)
    figures = json.loads(finished.stdout.strip().splitlines()[-1])
    assert figures["inputs"] == MUTATED_INPUTS
    assert figures["bugs"] == 0 and figures["hung"] == 0, figures["failures"]
    assert figures["slowest_cpu_seconds"] <= CPU_SECONDS_EACH, figures["slowest_input"]
    assert figures["peak_rss_mb"] <= PEAK_RSS_MB, (figures["largest_rise_mb"], figures["largest_rise_input"])
    assert figures["parsed"] > MUTATED_INPUTS // 10 and sum(figures["typed_errors"].values()) > MUTATED_INPUTS // 10
    assert all(figures["seed_files"][kind] for kind in ("txt", "html", "docx", "pdf"))
    assert finished.returncode == 0
