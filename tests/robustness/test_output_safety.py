"""The ledger of `dealledger extract` is all or nothing: a run SIGKILLed at any moment leaves
the previous ledger or the new one, never part of one, and the next run completes it; two
runs on one ledger are refused by a lock; a run that could read nothing keeps the old ledger.

(`run --config` has its own kill and lock tests in tests/test_runner.py.)
"""
from __future__ import annotations

import csv
import io
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock

import pipeline.ledger as ledger_module
from pipeline.cli import EXIT_LOCKED, EXIT_OK, EXIT_PARTIAL, EXIT_USAGE, main
from pipeline.ledger import write_ledger

from .conftest import DATA, ROOT

CRASH = Path(__file__).with_name("crash_extract.py")
EN_COMPANIES = ["NVIDIA", "Microsoft", "Oracle", "AMD", "CoreWeave", "OpenAI", "Meta", "Amazon"]
ZH_COMPANIES = ["英伟达", "微软", "甲骨文", "超威"]
DOCS = 40


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """40 small documents, English and Chinese, text and HTML, each with a deal."""
    folder = tmp_path_factory.mktemp("corpus")
    for i in range(DOCS):
        a, b = EN_COMPANIES[i % 8], EN_COMPANIES[(i + 3) % 8]
        if i % 4 == 0:
            (folder / f"doc{i:02}.html").write_text(
                f"<html><body><p>{a} signed a ${i + 1} billion contract with {b}.</p></body></html>", encoding="utf-8")
        elif i % 4 == 1:
            (folder / f"doc{i:02}.txt").write_text(f"{ZH_COMPANIES[i % 4]}向{b}投资{i + 1}亿美元。\n", encoding="utf-8")
        else:
            (folder / f"doc{i:02}.txt").write_text(f"{a} invested ${i + 1} billion in {b}.\n", encoding="utf-8")
    return folder


def crash_run(mode: str, corpus: Path, ledger: Path, *, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(CRASH), mode, "--", "extract", str(corpus), "--out", str(ledger)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, **(env or {})})


@pytest.fixture(scope="module")
def clean_run(corpus, tmp_path_factory) -> tuple[bytes, float]:
    """The ledger an uninterrupted run writes, and how long the run took."""
    ledger = tmp_path_factory.mktemp("clean") / "ledger.csv"
    start = time.monotonic()
    proc = crash_run("none", corpus, ledger)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == EXIT_OK, err.decode()
    assert f"from {DOCS} documents".encode() in out
    return ledger.read_bytes(), time.monotonic() - start


@pytest.fixture(scope="module")
def new_ledger(clean_run) -> bytes:
    return clean_run[0]


@pytest.fixture
def previous(new_ledger, tmp_path) -> Path:
    """Yesterday's ledger, complete and different from today's: the header and two rows."""
    rows = list(csv.reader(io.StringIO(new_ledger.decode("utf-8"))))
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows[:3])
    ledger = tmp_path / "outputs" / "ledger.csv"
    ledger.parent.mkdir()
    ledger.write_text(buffer.getvalue(), encoding="utf-8")
    return ledger


def assert_whole(ledger: Path, previous: bytes, new: bytes) -> str:
    """The ledger is one of the two complete files; anything else beside it is a hidden temp file."""
    data = ledger.read_bytes()
    assert data in (previous, new), "a partial ledger"
    others = {p.name for p in ledger.parent.iterdir()} - {ledger.name, f"{ledger.name}.lock"}
    assert all(name.startswith(f".{ledger.name}.") and name.endswith(".tmp") for name in others), others
    return "previous" if data == previous else "new"


def temp_files(ledger: Path) -> list[Path]:
    return sorted(ledger.parent.glob(f".{ledger.name}.*.tmp"))


def ledger_temp_files(ledger: Path) -> list[Path]:
    """The ledger's temporary file, not the spool of events beside it."""
    return [p for p in temp_files(ledger) if not p.name.endswith(".spool.tmp")]


# seconds, or a share of a clean run's time (late: among the documents or the write)
@pytest.mark.parametrize("delay", [0.2, 0.5, 1.0, "80%", "95%"])
def test_killed_from_outside_after_a_delay(corpus, clean_run, previous, delay):
    new_ledger, seconds = clean_run
    old = previous.read_bytes()
    proc = crash_run("none", corpus, previous)
    time.sleep(delay if isinstance(delay, float) else seconds * int(delay[:-1]) / 100)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=30) in (-signal.SIGKILL, EXIT_OK)
    assert_whole(previous, old, new_ledger)


