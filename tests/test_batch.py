"""The streamed ledger (`extract_to_ledger`): the bytes of the in-memory batch, one document's
events held at a time, failures recorded, the old ledger kept when the stream breaks."""
from __future__ import annotations

import weakref
from pathlib import Path

import pytest

import pipeline.ledger
from pipeline.batch import extract_paths, extract_to_ledger, iter_results
from pipeline.extract import Extractor
from pipeline.ledger import ledger_text, read_ledger_rows
from pipeline.merge import with_ids
from pipeline.parallel import iter_results_parallel

# file name, text: a deal with an amount in one document, the same sides without one in another
# (it joins that deal), a pair of sides with two deals (its amountless row keeps its own id),
# and a document that fails in the middle of the batch.
DOCS = [
    ("a.txt", "Microsoft invested $10 billion in OpenAI.\n"),
    ("b.txt", "Microsoft has invested in OpenAI.\n"),
    ("c.txt", "Nvidia agreed to invest $5 billion in Intel. Nvidia will invest $2 billion in Intel.\n"),
    ("d.txt", "   \n"),
    ("e.txt", "Nvidia has invested in Intel.\n"),
    ("f.txt", "微软向OpenAI投资100亿美元。\n"),
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in DOCS:
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def in_memory(corpus, extractor):
    return extract_paths([corpus], extractor=extractor)


def test_the_corpus_needs_deals_linked_across_documents(in_memory):
    """Guards the other tests: a row of b.txt takes a.txt's deal_id, one of e.txt keeps its own."""
    by_doc = {e.doc_id: e for e in in_memory.events}
    assert by_doc["b"].deal_id == by_doc["a"].deal_id != with_ids(by_doc["b"]).deal_id
    assert by_doc["e"].deal_id == with_ids(by_doc["e"]).deal_id


@pytest.mark.parametrize("workers", [1, 2])
def test_streamed_ledger_is_the_in_memory_one(corpus, extractor, in_memory, tmp_path, workers):
    ledger = tmp_path / "ledger.csv"
    result = extract_to_ledger([corpus], ledger, results=lambda paths: iter_results_parallel(
        paths, workers=workers, extractor=extractor))
    assert ledger.read_bytes() == ledger_text(in_memory.events).encode("utf-8")
    assert result.events == [] and result.event_count == len(in_memory.events)
    assert result.counts == in_memory.counts and result.documents == in_memory.documents == len(DOCS) - 1
    assert [Path(f.path).name for f in result.failures] == ["d.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.csv", "ledger.csv.lock"]


def test_a_failing_document_leaves_the_others_in_the_ledger(corpus, extractor, tmp_path):
    ledger = tmp_path / "ledger.csv"
    result = extract_to_ledger([corpus], ledger, extractor=extractor)
    doc_ids = {row["doc_id"] for row in read_ledger_rows(ledger)}
    assert result.ledger_written and doc_ids == {"a", "b", "c", "e", "f"}


def test_a_broken_stream_keeps_the_old_ledger_and_leaves_no_temp_file(corpus, extractor, tmp_path):
    ledger = tmp_path / "ledger.csv"
    extract_to_ledger([corpus / "a.txt"], ledger, extractor=extractor)
    before = ledger.read_bytes()

    def breaks_after_two(paths):
        results = iter_results(paths, extractor=extractor)
        yield next(results)
        yield next(results)
        raise RuntimeError("worker lost")

    with pytest.raises(RuntimeError, match="worker lost"):
        extract_to_ledger([corpus], ledger, results=breaks_after_two)
    assert ledger.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.csv", "ledger.csv.lock"]


def test_a_killed_runs_spool_and_temp_file_go_with_the_next_run(corpus, extractor, tmp_path):
    ledger = tmp_path / "ledger.csv"
    for leftover in (".ledger.csv.k1ll3d.spool.tmp", ".ledger.csv.k1ll3d.tmp"):
        (tmp_path / leftover).write_text("half a row", encoding="utf-8")
    extract_to_ledger([corpus / "a.txt"], ledger, extractor=extractor)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.csv", "ledger.csv.lock"]


def test_no_more_than_one_documents_events_are_held_at_once(corpus, extractor, tmp_path, monkeypatch):
    """Every event the spool is handed is tracked; when the next document's come, the last ones are gone."""
    seen: weakref.WeakSet = weakref.WeakSet()
    alive_at_add: list[int] = []
    original = pipeline.ledger.LedgerSpool.add

    def add(self, events):
        events = list(events)
        alive_at_add.append(len(seen))
        seen.update(events)
        original(self, iter(events))

    monkeypatch.setattr(pipeline.ledger.LedgerSpool, "add", add)
    extract_to_ledger([corpus], tmp_path / "ledger.csv", extractor=extractor)
    assert len(alive_at_add) == len(DOCS) - 1 and max(alive_at_add) == 0
