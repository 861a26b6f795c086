"""Reading the ledger: every test ledger loads; a broken one names file, row and column."""
from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from pipeline.analyze.load import read_ledger
from pipeline.errors import DocumentError
from pipeline.records import LEDGER_COLUMNS

from .conftest import LEDGERS

ROW = dict.fromkeys(LEDGER_COLUMNS, "") | {
    "event_id": "x1", "event_type": "investment", "party": "A", "counterparty": "B",
    "amount": "100", "currency": "USD", "status": "agreed", "language": "en", "doc_id": "d"}

# (changes to the one row, or None for a missing column, and what the error says)
BROKEN_CASES = [
    ({"amount": "lots"}, "row 1: amount 'lots' is not a number"),
    ({"life_new_years": "NaN"}, "row 1: life_new_years 'NaN' is not a finite number"),
    ({"event_type": "merger"}, "row 1: unknown event_type 'merger'"),
    ({"status": "rumoured"}, "row 1: unknown status 'rumoured'"),
    ({"char_start": "1.5"}, "row 1: char_start '1.5' is not a whole number"),
    (None, "ledger lacks columns: deal_id"),
]


def _write(path, row: dict[str, str] | None, columns=LEDGER_COLUMNS) -> None:
    """One-row ledger; row None writes ROW without its deal_id column."""
    if row is None:
        row, columns = ROW, [c for c in columns if c != "deal_id"]
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(columns)
        writer.writerow([row[c] for c in columns])


@pytest.mark.parametrize("ledger", sorted(p.name for p in LEDGERS.glob("*.csv")))
def test_test_ledgers_load(ledger):
    rows = read_ledger(LEDGERS / ledger)
    assert [r.row for r in rows] == list(range(1, len(rows) + 1))
    assert all(r.event.event_id for r in rows)


@pytest.mark.parametrize("changes, message", BROKEN_CASES)
def test_broken_ledger(tmp_path, changes, message):
    path = tmp_path / "ledger.csv"
    _write(path, None if changes is None else ROW | changes)
    with pytest.raises(DocumentError) as error:
        read_ledger(path)
    assert str(error.value) == f"{path}: {message}"


def test_values_parsed(tmp_path):
    path = tmp_path / "ledger.csv"
    _write(path, ROW | {"amount": "1,300,000", "counterparty": "", "mentions": "3"})
    event = read_ledger(path)[0].event
    assert (event.amount, event.counterparty, event.mentions, event.char_start) == (
        Decimal("1300000"), None, 3, -1)


def test_extra_and_missing_optional_columns(tmp_path):
    path = tmp_path / "ledger.csv"
    columns = [c for c in LEDGER_COLUMNS if c not in ("section", "rule_id")] + ["confidence"]
    _write(path, ROW | {"confidence": "0.9"}, columns)
    (row,) = read_ledger(path)
    assert (row.event.section, row.event.rule_id, row.event.amount) == ("", "", Decimal(100))


def test_missing_file(tmp_path):
    with pytest.raises(DocumentError, match="cannot read ledger"):
        read_ledger(tmp_path / "nothing.csv")
