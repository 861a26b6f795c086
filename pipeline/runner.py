"""`dealledger run --config sources.yaml`: fetch what is new, extract it, update the ledger.

One run holds a lock beside the state store (and the ledger's lock). Fetching happens in this process
(a few threads sharing one rate limiter); extraction runs in the calling
thread, a process pool or Dask. Each document's result is committed to the
state store in one transaction, and the ledger is rewritten from the store at
the end of every run (only if its bytes change), so a run killed anywhere and
started again writes exactly the ledger an uninterrupted run writes.
"""
from __future__ import annotations

import json
import sys
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from time import monotonic

from tqdm import tqdm

from .batch import ledger_lock, run_lock
from .errors import ConfigError, DocumentError, FetchError
from .fetch import edgar
from .fetch.cache import CachingFetcher, HttpCache
from .fetch.commentary import feed_items, url_item
from .fetch.executors import make_executor
from .fetch.http import HttpClient, RateLimiter
from .fetch.items import FOLDER, Item, Outcome, content_hash, folder_items, read_folder_bytes
from .ledger import LedgerSpool, atomic_write
from .settings import Settings
from .sources import Sources, check_user_agent, load_sources
from .state import StateStore

FETCH_THREADS = 4
DEFAULT_USER_AGENT = "dealledger/0.1"
EXIT_OK, EXIT_PARTIAL = 0, 3  # as in cli.py
# Failures that say nothing about the document: not recorded, so the document keeps its
# earlier events and is tried again next run. A read or extract failure is recorded.
TRANSIENT_STAGES = ("fetch", "worker")


@dataclass(frozen=True)
class RunOptions:
    workers: int = 1
    executor: str = "local"  # local or dask
    scheduler: str | None = None
    progress: bool = False


@dataclass
class RunReport:
    """What a run did: counted per document, failures with their causes."""

    run_id: str
    started: str
    config: str
    rules_version: str
    documents: dict = field(default_factory=lambda: dict.fromkeys(
        ("total", "fetched", "not_modified", "cached", "read", "processed", "unchanged", "failed"), 0))
    http: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    ledger: dict = field(default_factory=dict)
    finished: str = ""
    seconds: float = 0.0
    exit_code: int = EXIT_OK

    def fail(self, key: str, stage: str, cause: str) -> None:
        self.failures.append({"key": key, "stage": stage, "cause": cause})
        self.documents["failed"] += stage != "discover"

    def as_dict(self) -> dict:
        return dict(vars(self))


@dataclass(frozen=True)
class _Work:
    """One item's trip through a worker thread: how its bytes came, their hash, its outcome."""

    item: Item
    origin: str | None = None
    content_hash: str | None = None
    outcome: Outcome | None = None  # None: unchanged since it was processed


def run_sources(args) -> int:
    """The CLI's entry: load the config, run, print and save the report, return the exit code."""
    sources = load_sources(args.config)
    settings = _settings(sources, args)
    from .extract import Extractor
    from .rules import load_rules

    extractor = Extractor(load_rules(settings.rules_dir))  # a broken rule file stops here
    options = RunOptions(workers=settings.workers, executor=args.executor, scheduler=args.scheduler,
                         progress=not args.no_progress and sys.stderr.isatty())
    report = run(sources, settings, extractor=extractor, options=options)
    print_report(report)
    return report.exit_code


def run(sources: Sources, settings: Settings, *, extractor, options: RunOptions = RunOptions()) -> RunReport:
    """Hold the lock, do the run, return its report (also saved as JSON beside the state store)."""
    if sources.edgar is not None:
        check_user_agent(settings.user_agent)  # refuse before any request
    with run_lock(settings.state_db), ledger_lock(settings.ledger):  # and no corpus run on our ledger
        return _run_locked(sources, settings, extractor, options)


