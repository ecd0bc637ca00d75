"""The across-years results in the search index, on both engines, kept up to date batch by batch.

The real Pingtan reports of ../shared/corpus-years are ingested and indexed first; then
财政金融局 2024 (corpus-dev 07) arrives in a later batch: its ingest alone updates the
already-indexed 2025 report in place (now it has a predecessor to check and compare with),
and `index --batch` adds 2024 itself with its own fields.
"""

from __future__ import annotations

from typing import Iterator

import pytest

from indexer.archive import open_archive
from indexer.backends import SearchBackend, open_backend
from indexer.ingest.years_step import after_ingest
from indexer.reindex import index_catalog
from indexer.search.errors import DocumentNotFound, QuerySyntaxError
from indexer.search.model import SearchRequest
from indexer.years.fields import years_fields
from indexer.years.sync import open_years
from tests.conftest import CORPUS_DEV_DIR, CORPUS_YEARS_DIR, shared_folder
from tests.search.support import ENGINES, drop, engine_settings
from tests.units.conftest import ingest

CZJ = "350128:财政金融局"
EVERY = dict(page_size=100, facet_size=50)


def czj_ids(settings) -> dict[int, str]:
    """Report id of 财政金融局 per year, from the years tables."""
    catalog, _store = open_archive(settings)
    years = open_years(catalog)
    try:
        return {row["year"]: row["report_id"] for row in years.unit_reports(CZJ)}
    finally:
        years.close()
        catalog.close()


def index(settings, backend: SearchBackend, batch: str):
    """`nianbao index --batch` through its function."""
    catalog, store = open_archive(settings)
    try:
        return index_catalog(catalog, store, backend, batch=batch)
    finally:
        catalog.close()


@pytest.fixture(scope="module", params=ENGINES)
def staged(request, tmp_path_factory) -> Iterator[dict]:
    """The index after each stage: corpus-years indexed; 财政金融局 2024 ingested; then indexed too."""
    settings = engine_settings(request.param, tmp_path_factory.mktemp(request.param), request)
    backend = open_backend(settings)
    ingest(settings, [shared_folder(CORPUS_YEARS_DIR)], "years")
    first = index(settings, backend, "years")
    ids = czj_ids(settings)
    stages = {"first": first, "before": {rid: backend.get(rid) for rid in ids.values()}}
    ingest(settings, [shared_folder(CORPUS_DEV_DIR) / "07.src"], "dev")
    catalog, _store = open_archive(settings)
    try:
        stages["ingest_sync"], stages["ingest_note"] = after_ingest(settings, catalog, "dev")
    finally:
        catalog.close()
    ids = czj_ids(settings)
    stages["after_ingest"] = {year: backend.get(rid) for year, rid in ids.items() if year != 2024}
    stages["missing_2024"] = ids[2024]
    try:
        backend.get(ids[2024])
    except DocumentNotFound:
        stages["missing_2024"] = None
    stages["second"] = index(settings, backend, "dev")
    yield {**stages, "ids": ids, "backend": backend, "settings": settings}
    drop(backend)


def test_a_report_without_its_predecessor_says_so_and_one_with_it_carries_the_results(staged):
    before, ids = staged["before"], staged["ids"]
    late = before[ids[2025]]
    assert (late["unit_id"], late["crossyear_status"], late["repeat_bucket"]) == (CZJ, "no_previous", "none")
    assert "repeat_share" not in late and late["sort_repeat_share"] == -1
    copied = before[ids[2023]]
    assert round(copied["repeat_share"], 2) == 0.89 and copied["repeat_share_bp"] == round(copied["repeat_share"] * 10000)
    assert copied["repeat_bucket"] == "80-100" and "copied_previous" in copied["copy_flags"]
    assert copied["crossyear_status"] == "passed" and copied["timeliness"] == "on_time" and copied["days_late"] == 0
    broken = before[ids[2022]]
    assert broken["crossyear_status"] == "failed" and "xy_in_force_normative_documents" in broken["crossyear_failed"]
    assert staged["first"].years.analysed >= 12


