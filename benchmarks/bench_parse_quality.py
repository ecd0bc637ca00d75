"""Section and table 二 quality figures of the parser over folders of real reports.

Usage: PYTHONPATH=<tree> .venv/bin/python benchmarks/bench_parse_quality.py /work/shared/corpus-dev /work/shared/corpus-years
Counts, per report: section 二's text holding table 二's header or figures, section 六 found,
a last section ending in the signature date or the page's 附件下载, and table 二 warnings.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from analyzers.errors import ReportError
from analyzers.report.parser import parse_report

_TABLE2_WORDS = re.compile(r"第二十条第|信息内容|本年制发件数|本年新制作数量")
_PAGE_END = re.compile(r"(附件下载|\d{4}年\d{1,2}月\d{1,2}日)\s*$")


def _reports(folders: list[str]) -> list[Path]:
    return sorted(p for folder in folders for p in Path(folder).iterdir() if p.suffix in (".src", ".txt")
                  and p.name != "README.md")


def main(folders: list[str]) -> None:
    counts = dict.fromkeys(("reports", "active_with_table2_text", "section6_found",
                            "last_section_ends_in_signature_or_links", "table2_warnings"), 0)
    for path in _reports(folders):
        try:
            report = parse_report(path.read_bytes(), path.name, with_keywords=False).to_dict()
        except ReportError:
            continue
        sections = report["sections"]
        texts = [text for text in sections.values() if text]
        counts["reports"] += 1
        counts["active_with_table2_text"] += bool(sections["active"] and _TABLE2_WORDS.search(sections["active"]))
        counts["section6_found"] += bool(sections["other"])
        counts["last_section_ends_in_signature_or_links"] += bool(texts and _PAGE_END.search(texts[-1]))
        counts["table2_warnings"] += sum(w.startswith("table2") for w in report["warnings"])
    print(" ".join(f"{key}={value}" for key, value in counts.items()))


if __name__ == "__main__":
    main(sys.argv[1:])
