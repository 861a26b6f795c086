"""Extract a batch of files: each failing document is recorded with its cause, the rest go on."""
from __future__ import annotations

import glob
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from filelock import FileLock, Timeout
from tqdm import tqdm

from .errors import DocumentError, LockHeld
from .extract import Extractor
from .ledger import LedgerSpool
from .merge import link_deals
from .read import iter_document_paths, read_document
from .records import Event


@dataclass(frozen=True)
class Failure:
    path: str
    cause: str


@dataclass
class BatchResult:
    events: list[Event] = field(default_factory=list)  # empty when the events went to a ledger
    failures: list[Failure] = field(default_factory=list)
    documents: int = 0
    ledger_written: bool = False
    counts: Counter = field(default_factory=Counter)  # (event_type, language) -> events

    @property
    def event_count(self) -> int:
        return sum(self.counts.values())


# One document's result, in every executor: its events, or its failure.
DocResult = tuple[list[Event], Failure | None]


def extract_paths(paths: Iterable[str | Path], *, extractor: Extractor | None = None,
                  max_bytes: int = 50_000_000, progress: bool = False) -> BatchResult:
    """Read and extract every document under `paths`, events held in memory; failures do not stop the batch."""
    return collect(iter_results(paths, extractor=extractor, max_bytes=max_bytes, progress=progress))


def iter_results(paths: Iterable[str | Path], *, extractor: Extractor | None = None,
                 max_bytes: int = 50_000_000, progress: bool = False) -> Iterator[DocResult]:
    """Each document's result under `paths`, one at a time, in input order."""
    extractor = extractor or Extractor()
    files = list(iter_document_paths(paths))
    for path in tqdm(files, desc="extract", unit="doc", disable=not progress):
        yield extract_document(path, extractor=extractor, max_bytes=max_bytes)


def collect(results: Iterable[DocResult]) -> BatchResult:
    """The documents' results in one BatchResult, deals linked across documents."""
    result = BatchResult()
    for events, failure in results:
        if _count(result, events, failure):
            result.events += events
    result.events = link_deals(result.events)
    return result


def _count(result: BatchResult, events: list[Event], failure: Failure | None) -> bool:
    """Count one document's result; whether it was read."""
    if failure is not None:
        result.failures.append(failure)
        return False
    result.documents += 1
    result.counts.update((e.event_type, e.language) for e in events)
    return True


def extract_document(path: Path, *, extractor: Extractor, max_bytes: int) -> DocResult:
    """One document's events, or its failure with the cause (the same in every executor)."""
    try:
        doc = read_document(path, max_bytes=max_bytes)
        return extractor.extract(doc), None
    except DocumentError as e:
        return [], Failure(str(path), e.cause)
    except Exception as e:  # a bug on one document must not cost the batch its ledger
        return [], Failure(str(path), f"internal error: {type(e).__name__}: {e}")


def extract_to_ledger(paths: Iterable[str | Path], ledger: Path, *, extractor: Extractor | None = None,
                      max_bytes: int = 50_000_000, progress: bool = False,
                      results: Callable[[Iterable[str | Path]], Iterable[DocResult]] | None = None) -> BatchResult:
    """Each document's events spooled as it comes (from `iter_results`, or `results(paths)`: a worker
    pool, a Dask cluster, in input order), then the ledger written atomically, all under a lock on
    the ledger. The events are never all in memory: the result has their counts, not the events.

    When no document at all could be read the ledger is left as it was: a vanished
    input folder must not replace yesterday's ledger with an empty one.
    """
    ledger = Path(ledger)
    result = BatchResult()
    with ledger_lock(ledger), LedgerSpool(ledger) as spool:
        if results is None:
            docs = iter_results(paths, extractor=extractor, max_bytes=max_bytes, progress=progress)
        else:
            docs = results(paths)
        for events, failure in docs:
            if _count(result, events, failure):
                spool.add(events)
        if result.documents:
            spool.write()
            result.ledger_written = True
    return result


@contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """One run per `path` (ledger or state store): a second raises LockHeld at once. The OS frees
    the lock when the holding process ends, however it ends (SIGKILL included)."""
    lock_path = Path(f"{path}.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(lock_path), timeout=0)
    try:
        lock.acquire()
    except Timeout as e:
        raise LockHeld(f"another run holds {lock_path}; this run did nothing. "
                       "If no dealledger is running, the lock is freed when its process ends.") from e
    try:
        yield
    finally:
        lock.release()


@contextmanager
def ledger_lock(ledger: Path) -> Iterator[None]:
    """One run per ledger; temporary files a killed run left beside it go."""
    with run_lock(ledger):
        for tmp in ledger.parent.glob(f".{glob.escape(ledger.name)}.*.tmp"):
            tmp.unlink(missing_ok=True)
        yield
