"""Crawler text dumps that run the whole report page into one line: the last heading with
a short body after it, the signature after a space, and the page's own links
('附件下载') after the signature."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.parser import variants as v


def _one_line(tail: str = "") -> bytes:
    """The hand-made text report with every line run into one, and `tail` after it."""
    text = v.text_report(v.text_rows(), [" ".join(map(str, v.TABLE4))]).decode()
    return ("".join(text.split("\n")) + tail).encode()


def test_the_last_heading_glued_to_a_short_body_keeps_its_body():
    sections = v.parse(_one_line())["sections"]
    assert sections["other"] == v.SECTIONS["other"][1]
    assert sections["problems"] == v.SECTIONS["problems"][1]


@pytest.mark.parametrize("links", ["附件下载", " 附件下载", " 【打印本页】【关闭窗口】", " 打印本页 关闭窗口", ""])
def test_the_signature_and_the_page_links_after_it_leave_the_last_section(links):
    report = v.parse(_one_line(" 某某市生态环境局 2024年1月20日" + links))
    assert report["sections"]["other"] == v.SECTIONS["other"][1]


def test_a_body_without_a_full_stop_loses_the_signature_after_a_space():
    text = _one_line().decode().replace(v.SECTIONS["other"][1], "无") + " 某某市生态环境局 2024年1月20日"
    assert v.parse(text.encode())["sections"]["other"] == "无"


@pytest.mark.parametrize("name, other", [
    ("corpus-dev/08.src", "2022年，无收取信息处理费情况。"),
    ("corpus-dev/04.src", "无其他需要报告的事项"),
    ("corpus-years/czj-2020.txt", "无其他需要报告事项。"),
    ("corpus-years/shs-2022.txt", "2022年度我局未产生信息公开处理费。"),
    ("corpus-years/shs-2019.txt", "无"),
])
def test_real_one_line_dumps_end_section_six_with_its_own_text(corpus_years_dir: Path, name: str, other: str):
    report = v.parse((corpus_years_dir.parent / name).read_bytes())
    assert report["sections"]["other"] == other
