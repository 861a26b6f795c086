"""Where extraction runs: in the calling threads (one at a time), a process pool, or Dask.

Each executor is a callable `(item, body, content_type) -> Outcome`, called from
the run's fetch threads; it blocks until the document is extracted, which also
bounds how many fetched bodies wait in memory. Workers only extract: they never
fetch, so the run's one rate limiter stays the only door to the network.
"""
from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from pathlib import Path

from ..errors import ConfigError
from .items import Item, Outcome, process_item


class InlineExecutor:
    """Extraction in the calling thread, under a lock: the matchers are not meant for threads."""

    def __init__(self, extractor):
        self.extractor = extractor
        self._lock = threading.Lock()

    def __call__(self, item: Item, body: bytes, content_type: str) -> Outcome:
        with self._lock:
            return process_item(item, body, content_type, self.extractor)

    def close(self) -> None:
        pass


class ProcessExecutor:
    """A pool of `workers` processes, each loading the rules once. "spawn", not fork:
    the parent runs threads, and forking a threaded process can deadlock the child."""

    def __init__(self, rules_dir: Path, workers: int):
        self.rules_dir = str(rules_dir)
        self.pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn"))

    def __call__(self, item: Item, body: bytes, content_type: str) -> Outcome:
        return self.pool.submit(extract_with_rules, item, body, content_type, self.rules_dir).result()

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


class DaskExecutor:
    """Extraction on a Dask cluster: `scheduler` is its address, or None for a local cluster."""

    def __init__(self, rules_dir: Path, workers: int, scheduler: str | None):
        try:
            from dask.distributed import Client
        except ImportError as e:
            raise ConfigError("--executor dask needs dask[distributed] installed") from e
        self.rules_dir = str(rules_dir)
        if scheduler:
            self.client = Client(scheduler)
        else:
            self.client = Client(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                 dashboard_address=":0")

    def __call__(self, item: Item, body: bytes, content_type: str) -> Outcome:
        future = self.client.submit(extract_with_rules, item, body, content_type, self.rules_dir, pure=False)
        return future.result()

    def close(self) -> None:
        self.client.close()


class _Managed:
    def __init__(self, executor):
        self.executor = executor

    def __enter__(self):
        return self.executor

    def __exit__(self, *exc):
        self.executor.close()
        return False


def make_executor(kind: str, *, extractor, rules_dir: Path, workers: int,
                  scheduler: str | None = None) -> _Managed:
    """A context manager giving the extraction callable the options ask for; workers
    in other processes load the rules from `rules_dir`, this process uses `extractor`."""
    if kind == "dask":
        return _Managed(DaskExecutor(rules_dir, workers, scheduler))
    if kind != "local":
        raise ConfigError(f"unknown executor {kind!r}: local or dask")
    if workers > 1:
        return _Managed(ProcessExecutor(rules_dir, workers))
    return _Managed(InlineExecutor(extractor))


def extract_with_rules(item: Item, body: bytes, content_type: str, rules_dir: str) -> Outcome:
    """The worker side: the rules loaded once per process, then one document extracted."""
    return process_item(item, body, content_type, _extractor(rules_dir))


@lru_cache(maxsize=2)
def _extractor(rules_dir: str):
    from ..extract import Extractor
    from ..rules import load_rules

    return Extractor(load_rules(Path(rules_dir)))
