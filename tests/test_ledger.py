"""The ledger CSV: every LEDGER.md column in order, UTF-8, Decimal amounts written exactly, atomic writes."""
import csv
import os
from decimal import Decimal
from pathlib import Path

import pytest

from pipeline.ledger import LedgerSpool, ledger_text, read_ledger_rows, write_ledger
from pipeline.merge import link_deals, with_ids
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


def _row(doc_id, party, counterparty, amount=None, amount_text=None, event_type="investment", **kw) -> Event:
    return with_ids(Event(event_type=event_type, party=party, counterparty=counterparty, doc_id=doc_id,
                          rule_id="en.invest", sentence=f"{party}, \"{counterparty}\"\n{doc_id} 投资", char_start=0,
                          char_end=9, language="en", amount=amount, amount_text=amount_text, **kw))


# rows over several documents, in ledger order: a deal with an amount and an amountless row of the
# same sides elsewhere (it joins), two deals of one pair of sides (no join), a depreciation change
# (never joins), amounts whose exact digits must survive the spool.
SPOOL_EVENTS = [
    _row("a", "Microsoft Corp.", "OpenAI", Decimal("1.000E+10"), "$10 billion"),
    _row("b", "Microsoft", "OpenAI"),
    _row("c", "NVIDIA", "Intel", Decimal("5E+9"), "$5 billion"),
    _row("c", "NVIDIA", "Intel", Decimal("2000000000.50"), "$2,000,000,000.50"),
    _row("d", "NVIDIA", "Intel", currency="USD"),
    _row("d", "Meta", "Nebius", Decimal("0.0000001"), "tiny", event_type="depreciation_change"),
    _row("e", "Meta", "Nebius", event_type="depreciation_change", life_new_years=Decimal("5.50")),
    _row("e", None, "OpenAI"),
]


def test_spooled_ledger_is_the_linked_in_memory_one(tmp_path: Path):
    path = tmp_path / "ledger.csv"
    with LedgerSpool(path) as spool:
        for doc_id in "abcde":
            spool.add(e for e in SPOOL_EVENTS if e.doc_id == doc_id)
        assert spool.write() is True
    linked = link_deals(SPOOL_EVENTS)
    assert linked[1].deal_id == linked[0].deal_id != SPOOL_EVENTS[1].deal_id  # the case is really there
    assert path.read_bytes() == ledger_text(linked).encode("utf-8")
    assert spool.rows == len(SPOOL_EVENTS) and len(spool.links) == 3
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.csv"]


def test_spool_writes_only_changed_bytes_when_asked(tmp_path: Path):
    path = tmp_path / "ledger.csv"
    write_ledger(link_deals(SPOOL_EVENTS), path)
    os.utime(path, ns=(1, 1))
    with LedgerSpool(path) as spool:
        spool.add(iter(SPOOL_EVENTS))
        assert spool.write(only_if_changed=True) is False
    assert path.stat().st_mtime_ns == 1
    with LedgerSpool(path) as spool:
        spool.add(iter(SPOOL_EVENTS[:2]))
        assert spool.write(only_if_changed=True) is True
    assert path.read_bytes() == ledger_text(link_deals(SPOOL_EVENTS[:2])).encode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ledger.csv"]


def test_spool_that_fails_to_write_keeps_the_ledger_and_no_temp_file(tmp_path: Path, monkeypatch):
    path = tmp_path / "ledger.csv"
    write_ledger([EVENT], path)
    before = path.read_bytes()
    monkeypatch.setattr("pipeline.ledger.os.replace", lambda *a: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(OSError), LedgerSpool(path) as spool:
        spool.add(iter(SPOOL_EVENTS))
        spool.write()
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["ledger.csv"]
