"""Markup in report titles, text, sources and queries is shown as text, never run."""

from urllib.parse import quote

from portal_sample import XSS

HOSTILE_ID = "fe" * 8


def test_markup_in_a_report_is_escaped_on_its_page(client):
    html = client.get(f"/reports/{HOSTILE_ID}").get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert" in html


def test_a_javascript_source_url_is_not_made_a_link(client):
    html = client.get(f"/reports/{HOSTILE_ID}").get_data(as_text=True)
    assert 'href="javascript:' not in html


def test_markup_in_titles_and_snippets_of_results_is_escaped_but_marks_survive(client):
    html = client.get("/?q=" + quote("信息公开不及时")).get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html and "<mark>" in html


def test_markup_in_the_query_is_escaped_everywhere_it_is_echoed(client):
    html = client.get("/?q=" + quote(XSS)).get_data(as_text=True)
    assert "<script>alert" not in html and "<img src=x" not in html
    error = client.get("/?q=" + quote('"' + XSS)).get_data(as_text=True)
    assert "<script>alert" not in error


def test_the_feed_and_export_carry_markup_as_text(client):
    feed = client.get("/feed.atom?q=" + quote("恶意标题")).get_data(as_text=True)
    assert "<script>" not in feed
    data = client.get("/export.json?q=" + quote("恶意标题")).get_json()
    assert any("<script>" in row["title"] for row in data["reports"])


def test_pages_allow_only_the_sites_own_script_files_through_a_content_security_policy(client):
    headers = client.get("/").headers
    policy = headers["Content-Security-Policy"]
    assert "script-src 'self';" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