def _run_locked(sources: Sources, settings: Settings, extractor, options: RunOptions) -> RunReport:
    began, now = monotonic(), _now()
    report = RunReport(run_id=now.strftime("%Y%m%dT%H%M%S%fZ"), started=now.isoformat(timespec="seconds"),
                       config=str(sources.path), rules_version=extractor.rules.version)
    _remove_stale_temp(settings)
    state = StateStore(settings.state_db)
    client = HttpClient(user_agent=settings.user_agent or DEFAULT_USER_AGENT, timeout_s=settings.timeout_s,
                        limiter=RateLimiter(settings.rate_limit_per_s), retry=sources.retry,
                        max_bytes=settings.max_bytes, deadline_s=settings.deadline_s)
    try:
        state.start_run(report.run_id, report.started)
        fetcher = CachingFetcher(client, HttpCache(settings.cache_dir))
        items = discover_items(sources, fetcher, settings, extractor.rules.entities, report)
        report.documents["total"] = len(items)
        _process(items, state, fetcher, extractor, settings.rules_dir, options, report)
        _write_ledger(state, settings.ledger, report)
        report.exit_code = EXIT_PARTIAL if report.failures else EXIT_OK
        report.http = vars(client.stats).copy()
        report.finished, report.seconds = _now().isoformat(timespec="seconds"), round(monotonic() - began, 3)
        state.finish_run(report.run_id, report.finished, report.exit_code, report.as_dict())
        _save_report(report, settings)
        return report
    finally:
        client.close()
        state.close()


def discover_items(sources: Sources, fetcher: CachingFetcher, settings: Settings, entities,
                   report: RunReport) -> list[Item]:
    """Every document the sources name, each once (the first source naming a key wins)."""
    on_error = lambda key, cause: report.fail(key, "discover", cause)  # noqa: E731
    items: list[Item] = []
    if sources.edgar is not None:
        source = edgar.EdgarSource(fetcher, base_url=settings.edgar_base_url,
                                   data_url=settings.edgar_data_url, entities=entities)
        items += edgar.discover(source, sources.edgar, on_error)
    for feed in sources.feeds:
        try:
            items += feed_items(fetcher, feed)
        except (FetchError, DocumentError) as e:
            on_error(feed.url, e.cause)
    items += [url_item(page) for page in sources.urls]
    for folder in sources.folders:
        items += folder_items(folder.path, meta=folder.meta)
    unique: dict[str, Item] = {}
    for item in items:
        unique.setdefault(item.key, item)
    return list(unique.values())


def _process(items: list[Item], state: StateStore, fetcher: CachingFetcher, extractor, rules_dir: Path,
             options: RunOptions, report: RunReport) -> None:
    """Fetch in threads, extract where the options say, commit each document as it completes."""
    prior = state.snapshot()
    version = extractor.rules.version
    with make_executor(options.executor, extractor=extractor, rules_dir=rules_dir, workers=options.workers,
                       scheduler=options.scheduler) as extract, ThreadPoolExecutor(FETCH_THREADS) as pool:
        futures = [pool.submit(_work, item, prior.get(item.key), fetcher, extract, version) for item in items]
        for future in tqdm(as_completed(futures), total=len(futures), desc="documents", unit="doc",
                           disable=not options.progress):
            _record(future.result(), state, version, report)


def _work(item: Item, prior, fetcher: CachingFetcher, extract, version: str) -> _Work:
    """Runs in a fetch thread; never raises: a failure is an Outcome."""
    fingerprint = item.fingerprint()
    if item.permanent and prior and prior.is_current(content_hash=None, fingerprint=fingerprint,
                                                     rules_version=version):
        return _Work(item)  # immutable and done: not even the cache is read
    try:
        if item.kind == FOLDER:
            body, content_type, origin = read_folder_bytes(item), "", "read"
        else:
            got = fetcher.fetch(item.key, permanent=item.permanent)
            body, content_type, origin = got.body, got.content_type, got.origin
    except (FetchError, DocumentError) as e:
        return _Work(item, outcome=Outcome(item.key, error=e.cause, stage="fetch"))
    except Exception as e:  # a bug while fetching one document must not stop the run
        return _Work(item, outcome=Outcome(item.key, error=f"internal error: {type(e).__name__}: {e}", stage="fetch"))
    digest = content_hash(body)
    if prior and prior.is_current(content_hash=digest, fingerprint=fingerprint, rules_version=version):
        return _Work(item, origin, digest)
    try:
        return _Work(item, origin, digest, extract(item, body, content_type))
    except Exception as e:  # a worker process died (out of memory ...): that document fails, not the run
        return _Work(item, origin, digest, Outcome(item.key, error=f"extraction worker failed: {e!r}", stage="worker"))


