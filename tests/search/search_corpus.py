"""A small fixed corpus of hand-written report dicts (DESIGN §2 shape) for the contract tests."""

from __future__ import annotations

from typing import Any

from indexer.documents import build_index_document
from indexer.search.fields import T3_ROWS

BLANK_ROW = [None] * 7


def _t3(new: int | None, granted: int | None, denied_secret: int | None = 0) -> dict:
    """Table 三 rows with the 总计 column filled (other columns blank or split simply)."""
    rows: dict[str, list[Any]] = {row: list(BLANK_ROW) for row in T3_ROWS}
    rows["new"] = [new, 0, 0, 0, 0, 0, new] if new is not None else list(BLANK_ROW)
    rows["granted"] = [None] * 6 + [granted]
    rows["denied_state_secret"] = [None] * 6 + [denied_secret]
    return {"columns": ["natural_person", "commercial", "research", "social_welfare", "legal_service", "other_org", "total"], "rows": rows}


def _t4(review: tuple[int, int, int, int], litigation: tuple[int, int, int, int] = (0, 0, 0, 0)) -> dict:
    """Table 四 from (upheld, corrected, other, pending) of review and direct litigation."""
    def group(cells: tuple[int, int, int, int]) -> dict:
        """One table 四 group with its total."""
        return dict(zip(("upheld", "corrected", "other", "pending"), cells), total=sum(cells))
    return {"review": group(review), "litigation_direct": group(litigation), "litigation_after_review": group((0, 0, 0, 0))}


def report(title: str, agency: str, year: int, fmt: str, region: tuple, problems: str, **extra: Any) -> dict:
    """One report dict; `extra` overrides tables, checks, tags and flags."""
    province, city, county, town = region
    overview = extra.pop("overview", f"{agency}认真贯彻落实《中华人民共和国政府信息公开条例》，依法做好政府信息公开工作。")
    return {
        "title": title, "agency": agency, "year": year, "published_on": f"{year + 1}-01-20", "format": fmt,
        "region": {"province": province, "city": city, "county": county, "town": town, "code": None},
        "sections": {"overview": overview, "active": "主动公开政府信息。", "requests": "依申请公开情况见下表。",
                     "review": "行政复议和行政诉讼情况见下表。", "problems": problems, "other": None},
        "requests": extra.pop("requests", _t3(5, 3)),
        "review_litigation": extra.pop("review_litigation", _t4((0, 0, 0, 0))),
        "checks": extra.pop("checks", [{"id": "t3_identity_total", "ok": True, "message": "平衡"}]),
        "issue_tags": extra.pop("issue_tags", []),
        "issue_keywords": [],
        "warnings": [],
        **extra,
    }


FUJIAN = ("福建省", "福州市", "平潭综合实验区", None)
PINGTAN_TOWN = ("福建省", "福州市", "平潭综合实验区", "潭城镇")
JIANGSU = ("江苏省", "宿迁市", "沭阳县", None)
SHANGHAI = ("上海市", None, None, None)

REPORTS: dict[str, dict] = {
    "r01": report("平潭综合实验区2019年政府信息公开工作年度报告", "平潭综合实验区管委会", 2019, "2019", FUJIAN,
                  "政务公开工作人员业务能力有待提高。", requests=_t3(23, 20, 1), issue_tags=["staffing"],
                  review_litigation=_t4((1, 0, 0, 0))),
    "r02": report("潭城镇2022年政府信息公开工作年度报告", "潭城镇人民政府", 2022, "2021", PINGTAN_TOWN,
                  "信息发布不够及时，网站栏目更新较慢。", requests=_t3(0, 0), issue_tags=["timeliness"]),
    "r03": report("沭阳县发展和改革局2023年政府信息公开年度报告", "沭阳县发展和改革局", 2023, "2021", JIANGSU,
                  "主动公开的深度和广度还不够，解读材料形式单一。", requests=_t3(150, 120, 4),
                  review_litigation=_t4((2, 1, 0, 1), (1, 1, 0, 0)), issue_tags=["depth", "interpretation"],
                  checks=[{"id": "t3_identity_total", "ok": False, "message": "不平衡"}, {"id": "t4_review_sum", "ok": True, "message": "平衡"}]),
    "r04": report("上海市人民政府办公厅2024年政府信息公开工作年度报告", "上海市人民政府办公厅", 2024, "2021", SHANGHAI,
                  "依申请公开答复的规范性仍需加强。", requests=_t3(64, 40, 2), issue_tags=["interpretation"],
                  review_litigation=_t4((0, 2, 0, 0))),
    "r05": report("沭阳县人民政府2025年政府信息公开工作年度报告", "沭阳县人民政府", 2025, "2021", JIANGSU,
                  "政府信息管理<script>alert(1)</script>制度不够健全。", requests=_t3(None, None, None),
                  checks=[{"id": "t4_review_sum", "ok": False, "message": "复议合计不符"}]),
    "r06": report("平潭综合实验区财政金融局2024年度政府信息公开工作年度报告", "平潭综合实验区财政金融局", 2024, "2021", FUJIAN,
                  "公开意识有待增强，复议纠正案件反映出工作短板。", requests=_t3(7, 7, 0), issue_tags=["staffing", "depth"],
                  review_litigation=_t4((0, 1, 0, 0)), overview="行政复议 工作 依法 开展。财政资金信息按时公开。"),
    "r07": report("合成县2023年政府信息公开工作年度报告", "合成县人民政府", 2023, "2019", ("江苏省", "宿迁市", "泗洪县", None),
                  "样例报告的问题部分。", requests=_t3(12, 10, 0), synthetic=True),
}

PROVENANCE = {"url": "https://example.gov.cn/{id}.html", "sha256": "{id}" + "0" * 61, "fetched_at": "2026-01-05T08:00:00+00:00", "batch": "test"}


# when each report was first archived: deliberately not in year order (r01, of 2019, came in last)
ARCHIVED_AT = {
    "r01": "2026-03-09T10:00:00+00:00", "r02": "2026-01-05T08:00:00+00:00", "r03": "2026-02-01T12:30:00+00:00",
    "r04": "2026-01-20T09:00:00+00:00", "r05": "2026-01-06T08:00:00+00:00", "r06": "2026-02-14T00:00:00+00:00",
    "r07": "2026-03-01T00:00:00+00:00", "r04old": "2025-12-31T23:00:00+00:00",
}


def provenance(report_id: str, superseded: bool = False) -> dict:
    """Provenance of a corpus report (a made-up but well-formed source)."""
    fields = {key: value.replace("{id}", report_id) for key, value in PROVENANCE.items()}
    return fields | {"superseded": superseded, "archived_at": ARCHIVED_AT[report_id]}


def index_documents() -> list[dict]:
    """Every corpus report as an index document, plus one superseded older version of r04."""
    documents = [build_index_document(rid, rep, provenance(rid)) for rid, rep in REPORTS.items()]
    old = dict(REPORTS["r04"], title="上海市人民政府办公厅2024年政府信息公开工作年度报告（旧版）")
    documents.append(build_index_document("r04old", old, provenance("r04old", superseded=True)))
    return documents
