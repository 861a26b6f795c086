"""EDGAR: the real submissions JSONs and filing index, and discovery against the test server."""
from __future__ import annotations

from datetime import date

import pytest

from fetch.sites import NVDA_8K, USER_AGENT
from pipeline.entities import EntityTable
from pipeline.errors import ConfigError
from pipeline.fetch.cache import CachingFetcher, HttpCache
from pipeline.fetch.edgar import (
    EdgarConfig, EdgarSource, discover, parse_filing_index, parse_submissions, resolve_company, wanted_exhibit,
)
from pipeline.fetch.http import HttpClient, RateLimiter, RetryPolicy
from pipeline.rules import default_rules

EXHIBIT_CASES = [
    ("EX-10.1", ("EX-10",), True),
    ("EX-10.12", ("EX-10.*",), True),
    ("ex-99.1", ("EX-99",), True),
    ("EX-99", ("EX-99",), True),
    ("EX-101.SCH", ("EX-10",), False),
    ("EX-99.1", ("EX-10",), False),
    ("8-K", ("EX-10", "EX-99"), False),
]
COMPANY_CASES = [
    ("NVDA", 1045810),
    ("nvda", 1045810),
    ("0001045810", 1045810),
    ("789019", 789019),
    ("XYZW", 1318605),  # not in rules/entities.csv: SEC's ticker list
]


@pytest.mark.parametrize("doc_type, patterns, wanted", EXHIBIT_CASES)
def test_wanted_exhibit(doc_type, patterns, wanted):
    assert wanted_exhibit(doc_type, patterns) is wanted


@pytest.mark.parametrize("spec, cik", COMPANY_CASES)
def test_resolve_company(spec, cik):
    assert resolve_company(spec, default_rules().entities, {"XYZW": 1318605}.get) == cik


def test_unknown_ticker_is_a_config_error():
    with pytest.raises(ConfigError, match="unknown ticker 'ZZZZ'"):
        resolve_company("ZZZZ", default_rules().entities, lambda t: None)


def test_real_microsoft_submissions_json(shared_fixtures):
    obj, filings, pages = parse_submissions((shared_fixtures / "edgar" / "CIK0000789019.json").read_bytes())
    assert obj["name"] == "MICROSOFT CORP" and len(filings) == 1006
    first = filings[0]
    assert (first.accession, first.form, first.filing_date, first.primary_document) == (
        "0001193125-26-027232", "IRANNOTICE", "2026-01-28", "msft_fy26_q2_irannotice.htm")
    assert filings[2].items == "2.02,9.01"
    assert [p["name"] for p in pages] == ["CIK0000789019-submissions-001.json", "CIK0000789019-submissions-002.json"]
    assert sum(f.form == "10-K" for f in filings) >= 6


def test_real_tesla_submissions_json_pretty_printed(shared_fixtures):
    obj, filings, pages = parse_submissions((shared_fixtures / "edgar" / "company_submission.json").read_bytes())
    assert obj["tickers"] == ["TSLA"] and len(filings) == 1001 and pages[0]["filingTo"] == "2013-12-10"


def test_real_filing_index(shared_fixtures):
    rows = parse_filing_index((shared_fixtures / "edgar" / f"{NVDA_8K}-index.html").read_text(encoding="utf-8"))
    assert (rows[0].document, rows[0].type) == ("nvda-20260302.htm", "8-K")  # the iXBRL link is /ix?doc=...
    assert ("formxex101xfy27variablecom.htm", "EX-10.1") in [(r.document, r.type) for r in rows]
    assert "EX-101.SCH" in {r.type for r in rows}


@pytest.fixture
def source(edgar_site, tmp_path):
    client = HttpClient(user_agent=USER_AGENT, timeout_s=5, limiter=RateLimiter(10),
                        retry=RetryPolicy(retries=2, backoff_s=0.01))
    fetcher = CachingFetcher(client, HttpCache(tmp_path))
    return EdgarSource(fetcher, base_url=edgar_site.url, data_url=edgar_site.url,
                       entities=default_rules().entities)


def _discover(source, since, *, exhibits=("EX-10", "EX-99"), companies=("NVDA",)):
    errors = []
    config = EdgarConfig(companies=companies, forms=("10-K", "10-Q", "8-K"), exhibits=exhibits, since=since)
    return discover(source, config, lambda key, cause: errors.append((key, cause))), errors


def test_discovery_finds_filings_older_pages_and_exhibits(source, edgar_site):
    items, errors = _discover(source, date(2025, 1, 1))
    assert errors == []
    assert [i.doc_id for i in items] == [
        "0001045810-25-000023/nvda-20250126.htm",  # 10-K, from the older page
        "0001045810-25-000209/nvda-20250727.htm",
        "0001045810-26-000024/nvda-20260302.htm",
        "0001045810-26-000024/formxex101xfy27variablecom.htm",  # the 8-K's EX-10.1
    ]
    ten_k, _, eight_k, exhibit = items
    assert (ten_k.meta.filer, ten_k.meta.doc_kind, ten_k.meta.doc_date) == ("NVIDIA", "10-K", "2025-02-26")
    assert ten_k.key == f"{edgar_site.url}/Archives/edgar/data/1045810/000104581025000023/nvda-20250126.htm"
    assert ten_k.meta.source_url == ten_k.key and ten_k.permanent
    assert (exhibit.meta.doc_kind, exhibit.section) == ("EX-10.1", "Exhibit 10.1 to 8-K")
    asked = edgar_site.paths("/submissions/")
    assert "/submissions/CIK0001045810-submissions-001.json" in asked
    assert "/submissions/CIK0001045810-submissions-002.json" not in asked  # wholly before the start date
    assert all("wk-form4" not in p for p in edgar_site.paths())  # a Form 4 is not a wanted form


def test_start_date_skips_older_filings_and_pages(source, edgar_site):
    items, _ = _discover(source, date(2025, 6, 1), exhibits=())
    assert [i.meta.doc_kind for i in items] == ["10-Q", "8-K"]
    assert edgar_site.paths("/submissions/") == ["/submissions/CIK0001045810.json"]
    assert edgar_site.paths("/Archives") == []  # no exhibits asked for: no index pages


def test_ticker_outside_the_entities_table(source, edgar_site):
    source.entities = EntityTable(en={}, zh={}, tickers={}, ciks={})  # as if Tesla were not listed
    company, filings = source.company("TSLA", since=date(2022, 1, 1))
    assert (company.cik, company.name) == (1318605, "Tesla") and len(filings) == 1001
    assert edgar_site.paths() == ["/files/company_tickers.json", "/submissions/CIK0001318605.json"]


def test_a_failing_company_is_reported_and_the_rest_go_on(source, edgar_site):
    edgar_site.fault("/submissions/CIK0001326801.json", 500, 500, 500)
    items, errors = _discover(source, date(2025, 6, 1), exhibits=(), companies=("META", "AMZN"))
    assert errors and errors[0][0] == "edgar company META" and "HTTP 500" in errors[0][1]
    assert items == []  # Amazon's only filing is before the start date
    assert "/submissions/CIK0001018724.json" in edgar_site.paths()