def test_ingesting_the_predecessor_updates_the_indexed_successor_in_place(staged):
    assert staged["ingest_note"] is None and staged["ingest_sync"].refreshed >= 1
    assert staged["missing_2024"] is None  # ingest never indexes the batch itself
    now = staged["after_ingest"][2025]
    assert now["previous_report_id"] == staged["ids"][2024]
    assert now["crossyear_status"] in ("passed", "failed") and round(now["repeat_share"], 2) == 0.90
    assert now["repeat_bucket"] == "80-100" and now["sort_repeat_share"] == now["repeat_share_bp"]
    # the rest of the document is as it was
    old = staged["before"][staged["ids"][2025]]
    assert (now["content"], now["report"], now["title"]) == (old["content"], old["report"], old["title"])


def test_index_of_the_later_batch_adds_it_with_its_fields_and_changes_nothing_else(staged):
    backend, ids, second = staged["backend"], staged["ids"], staged["second"]
    added = backend.get(ids[2024])
    assert added["crossyear_status"] == "failed" and "xy_in_force_normative_documents" in added["crossyear_failed"]
    assert second.indexed == 1 and second.years.refreshed == 0  # ingest brought the others up to date already


def indexed_truth(staged) -> dict[str, dict]:
    """Years fields of every indexed report, straight from the years tables."""
    backend = staged["backend"]
    catalog, _store = open_archive(staged["settings"])
    years = open_years(catalog)
    try:
        ids = [hit.id for hit in backend.search(SearchRequest(facets=(), **{k: v for k, v in EVERY.items() if k == "page_size"})).hits]
        return {rid: years_fields(years.report(rid), backend.get(rid).get("report")) for rid in ids}
    finally:
        years.close()
        catalog.close()


def test_facets_count_what_the_years_tables_say(staged):
    truth = indexed_truth(staged)
    result = staged["backend"].search(SearchRequest(**EVERY))
    assert result.total == len(truth)
    for facet, field in (("crossyear", "crossyear_status"), ("timeliness", "timeliness"), ("repeat_share", "repeat_bucket")):
        counts = {v.value: v.count for v in result.facets[facet].values}
        expected: dict[str, int] = {}
        for fields in truth.values():
            expected[fields[field]] = expected.get(fields[field], 0) + 1
        assert counts == expected, facet
    flags = {v.value: v.count for v in result.facets["copy_flags"].values}
    assert flags["copied_previous"] == sum("copied_previous" in f["copy_flags"] for f in truth.values()) >= 3


def test_an_unknown_date_or_a_report_not_analysed_is_never_on_time_and_never_checked():
    fields = years_fields(None, {"year": 2020, "agency": "平潭综合实验区公安局", "published_on": None})
    assert (fields["timeliness"], fields["crossyear_status"], fields["repeat_bucket"]) == ("unknown", "unchecked", "none")
    assert "days_late" not in fields and fields["deadline"] == "2021-01-31"
    late = years_fields(None, {"year": 2020, "agency": "平潭综合实验区公安局", "published_on": "2021-03-05"})
    assert (late["timeliness"], late["days_late"]) == ("late", 33)
    duplicate = {"result": {"counted": False, "unit_id": "u", "timeliness": {"status": "unknown_year"}}}
    assert years_fields(duplicate)["crossyear_status"] == "unchecked" and years_fields(duplicate)["timeliness"] == "unknown"


@pytest.mark.parametrize("query, keep", [
    ("重复率>=0.85", lambda f: f.get("repeat_share", -1) >= 0.85),
    ("重复率<50%", lambda f: 0 <= f.get("repeat_share", -1) < 0.5),
    ("他单位重复率>=0", lambda f: "others_share" in f),
    ("逾期天数>0", lambda f: f["timeliness"] == "late"),
    ("逾期天数=0", lambda f: f["timeliness"] == "on_time"),
    ("跨年核对未通过>=1", lambda f: f["crossyear_status"] == "failed"),
])
def test_query_terms_filter_on_the_years_fields(staged, query, keep):
    truth = indexed_truth(staged)
    found = {hit.id for hit in staged["backend"].search(SearchRequest(query=query, facets=(), page_size=100)).hits}
    assert found == {rid for rid, fields in truth.items() if keep(fields)}


def test_filters_and_the_repeat_share_sort(staged):
    backend = staged["backend"]
    failed = backend.search(SearchRequest(filters={"crossyear": ("failed",)}, facets=(), page_size=100))
    assert {staged["ids"][2022], staged["ids"][2024]} <= {hit.id for hit in failed.hits}
    assert all(hit.document["crossyear_status"] == "failed" for hit in failed.hits)
    unit = backend.search(SearchRequest(filters={"unit": (CZJ,)}, facets=(), page_size=100))
    assert {hit.id for hit in unit.hits} == set(staged["ids"].values())
    ranked = backend.search(SearchRequest(sort="repeat_share_desc", facets=(), page_size=100)).hits
    shares = [hit.document.get("repeat_share", -1) for hit in ranked]
    assert shares == sorted(shares, reverse=True) and shares[0] >= 0.9


