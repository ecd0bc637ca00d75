"""The hand-made report as DOCX and PDF files: merged cells, wrapped labels, no borders."""

from __future__ import annotations

import pytest

from tests.parser import variants_files as files
from tests.parser.variants import assert_tables as _assert_tables
from tests.parser.variants import parse as _parse


@pytest.mark.parametrize("template", ["2021", "2019"])
def test_a_docx_with_merged_header_and_group_cells_reads_every_cell(template):
    report = _parse(files.docx_report(template))
    _assert_tables(report, template)
    assert (report["agency"], report["year"], report["published_on"]) == ("某某区人民政府办公室", 2023, "2024-01-20")


@pytest.mark.parametrize("template", ["2021", "2019"])
@pytest.mark.parametrize("ruled", [True, False])
def test_a_pdf_with_the_official_table_and_wrapped_labels_reads_every_cell(template, ruled):
    report = _parse(files.pdf_report(template, ruled))
    _assert_tables(report, template)
    assert (report["agency"], report["year"], report["published_on"]) == ("某某街道办事处", 2023, "2024-01-20")


def test_a_docx_whose_tables_sit_inside_content_controls_reads_every_cell():
    import io

    import docx
    from docx.oxml import OxmlElement

    document = docx.Document(io.BytesIO(files.docx_report()))
    body = document.element.body
    for table in list(body.iterchildren("{*}tbl")):
        sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
        table.addprevious(sdt)
        content.append(table)  # moves the table into the content control
        sdt.append(content)
    buffer = io.BytesIO()
    document.save(buffer)
    _assert_tables(_parse(buffer.getvalue()))
