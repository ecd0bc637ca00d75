"""Figures: sums over reports, kept on disk per search and index size for every worker."""

import json

from indexer.search.model import SearchRequest
from portal.stats.aggregates import compute_figures, figures_from_dict, figures_to_dict
from portal.stats.figures_cache import cache_file, figures_for

DOCS = [
    {"year": 2020, "t3_new_total": 10, "t3_granted_total": 6, "denied_total": 2, "t4_review_upheld": 1,
     "t4_litigation_direct_corrected": 1, "failed_check_count": 0},
    {"year": 2021, "t3_new_total": 5, "t3_granted_total": 2, "t4_review_corrected": 2, "failed_check_count": 1,
     "failed_checks": ["t3_identity_total"]},
    {"year": 2021, "t3_new_total": None},
]


def test_figures_sum_by_year_and_count_failing_reports():
    figures = compute_figures(DOCS)
    assert figures.years == (2020, 2021) and figures.reports_by_year == (1, 2)
    assert figures.new_by_year == (10.0, 5.0)
    assert dict(figures.review)["纠正"] == 2 and dict(figures.litigation)["纠正"] == 1
    assert figures.failing_reports == 1 and figures.failed_checks == (("t3_identity_total", 1),)
    assert dict(figures.outcome_shares())["予以公开"] == 0.8


def test_figures_survive_a_round_trip_through_json():
    figures = compute_figures(DOCS)
    assert figures_from_dict(json.loads(json.dumps(figures_to_dict(figures)))) == figures


def test_figures_are_computed_once_then_read_from_the_shared_cache(portal_settings):
    from indexer.backends import open_backend

    backend = open_backend(portal_settings)
    try:
        req = SearchRequest(filters={"origin": ("archive",)})
        first = figures_for(portal_settings.data_dir, backend, req)
        assert first.reports == 5
        path = cache_file(portal_settings.data_dir, req, backend.count())
        stored = json.loads(path.read_text(encoding="utf-8"))
        path.write_text(json.dumps(dict(stored, reports=12345)), encoding="utf-8")
        assert figures_for(portal_settings.data_dir, backend, req).reports == 12345
    finally:
        path.unlink()
        backend.close()