def test_a_share_outside_zero_to_one_is_a_clear_error(staged):
    with pytest.raises(QuerySyntaxError, match="0 到 1"):
        staged["backend"].search(SearchRequest(query="重复率>=5"))


@pytest.fixture(scope="module")
def portal(staged):
    """The portal over the staged index (the same engine)."""
    from portal.app import create_app

    return create_app({"TESTING": True, "SETTINGS": staged["settings"]}).test_client()


def test_the_api_carries_the_years_fields_with_chinese_labels(staged, portal):
    rid = staged["ids"][2022]
    answer = portal.get("/api/search?crossyear=failed&size=50").get_json()
    hit = next(h for h in answer["hits"] if h["id"] == rid)
    assert hit["document"]["crossyear_status"] == "failed" and hit["document"]["unit_id"] == CZJ
    assert hit["labels"]["crossyear_status"] == "跨年核对未通过"
    assert any(label.startswith("跨年核对·表二") for label in hit["labels"]["crossyear_failed"])
    assert answer["facets"]["crossyear"]["label"] == "跨年核对"
    assert {v["label"] for v in answer["facets"]["timeliness"]["values"]} <= {"逾期发布", "按时", "日期不明"}
    report = portal.get(f"/api/reports/{staged['ids'][2023]}").get_json()
    assert round(report["fields"]["repeat_share"], 2) == 0.89 and report["labels"]["repeat_bucket"] == "80% 及以上"
    assert "照搬上年报告" in report["labels"]["copy_flags"] and report["labels"]["timeliness"] == "按时"
    ranked = portal.get("/api/search?sort=repeat_share_desc&size=3").get_json()["hits"]
    assert ranked[0]["document"]["repeat_share"] >= ranked[-1]["document"].get("repeat_share", -1)
    query = portal.get("/api/search?q=" + "重复率>=0.85").get_json()
    assert query["total"] >= 3 and all(h["document"]["repeat_share"] >= 0.85 for h in query["hits"])


def test_exports_carry_the_years_columns(staged, portal):
    import csv
    import io

    text = portal.get("/export.csv?unit=" + CZJ).get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert len(rows) == len(staged["ids"])
    by_year = {int(row["年度"]): row for row in rows}
    assert by_year[2022]["跨年核对"] == "跨年核对未通过" and "跨年核对·表二" in by_year[2022]["未通过的跨年核对"]
    assert round(float(by_year[2023]["与本单位上年报告重复的比例"]), 2) == 0.89
    assert by_year[2023]["发布时效"] == "按时" and by_year[2023]["逾期天数"] == "0" and by_year[2023]["单位编号"] == CZJ
    assert by_year[2019]["跨年核对"] == "无上年报告" and by_year[2019]["与本单位上年报告重复的比例"] == ""
    exported = portal.get("/export.json?unit=" + CZJ).get_json()
    row = next(r for r in exported["reports"] if r["year"] == 2023)
    assert round(row["repeat_share"], 2) == 0.89 and "照搬上年报告" in row["copy_flags"]
    assert exported["columns"]["crossyear_status"] == "跨年核对"


def test_the_search_page_shows_the_years_facets_and_sort(portal):
    html = portal.get("/?page=1").get_data(as_text=True)
    for facet, label in (("crossyear", "跨年核对"), ("timeliness", "发布时效"), ("repeat_share", "文字重复"),
                         ("copy_flags", "重复与照搬")):
        assert f'data-facet="{facet}"' in html and label in html
    assert "逾期发布" in html or "按时" in html
    ranked = portal.get("/?sort=repeat_share_desc").get_data(as_text=True)
    assert "与上年重复率（高→低）" in ranked


def test_the_unit_facet_is_a_filter_shown_only_once_picked(portal):
    assert 'data-facet="unit"' not in portal.get("/?page=1").get_data(as_text=True)
    picked = portal.get("/?unit=" + CZJ).get_data(as_text=True)
    assert 'data-facet="unit"' in picked and CZJ in picked
