"""Extract a batch of files: each failing document is recorded with its cause, the rest go on."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from .errors import DocumentError
from .extract import Extractor
from .merge import link_deals
from .read import iter_document_paths, read_document
from .records import Event


@dataclass(frozen=True)
class Failure:
    path: str
    cause: str


@dataclass
class BatchResult:
    events: list[Event] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    documents: int = 0


def extract_paths(paths: Iterable[str | Path], *, extractor: Extractor | None = None,
                  max_bytes: int = 50_000_000, progress: bool = False) -> BatchResult:
    """Read and extract every document under `paths`; failures do not stop the batch."""
    extractor = extractor or Extractor()
    result = BatchResult()
    files = list(iter_document_paths(paths))
    for path in tqdm(files, desc="extract", unit="doc", disable=not progress):
        try:
            doc = read_document(path, max_bytes=max_bytes)
            result.events += extractor.extract(doc)
            result.documents += 1
        except DocumentError as e:
            result.failures.append(Failure(str(path), e.cause))
        except Exception as e:  # a bug on one document must not cost the batch its ledger
            result.failures.append(Failure(str(path), f"internal error: {type(e).__name__}: {e}"))
    result.events = link_deals(result.events)
    return result
