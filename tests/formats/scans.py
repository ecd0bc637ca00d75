"""Render a seed's blocks as scanned pages: CJK text, ruled tables with merged label cells,
a slight rotation, noise and specks, saved as JPEG pages inside a PDF (no text layer)."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from analyzers.extract.blocks import Document, Paragraph, Table

FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
PAGE = (2339, 1654)  # A4 landscape at 200 dpi
MARGIN = 110
SIZE = 24  # px: about 8.6 pt at 200 dpi, as report tables are printed
LINE = 34
PAD = 8


class _Pages:
    """A cursor over pages being drawn."""

    def __init__(self) -> None:
        self.font = ImageFont.truetype(str(FONT), SIZE)
        self.pages: list[Image.Image] = []
        self.new_page()

    def new_page(self) -> None:
        """Start a blank page at the top margin."""
        self.pages.append(Image.new("L", PAGE, 255))
        self.draw = ImageDraw.Draw(self.pages[-1])
        self.y = MARGIN

    def room(self, height: int) -> None:
        """Turn the page unless `height` px fit above the bottom margin."""
        if self.y + height > PAGE[1] - MARGIN:
            self.new_page()

    def wrap(self, text: str, width: int) -> list[str]:
        """Break `text` into lines no wider than `width` px."""
        lines, current = [], ""
        for char in text:
            if current and self.draw.textlength(current + char, font=self.font) > width:
                lines.append(current)
                current = ""
            current += char
        return lines + ([current] if current else [])


def _paragraph(pages: _Pages, text: str) -> None:
    for line in pages.wrap(text, PAGE[0] - 2 * MARGIN):
        pages.room(LINE)
        pages.draw.text((MARGIN, pages.y), line, font=pages.font, fill=0)
        pages.y += LINE
    pages.y += 6


def _grid(table: Table) -> list[list[str]]:
    width = max(len(row) for row in table.rows)
    return [list(row) + [""] * (width - len(row)) for row in table.rows]


def _widths(pages: _Pages, grid: list[list[str]]) -> list[int]:
    """Natural column widths, the widest shrunk until the table fits the page."""
    natural = [max(int(pages.draw.textlength(row[c], font=pages.font)) + 2 * PAD for row in grid) for c in range(len(grid[0]))]
    widths = [max(60, w) for w in natural]
    while sum(widths) > PAGE[0] - 2 * MARGIN:
        widest = widths.index(max(widths))
        widths[widest] -= 10
    return widths


def _table(pages: _Pages, table: Table) -> None:
    """A ruled table; an empty first-column cell below a label is merged into it."""
    grid = _grid(table)
    widths = _widths(pages, grid)
    merged = [r > 0 and grid[r][0] == "" and (grid[r - 1][0] or merged_above) and any(grid[r][1:])
              for r, merged_above in _with_previous(grid)]
    xs = [MARGIN + sum(widths[:c]) for c in range(len(widths) + 1)]
    for r, row in enumerate(grid):
        lines = [pages.wrap(text, widths[c] - 2 * PAD) or [""] for c, text in enumerate(row)]
        height = max(len(cell) for cell in lines) * LINE + 2 * PAD
        if pages.y + height > PAGE[1] - MARGIN:
            pages.draw.line((xs[0], pages.y, xs[1], pages.y), fill=0, width=2)
            pages.new_page()
            merged[r] = False
        top = pages.y
        for c, cell in enumerate(lines):
            left = 1 if c == 0 and merged[r] else 0
            if not left:
                pages.draw.line((xs[c], top, xs[c + 1], top), fill=0, width=2)
            for i, text in enumerate(cell):
                pages.draw.text((xs[c] + PAD, top + PAD + i * LINE), text, font=pages.font, fill=0)
        for x in xs:
            pages.draw.line((x, top, x, top + height), fill=0, width=2)
        pages.y += height
        continues = r + 1 < len(grid) and merged[r + 1]
        pages.draw.line((xs[1] if continues else xs[0], pages.y, xs[-1], pages.y), fill=0, width=2)
    pages.y += 20


def _with_previous(grid: list[list[str]]):
    """(row index, whether the row above was itself merged upward)."""
    above = False
    for r in range(len(grid)):
        yield r, above
        above = r > 0 and grid[r][0] == "" and any(grid[r][1:])


def render_pages(document: Document) -> list[Image.Image]:
    """Clean page images of the document."""
    pages = _Pages()
    for block in document.blocks:
        if isinstance(block, Paragraph):
            _paragraph(pages, block.text)
        else:
            _table(pages, block)
    return pages.pages


def scanned(page: Image.Image, angle: float, seed: int) -> Image.Image:
    """What a scanner makes of a page: turned by `angle` degrees, grey noise and dust."""
    rng = np.random.default_rng(seed)
    turned = page.rotate(angle, resample=Image.BICUBIC, expand=False, fillcolor=255)
    shape = (page.size[1], page.size[0])
    pixels = np.asarray(turned, dtype=np.float32) + rng.normal(0, 10, shape)
    specks = rng.random(shape) < 0.0004
    pixels[specks] = 0
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def scanned_pdf(pages: list[Image.Image]) -> bytes:
    """Page images as a PDF of JPEG pages (no text layer), as scanners produce."""
    buffer = io.BytesIO()
    rgb = [page.convert("RGB") for page in pages]
    rgb[0].save(buffer, format="PDF", save_all=True, append_images=rgb[1:], resolution=200, quality=85)
    return buffer.getvalue()
