"""The state store (SQLite): per document its key, content hash, rules version, when and how
it was processed, and its events. The ledger is a pure function of this store.

Each document's row and events are written in one transaction, so a run killed
at any point leaves every document either done or not started; the next run
does the rest, and rewriting the ledger from the store gives exactly what an
uninterrupted run writes.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path

from .records import Event

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    key TEXT PRIMARY KEY,          -- URL or file path
    doc_id TEXT NOT NULL,
    kind TEXT NOT NULL,            -- edgar, url, feed, folder
    content_hash TEXT,             -- SHA-256 of the bytes
    fingerprint TEXT NOT NULL,     -- the metadata that also decides the events
    rules_version TEXT NOT NULL,
    processed_at TEXT NOT NULL,    -- UTC, ISO 8601
    status TEXT NOT NULL,          -- ok or failed
    error TEXT                     -- the cause, when failed
);
CREATE TABLE IF NOT EXISTS events (
    key TEXT NOT NULL REFERENCES documents(key) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    event TEXT NOT NULL,           -- the Event as JSON, amounts as strings
    PRIMARY KEY (key, ord)
);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    started TEXT NOT NULL,
    finished TEXT,
    exit_code INTEGER,
    report TEXT
);
"""
_DECIMALS = frozenset(f.name for f in fields(Event) if "Decimal" in str(f.type))
OK, FAILED = "ok", "failed"


@dataclass(frozen=True)
class DocState:
    key: str
    doc_id: str
    content_hash: str | None
    fingerprint: str
    rules_version: str
    status: str
    error: str | None
    processed_at: str

    def is_current(self, *, content_hash: str | None, fingerprint: str, rules_version: str) -> bool:
        """Processed from these same bytes and metadata under these same rules: nothing to do."""
        return (self.rules_version == rules_version and self.fingerprint == fingerprint
                and (content_hash is None or self.content_hash == content_hash))


class StateStore:
    """One connection, used from one thread (the run's main thread)."""

    def __init__(self, path: Path):
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.path = Path(path)
        self.conn = sqlite3.connect(str(path), isolation_level=None)  # we open transactions ourselves
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("PRAGMA foreign_keys=ON")
        self.conn.executescript(SCHEMA)
        self.conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    def snapshot(self) -> dict[str, DocState]:
        """Every document's state, read once at the start of a run."""
        rows = self.conn.execute("SELECT key, doc_id, content_hash, fingerprint, rules_version, "
                                 "status, error, processed_at FROM documents").fetchall()
        return {row[0]: DocState(*row) for row in rows}

    def commit_document(self, *, key: str, doc_id: str, kind: str, content_hash: str | None,
                        fingerprint: str, rules_version: str, events: list[Event],
                        error: str | None = None) -> None:
        """Replace the document's row and events in one transaction."""
        now = datetime.now(timezone.utc).isoformat(timespec="seconds")
        with self._transaction():
            self.conn.execute("DELETE FROM events WHERE key = ?", (key,))
            self.conn.execute(
                "INSERT OR REPLACE INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (key, doc_id, kind, content_hash, fingerprint, rules_version, now,
                 FAILED if error else OK, error))
            self.conn.executemany("INSERT INTO events VALUES (?, ?, ?)",
                                  [(key, i, event_to_json(e)) for i, e in enumerate(events)])

    def events(self) -> list[Event]:
        """Every event of every document processed without error, in ledger order."""
        return list(self.iter_events())

    def iter_events(self) -> Iterator[Event]:
        """The same, one at a time: SQLite sorts them (on disk past its cache), so the ledger
        can be written from a store of any size. Text sorts as in Python: UTF-8 bytes keep
        code point order; `ord` keeps a document's ties in the order they were committed."""
        cursor = self.conn.execute(
            "SELECT e.event FROM events e JOIN documents d ON d.key = e.key WHERE d.status = ? "
            "ORDER BY d.doc_id, d.key, json_extract(e.event, '$.char_start'), json_extract(e.event, '$.char_end'), "
            "json_extract(e.event, '$.event_type'), json_extract(e.event, '$.event_id'), e.ord", (OK,))
        for (text,) in cursor:
            yield event_from_json(text)

    def start_run(self, run_id: str, started: str) -> None:
        with self._transaction():
            self.conn.execute("INSERT INTO runs (run_id, started) VALUES (?, ?)", (run_id, started))

    def finish_run(self, run_id: str, finished: str, exit_code: int, report: dict) -> None:
        with self._transaction():
            self.conn.execute("UPDATE runs SET finished = ?, exit_code = ?, report = ? WHERE run_id = ?",
                              (finished, exit_code, json.dumps(report, ensure_ascii=False), run_id))

    def _transaction(self):
        return _Transaction(self.conn)

    def close(self) -> None:
        self.conn.close()


class _Transaction:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK on any exception."""

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def __enter__(self):
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind, value, tb):
        self.conn.execute("COMMIT" if kind is None else "ROLLBACK")
        return False


def event_to_json(event: Event) -> str:
    row = asdict(event)
    return json.dumps({k: (str(v) if isinstance(v, Decimal) else v) for k, v in row.items()},
                      ensure_ascii=False, sort_keys=True)


def event_from_json(text: str) -> Event:
    row = json.loads(text)
    return Event(**{k: (Decimal(v) if k in _DECIMALS and v is not None else v) for k, v in row.items()})
