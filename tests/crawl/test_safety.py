"""The crawler's safety rules and limits: allow-list, private addresses, redirects, size."""

from __future__ import annotations

import pytest

from crawl.conftest import fast_crawl_settings
from crawl.govsite import COLUMN, Response
from indexer.crawl.errors import RefusedURL, TooLarge, TooManyRedirects
from indexer.crawl.fetch import Fetcher
from indexer.crawl.safety import UrlPolicy


def test_only_the_seed_hosts_and_listed_domains_are_allowed():
    policy = UrlPolicy.for_seeds(["https://www.pingtan.gov.cn/zwgk/"], "fujian.gov.cn")
    assert policy.domain_allowed("https://www.pingtan.gov.cn/a.htm")
    assert policy.domain_allowed("http://www.fujian.gov.cn/b.htm")
    assert not policy.domain_allowed("https://pingtan.gov.cn.evil.com/a.htm")
    assert not policy.domain_allowed("ftp://www.pingtan.gov.cn/a.htm")
    assert not policy.domain_allowed("file:///etc/passwd")


@pytest.mark.parametrize("url", ["http://127.0.0.1/x", "http://localhost/x", "http://10.0.0.8/x",
                                 "http://192.168.1.1/x", "http://169.254.169.254/latest", "http://[::1]/x"])
def test_private_and_loopback_addresses_are_refused_by_default(url):
    policy = UrlPolicy.for_seeds([url])
    with pytest.raises(RefusedURL) as refused:
        policy.check(url)
    assert refused.value.reason == "private_address"


def test_loopback_is_allowed_only_when_the_setting_says_so():
    UrlPolicy.for_seeds(["http://127.0.0.1/"], allow_private=True).check("http://127.0.0.1/x")


def test_a_crawl_of_loopback_without_permission_fetches_nothing(site, tmp_path):
    settings = fast_crawl_settings(tmp_path, crawl_allow_private=False)
    fetcher = Fetcher(settings, UrlPolicy.for_seeds([site.base]))
    with pytest.raises(RefusedURL):
        fetcher.fetch(site.url(COLUMN + "index.html"))
    assert site.log == []


def test_a_redirect_to_a_domain_outside_the_allow_list_is_refused(site, crawl_settings):
    site.routes["/out"] = Response(302, b"", headers={"Location": "http://example.org/"}, etag=False)
    with pytest.raises(RefusedURL):
        Fetcher(crawl_settings, UrlPolicy.for_seeds([site.base], allow_private=True)).fetch(site.url("/out"))


def test_a_redirect_loop_stops_at_the_redirect_limit(site, crawl_settings):
    site.routes["/loop"] = Response(302, b"", headers={"Location": "/loop"}, etag=False)
    fetcher = Fetcher(crawl_settings.replace(crawl_max_redirects=3),
                      UrlPolicy.for_seeds([site.base], allow_private=True))
    with pytest.raises(TooManyRedirects):
        fetcher.fetch(site.url("/loop"))
    assert len(site.requests_to("/loop")) == 4


def test_a_body_over_the_size_limit_is_refused(site, crawl_settings):
    fetcher = Fetcher(crawl_settings.replace(crawl_max_bytes=100), UrlPolicy.for_seeds([site.base], allow_private=True))
    with pytest.raises(TooLarge):
        fetcher.fetch(site.url(COLUMN + "index.html"))
