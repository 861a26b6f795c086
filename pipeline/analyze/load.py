"""Read a ledger CSV (LEDGER.md) back into Events, each with its row number."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from pipeline.errors import DocumentError
from pipeline.records import EVENT_TYPES, LEDGER_COLUMNS, STATUSES, Event

# The columns the analyses read; a ledger without one breaks the contract.
REQUIRED = (
    "event_id", "event_type", "party", "counterparty", "amount", "amount_low",
    "amount_high", "currency", "per_period", "asset_class", "life_old_years",
    "life_new_years", "effective", "status", "language", "doc_id", "source",
    "doc_date", "sentence", "deal_id",
)
_DECIMALS = ("amount", "amount_low", "amount_high", "life_old_years", "life_new_years")
_INTS = {"char_start": -1, "char_end": -1, "mentions": 1}


@dataclass(frozen=True)
class LedgerRow:
    """One ledger row: `row` counts data rows from 1 (the line after the header)."""

    row: int
    event: Event


def read_ledger(path: Path) -> tuple[LedgerRow, ...]:
    """All rows of the ledger at `path`, checked; raises DocumentError naming the row."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (OSError, ValueError, UnicodeDecodeError) as e:
        raise DocumentError(str(path), f"cannot read ledger: {e}") from e
    missing = [c for c in REQUIRED if c not in frame.columns]
    if missing:
        raise DocumentError(str(path), f"ledger lacks columns: {', '.join(missing)}")
    for column in LEDGER_COLUMNS:
        if column not in frame.columns:
            frame[column] = ""
    records = frame[list(LEDGER_COLUMNS)].to_dict(orient="records")
    return tuple(_row(str(path), i, r) for i, r in enumerate(records, start=1))


def _row(path: str, row: int, record: dict[str, str]) -> LedgerRow:
    values: dict[str, object] = {k: (v or "").strip() for k, v in record.items()}
    if values["event_type"] not in EVENT_TYPES:
        raise DocumentError(path, f"row {row}: unknown event_type {values['event_type']!r}")
    if values["status"] and values["status"] not in STATUSES:
        raise DocumentError(path, f"row {row}: unknown status {values['status']!r}")
    for column in _DECIMALS:
        values[column] = _decimal(path, row, column, values[column])
    for column, default in _INTS.items():
        values[column] = _int(path, row, column, values[column], default)
    for column in ("party", "counterparty"):
        values[column] = values[column] or None
    return LedgerRow(row=row, event=Event(**values))


def _decimal(path: str, row: int, column: str, text: object) -> Decimal | None:
    if not text:
        return None
    try:
        value = Decimal(str(text).replace(",", ""))
    except InvalidOperation as e:
        raise DocumentError(path, f"row {row}: {column} {text!r} is not a number") from e
    if not value.is_finite():
        raise DocumentError(path, f"row {row}: {column} {text!r} is not a finite number")
    return value


def _int(path: str, row: int, column: str, text: object, default: int) -> int:
    if not text:
        return default
    value = _decimal(path, row, column, text)
    if value is None or value != value.to_integral_value():
        raise DocumentError(path, f"row {row}: {column} {text!r} is not a whole number")
    return int(value)
