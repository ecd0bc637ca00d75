"""The OpenAPI 3.1 document of the JSON API, generated from the declared facets and fields."""

from __future__ import annotations

from typing import Any

from indexer.search.facets import FACETS
from indexer.search.model import SORT_DIRECTIONS, SORTS
from portal.samples import FACET_NOTES
from portal.search.params import DEFAULT_COLUMNS, MAX_COLUMNS, VIEWS, Vocabulary

ERROR = {"$ref": "#/components/responses/Error"}
SORT_PATTERN = f"^[a-z0-9_]+_({'|'.join(SORT_DIRECTIONS)})$"


def _search_parameters(vocab: Vocabulary) -> list[dict[str, Any]]:
    """Query parameters shared by /api/search, /api/facets, exports and feeds."""
    params: list[dict[str, Any]] = [
        {"name": "q", "in": "query", "schema": {"type": "string", "maxLength": 500},
         "description": "检索式：词语默认 AND；\"短语\"；OR；-排除；数值条件如 新收>=10。"},
        {"name": "sort", "in": "query",
         "description": "默认：有检索词时按相关度（relevance），没有时按年度从新到旧（year_desc）；"
                        "也可按任一数值字段排序：{field}_desc（多→少）或 {field}_asc（少→多），如 t3_granted_total_desc，"
                        "{field} 为 NumericField 之一；缺少该数值的年报排在最后",
         "schema": {"anyOf": [{"type": "string", "enum": list(SORTS)},
                              {"type": "string", "pattern": SORT_PATTERN}]}},
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
        {"name": "size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": vocab.page_size}},
    ]
    for facet in FACETS:
        params.append({"name": facet.name, "in": "query", "style": "form", "explode": True,
                       "schema": {"type": "array", "items": {"type": "string"}},
                       "description": f"分面筛选：{facet.label}（可重复，多值为 OR）{FACET_NOTES.get(facet.name, '')}"})
    params.append({"name": "{field}__gte", "in": "query", "schema": {"type": "number"},
                   "description": "数值下限；{field} 为 numeric_fields 之一，如 denied_total__gte=1"})
    params.append({"name": "{field}__lte", "in": "query", "schema": {"type": "number"},
                   "description": "数值上限，如 t3_new_total__lte=100"})
    params += _view_parameters(vocab)
    return params


def _view_parameters(vocab: Vocabulary) -> list[dict[str, Any]]:
    """all (every ticked value required), view and cols (the table's and exports' numeric columns)."""
    return [
        {"name": "all", "in": "query", "style": "form", "explode": True,
         "schema": {"type": "array", "items": {"type": "string", "enum": [f.name for f in FACETS]}},
         "description": "要求全部：该分面所选的多个值须同时满足（AND），如 issue_tags=a&issue_tags=b&all=issue_tags；"
                        "不给时同一分面内多值为 OR"},
        {"name": "view", "in": "query", "schema": {"type": "string", "enum": list(VIEWS), "default": "cards"},
         "description": "检索页的显示方式：cards 列表，table 表格（API 中 table 使每条结果带上 cols 所列数值）"},
        {"name": "cols", "in": "query", "style": "form", "explode": False,
         "schema": {"type": "array", "maxItems": MAX_COLUMNS, "items": {"$ref": "#/components/schemas/NumericField"}},
         "description": "表格与导出的数值列（逗号分隔，或重复 cols），如 cols=t3_new_total,denied_total；"
                        f"table 未给时默认 {','.join(DEFAULT_COLUMNS)}；导出 /export.csv、/export.json、/export.xlsx（参数同本接口）给出时只含基本信息列与这些列"},
    ]


