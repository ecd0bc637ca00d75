"""Build the compact gazetteer and character table in analyzers/data/ from jionlp's dictionaries."""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "analyzers" / "data"
LEVELS = "pcdt"  # province, city, county (district), town; villages (depth 4) are dropped
TOWN_SUFFIXES = ("街道办事处", "地区办事处", "办事处", "街道", "镇", "乡", "苏木", "地区")


def jionlp_dictionary_dir(explicit: str | None) -> Path:
    """Locate jionlp's dictionary folder without importing jionlp (its import is slow)."""
    if explicit:
        return Path(explicit)
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("jionlp is not installed: pip install 'nianbao[gazetteer]' or pass --jionlp-dir")
    return Path(next(iter(spec.submodule_search_locations))) / "dictionary"


def town_short(name: str) -> str:
    """Strip a town-level suffix (镇, 乡, 街道 ...) unless nothing would remain."""
    for suffix in TOWN_SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return name


def read_tree(path: Path) -> list[list[str]]:
    """Rows [level, name, short, code, parent_index] from the tab-indented location tree."""
    rows: list[list[str]] = []
    stack: list[int] = []  # index of the current ancestor at each depth
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        depth = len(line) - len(line.lstrip("\t"))
        if depth >= len(LEVELS):
            continue
        fields = line.strip("\t").split("\t")
        name = fields[0].strip()
        code = fields[1].strip() if len(fields) > 1 else ""
        short = fields[2].strip() if len(fields) > 2 else ""
        if depth == 3:
            short = town_short(name)
        del stack[depth:]
        parent = stack[-1] if stack else -1
        stack.append(len(rows))
        rows.append([LEVELS[depth], name, short or name, code, str(parent)])
    return rows


def read_area_codes(path: Path) -> list[tuple[str, str, str]]:
    """(code, province short, city short) rows that pass two consistency filters.

    jionlp's table has placeholder rows (0431..0439 all 吉林/吉林, though 0431 is 长春)
    and strays (0555 辽宁/鞍山 inside Anhui's 055x block). A city named like its
    province with several codes is a placeholder; a row whose province is not the
    majority province of its 3-digit block is a stray. Both are dropped.
    """
    rows = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        parts = raw.strip().split(" ", 1)
        if len(parts) == 2 and "/" in parts[1]:
            rows.append((parts[0], *parts[1].split("/", 1)))
    per_city = Counter((province, city) for _, province, city in rows)
    blocks: dict[str, Counter] = {}
    for code, province, _ in rows:
        blocks.setdefault(code[:3], Counter())[province] += 1
    return [
        (code, province, city) for code, province, city in rows
        if not (city == province and per_city[(province, city)] > 2)
        and (len(code) == 3 or blocks[code[:3]].most_common(1)[0][0] == province)
    ]


def attach_area_codes(rows: list[list[str]], path: Path) -> int:
    """Append each city's landline area codes (e.g. 0536 for 潍坊市); return how many matched."""
    by_key: dict[tuple[str, str], int] = {}
    for index, row in enumerate(rows):
        if row[0] == "c":
            province = rows[int(row[4])]
            by_key[(province[2], row[2])] = index
    codes: dict[int, list[str]] = {}
    for code, province_short, city_short in read_area_codes(path):
        index = by_key.get((province_short, city_short))
        if index is not None:
            codes.setdefault(index, []).append(code)
    for index, row in enumerate(rows):
        row.append(",".join(codes.get(index, [])))
    return sum(len(v) for v in codes.values())


def plain_pinyin(syllable: str) -> str:
    """Drop tone marks: táng -> tang, lǜ -> lv."""
    decomposed = unicodedata.normalize("NFD", syllable).replace("u\u0308", "v")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def read_chars(path: Path) -> list[tuple[str, str, str]]:
    """(char, toneless pinyin, wubi code) rows; wubi codes encode a glyph's components."""
    out = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        fields = raw.rstrip("\r").split("\t")
        if len(fields) < 8 or len(fields[0]) != 1:
            continue
        reading = re.match(r"\[([^\]]+)\]", fields[7])
        pinyin = plain_pinyin(reading.group(1)) if reading else ""
        out.append((fields[0], pinyin, fields[6].strip()))
    return out


def write_gz(path: Path, header: str, lines: list[str]) -> int:
    """Write a deterministic gzip TSV (no name, mtime 0: rebuilding gives identical bytes)."""
    body = (header + "\n" + "\n".join(lines) + "\n").encode("utf-8")
    with open(path, "wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(body)
    return path.stat().st_size


def main(argv: list[str] | None = None) -> None:
    """Build analyzers/data/gazetteer.tsv.gz and chars.tsv.gz."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--jionlp-dir", help="jionlp's dictionary folder (default: the installed package)")
    parser.add_argument("--out", default=str(DATA_DIR), help="output folder")
    args = parser.parse_args(argv)
    source = jionlp_dictionary_dir(args.jionlp_dir)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = read_tree(source / "china_location.txt")
    matched = attach_area_codes(rows, source / "landline_phone_area_code.txt")
    size = write_gz(out / "gazetteer.tsv.gz", "level\tname\tshort\tcode\tparent\tarea_codes",
                    ["\t".join(row) for row in rows])
    counts = {level: sum(1 for row in rows if row[0] == level) for level in LEVELS}
    print(f"gazetteer.tsv.gz: {len(rows)} places {counts}, {matched} area codes, {size} bytes")
    chars = read_chars(source / "chinese_char_dictionary.txt")
    size = write_gz(out / "chars.tsv.gz", "char\tpinyin\twubi", ["\t".join(c) for c in chars])
    print(f"chars.tsv.gz: {len(chars)} characters, {size} bytes")


if __name__ == "__main__":
    main()
