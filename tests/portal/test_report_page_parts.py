"""The report page's parts on their own: summary sentences, Beijing times, citation styles, OCR notes."""

from __future__ import annotations

from datetime import date, datetime, timezone

from portal.reports.checklist import ocr_reading
from portal.reports.cite import CitationFacts, apa, bibtex, gbt7714
from portal.reports.summary import Figure, summarise
from portal.reports.times import beijing_time, iso_date, time_tag, today_in_beijing


def rows(**totals) -> dict:
    """Table 三 rows with the given 总计 values (None: a blank cell); every other row blank."""
    return {key: [None] * 6 + [value] for key, value in totals.items()}


def text(sentence) -> str:
    out = []
    for piece in sentence.pieces:
        if isinstance(piece, Figure):
            out.append("未读出" if piece.missing else ("至少" if piece.partial else "") + str(piece.value))
        else:
            out.append(piece)
    return "".join(out)


def test_the_summary_reads_totals_and_sums_outcome_groups_from_their_rows():
    report = {"requests": {"rows": rows(new=12, carried_over=1, processed_total=11, granted=5, partial=1,
                                        denied_state_secret=1, denied_third_party=2, other_total=2, carried_forward=2)},
              "review_litigation": {"review": {"total": 3, "corrected": 1},
                                    "litigation_direct": {"total": 2, "corrected": 0},
                                    "litigation_after_review": {"total": 1, "corrected": 1}}}
    sentences = [text(s) for s in summarise(report).sentences]
    assert sentences[0] == "本年度新收政府信息公开申请12件，上年结转1件。"
    assert sentences[1].startswith("办理完毕11件，其中予以公开5件，部分公开1件，不予公开3件，无法提供未读出件") and "其他处理2件" in sentences[1]
    assert sentences[2] == "因政府信息公开被申请行政复议3件，其中结果被纠正1件；被提起行政诉讼3件（未经复议直接起诉2件，复议后起诉1件），其中结果被纠正1件。"


def test_a_blank_figure_is_said_to_be_missing_never_zero_and_a_partial_sum_says_at_least():
    report = {"requests": {"rows": {**rows(new=None, granted=4, denied_state_secret=3),
                                    "denied_third_party": [None] * 7}}}
    summary = summarise(report)
    assert text(summary.sentences[0]).startswith("本年度新收政府信息公开申请未读出件")
    assert "不予公开至少3件" in text(summary.sentences[1]) and summary.has_missing
    assert summary.gaps == ("表四（行政复议、行政诉讼情况）未能从报告中读出，复议和诉讼件数不详。",)


def test_a_report_without_tables_gets_no_figures_but_says_why():
    summary = summarise({"format": None, "requests": {"rows": {}}, "review_litigation": {}})
    assert summary.sentences == () and len(summary.gaps) == 2 and "表三" in summary.gaps[0]


def test_a_report_from_before_the_2019_template_says_its_tables_were_not_read():
    summary = summarise({"year": 2017, "format": None, "requests": {"rows": {}}, "review_litigation": {}})
    assert summary.sentences == () and summary.gaps == ("本报告为 2017 年度，早于 2019 年版全国统一格式，表格格式不同，未读取其中的数字。",)


def test_times_are_shown_in_beijing_time_in_a_chinese_format():
    assert beijing_time("2024-03-05T06:02:09+00:00") == "2024年3月5日 14:02"
    assert beijing_time("2024-03-05T20:30:00Z") == "2024年3月6日 04:30"
    assert beijing_time("2024-03-05") == "2024年3月5日" and beijing_time(None) == "" and beijing_time("不详") == "不详"
    assert iso_date("2024-03-05T20:30:00+00:00") == "2024-03-06"
    assert str(time_tag("2024-03-05T06:02:00+00:00")) == '<time datetime="2024-03-05T14:02+08:00">2024年3月5日 14:02</time>'
    assert str(time_tag("<b>")) == "&lt;b&gt;"
    assert today_in_beijing(datetime(2026, 12, 5, 17, 0, tzinfo=timezone.utc)) == date(2026, 12, 6)


def facts(**changes) -> CitationFacts:
    base = dict(report_id="0123456789abcdef", title="某县人民政府2023年政府信息公开工作年度报告", agency="某县人民政府",
                year=2023, published_on="2024-01-20", url="https://nianbao.example/reports/0123456789abcdef",
                sha256="0123456789abcdef" + "0" * 48, accessed=date(2026, 12, 5))
    return CitationFacts(**{**base, **changes})


def test_citations_follow_gbt_7714_apa_and_bibtex():
    assert gbt7714(facts()) == ("某县人民政府. 某县人民政府2023年政府信息公开工作年度报告[EB/OL]. (2024-01-20)[2026-12-05]. "
                                "https://nianbao.example/reports/0123456789abcdef. SHA-256: " + "0123456789abcdef" + "0" * 48 + ".")
    assert apa(facts()).startswith("某县人民政府. (2024, January 20). 某县人民政府2023年政府信息公开工作年度报告 [Annual report]. ")
    assert "Retrieved December 5, 2026, from https://nianbao.example/reports/0123456789abcdef" in apa(facts())
    entry = bibtex(facts())
    assert entry.startswith("@misc{nianbao-0123456789abcdef,\n  author = {{某县人民政府}},") and entry.endswith("\n}")
    assert "  urldate = {2026-12-05}" in entry and "  year = {2024}" in entry


def test_citations_without_a_publication_date_and_with_bibtex_specials():
    undated = facts(published_on=None, title="A&B_报告{1}%")
    assert "[EB/OL]. [2026-12-05]." in gbt7714(undated) and "(n.d.)" in apa(undated)
    entry = bibtex(undated)
    assert r"title = {A\&B\_报告\{1\}\%}" in entry and "year =" not in entry


def test_ocr_warnings_become_chinese_notes_naming_pages_and_unread_cells():
    report = {"warnings": ["ocr: page(s) 2, 3 are scans: their text and numbers were read by OCR (numbers kept only at confidence >= 0.90)",
                           "ocr: page 2, table cell row 5 column 3: read '8' at confidence 0.55; left empty",
                           "check failed: x"]}
    found = ocr_reading(report)
    assert found.pages == (2, 3) and not found.whole
    assert found.doubtful == ("第2页表格第5行第3列：识别为“8”，可信度0.55，未达采用标准，该格按空白处理",)
    assert ocr_reading({"warnings": ["check failed: x"], "source_format": "pdf"}) is None
    assert ocr_reading({"warnings": [], "source_format": "image"}).whole
