"""The unit page's model: years as columns, key figures as rows, checks, timeliness, copy shares, a chart."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from indexer.years.figures import KEY_FIGURES
from indexer.years.store import YearsStore
from portal.charts import responsive
from portal.units.chart import line_chart

TIMELINESS_LABELS = {"on_time": "按时发布", "unknown_date": "发布日期不明", "unknown_year": "年度不明"}
KIND_LABELS = {"department": "政府部门（1月31日前）", "government": "人民政府（3月31日前）",
               "town": "乡镇、街道（按3月31日）", "unknown": "类别不明（按3月31日）"}
RULE_LABELS = {"alias": "别名表", "abbreviation": "规范简称", "zone_committee": "管委会即该区政府",
               "bare_place": "仅有地名即该地政府", "region_prefix": "去掉地名前缀"}


@dataclass
class YearColumn:
    """One year of a unit: its counted report, or a gap when none was seen."""

    year: int
    report: dict | None = None
    changes: dict[str, Any] = field(default_factory=dict)
    versions: list[dict] = field(default_factory=list)

    @property
    def result(self) -> dict:
        """The stored analysis of the counted report (empty for a gap)."""
        return (self.report or {}).get("result") or {}

    @property
    def timeliness_label(self) -> str:
        """On time, late by N days, date unknown, in Chinese."""
        found = self.result.get("timeliness") or {}
        if found.get("status") == "late":
            return f"逾期{found.get('days_late')}天"
        return TIMELINESS_LABELS.get(found.get("status"), "—")


@dataclass
class UnitPage:
    """Everything the unit page shows, from two indexed reads."""

    unit: dict
    columns: list[YearColumn]
    rows: list[tuple[str, str]]
    undated: list[dict]
    chart: Markup

    @property
    def counted(self) -> list[YearColumn]:
        """Columns with a counted report."""
        return [column for column in self.columns if column.report]


def _changes(now: dict, before: dict | None) -> dict[str, Any]:
    """Per key figure: the change from the previous year's counted report (None when either is blank)."""
    if before is None:
        return {}
    found = {}
    for key, _label in KEY_FIGURES:
        a, b = before["figures"].get(key), now["figures"].get(key)
        found[key] = b - a if isinstance(a, (int, float)) and isinstance(b, (int, float)) else None
    return found


def _columns(unit: dict, reports: list[dict]) -> list[YearColumn]:
    counted = {r["year"]: r for r in reports if r["counted"] and r["year"] is not None}
    by_id = {r["report_id"]: r for r in reports}
    years = unit.get("years") or []
    columns = []
    for year in range(years[0], years[-1] + 1) if years else ():
        report = counted.get(year)
        versions = [{**entry, **({"published_on": by_id[entry["report_id"]]["published_on"]}
                                 if entry["report_id"] in by_id else {})}
                    for entry in (unit.get("versions") or {}).get(str(year), [])]
        changes = _changes(report, counted.get(year - 1)) if report else {}
        columns.append(YearColumn(year, report, changes, versions))
    return columns


def unit_page(store: YearsStore, unit_id: str) -> UnitPage | None:
    """The page model of a unit, or None for an unknown id."""
    unit = store.unit(unit_id)
    if unit is None:
        return None
    reports = store.unit_reports(unit_id)
    columns = _columns(unit, reports)
    points = [(str(c.year), (c.report or {}).get("figures", {}).get("new")) for c in columns]
    chart = responsive(lambda width: line_chart(points, f"{unit['name']}：历年新收政府信息公开申请数量", width=width))
    undated = [r for r in reports if r["year"] is None]
    return UnitPage(unit, columns, list(KEY_FIGURES), undated, chart)


def merge_steps(note: dict) -> str:
    """A merge note's steps in Chinese: rule: before → after."""
    steps = [f"{RULE_LABELS.get(s['rule'], s['rule'])}：{s['before']} → {s['after']}" for s in note.get("steps") or []]
    return "；".join(steps) or "名称与单位名称键相同，无需改写"


def unit_csv(page: UnitPage) -> str:
    """The unit's series as CSV: one row per year, the key figures and the verdicts as columns."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["年度", "报告编号", "发布日期", *[label for _key, label in page.rows],
                     "是否按时发布", "跨年度校验未通过", "与上年重复比例", "与同年其他单位重复比例"])
    for column in page.columns:
        report = column.report or {}
        figures, result = report.get("figures") or {}, column.result
        failed = [c["id"] for c in result.get("cross_year_checks") or [] if not c.get("ok")]
        previous, others = result.get("copied_from_previous") or {}, result.get("copied_from_others") or {}
        writer.writerow([column.year, report.get("report_id", ""), report.get("published_on") or "",
                         *["" if figures.get(key) is None else figures[key] for key, _label in page.rows],
                         column.timeliness_label if report else "未见报告", " ".join(failed),
                         previous.get("share", ""), others.get("share", "")])
    return out.getvalue()
