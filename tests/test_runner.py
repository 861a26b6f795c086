"""`dealledger run --config`: real HTTP servers on 127.0.0.1 laid out like EDGAR and a commentary site.

Shows: the right documents fetched, the User-Agent sent, the rate never above 10/s,
the second run downloading nothing, a changed rule set re-extracted from the cache,
two concurrent runs refused, and a run killed at many points (SIGKILL) then
started again ending with the very ledger bytes of a clean run.
"""
from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import yaml

from fetch.sites import (  # noqa: F401 - fixtures
    USER_AGENT, _edgar_server, _web_server, edgar_site, web_site, windows_over,
)
from pipeline.cli import EXIT_LOCKED, EXIT_OK, EXIT_PARTIAL, main

ROOT = Path(__file__).resolve().parents[1]
CRASH = Path(__file__).resolve().parent / "fetch" / "crash_run.py"
ALL_COMPANIES = ["NVDA", "META", "AMZN", "GOOGL", "1341439"]


def write_config(tmp: Path, *, edgar: str | None = None, web: str | None = None, companies=ALL_COMPANIES,
                 since="2024-06-01", exhibits=("EX-10", "EX-99"), forms=("10-K", "10-Q", "8-K"),
                 folder: Path | None = None,
                 urls: list[str] | None = None, timeout_s: float = 5.0) -> Path:
    config: dict = {
        "settings": {"ledger": str(tmp / "out" / "ledger.csv"), "state_db": str(tmp / "out" / "state.sqlite"),
                     "cache_dir": str(tmp / "out" / "cache"), "rate_limit_per_s": 10, "timeout_s": timeout_s},
        "http": {"retries": 3, "backoff_s": 0.05, "max_wait_s": 2},
    }
    if edgar:
        config["edgar"] = {"user_agent": USER_AGENT, "base_url": edgar, "data_url": edgar,
                           "companies": list(companies), "forms": list(forms),
                           "exhibits": list(exhibits), "since": since}
    if web:
        config["feeds"] = [f"{web}/feeds/feed.rss", {"url": f"{web}/feeds/feed.atom", "lang": "zh"}]
        config["urls"] = urls if urls is not None else [f"{web}/pages/zh-latest.html"]
    if folder:
        config["folders"] = [{"path": str(folder), "filer": "Oracle"}]
    path = tmp / "sources.yaml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return path


def report(tmp: Path) -> dict:
    return json.loads((tmp / "out" / "runs" / "latest.json").read_text(encoding="utf-8"))


