"""The batch on a Dask distributed cluster: the same results as `batch.iter_results`.

The client lists the documents and splits them into contiguous partitions; each
partition is one task. The rules are loaded and checked once, in the client,
and sent to every worker once (`scatter(broadcast=True)`); a worker builds its
Extractor on the first task and keeps it, keyed by the rules' version, for
every later task. Results come back per partition and are handed on in input
order, so the ledger is byte-identical to the single-process one; a partition
holds at most PARTITION_DOCS documents, so the client holds at most one
partition's events at a time, however large the corpus.

Workers read the documents by path: on a real cluster the paths must name the
same files on every worker (a shared or synced file system). Extraction makes
no request to the SEC: fetching stays in the client's one rate-limited HTTP
session, so the 10 requests/s limit stays global whatever the cluster's size.
"""
from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from .batch import BatchResult, DocResult, collect, extract_document
from .extract import Extractor
from .read import iter_document_paths
from .rules import RuleSet

PARTITIONS_PER_WORKER = 4  # enough to balance uneven documents, few enough to keep task overhead low
PARTITION_DOCS = 100  # and more partitions past that many documents each: the client's memory stays flat

_extractors: dict[str, Extractor] = {}  # per worker process: rules version -> Extractor
_lock = threading.Lock()  # a worker may run several tasks at once on threads


def extract_paths_dask(paths: Iterable[str | Path], *, scheduler: str | None = None, client=None,
                       rules: RuleSet | None = None, rules_dir: Path | None = None,
                       max_bytes: int = 50_000_000, partitions: int | None = None,
                       workers: int | None = None, progress: bool = False) -> BatchResult:
    """Read and extract every document under `paths` on a Dask cluster, events held in memory."""
    return collect(iter_results_dask(paths, scheduler=scheduler, client=client, rules=rules, rules_dir=rules_dir,
                                     max_bytes=max_bytes, partitions=partitions, workers=workers,
                                     progress=progress))


def iter_results_dask(paths: Iterable[str | Path], *, scheduler: str | None = None, client=None,
                      rules: RuleSet | None = None, rules_dir: Path | None = None,
                      max_bytes: int = 50_000_000, partitions: int | None = None,
                      workers: int | None = None, progress: bool = False) -> Iterator[DocResult]:
    """Each document's result under `paths`, extracted on a Dask cluster, in input order.

    The cluster is `client` if given, else the scheduler at `scheduler`
    ("tcp://host:8786"), else a LocalCluster of `workers` processes (default:
    one per core) started and stopped here. `partitions` defaults to
    PARTITIONS_PER_WORKER per worker, more when a partition would pass PARTITION_DOCS.
    """
    rules = rules or _load_rules(rules_dir)  # a broken rule file stops here, before any work
    files = [str(p) for p in iter_document_paths(paths)]
    if not files:
        return
    with _connect(client, scheduler, workers) as dask_client:
        count = partitions or max(PARTITIONS_PER_WORKER * max(1, len(dask_client.scheduler_info()["workers"])),
                                  -(-len(files) // PARTITION_DOCS))
        [shared_rules] = dask_client.scatter([rules], broadcast=True)
        futures = dask_client.map(extract_partition, split(files, count), rules=shared_rules,
                                  max_bytes=max_bytes, pure=False)
        for future in _progress(futures, progress):
            yield from future.result()
            future.release()  # a partition's results are handed on: the cluster can forget them


def extract_partition(paths: list[str], *, rules: RuleSet, max_bytes: int) -> list[DocResult]:
    """The task: one partition's documents, in order, with this worker's Extractor."""
    extractor = worker_extractor(rules)
    return [extract_document(Path(p), extractor=extractor, max_bytes=max_bytes) for p in paths]


def worker_extractor(rules: RuleSet) -> Extractor:
    """This process's Extractor for `rules`, built on first use and kept."""
    with _lock:
        extractor = _extractors.get(rules.version)
        if extractor is None:
            _extractors.clear()  # a new rule set replaces the old one
            extractor = _extractors[rules.version] = Extractor(rules)
        return extractor


def split(items: list, count: int) -> list[list]:
    """`items` in at most `count` contiguous, near-equal parts (input order kept)."""
    count = max(1, min(count, len(items)))
    size, extra = divmod(len(items), count)
    out, start = [], 0
    for n in range(count):
        end = start + size + (1 if n < extra else 0)
        out.append(items[start:end])
        start = end
    return out


def _load_rules(rules_dir: Path | None) -> RuleSet:
    from .rules import RULES_DIR, load_rules

    return load_rules(rules_dir or RULES_DIR)


class _connect:
    """The given client (left open), one for `scheduler`, or a LocalCluster; closes what it opened."""

    def __init__(self, client, scheduler: str | None, workers: int | None):
        self.given, self.scheduler, self.workers = client, scheduler, workers
        self.opened: list = []

    def __enter__(self):
        if self.given is not None:
            return self.given
        from distributed import Client, LocalCluster

        if self.scheduler:
            client = Client(self.scheduler)
        else:
            cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                                   dashboard_address=None)
            self.opened.append(cluster)
            client = Client(cluster)
        self.opened.insert(0, client)
        return client

    def __exit__(self, *exc):
        for thing in self.opened:
            thing.close()
        return False


def _progress(futures, enabled: bool):
    if not enabled:
        return futures
    from tqdm import tqdm

    return tqdm(futures, desc="extract", unit="part")