def _schemas(vocab: Vocabulary) -> dict[str, Any]:
    """Component schemas of the answers."""
    facet = {"type": "object", "properties": {
        "label": {"type": "string"}, "truncated": {"type": "boolean"},
        "values": {"type": "array", "items": {"type": "object", "properties": {
            "value": {"type": "string"}, "label": {"type": "string"},
            "count": {"type": "integer"}, "selected": {"type": "boolean"}}}}}}
    labels = {"type": "object", "description": "问题类别与未通过校验的中文名称（与 document 中的编号一一对应）",
              "properties": {"issue_tags": {"type": "array", "items": {"type": "string"}},
                             "failed_checks": {"type": "array", "items": {"type": "string"}}}}
    hit = {"type": "object", "required": ["id", "url", "document"], "properties": {
        "id": {"type": "string", "pattern": "^[0-9a-f]{16}$"}, "score": {"type": "number"},
        "url": {"type": "string", "format": "uri"}, "document": {"type": "object"},
        "display_title": {"type": "string", "description": "标题；无标题时为 机关+年度+政府信息公开工作年度报告"},
        "labels": labels,
        "highlights": {"type": "object", "additionalProperties": {"type": "array", "items": {"type": "string"}},
                       "description": "HTML 已转义，仅保留 <mark> 标签"},
        "missing": {"type": "array", "items": {"type": "string"}, "description": "部分匹配时此年报缺少的检索词"}}}
    return {
        "Facet": facet,
        "Hit": hit,
        "SearchResult": {"type": "object", "properties": {
            "request": {"type": "object", "description": "服务端理解的请求：q、filters、all、ranges、sort、page、size、view、cols",
                        "properties": {"q": {"type": "string"}, "filters": {"type": "object"},
                                       "all": {"type": "array", "items": {"type": "string"}},
                                       "ranges": {"type": "array", "items": {"type": "object"}},
                                       "sort": {"type": "string"}, "page": {"type": "integer"}, "size": {"type": "integer"},
                                       "view": {"type": "string", "enum": list(VIEWS)},
                                       "cols": {"type": "array", "items": {"type": "string"}}}},
            "total": {"type": "integer"}, "took_ms": {"type": "number"},
            "hits": {"type": "array", "items": {"$ref": "#/components/schemas/Hit"}},
            "facets": {"type": "object", "additionalProperties": {"$ref": "#/components/schemas/Facet"}},
            "notes": {"type": "object", "description": "检索词的理解（docs/search.md）：同时搜索的词、优先的年度、纠正、部分匹配",
                      "properties": {"expansions": {"type": "array", "items": {"type": "object"}},
                                     "years": {"type": "array", "items": {"type": "integer"}},
                                     "corrected_query": {"type": ["string", "null"]},
                                     "did_you_mean": {"type": "array", "items": {"type": "object"}},
                                     "partial": {"type": "boolean"}, "words": {"type": "array", "items": {"type": "string"}},
                                     "unsearchable": {"type": "boolean"}}},
            "links": {"type": "object", "additionalProperties": {"type": "string"}}}},
        "Report": {"type": "object", "properties": {
            "id": {"type": "string"}, "display_title": {"type": "string"}, "fields": {"type": "object"},
            "labels": labels,
            "superseded_by": {"type": ["object", "null"], "description": "此版本已被更新时，指向同一来源的新版本",
                              "properties": {"id": {"type": "string"}, "sha256": {"type": "string"},
                                             "url": {"type": "string"}}},
            "report": {"type": "object", "description": "解析后的年报（DESIGN §2 / docs/report-json.md）"},
            "source": {"type": "object", "description": "来源：网址（source_url）或仅文件名（source_file），抓取时间，SHA-256"},
            "other_years": {"type": "array", "items": {"type": "object"}},
            "links": {"type": "object"}}},
        "Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
            "status": {"type": "integer"}, "code": {"type": "string"}, "title": {"type": "string"},
            "message": {"type": "string"}, "max_page": {"type": "integer"}}}}},
        "NumericField": {"type": "string", "enum": list(vocab.numeric_fields)},
        "Suggestions": {"type": "object", "properties": {"query": {"type": "string"}, "suggestions": {
            "type": "array", "items": {"type": "object", "properties": {
                "name": {"type": "string"}, "kind": {"type": "string", "enum": ["agency", "place"]},
                "region": {"type": "array", "items": {"type": "string"}}, "url": {"type": "string"}}}}}},
    }


