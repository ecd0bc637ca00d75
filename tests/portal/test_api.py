"""The JSON API answers what the HTML pages show, and OpenAPI describes it."""

from urllib.parse import quote


def test_api_search_returns_hits_facets_and_links(client):
    data = client.get("/api/search?q=" + quote("行政复议") + "&size=5").get_json()
    assert data["total"] > 5 and len(data["hits"]) == 5
    assert {"province", "year", "issue_tags"} <= set(data["facets"])
    assert data["links"]["next"].endswith("page=2") and "export_csv" in data["links"]
    assert any("<mark>" in s for hit in data["hits"] for snippets in hit["highlights"].values() for s in snippets)


def test_api_and_html_page_agree_on_the_total(client):
    data = client.get("/api/search?year=2021").get_json()
    html = client.get("/?year=2021").get_data(as_text=True)
    assert f'id="total">{data["total"]}<' in html


def test_api_facets_counts_without_hits(client):
    data = client.get("/api/facets?origin=synthetic").get_json()
    assert "hits" not in data and data["facets"]["origin"]["values"]
    assert data["request"]["filters"] == {"origin": ["synthetic"]}


def test_api_report_returns_the_parsed_tables_and_provenance(client):
    hit = client.get("/api/search?origin=archive&size=1").get_json()["hits"][0]
    data = client.get(f"/api/reports/{hit['id']}").get_json()
    assert data["report"]["requests"]["columns"][6] == "total"
    assert len(data["source"]["sha256"]) == 64 and data["links"]["original"].endswith("/original")
    assert "text" not in data["fields"] and "content" not in data["fields"]


def test_openapi_document_describes_every_api_path(client):
    doc = client.get("/api/openapi.json").get_json()
    assert doc["openapi"].startswith("3.1")
    assert set(doc["paths"]) == {"/api/search", "/api/facets", "/api/reports/{id}", "/api/suggest", "/api/units/{unit_id}",
                                 "/api/missing", "/api/late"}
    names = {p["name"] for p in doc["paths"]["/api/search"]["get"]["parameters"]}
    assert {"q", "page", "sort", "province", "issue_tags"} <= names
