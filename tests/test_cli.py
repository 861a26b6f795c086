"""The commands end to end: the default run on the bundled corpus, extract on the seed, help texts."""
import csv
import html
from pathlib import Path

import pytest

from pipeline.cli import EXIT_OK, EXIT_PARTIAL, _parser, main
from pipeline.records import EVENT_TYPES
from pipeline.settings import ROOT

SEED_DEALS = [  # (event_type, party, counterparty, amount, per_period)
    ("investment", "NVIDIA", "CoreWeave", "", ""),
    ("purchase_agreement", "CoreWeave", "NVIDIA", "", ""),
    ("purchase_agreement", "Microsoft", "CoreWeave", "", ""),
    ("purchase_agreement", "OpenAI", "CoreWeave", "", ""),
    ("credit", "Microsoft", "", "", ""),
    ("depreciation_change", "Meta", "", "", ""),
    ("purchase_agreement", "OpenAI", "Microsoft", "250000000000", ""),
    ("purchase_agreement", "OpenAI", "Oracle", "300000000000", ""),
    ("purchase_agreement", "OpenAI", "NVIDIA", "100000000000", ""),
    ("purchase_agreement", "OpenAI", "AMD", "60000000000", "year"),
]
SEED_NON_DEALS = ["11500000000", "1300000000000"]  # OpenAI's loss, the 1.3万亿 total
# the list of accusations ('超微会计造假、…、Amazon自己投自己、微软玩Azure credit'): an item takes no side from
# another item; OpenAI's shares come from its partners (与英伟达、AMD等合作), not from Oracle
SEED_WRONG_SIDES = [("investment", "Amazon", "Super Micro Computer"), ("credit", "Microsoft", "Super Micro Computer"),
                    ("investment", "OpenAI", "Oracle")]


def _rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def test_extract_finds_the_seed_deals_and_not_the_non_deals(seed_commentary, tmp_path, capsys):
    out = tmp_path / "seed.csv"
    assert main(["extract", str(seed_commentary), "--out", str(out)]) == EXIT_OK
    rows = _rows(out)
    found = {(r["event_type"], r["party"], r["counterparty"], r["amount"], r["per_period"]) for r in rows}
    for deal in SEED_DEALS:
        assert deal in found
    assert not {r["amount"] for r in rows} & set(SEED_NON_DEALS)
    assert not {(r["event_type"], r["party"], r["counterparty"]) for r in rows} & set(SEED_WRONG_SIDES)
    assert all(r["currency"] == "USD" for r in rows if r["amount"])
    meta = next(r for r in rows if r["event_type"] == "depreciation_change")
    assert meta["life_new_years"] == "10"
    assert "ledger:" in capsys.readouterr().out


def test_default_run_covers_every_type_in_both_languages(tmp_path, capsys):
    out = tmp_path / "ledger.csv"
    assert main(["run", "--out", str(out), "--no-progress"]) == EXIT_OK
    rows = _rows(out)
    assert {(r["event_type"], r["language"]) for r in rows} == {(t, lang) for t in EVENT_TYPES for lang in ("en", "zh")}
    assert all(r["rule_id"] and r["sentence"] and r["doc_id"] for r in rows)
    printed = capsys.readouterr().out
    assert str(out) in printed and "depreciation_change" in printed


def test_bad_files_are_reported_and_the_rest_still_processed(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("NVIDIA invested $100 million in CoreWeave in 2023.", encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj <<")
    (folder / "table.xlsx").write_bytes(b"PK\x03\x04 not ours")
    out = tmp_path / "ledger.csv"
    assert main(["extract", str(folder), "--out", str(out)]) == EXIT_PARTIAL
    assert [(r["party"], r["counterparty"]) for r in _rows(out)] == [("NVIDIA", "CoreWeave")]
    err = capsys.readouterr().err
    for name in ("empty.txt", "broken.pdf", "table.xlsx"):
        assert f"failed: {folder / name}:" in err


@pytest.mark.parametrize("command", ["extract", "run", "eval", "explain", "analyze", "annotations"])
def test_every_help_ends_with_an_example(command):
    parser = _parser()
    sub = parser._subparsers._group_actions[0].choices[command]
    for text in (sub.format_help(), parser.format_help()):
        tail = text.strip().splitlines()
        assert "example:" in text
        assert tail[-1].strip().startswith("dealledger ")


def test_bundled_corpus_is_where_the_default_run_looks():
    assert (ROOT / "corpora" / "bundled").is_dir()


def test_analysis_of_the_default_run_shows_the_money_loops(tmp_path):
    ledger, out = tmp_path / "ledger.csv", tmp_path / "analysis"
    assert main(["run", "--out", str(ledger), "--no-progress"]) == EXIT_OK
    assert main(["analyze", "--ledger", str(ledger), "--out", str(out)]) == EXIT_OK
    cycles = {r["cycle"] for r in _rows(out / "loops.csv")}
    assert "CoreWeave -> NVIDIA -> CoreWeave" in cycles
    assert "Microsoft -> OpenAI -> Microsoft" in cycles
    report = (out / "report.html").read_text(encoding="utf-8")
    assert html.escape("CoreWeave -> NVIDIA -> CoreWeave") in report


def test_two_workers_write_the_same_ledger(tmp_path):
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert main(["run", "--out", str(one), "--no-progress"]) == EXIT_OK
    assert main(["run", "--out", str(two), "--no-progress", "--workers", "2"]) == EXIT_OK
    assert one.read_bytes() == two.read_bytes()
