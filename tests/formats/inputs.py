"""Build legacy Office files, workbooks and bad inputs from a seed's blocks, for format tests."""

from __future__ import annotations

import io
import zipfile

import olefile

from analyzers.extract.blocks import Document, Paragraph, Table
from analyzers.extract.office import convert_to


def build_xlsx(document: Document) -> bytes:
    """A workbook holding the report: paragraphs as rows merged across the sheet, tables as
    cell rows whose empty label cells are merged into the label above (as Excel users do)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    width = max(len(row) for block in document.blocks if isinstance(block, Table) for row in block.rows)
    for block in document.blocks:
        if isinstance(block, Paragraph):
            sheet.append([block.text])
            sheet.merge_cells(start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=width)
            continue
        first = sheet.max_row + 1
        for row in block.rows:
            sheet.append(list(row) + [None] * (width - len(row)))
        for r in range(first + 1, sheet.max_row + 1):
            label, above = sheet.cell(r, 1), sheet.cell(r - 1, 1)
            if not label.value and above.value and any(sheet.cell(r, c).value for c in range(2, width + 1)):
                sheet.merge_cells(start_row=r - 1, start_column=1, end_row=r, end_column=1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def legacy(data: bytes, source: str, target: str) -> bytes:
    """A DOCX/XLSX converted by LibreOffice to the legacy binary format (.doc / .xls)."""
    return convert_to(data, source, target)


def with_word_encryption_flag(doc: bytes) -> bytes:
    """The .doc with the FIB's fEncrypted bit set, as Word writes a password-protected file."""
    ole = olefile.OleFileIO(io.BytesIO(doc), write_mode=True)
    stream = bytearray(ole.openstream("WordDocument").read())
    stream[0x0B] |= 0x01
    ole.write_stream("WordDocument", bytes(stream))
    ole.fp.seek(0)
    data = ole.fp.read()
    ole.close()
    return data


def corrupt_ole() -> bytes:
    """An OLE2 signature followed by a header whose sector tables point nowhere."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8


def zip_bomb_xlsx() -> bytes:
    """A small file named like a workbook whose one part unpacks to 64 MB of the same byte."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("xl/worksheets/sheet1.xml", "w") as part:
            chunk = b"0" * (1 << 20)
            for _ in range(64):
                part.write(chunk)
    return buffer.getvalue()


def encrypted_pdf() -> bytes:
    """A PDF that needs a password to open (reportlab's standard encryption)."""
    from reportlab.lib import pdfencrypt
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, encrypt=pdfencrypt.StandardEncryption("secret", canPrint=0))
    page.setFont("Helvetica", 12)
    page.drawString(72, 720, "annual report")
    page.showPage()
    page.save()
    return buffer.getvalue()


def many_pages_pdf(pages: int) -> bytes:
    """A text PDF with `pages` pages."""
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for number in range(pages):
        pdf.drawString(72, 720, f"page {number}")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()
