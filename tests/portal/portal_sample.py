"""The sample data of the portal tests: how many synthetic reports, and hand-made extras."""

from __future__ import annotations

SYNTHETIC = 45
XSS = '<script>alert("xss")</script><img src=x onerror=alert(1)>'


def extra_documents() -> list[dict]:
    """Reports with markup in every text field, and one agency reporting in two years."""
    from indexer.documents import build_index_document
    from indexer.synth import make_report

    hostile = dict(make_report(99, 1).truth)
    hostile.update(title=f"恶意标题{XSS}年度报告", agency=f"测试局{XSS}")
    hostile["sections"] = dict(hostile["sections"], problems=f"存在问题：{XSS}信息公开不及时。")
    documents = [build_index_document("fe" * 8, hostile, {"url": "javascript:alert(1)", "fetched_at": "2026-01-01T00:00:00+00:00"})]
    twin = dict(make_report(99, 2).truth)
    for offset, report_id in ((0, "0a" * 8), (1, "0b" * 8)):
        documents.append(build_index_document(report_id, dict(twin, year=2020 + offset, agency="双年测试镇人民政府"),
                                              {"url": f"https://example.gov.cn/{report_id}.html", "fetched_at": "2026-01-02T00:00:00+00:00"}))
    return documents
