"""The batch on a pool of worker processes: the same results as `batch.iter_results`, faster.

Each worker holds one Extractor for the whole batch: with the "fork" start
method the parent loads the rules, builds the matchers and warms them once,
and every worker inherits them (shared copy-on-write pages); with "spawn" or
"forkserver" each worker's initializer loads them from `rules_dir`. Workers
receive paths, read the documents themselves and send back only events and
failures (small, picklable), never spaCy Docs. `imap` keeps the input order,
so the ledger is byte-identical to the sequential one; results are handed on
one document at a time, so a ledger written from them holds none of the corpus.
"""
from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from pathlib import Path

from tqdm import tqdm

from .batch import BatchResult, DocResult, collect, extract_document, iter_results
from .extract import Extractor
from .read import iter_document_paths
from .records import DocMeta, Document

# A tiny document in each language: extracting it builds every lazy part of an
# Extractor (spaCy pipeline, matchers, jieba's dictionary) before the fork.
_WARMUP = Document(doc_id="warmup", source="warmup", meta=DocMeta(),
                   text="Microsoft invested $10 billion in OpenAI.\n微软向OpenAI投资100亿美元。")

_worker_extractor: Extractor | None = None  # the Extractor of this worker process
_max_bytes = 50_000_000  # and its size limit, set by the initializer


def extract_paths_parallel(paths: Iterable[str | Path], *, workers: int, rules_dir: Path | None = None,
                           extractor: Extractor | None = None, max_bytes: int = 50_000_000,
                           chunksize: int | None = None, start_method: str | None = None,
                           progress: bool = False) -> BatchResult:
    """Read and extract every document under `paths` on `workers` processes, events held in memory."""
    return collect(iter_results_parallel(paths, workers=workers, rules_dir=rules_dir, extractor=extractor,
                                         max_bytes=max_bytes, chunksize=chunksize, start_method=start_method,
                                         progress=progress))


def iter_results_parallel(paths: Iterable[str | Path], *, workers: int, rules_dir: Path | None = None,
                          extractor: Extractor | None = None, max_bytes: int = 50_000_000,
                          chunksize: int | None = None, start_method: str | None = None,
                          progress: bool = False) -> Iterator[DocResult]:
    """Each document's result under `paths`, extracted on `workers` processes, in input order.

    The rules come from `extractor` if given, else from `rules_dir` (default
    rules/). `workers` <= 1 runs the sequential batch. `start_method` defaults
    to "fork" where the platform has it, else "spawn".
    """
    if extractor is None:
        extractor = _load_extractor(rules_dir)
    files = list(iter_document_paths(paths))
    if workers <= 1 or len(files) <= 1:
        yield from iter_results(files, extractor=extractor, max_bytes=max_bytes, progress=progress)
        return
    method = start_method or ("fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn")
    global _worker_extractor
    if method == "fork":
        extractor.extract(_WARMUP)
        _worker_extractor = extractor  # inherited by the forked workers
    rules_root = None if method == "fork" else _rules_root(extractor, rules_dir)
    # Small chunks keep both workers busy to the end; past a few thousand files, chunks of 16 cut the overhead.
    chunk = chunksize or max(1, min(16, len(files) // (workers * 64)))
    context = multiprocessing.get_context(method)
    try:
        with context.Pool(workers, initializer=_init_worker, initargs=(rules_root, max_bytes)) as pool:
            yield from tqdm(pool.imap(_extract_in_worker, files, chunksize=chunk), total=len(files),
                            desc="extract", unit="doc", disable=not progress)
    finally:
        _worker_extractor = None


def _load_extractor(rules_dir: Path | None) -> Extractor:
    from .rules import RULES_DIR, load_rules

    return Extractor(load_rules(rules_dir or RULES_DIR))


def _rules_root(extractor: Extractor, rules_dir: Path | None) -> Path:
    """Where a spawned worker loads the rules from; it must be the parent's rule set."""
    from .rules import RULES_DIR, rules_version

    root = Path(rules_dir or RULES_DIR)
    if rules_version(root) != extractor.rules.version:
        raise ValueError(f"the extractor's rules are not those of {root}: pass rules_dir, "
                         "or use the 'fork' start method")
    return root


def _init_worker(rules_root: Path | None, max_bytes: int) -> None:
    global _worker_extractor, _max_bytes
    _max_bytes = max_bytes
    if _worker_extractor is None:  # spawn / forkserver: nothing inherited
        _worker_extractor = _load_extractor(rules_root)


def _extract_in_worker(path: Path) -> DocResult:
    return extract_document(path, extractor=_worker_extractor, max_bytes=_max_bytes)
