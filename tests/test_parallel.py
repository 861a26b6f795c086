"""The worker pool gives the sequential batch's result: same ledger bytes, failures and count."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.batch import extract_paths
from pipeline.extract import Extractor
from pipeline.ledger import ledger_text
from pipeline.parallel import extract_paths_parallel
from pipeline.rules import RULES_DIR

ANNOTATED = Path(__file__).resolve().parents[1] / "corpora" / "annotated"
META_KEYS = ("filer", "doc_kind", "doc_date", "source_url", "lang")

# workers, chunksize, start method
POOLS = [
    (2, None, "fork"),
    (2, 1, "fork"),
    (3, 2, "fork"),
    (2, 4, "spawn"),
    (1, None, None),
]


def write_gold_docs(folder: Path, *, per_lang: int = 8) -> None:
    """The first gold documents of each language with their sidecars, plus two that fail."""
    folder.mkdir(parents=True, exist_ok=True)
    counts = {"en": 0, "zh": 0}
    for line in (ANNOTATED / "dev.jsonl").read_text(encoding="utf-8").splitlines():
        gold = json.loads(line)
        if counts[gold["lang"]] >= per_lang:
            continue
        counts[gold["lang"]] += 1
        text = (ANNOTATED / "docs" / f"{gold['doc_id']}.txt").read_text(encoding="utf-8")
        (folder / f"{gold['doc_id']}.txt").write_text(text, encoding="utf-8")
        meta = {k: gold[k] for k in META_KEYS if gold.get(k) is not None}
        (folder / f"{gold['doc_id']}.meta.json").write_text(json.dumps(meta), encoding="utf-8")
    (folder / "empty.txt").write_text("")
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    write_gold_docs(folder)
    return folder


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="module")
def sequential(corpus, extractor):
    return extract_paths([corpus], extractor=extractor)


def test_the_corpus_has_events_and_failures(sequential):
    assert sequential.documents == 16
    assert len(sequential.events) > 10
    assert {e.language for e in sequential.events} == {"en", "zh"}
    assert [Path(f.path).name for f in sequential.failures] == ["empty.txt", "notes.docx"]


@pytest.mark.parametrize("workers, chunksize, start_method", POOLS)
def test_same_result_as_the_sequential_batch(corpus, extractor, sequential, workers, chunksize, start_method):
    result = extract_paths_parallel([corpus], workers=workers, chunksize=chunksize, start_method=start_method,
                                    extractor=extractor if start_method != "spawn" else None, rules_dir=RULES_DIR)
    assert ledger_text(result.events) == ledger_text(sequential.events)
    assert result.failures == sequential.failures
    assert result.documents == sequential.documents


def test_files_given_one_by_one_keep_their_order(corpus, extractor):
    files = sorted(corpus.glob("*.txt"), reverse=True)
    assert (ledger_text(extract_paths_parallel(files, workers=2, extractor=extractor).events)
            == ledger_text(extract_paths(files, extractor=extractor).events))


def test_spawned_workers_refuse_rules_other_than_the_extractors(corpus, tmp_path, extractor):
    other = tmp_path / "rules"
    other.mkdir()
    with pytest.raises(ValueError, match="not those of"):
        extract_paths_parallel([corpus], workers=2, start_method="spawn", extractor=extractor, rules_dir=other)