def openapi_document(vocab: Vocabulary, server_url: str) -> dict[str, Any]:
    """The whole OpenAPI document for a server at `server_url`."""
    params = _search_parameters(vocab)
    json_of = lambda name: {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}}  # noqa: E731
    return {
        "openapi": "3.1.0",
        "info": {"title": "年报检索 Nianbao API", "version": "1.0.0",
                 "description": "政府信息公开工作年度报告的检索、分面统计与结构化数据。"},
        "servers": [{"url": server_url or "/"}],
        "paths": {
            "/api/search": {"get": {"summary": "检索年报", "operationId": "search", "parameters": params,
                                    "responses": {"200": {"description": "一页结果与分面计数", **json_of("SearchResult")},
                                                  "400": ERROR, "503": ERROR}}},
            "/api/facets": {"get": {"summary": "分面计数", "operationId": "facets", "parameters": params,
                                    "responses": {"200": {"description": "分面计数", **json_of("SearchResult")},
                                                  "400": ERROR, "503": ERROR}}},
            "/api/reports/{id}": {"get": {"summary": "单份年报", "operationId": "report",
                                          "parameters": [{"name": "id", "in": "path", "required": True,
                                                          "schema": {"type": "string", "pattern": "^[0-9a-f]{16}$"}}],
                                          "responses": {"200": {"description": "年报", **json_of("Report")},
                                                        "404": ERROR, "503": ERROR}}},
            "/api/suggest": {"get": {"summary": "单位和地名建议（输入时提示）", "operationId": "suggest", "parameters": [
                {"name": "q", "in": "query", "required": True, "description": "已输入的汉字、拼音或拼音首字母（如 pjb）",
                 "schema": {"type": "string", "maxLength": 40}},
                {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 20, "default": 8}}],
                "responses": {"200": {"description": "建议：名称、类别（agency 机关 / place 地区）、所属地区、检索链接",
                                      **json_of("Suggestions")}}}},
            "/api/units/{unit_id}": {"get": {  # issue 12: one reporting body over the years (docs/across-years.md)
                "summary": "单位历年年报：名称归并说明、各年关键数字、跨年度校验、发布时效、文字重复", "operationId": "unit",
                "parameters": [{"name": "unit_id", "in": "path", "required": True, "schema": {"type": "string"},
                                "description": "地区代码:名称键，如 350128:财政金融局"}],
                "responses": {"200": {"description": "unit 与 reports（每份报告的 figures 与 result）",
                                      "content": {"application/json": {"schema": {"type": "object"}}}},
                              "404": ERROR}}},
            **_listing_paths(),  # issue 12: missing and late reports by region (portal/missing, portal/late)
        },
        "components": {
            "schemas": _schemas(vocab),
            "responses": {"Error": {"description": "错误（检索式有误 400、未找到 404、服务不可用 503）", **json_of("Error")}},
        },
    }


def _listing_paths() -> dict[str, Any]:
    """`/api/missing` and `/api/late`: the rows of the /missing/ and /late/ pages (docs/across-years.md)."""
    region = {"name": "region", "in": "query", "schema": {"type": "string"},
              "description": "地区路径，省/市/县/乡镇，如 福建省/福州市/平潭县；省略为全国"}
    year = {"name": "year", "in": "query", "schema": {"type": "integer", "minimum": 1990, "maximum": 2100}}
    paging = [{"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}},
              {"name": "size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 100}}]
    body = {"content": {"application/json": {"schema": {"type": "object"}}}}
    return {
        "/api/missing": {"get": {
            "summary": "未见年报的单位：上一年度有报告、本年度没有且发布期限已过（每个单位只列连续缺报的第一年及其最近一份报告）",
            "operationId": "missing", "parameters": [
                region, {**year, "description": "未见报告的年度"},
                {"name": "on", "in": "query", "schema": {"type": "string", "format": "date"},
                 "description": "判断日期（默认今天）：期限早于此日的年度才算未见"}, *paging],
            "responses": {"200": {"description": "total 与 rows（unit_id、name、region、year、deadline、kind、last_report）", **body},
                          "400": ERROR, "404": ERROR}}},
        "/api/late": {"get": {
            "summary": "逾期发布的年报及地区合计（发布日期不明的不算按时）", "operationId": "late", "parameters": [
                region, {**year, "description": "报告年度"},
                {"name": "status", "in": "query", "schema": {"type": "string", "enum": ["late", "unknown_date", "all"],
                                                             "default": "late"}}, *paging],
            "responses": {"200": {"description": "reports、late、on_time、unknown_date 合计，total 与 rows", **body},
                          "400": ERROR, "404": ERROR}}},
    }
