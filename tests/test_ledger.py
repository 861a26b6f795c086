"""The ledger CSV: every LEDGER.md column in order, UTF-8, Decimal amounts written exactly, atomic writes."""
import csv
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.ledger import ledger_text, read_ledger_rows, write_ledger
from pipeline.records import LEDGER_COLUMNS, Event

LEDGER_MD_COLUMNS = [
    "event_id", "event_type", "party", "counterparty", "party_text", "counterparty_text", "amount", "amount_low",
    "amount_high", "currency", "amount_text", "per_period", "asset_class", "life_old_years", "life_new_years",
    "effective", "status", "language", "doc_id", "source", "doc_date", "sentence", "char_start", "char_end",
    "rule_id", "mentions", "deal_id",
]

EVENT = Event(event_type="purchase_agreement", party="OpenAI", counterparty="Oracle", doc_id="seed",
              rule_id="zh.purchase.sign", sentence="与甲骨文签3000亿, \"quoted\"", char_start=3, char_end=12,
              language="zh", amount=Decimal("3E+11"), currency="USD", amount_text="3000亿", per_period=None,
              life_new_years=Decimal("5.5"), event_id="abc", deal_id="def")


def test_header_has_every_ledger_md_column_in_order():
    header = ledger_text([]).splitlines()[0].split(",")
    assert header[: len(LEDGER_MD_COLUMNS)] == LEDGER_MD_COLUMNS
    assert header == list(LEDGER_COLUMNS)


def test_rows_round_trip_with_exact_numbers(tmp_path: Path):
    path = tmp_path / "ledger.csv"
    write_ledger([EVENT], path)
    (row,) = read_ledger_rows(path)
    assert row["amount"] == "300000000000" and row["life_new_years"] == "5.5"
    assert row["sentence"] == EVENT.sentence and row["per_period"] == ""
    assert path.read_bytes().decode("utf-8").count("\n") == 2


def test_write_is_atomic_and_leaves_no_temp_files(tmp_path: Path, monkeypatch):
    path = tmp_path / "ledger.csv"
    write_ledger([EVENT], path)
    before = path.read_bytes()

    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr("pipeline.ledger.os.replace", boom)
    with pytest.raises(OSError):
        write_ledger([EVENT, EVENT], path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["ledger.csv"]


def test_csv_is_readable_by_the_csv_module(tmp_path: Path):
    path = tmp_path / "ledger.csv"
    write_ledger([EVENT], path)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    assert len(rows) == 2 and len(rows[1]) == len(LEDGER_COLUMNS)
