"""The state store: one transaction per document, events back exactly as they went in."""
from __future__ import annotations

from decimal import Decimal

import pytest

from pipeline.records import Event
from pipeline.state import StateStore, event_from_json, event_to_json


def event(doc_id="d1", start=0, **kw) -> Event:
    base = dict(event_type="purchase_agreement", party="OpenAI", counterparty="Oracle", doc_id=doc_id,
                rule_id="en-purchase-1", sentence="OpenAI signed ...", char_start=start, char_end=start + 10,
                language="en", amount=Decimal("3E+11"), life_new_years=Decimal("5.5"), event_id=f"e{start}")
    return Event(**{**base, **kw})


@pytest.fixture
def store(tmp_path):
    s = StateStore(tmp_path / "state.sqlite")
    yield s
    s.close()


def commit(store, key, events, **kw):
    store.commit_document(key=key, doc_id=events[0].doc_id if events else key, kind="url",
                          content_hash=kw.get("content_hash", "h1"), fingerprint="{}",
                          rules_version=kw.get("rules_version", "r1"), events=events, error=kw.get("error"))


def test_event_json_round_trip():
    e = event(amount_low=None, section="Item 7. MD&A", status="agreed")
    assert event_from_json(event_to_json(e)) == e


def test_events_come_back_in_ledger_order(store):
    commit(store, "k2", [event("b", 50), event("b", 5)])
    commit(store, "k1", [event("a", 9)])
    assert [(e.doc_id, e.char_start) for e in store.events()] == [("a", 9), ("b", 5), ("b", 50)]


def test_a_document_is_replaced_whole(store):
    commit(store, "k1", [event("a", 1), event("a", 2)])
    commit(store, "k1", [event("a", 3)], content_hash="h2")
    assert [e.char_start for e in store.events()] == [3]
    assert store.snapshot()["k1"].content_hash == "h2"


def test_failed_documents_give_no_rows(store):
    commit(store, "k1", [], error="unmapped glyphs on page 1")
    state = store.snapshot()["k1"]
    assert (state.status, state.error) == ("failed", "unmapped glyphs on page 1") and store.events() == []


@pytest.mark.parametrize("content_hash, fingerprint, rules_version, current", [
    ("h1", "{}", "r1", True),
    (None, "{}", "r1", True),  # an immutable document: the hash is not even needed
    ("h2", "{}", "r1", False),
    ("h1", '{"filer": "Oracle"}', "r1", False),
    ("h1", "{}", "r2", False),
])
def test_is_current(store, content_hash, fingerprint, rules_version, current):
    commit(store, "k1", [event()])
    assert store.snapshot()["k1"].is_current(content_hash=content_hash, fingerprint=fingerprint,
                                             rules_version=rules_version) is current


def test_an_interrupted_transaction_leaves_nothing(store, tmp_path):
    commit(store, "k1", [event("a", 1)])
    with pytest.raises(RuntimeError):
        with store._transaction():
            store.conn.execute("DELETE FROM events WHERE key = 'k1'")
            raise RuntimeError("killed")
    assert [e.char_start for e in StateStore(tmp_path / "state.sqlite").events()] == [1]



def test_streamed_events_come_in_the_order_python_sorts_them(store):
    """SQLite sorts as the in-memory sort did: numbers as numbers (9 before 10), text by code
    point (Z, a, z, é, 中), ties in the order they were committed."""
    commit(store, "k1", [event("é", 10), event("é", 9)])
    commit(store, "k2", [event("中", 5)])
    commit(store, "k3", [event("z", 5)])
    commit(store, "k4", [event("Z", 5)])
    commit(store, "k5", [event("a", 100), event("a", 100, sentence="second"), event("a", 2, event_type="credit"),
                         event("a", 2)])
    got = [(e.doc_id, e.char_start, e.event_type, e.sentence) for e in store.iter_events()]
    rows = store.conn.execute("SELECT d.doc_id, d.key, e.event FROM events e JOIN documents d ON d.key = e.key "
                              "ORDER BY e.key, e.ord").fetchall()
    events = [(doc_id, key, event_from_json(text)) for doc_id, key, text in rows]
    events.sort(key=lambda t: (t[0], t[1], t[2].char_start, t[2].char_end, t[2].event_type, t[2].event_id))
    assert got == [(e.doc_id, e.char_start, e.event_type, e.sentence) for _, _, e in events]
    assert [d for d, *_ in got] == ["Z", "a", "a", "a", "a", "z", "é", "é", "中"]
    assert got[1:5] == [("a", 2, "credit", "OpenAI signed ..."), ("a", 2, "purchase_agreement", "OpenAI signed ..."),
                        ("a", 100, "purchase_agreement", "OpenAI signed ..."), ("a", 100, "purchase_agreement", "second")]