def _record(work: _Work, state: StateStore, version: str, report: RunReport) -> None:
    """Count the work and commit the document's result (one transaction)."""
    if work.origin:
        report.documents[work.origin] += 1
    outcome = work.outcome
    if outcome is None:
        report.documents["unchanged"] += 1
        return
    if outcome.stage not in TRANSIENT_STAGES:
        state.commit_document(key=work.item.key, doc_id=work.item.doc_id, kind=work.item.kind,
                              content_hash=work.content_hash, fingerprint=work.item.fingerprint(),
                              rules_version=version, events=list(outcome.events), error=outcome.error)
    report.warnings += list(outcome.warnings)
    if outcome.error:
        report.fail(work.item.key, outcome.stage or "extract", outcome.error)
    else:
        report.documents["processed"] += 1


def _write_ledger(state: StateStore, path: Path, report: RunReport) -> None:
    """The ledger from the state store, streamed (no event list in memory); written only when its bytes change."""
    with LedgerSpool(path) as spool:
        spool.add(state.iter_events())
        changed = spool.write(only_if_changed=True)
    report.ledger = {"path": str(path), "events": spool.rows, "changed": changed}


def _remove_stale_temp(settings: Settings) -> None:
    """Temporary files a killed run left (a half-written cache entry or report): never used, removed.
    (ledger_lock removes a half-written ledger.)"""
    for folder, pattern in ((settings.cache_dir / "http", "*/.*.tmp"), (settings.state_db.parent / "runs", ".*.tmp")):
        if folder.is_dir():
            for tmp in folder.glob(pattern):
                tmp.unlink(missing_ok=True)


def _save_report(report: RunReport, settings: Settings) -> Path:
    folder = settings.state_db.parent / "runs"
    path = folder / f"{report.run_id}.json"
    report.ledger["report"] = str(path)
    text = json.dumps(report.as_dict(), indent=1, ensure_ascii=False)
    atomic_write(path, text)
    atomic_write(folder / "latest.json", text)
    return path


def print_report(report: RunReport, out=None, err=None) -> None:
    """The summary to stdout; warnings and failures, with their causes, to stderr."""
    out, err = out or sys.stdout, err or sys.stderr
    d = report.documents
    print(f"run {report.run_id}: {d['total']} documents: {d['fetched']} fetched, {d['not_modified']} not modified, "
          f"{d['cached']} from cache, {d['read']} read from folders; {d['processed']} processed, "
          f"{d['unchanged']} unchanged, {d['failed']} failed", file=out)
    print(f"http: {report.http.get('requests', 0)} requests, {report.http.get('retries', 0)} retries, "
          f"{report.http.get('bytes', 0):,} bytes", file=out)
    ledger = report.ledger
    print(f"ledger: {ledger.get('path')} ({ledger.get('events')} events, "
          f"{'updated' if ledger.get('changed') else 'unchanged'}); report: {ledger.get('report')}", file=out)
    for warning in report.warnings:
        print(f"warning: {warning}", file=err)
    for failure in report.failures:
        print(f"failed ({failure['stage']}): {failure['key']}: {failure['cause']}", file=err)


def _settings(sources: Sources, args) -> Settings:
    from .settings import load_settings

    try:
        return load_settings(config=sources.settings, ledger=args.out, rules_dir=args.rules, workers=args.workers)
    except ConfigError as e:
        raise ConfigError(f"{sources.path}: settings: {e}") from e


def _now() -> datetime:
    return datetime.now(timezone.utc)