def ledger_rows(tmp: Path) -> list[dict]:
    with (tmp / "out" / "ledger.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def run(config: Path, rules: Path, *extra: str) -> int:
    """`dealledger run` in this process, with a copy of the rules."""
    return main(["run", "--config", str(config), "--rules", str(rules), "--no-progress", *extra])


@pytest.fixture(scope="session")
def rules(tmp_path_factory) -> Path:
    """A copy of rules/, so an edit to the real rules during the session cannot change a rules version."""
    copy = tmp_path_factory.mktemp("rules") / "rules"
    shutil.copytree(ROOT / "rules", copy)
    return copy


# --- one full run over every fixture filing and the commentary site, then a second run ---------

EXPECTED_ARCHIVES = {
    "/Archives/edgar/data/1045810/000104581025000023/nvda-20250126.htm",
    "/Archives/edgar/data/1045810/000104581025000209/nvda-20250727.htm",
    "/Archives/edgar/data/1045810/000104581026000024/nvda-20260302.htm",
    "/Archives/edgar/data/1045810/000104581026000024/formxex101xfy27variablecom.htm",
    "/Archives/edgar/data/1326801/000132680125000017/meta-20241231.htm",
    "/Archives/edgar/data/1326801/000162828025058337/meta-20251219.htm",
    "/Archives/edgar/data/1018724/000101872425000004/amzn-20241231.htm",
    "/Archives/edgar/data/1652044/000165204425000014/goog-20241231.htm",
    "/Archives/edgar/data/1341439/000095017024104000/orcl-20240831.htm",
    "/Archives/edgar/data/1341439/000095017024127000/orcl-20241114.htm",
}
# (filer, event_type): the 10-K events the issue names: useful-life changes, purchase obligations, investments.
# NVIDIA's FY2025 10-K changes no useful life: its one sentence on lives is policy ("amortized over the shorter of
# the expected lease term or the estimated useful life"), which LEDGER.md says is no event.
TEN_K_EVENTS = [  # deals the 10-Ks state with the filer as party (the rest of their text states none of its own)
    ("NVIDIA", "purchase_agreement"),  # memory from SK Hynix, Micron and Samsung
    ("Meta", "depreciation_change"), ("Meta", "investment"),  # 5.5-year servers; Jio Platforms
    ("Amazon", "depreciation_change"), ("Amazon", "investment"),  # six to five years; Anthropic, MGM, One Medical
]
TEN_K_DOCS = {"NVIDIA": "0001045810-25-000023/nvda-20250126.htm", "Meta": "0001326801-25-000017/meta-20241231.htm",
              "Amazon": "0001018724-25-000004/amzn-20241231.htm", "Alphabet": "0001652044-25-000014/goog-20241231.htm"}


@pytest.fixture(scope="module")
def full(tmp_path_factory, _edgar_server, _web_server, rules):
    """Two runs over everything: results and server logs of each."""
    tmp = tmp_path_factory.mktemp("full")
    config = write_config(tmp, edgar=_edgar_server.url, web=_web_server.url)
    out = {}
    for name in ("first", "second"):
        _edgar_server.reset()
        _web_server.reset()
        code = run(config, rules)
        ledger = tmp / "out" / "ledger.csv"
        out[name] = {"code": code, "report": report(tmp), "edgar": list(_edgar_server.log),
                     "web": list(_web_server.log), "ledger": ledger.read_bytes(), "mtime": ledger.stat().st_mtime_ns}
        time.sleep(0.05)  # a rewrite would show in the mtime
    out["rows"] = ledger_rows(tmp)
    return out


def test_first_run_fetches_the_right_documents(full):
    first = full["first"]
    assert first["code"] == EXIT_OK, first["report"]["failures"]
    fetched = {h.path for h in first["edgar"] if h.path.startswith("/Archives/") and not h.path.endswith("-index.html")}
    assert fetched == EXPECTED_ARCHIVES
    assert len([h for h in first["edgar"] if h.path.startswith("/Archives/")]) == len(EXPECTED_ARCHIVES) + 9  # + indexes
    assert "/submissions/CIK0001045810-submissions-002.json" not in {h.path for h in first["edgar"]}
    web = {h.path for h in first["web"]}
    assert web == {"/feeds/feed.rss", "/feeds/feed.atom", "/news/deal-en.html", "/zh/deal-zh-gbk.html",
                   "/research/note.pdf", "/pages/zh-latest.html"}  # the PDF is in both feeds: fetched once
    docs = first["report"]["documents"]
    assert (docs["total"], docs["fetched"], docs["processed"], docs["failed"]) == (14, 14, 14, 0)


def test_every_request_declares_the_user_agent(full):
    hits = full["first"]["edgar"] + full["first"]["web"] + full["second"]["edgar"]
    assert {h.headers.get("User-Agent") for h in hits} == {USER_AGENT}


def test_rate_never_above_ten_per_second(full):
    for name in ("first", "second"):
        assert windows_over(full[name]["edgar"] + full[name]["web"], 10) == []


@pytest.mark.parametrize("filer, event_type", TEN_K_EVENTS)
def test_ten_k_events_name_the_filer_and_the_section(full, filer, event_type):
    rows = [r for r in full["rows"] if r["doc_id"] == TEN_K_DOCS[filer] and r["event_type"] == event_type
            and r["party"] == filer]
    assert rows, f"no {event_type} with party {filer}"
    assert all(r["section"].startswith(("Item ", "Note ", "Part ")) for r in rows if r["section"])
    assert any(r["section"] for r in rows)
    assert all(r["source"].endswith(TEN_K_DOCS[filer].split("/")[1]) and r["doc_date"] for r in rows)


@pytest.mark.parametrize("filer, old, new", [("Meta", "", "5.5"), ("Amazon", "6", "5")])
def test_useful_life_changes_from_the_ten_ks(full, filer, old, new):
    lives = {(r["life_old_years"], r["life_new_years"]) for r in full["rows"]
             if r["doc_id"] == TEN_K_DOCS[filer] and r["event_type"] == "depreciation_change"}
    assert (old, new) in lives


def test_commentary_events_in_the_ledger(full):
    found = {(r["event_type"], frozenset((r["party"], r["counterparty"])), r["language"]) for r in full["rows"]
             if not r["doc_id"].startswith("0")}  # who buys from whom is the extractor's business, tested there
    assert ("purchase_agreement", frozenset(("OpenAI", "Oracle")), "en") in found  # UTF-8 article
    assert ("investment", frozenset(("NVIDIA", "OpenAI")), "zh") in found  # GBK article
    assert ("purchase_agreement", frozenset(("CoreWeave", "Meta")), "zh") in found  # PDF, Chinese font


def test_second_run_downloads_nothing_and_changes_nothing(full):
    second = full["second"]
    assert second["code"] == EXIT_OK
    assert archive_requests_of(second["edgar"]) == []
    assert {h.status for h in second["edgar"] + second["web"]} == {304}  # submissions, feeds, the page
    docs = second["report"]["documents"]
    assert (docs["fetched"], docs["processed"], docs["unchanged"]) == (0, 0, 14)
    assert second["report"]["http"]["bytes"] == 0
    assert second["ledger"] == full["first"]["ledger"] and second["mtime"] == full["first"]["mtime"]
    assert second["report"]["ledger"]["changed"] is False


def archive_requests_of(hits) -> list[str]:
    return [h.path for h in hits if h.path.startswith("/Archives/")]


# --- failures, retries, a changed rule set, workers, the lock ------------------------------------

def test_a_failed_document_gives_exit_3_and_the_rest_is_kept(tmp_path, web_site, rules, capsys):
    missing = f"{web_site.url}/pages/gone.html"
    config = write_config(tmp_path, web=web_site.url, urls=[missing, f"{web_site.url}/pages/zh-latest.html"])
    assert run(config, rules) == EXIT_PARTIAL
    result = report(tmp_path)
    assert result["failures"] == [{"key": missing, "stage": "fetch", "cause": "HTTP 404"}]
    assert result["exit_code"] == EXIT_PARTIAL and result["documents"]["processed"] == 4
    assert f"failed (fetch): {missing}: HTTP 404" in capsys.readouterr().err
    assert ledger_rows(tmp_path)  # everything else is in the ledger
    assert run(config, rules) == EXIT_PARTIAL  # still missing the next night: still said


def test_429_500_and_a_timeout_are_survived_in_a_run(tmp_path, web_site, rules):
    web_site.fault("/feeds/feed.rss", 429)
    web_site.fault("/news/deal-en.html", 500)
    web_site.fault("/research/note.pdf", ("slow", 1.5))
    config = write_config(tmp_path, web=web_site.url, timeout_s=0.5)
    assert run(config, rules) == EXIT_OK
    result = report(tmp_path)
    assert result["http"]["retries"] == 3 and result["documents"]["processed"] == 4
    statuses = [(h.path, h.status) for h in web_site.log]
    assert ("/feeds/feed.rss", 429) in statuses and ("/news/deal-en.html", 500) in statuses
    assert web_site.arrived.count("/research/note.pdf") == 2  # the slow answer came too late: asked again


def test_a_changed_rule_set_re_extracts_from_the_cache(tmp_path, edgar_site, web_site, rules):
    mine = tmp_path / "rules"
    shutil.copytree(rules, mine)
    config = write_config(tmp_path, edgar=edgar_site.url, web=web_site.url, companies=["NVDA"], since="2025-06-01",
                          forms=["8-K"])
    assert run(config, mine) == EXIT_OK
    total = report(tmp_path)["documents"]["total"]
    with (mine / "entities.csv").open("a", encoding="utf-8") as fh:
        fh.write("Example Holdings,EXHD,,Example Holdings,示例控股\n")
    edgar_site.reset()
    web_site.reset()
    assert run(config, mine) == EXIT_OK
    result = report(tmp_path)
    assert result["documents"]["processed"] == total and result["documents"]["fetched"] == 0
    assert archive_requests_of(edgar_site.log) == [] and result["http"]["bytes"] == 0
    assert result["rules_version"] != json.loads(
        sorted((tmp_path / "out" / "runs").glob("2*.json"))[0].read_text(encoding="utf-8"))["rules_version"]


@pytest.mark.parametrize("options", [["--workers", "2"], ["--executor", "dask", "--workers", "1"]],
                         ids=["process-pool", "dask-local-cluster"])
def test_extraction_elsewhere_writes_the_same_ledger(tmp_path, web_site, rules, options):
    here, there = tmp_path / "here", tmp_path / "there"
    here.mkdir()
    there.mkdir()
    assert run(write_config(here, web=web_site.url), rules) == EXIT_OK
    assert run(write_config(there, web=web_site.url), rules, *options) == EXIT_OK
    assert (here / "out" / "ledger.csv").read_bytes() == (there / "out" / "ledger.csv").read_bytes()


def test_edgar_without_a_user_agent_is_refused(tmp_path, edgar_site, rules, capsys, monkeypatch):
    monkeypatch.delenv("DEALLEDGER_USER_AGENT", raising=False)
    config = write_config(tmp_path, edgar=edgar_site.url)
    data = yaml.safe_load(config.read_text(encoding="utf-8"))
    del data["edgar"]["user_agent"]
    config.write_text(yaml.safe_dump(data), encoding="utf-8")
    assert run(config, rules) == 2
    assert "name and an e-mail" in capsys.readouterr().err and edgar_site.log == []


def crash_run(mode: str, config: Path, rules: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(CRASH), mode, "--", "run", "--config", str(config),
                             "--rules", str(rules), "--no-progress"], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_two_concurrent_runs_are_refused(tmp_path, web_site, rules, capsys):
    release = threading.Event()
    web_site.fault("/feeds/feed.rss", ("hold", release))  # keeps the first run inside its lock
    config = write_config(tmp_path, web=web_site.url, timeout_s=40)
    first = crash_run("none", config, rules)
    deadline = time.monotonic() + 30
    while "/feeds/feed.rss" not in web_site.arrived and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        assert run(config, rules) == EXIT_LOCKED
    finally:
        release.set()
    assert "another run holds" in capsys.readouterr().err
    assert first.wait(timeout=60) == EXIT_OK
    assert run(config, rules) == EXIT_OK  # the lock went with the first run


# --- crash and resume -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def crash_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("folder")
    (folder / "memo.txt").write_text("微软将服务器的折旧年限从4年延长至6年。\n", encoding="utf-8")
    (folder / "memo.meta.json").write_text('{"doc_date": "2025-09-01"}', encoding="utf-8")
    return folder


def crash_config(tmp: Path, edgar_url: str, web_url: str, folder: Path) -> Path:
    return write_config(tmp, edgar=edgar_url, web=web_url, companies=["NVDA", "META"], since="2025-06-01",
                        forms=["8-K"], folder=folder)


@pytest.fixture(scope="module")
def clean_ledger(tmp_path_factory, _edgar_server, _web_server, rules, crash_folder) -> bytes:
    tmp = tmp_path_factory.mktemp("clean")
    assert run(crash_config(tmp, _edgar_server.url, _web_server.url, crash_folder), rules) == EXIT_OK
    assert report(tmp)["documents"]["total"] == 8
    return (tmp / "out" / "ledger.csv").read_bytes()


CRASH_CASES = [
    ["commit:1"],
    ["in-commit:3"],
    ["cache:2"],
    ["ledger"],
    ["commit:2", "in-commit:2", "commit:1"],  # killed three times in a row
]


@pytest.mark.parametrize("modes", CRASH_CASES, ids=["+".join(m) for m in CRASH_CASES])
def test_killed_and_resumed_run_writes_the_clean_ledger(tmp_path, edgar_site, web_site, rules, crash_folder,
                                                        clean_ledger, modes):
    config = crash_config(tmp_path, edgar_site.url, web_site.url, crash_folder)
    for mode in modes:
        proc = crash_run(mode, config, rules)
        assert proc.wait(timeout=120) == -signal.SIGKILL, proc.stderr.read().decode()
    assert run(config, rules) == EXIT_OK
    assert (tmp_path / "out" / "ledger.csv").read_bytes() == clean_ledger
    assert not list((tmp_path / "out").rglob("*.tmp"))  # what the killed runs left half-written is gone


def test_killed_from_outside_at_any_moment(tmp_path, edgar_site, web_site, rules, crash_folder, clean_ledger):
    config = crash_config(tmp_path, edgar_site.url, web_site.url, crash_folder)
    proc = crash_run("none", config, rules)
    deadline = time.monotonic() + 60
    while len(archive_requests_of_paths(edgar_site.arrived)) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) == -signal.SIGKILL
    assert run(config, rules) == EXIT_OK
    assert (tmp_path / "out" / "ledger.csv").read_bytes() == clean_ledger


def archive_requests_of_paths(paths: list[str]) -> list[str]:
    return [p for p in paths if p.startswith("/Archives/")]


def test_a_corpus_run_on_the_same_ledger_is_refused_too(tmp_path, web_site, rules, capsys):
    from pipeline.batch import ledger_lock

    config = write_config(tmp_path, web=web_site.url)
    with ledger_lock(tmp_path / "out" / "ledger.csv"):  # what `dealledger run` / `extract` hold
        assert run(config, rules) == EXIT_LOCKED
    assert "ledger.csv.lock" in capsys.readouterr().err and web_site.log == []
