"""Table 二 run into section 二's prose, as crawler text dumps of report pages print it
('…占26%。 第二十条第（一）项信息内容本年制发件数…规章000行政规范性文件808…行政事业性收费9116.36
(二)主动公开政府信息的主要类别…'): the figures go to table 二, never into the section's text."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.parser import variants as v

_BEFORE = "(一)主动公开政府信息的数量本年制作政府信息473条，主动公开的政府信息占26%。"
_AFTER = "(二)主动公开政府信息的主要类别本年主动公开文件类信息120条。"
_TABLE_WORDS = ("第二十条", "信息内容", "本年制发件数", "本年新制作数量", "行政规范性文件", "行政事业性收费")


def _glued_table2(template: str, cell_separator: str, line_separator: str) -> str:
    """Table 二's header and figures as one text: labels and cells run together."""
    table = v.TABLE2_2021 if template == "2021" else v.TABLE2_2019
    parts = []
    for label, cells in table:
        if label.startswith("第二十条"):
            parts.append(line_separator.join([label, *cells]))
        else:
            parts.append(label + line_separator + cell_separator.join(cells))
    return line_separator.join(parts)


def _report(section_two: str, template: str = "2021") -> dict:
    """A text report whose section 二 is the heading with `section_two` on its line."""
    heading, prose = v.SECTIONS["active"]
    text = v.text_report(v.text_rows(template), [" ".join(map(str, v.TABLE4))]).decode()
    return v.parse(text.replace(f"{heading}\n{prose}", heading + section_two).encode())


@pytest.mark.parametrize("template", ["2021", "2019"])
@pytest.mark.parametrize("cell_separator, line_separator", [(" ", ""), (" ", " "), ("\n", "\n")],
                         ids=["one-line", "spaced", "cell-per-line"])
def test_table2_run_into_section_two_stays_out_of_its_prose(template, cell_separator, line_separator):
    glued = _glued_table2(template, cell_separator, line_separator)
    report = _report(_BEFORE + line_separator + glued + line_separator + _AFTER, template)
    active = report["sections"]["active"]
    assert active.replace("\n", "").startswith(_BEFORE.rstrip("。"))
    assert _AFTER in active
    assert not any(word in active for word in _TABLE_WORDS)
    assert report["active_disclosure"]["licensing"]["decisions"] == 1483
    assert report["active_disclosure"]["punishment"]["decisions"] == 25
    if template == "2019":  # the 本年增/减 column's signed cells
        assert report["active_disclosure"]["licensing"] == {"previous_count": 120, "change": -3, "decisions": 1483}
        assert report["active_disclosure"]["fees"] == {"previous_count": 4, "change": -1}


def test_a_section_that_is_only_table2_has_no_prose():
    report = _report(_glued_table2("2021", " ", ""))
    assert report["sections"]["active"] is None
    assert report["active_disclosure"]["normative_documents"] == {"issued": 2, "repealed": 1, "in_force": 30}
    assert report["active_disclosure"]["fees"] == {"amount_10k_yuan": 12.5}


@pytest.mark.parametrize("sentence", [
    "依照《条例》第二十条第（一）项的规定，本年主动公开规章5件、行政规范性文件30件。",
    "第二十条第（五）项所列行政许可事项，本年作出处理决定1483件。",
    "公开的信息内容涉及行政许可12条，均已及时更新。",
])
def test_prose_that_cites_article_20_with_figures_is_kept(sentence):
    report = _report(sentence + _AFTER)
    assert report["sections"]["active"] == sentence + _AFTER


_REAL = ["corpus-years/czj-2021.txt", "corpus-years/czj-2022.txt", "corpus-years/czj-2023.txt",
         "corpus-years/czj-2025.txt", "corpus-dev/07.src"]


@pytest.mark.parametrize("name", _REAL)
def test_real_crawler_dumps_keep_table2_out_of_section_two(corpus_years_dir: Path, name: str):
    data = (corpus_years_dir.parent / name).read_bytes()
    report = v.parse(data)
    active = report["sections"]["active"]
    first, second = active.split("\n")[:2]
    assert first.startswith("(一)主动公开政府信息的数量") and first.endswith("。")
    assert second.startswith("(二)主动公开政府信息的主要类别")
    assert not any(word in active for word in _TABLE_WORDS)
    assert report["active_disclosure"]["fees"]["amount_10k_yuan"] > 0


def test_real_dump_table2_figures_are_still_read(corpus_years_dir: Path):
    report = v.parse((corpus_years_dir / "czj-2022.txt").read_bytes())
    assert report["active_disclosure"]["normative_documents"] == {"issued": 8, "repealed": 0, "in_force": 8}
    assert report["active_disclosure"]["licensing"] == {"decisions": 5}
    assert report["active_disclosure"]["fees"] == {"amount_10k_yuan": 9116.36}
