"""sources.yaml: the example loads; every mistake is named with its file and key."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from pipeline.errors import ConfigError
from pipeline.sources import check_user_agent, load_sources

EXAMPLE = Path(__file__).resolve().parents[2] / "sources.example.yaml"

USER_AGENT_CASES = [
    ("Jane Analyst jane.analyst@example.com", True),
    ("Acme Research LLC <ops@acme.io>", True),
    ("jane@example.com", False),  # no name
    ("Jane Analyst", False),  # no e-mail
    ("Mozilla/5.0 (X11; Linux x86_64)", False),
    ("", False),
    (None, False),
]
ERROR_CASES = [
    ("edgar: {companies: [NVDA]}", "edgar.since: a start date"),
    ("edgar: {since: 2024-01-01}", "edgar.companies: a list"),
    ("edgar: {companies: [NVDA], since: 2024-13-01}", "an impossible date: month must be in 1..12"),
    ("edgar: {companies: [NVDA], since: soon}", "edgar.since: 'soon' is not a date"),
    ("edgar: {companies: [NVDA], since: 2024-01-01, form: [10-K]}", "unknown key(s) form"),
    ("feeds: [ftp://example.com/rss]", "feeds[0].url: 'ftp://example.com/rss' is not an http(s) URL"),
    ("urls: [{link: https://example.com}]", "urls[0]: a URL, or a mapping with 'url'"),
    ("folders: [no/such/folder]", "folders[0].path"),
    ("feeds: [{url: 'https://e.com/rss', max_entries: 0}]", "max_entries: a positive whole number"),
    ("edgr: {}", "unknown key(s) edgr"),
    ("http: {retries: many}", "http"),
    ("- just a list", "the top level must be a mapping"),
]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_loads():
    sources = load_sources(EXAMPLE)
    assert sources.edgar.companies[:2] == ("NVDA", "MSFT") and sources.edgar.since == date(2024, 1, 1)
    assert sources.edgar.exhibits == ("EX-10", "EX-99")
    assert sources.feeds[1].meta.region == "mainland" and sources.feeds[1].max_entries == 50
    assert sources.settings["user_agent"].endswith("@example.com")
    assert sources.settings["ledger"] == str(EXAMPLE.parent / "outputs" / "ledger.csv")
    assert sources.retry.retries == 4


@pytest.mark.parametrize("value, ok", USER_AGENT_CASES)
def test_user_agent_needs_a_name_and_an_email(value, ok):
    if ok:
        assert check_user_agent(value) == value
    else:
        with pytest.raises(ConfigError, match="name and an e-mail"):
            check_user_agent(value)


@pytest.mark.parametrize("text, message", ERROR_CASES)
def test_mistakes_are_named(tmp_path, text, message):
    with pytest.raises(ConfigError, match="sources.yaml") as info:
        load_sources(write(tmp_path, text))
    assert message in str(info.value)


def test_relative_folders_and_paths_are_beside_the_file(tmp_path):
    (tmp_path / "docs").mkdir()
    sources = load_sources(write(tmp_path, "folders: [{path: docs, filer: Oracle}]\nsettings: {ledger: out/l.csv}"))
    assert sources.folders[0].path == (tmp_path / "docs").resolve() and sources.folders[0].meta.filer == "Oracle"
    assert sources.settings["ledger"] == str((tmp_path / "out" / "l.csv").resolve())
