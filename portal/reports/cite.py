"""How to cite a report page: GB/T 7714-2015, APA (7th ed.) and BibTeX, from one set of facts.

A citation names the report as the agency published it (author = the agency, date = its
publication date when the parser found one), points at this archive's stable URL, and
carries the SHA-256 of the archived original so a reader can check they hold the same
file. Without a publication date, APA says n.d. and GB/T 7714 leaves the date out; the
year the report covers stays in its title.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ARCHIVE_NAME = "政府信息公开工作年度报告检索"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # APA's English month names, whatever the server's locale
# characters BibTeX treats as markup inside a braced value
BIBTEX_SPECIAL = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "%": r"\%", "&": r"\&", "#": r"\#",
                  "$": r"\$", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}"}


@dataclass(frozen=True)
class CitationFacts:
    """What every citation style needs to know about one report."""

    report_id: str
    title: str
    agency: str
    year: int | None
    published_on: str | None  # YYYY-MM-DD
    url: str
    sha256: str | None
    accessed: date


@dataclass(frozen=True)
class Citation:
    """One style's name, its element id and text."""

    key: str
    label: str
    text: str


def gbt7714(f: CitationFacts) -> str:
    """GB/T 7714-2015, electronic resource ([EB/OL]): author. title[EB/OL]. (published)[accessed]. URL."""
    published = f"({f.published_on})" if f.published_on else ""
    text = f"{f.agency}. {f.title}[EB/OL]. {published}[{f.accessed.isoformat()}]. {f.url}."
    return text + (f" SHA-256: {f.sha256}." if f.sha256 else "")


def apa(f: CitationFacts) -> str:
    """APA 7th edition, a report by a government agency found in an archive, with the retrieval date."""
    when = "n.d."
    if f.published_on:
        published = date.fromisoformat(f.published_on)
        when = f"{published.year}, {MONTHS[published.month - 1]} {published.day}"
    accessed = f"{MONTHS[f.accessed.month - 1]} {f.accessed.day}, {f.accessed.year}"
    text = f"{f.agency}. ({when}). {f.title} [Annual report]. {ARCHIVE_NAME}. Retrieved {accessed}, from {f.url}"
    return text + (f" (SHA-256: {f.sha256})" if f.sha256 else "")


def _bib(value: str) -> str:
    """A value safe inside BibTeX braces."""
    return "".join(BIBTEX_SPECIAL.get(c, c) for c in value)


def bibtex(f: CitationFacts) -> str:
    """A BibTeX @misc entry (biblatex-style url/urldate, the agency braced as one corporate author)."""
    fields = [("author", "{" + _bib(f.agency) + "}"), ("title", _bib(f.title))]
    if f.published_on:
        fields += [("year", f.published_on[:4]), ("date", f.published_on)]
    fields += [("howpublished", ARCHIVE_NAME), ("url", f.url), ("urldate", f.accessed.isoformat())]
    if f.sha256:
        fields.append(("note", f"SHA-256: {f.sha256}"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{nianbao-{f.report_id},\n{body}\n}}"


def citations(facts: CitationFacts) -> list[Citation]:
    """The three styles, in the order the page shows them."""
    return [Citation("gbt7714", "GB/T 7714", gbt7714(facts)), Citation("apa", "APA", apa(facts)),
            Citation("bibtex", "BibTeX", bibtex(facts))]