# (where the run kills itself, which ledger must be there afterwards, whether to run again)
POINTS = [
    ("after-doc:1", "previous", False),
    ("after-doc:20", "previous", True),
    ("after-doc:40", "previous", False),
    ("ledger-mid-write", "previous", True),
    ("ledger-before-rename", "previous", True),
    ("ledger-after-rename", "new", False),
]


@pytest.mark.parametrize("mode, expected, again", POINTS)
def test_killed_at_a_point_then_the_next_run_completes(corpus, new_ledger, previous, mode, expected, again):
    old = previous.read_bytes()
    proc = crash_run(mode, corpus, previous)
    assert proc.wait(timeout=60) == -signal.SIGKILL, proc.stderr.read().decode()
    assert assert_whole(previous, old, new_ledger) == expected
    if mode == "ledger-mid-write":  # the kill did land inside the write: half a file, but not the ledger
        (tmp,) = ledger_temp_files(previous)
        assert 0 < tmp.stat().st_size < len(new_ledger)
    if mode == "ledger-before-rename":
        (tmp,) = ledger_temp_files(previous)
        assert tmp.read_bytes() == new_ledger
    if not again:
        return
    rerun = crash_run("none", corpus, previous)
    assert rerun.wait(timeout=60) == EXIT_OK, rerun.stderr.read().decode()
    assert previous.read_bytes() == new_ledger
    assert temp_files(previous) == []


def test_a_second_run_on_the_same_ledger_is_refused(corpus, new_ledger, previous, tmp_path):
    old = previous.read_bytes()
    marker = tmp_path / "first-run-is-working"
    first = crash_run("hold-after-doc:5", corpus, previous, env={"CRASH_MARKER": str(marker)})
    try:
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert first.poll() is None and time.monotonic() < deadline, first.stderr.read().decode()
            time.sleep(0.05)
        second = crash_run("none", corpus, previous)
        _, err = second.communicate(timeout=60)
        assert second.returncode == EXIT_LOCKED
        assert f"another run holds {previous}.lock; this run did nothing" in err.decode()
        assert previous.read_bytes() == old
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    assert previous.read_bytes() == old


def test_the_lock_in_process(corpus, previous, capsys):
    old = previous.read_bytes()
    with FileLock(f"{previous}.lock", timeout=0):
        assert main(["extract", str(corpus), "--out", str(previous)]) == EXIT_LOCKED
    assert previous.read_bytes() == old
    assert "another run holds" in capsys.readouterr().err


def test_nothing_readable_keeps_the_old_ledger(previous, tmp_path, capsys):
    old = previous.read_bytes()
    bad = tmp_path / "bad"
    bad.mkdir()
    shutil.copyfile(DATA / "pdf" / "encrypted.pdf", bad / "locked.pdf")
    (bad / "empty.txt").write_bytes(b"")
    assert main(["extract", str(bad), "--out", str(previous)]) == EXIT_PARTIAL
    assert previous.read_bytes() == old
    err = capsys.readouterr().err
    assert f"ledger: {previous} not written: no document could be read (the one there is kept)" in err
    assert f"failed: {bad / 'locked.pdf'}: encrypted" in err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["extract", str(empty), "--out", str(previous)]) == EXIT_USAGE
    assert previous.read_bytes() == old
    assert "not written: no document found" in capsys.readouterr().err


def test_an_output_that_cannot_be_written_is_a_message(tmp_path, capsys):
    doc = tmp_path / "note.txt"
    doc.write_text("NVIDIA invested $2 billion in CoreWeave.\n", encoding="utf-8")
    folder_in_the_way = tmp_path / "ledger.csv"
    folder_in_the_way.mkdir()
    assert main(["extract", str(doc), "--out", str(folder_in_the_way)]) == EXIT_USAGE
    assert capsys.readouterr().err == f"dealledger: {folder_in_the_way}: Is a directory\n"
    assert list(folder_in_the_way.iterdir()) == [] and temp_files(folder_in_the_way) == []


def test_the_ledger_is_readable_like_any_file_written_here(tmp_path):
    umask = os.umask(0o027)
    try:
        write_ledger([], tmp_path / "new.csv")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.csv").stat().st_mode & 0o777 == 0o666 & ~ledger_module._UMASK
    kept = tmp_path / "kept.csv"
    kept.write_text("x")
    kept.chmod(0o640)
    write_ledger([], kept)
    assert kept.stat().st_mode & 0o777 == 0o640
