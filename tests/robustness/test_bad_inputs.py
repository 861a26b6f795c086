"""The matrix of bad inputs: each one fails as itself, with a cause that says what is wrong,
and the good documents beside it still reach the ledger.

`extract_paths` is checked for one bad input at a time (good documents + it), then the
CLI for all of them at once: exit 3, the ledger of the good ones, one "failed:" line each.
"""
from __future__ import annotations

from decimal import Decimal

import csv
import os
import shutil
import threading
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from pipeline.batch import Failure, extract_paths
from pipeline.cli import EXIT_PARTIAL, main
from pipeline.errors import DocumentError
from pipeline.read import read_document

from .conftest import DATA, GOOD_DOC_IDS, run_cli

Maker = Callable[[Path], None]


def copy(relative: str) -> Maker:
    return lambda path: shutil.copyfile(DATA / relative, path)


def content(data: bytes) -> Maker:
    return lambda path: path.write_bytes(data)


def sparse(size: int) -> Maker:
    def make(path: Path) -> None:
        with open(path, "wb") as fh:
            fh.truncate(size)  # no block written: the test costs nothing on disk
    return make


def fifo(path: Path) -> None:
    os.mkfifo(path)


def symlink(target: str) -> Maker:
    return lambda path: path.symlink_to(target)


def with_sidecar(sidecar: str) -> Maker:
    def make(path: Path) -> None:
        path.write_text("NVIDIA invested $2 billion in CoreWeave.\n", encoding="utf-8")
        path.with_name(path.stem + ".meta.json").write_text(sidecar, encoding="utf-8")
    return make


# (file name in the batch folder, how it is made, words the cause must hold)
BAD = [
    ("empty.txt", copy("encoding/empty.txt"), "empty file"),
    ("blank.md", copy("encoding/whitespace.txt"), "only whitespace"),
    ("blank.html", content(b"<html><head><title>t</title></head><body> </body></html>"),
     "no text after removing markup"),
    ("binary.txt", copy("encoding/binary.txt"), "binary data: 9% of the bytes are control characters"),
    ("random.html", copy("robustness/bad/random.html"), "binary data"),
    ("database-page.txt", copy("encoding/nul-heavy.txt"), "of the bytes are NUL and it is not UTF-16"),
    ("chart.txt", copy("encoding/image.txt"), "the content is a PNG image, not text"),
    ("photo.htm", copy("robustness/bad/photo.htm"), "the content is a JPEG image, not text"),
    ("scan.pdf", copy("pdf/image.pdf"), "not a PDF: the content is a PNG image"),
    ("text-named.pdf", content(b"Item 1.01 Entry into a Material Definitive Agreement\n"),
     "not a PDF: no %PDF- header"),
    ("corrupt.pdf", copy("pdf/corrupt.pdf"), "corrupt or truncated: PDFium cannot parse it"),
    ("encrypted.pdf", copy("pdf/encrypted.pdf"), "encrypted: a password is needed to open it"),
    ("image-only.pdf", copy("pdf/image-only.pdf"), "no text layer on any of its 2 pages: an image-only (scanned) PDF"),
    ("cid-garbage.pdf", copy("pdf/cid-garbage.pdf"), "unmapped glyphs ((cid:NNN) garbage) instead of text on pages 1, 2"),
    ("exhibit-99.txt", sparse(200_000_000), "file is 200 MB, over the 50 MB limit"),
    ("pipe.txt", fifo, "not a regular file but a named pipe"),
    ("zeros.txt", symlink("/dev/zero"), "not a regular file but a character device"),
    ("dangling.txt", symlink("no-such-target.txt"), "no such file"),
    ("folder.html", lambda path: path.mkdir(), None),  # a folder is walked, not read: nothing fails
    ("table.xlsx", content(b"PK\x03\x04 a spreadsheet"), ".xlsx extension: we read .txt, .md, .html, .htm and .pdf"),
    ("README", content(b"no extension"), "no extension"),
    ("broken-sidecar.txt", with_sidecar('{"filer": "NVIDIA", '), "sidecar is not valid JSON"),
    ("unknown-key.txt", with_sidecar('{"doc_type": "10-K"}'), "unknown sidecar key(s) doc_type"),
]

# Inputs that look bad but are documents: read, no failure.
# (file name, how it is made, the Chinese reference its events must equal, or None)
READ = [
    ("gbk.txt", copy("encoding/zh-gbk.txt"), "zh"),
    ("gb18030.txt", copy("encoding/zh-gb18030.txt"), "zh"),
    ("big5.txt", copy("encoding/zh-big5.txt"), None),
    ("utf16-bom.txt", copy("encoding/zh-utf16-bom.txt"), "zh"),
    ("utf8-bom.txt", copy("encoding/zh-utf8-bom.txt"), "zh"),
    ("utf16le-no-bom.txt", copy("encoding/en-utf16le-nobom.txt"), None),
    ("cp1252.txt", copy("encoding/en-cp1252.txt"), None),
    ("mixed-line-endings.txt", copy("encoding/mixed-line-endings.txt"), None),
    ("nul-bytes.txt", copy("encoding/nul-bytes.txt"), None),
    ("truncated-mid-tag.html", copy("html/truncated.html"), None),
    ("says-latin1-is-utf8.html", copy("html/wrong-charset-latin1.html"), "zh"),
    ("says-utf8-is-gbk.html", copy("html/wrong-charset-utf8-is-gbk.html"), "zh"),
    ("says-gb2312.html", copy("html/declared-gb2312.html"), "zh"),
    ("inline-base64.html", copy("html/base64-image.html"), None),
    ("10-K annual report.txt", copy("read/names/10-K annual report.txt"), None),
    ("东北电气 公告.txt", copy("read/names/东北电气 公告.txt"), "zh"),
    ("deal memo; $(touch pwned) & `id` | 'q' (1).txt", copy("read/names/deal memo; $(echo x) & 'q' (1).txt"), None),
    ("xxe-inline-xbrl.htm", copy("robustness/hostile/xxe-inline-xbrl.htm"), None),
    ("billion-laughs.html", copy("robustness/hostile/billion-laughs.html"), None),
]


def _deals(events, doc_id: str) -> set:
    return {(e.event_type, e.party, e.counterparty, e.amount) for e in events if e.doc_id == doc_id}


@pytest.fixture(scope="module")
def zh_reference(extractor) -> set:
    """The deals of the Chinese announcement read from plain UTF-8: every encoding must give these."""
    doc = read_document(DATA / "encoding" / "zh-utf8.txt")
    deals = _deals(extractor.extract(doc), "zh-utf8")
    assert len(deals) >= 2
    return deals


def _check_good_ones(result, extra: int = 0) -> None:
    assert {e.doc_id for e in result.events} >= GOOD_DOC_IDS
    assert result.documents == len(GOOD_DOC_IDS) + extra


@pytest.mark.parametrize("name, make, cause", BAD, ids=[b[0] for b in BAD])
def test_a_bad_document_fails_alone_with_its_cause(good_folder, extractor, name, make, cause):
    path = good_folder / name
    make(path)
    result = _within(5, lambda: extract_paths([good_folder], extractor=extractor))
    _check_good_ones(result)
    if cause is None:
        assert result.failures == []
        return
    (failure,) = result.failures
    assert failure.path == str(path)
    assert cause in failure.cause
    assert "internal error" not in failure.cause and "Traceback" not in failure.cause


@pytest.mark.parametrize("name, make, reference", READ, ids=[r[0] for r in READ])
def test_an_odd_but_readable_document_is_read(good_folder, extractor, zh_reference, name, make, reference):
    path = good_folder / name
    make(path)
    result = _within(5, lambda: extract_paths([good_folder], extractor=extractor))
    assert result.failures == []
    _check_good_ones(result, extra=1)
    if reference == "zh":
        assert _deals(result.events, path.stem) == zh_reference


def test_hostile_names_reach_the_ledger_as_they_are(good_folder, extractor):
    names = ["a b  c.txt", "东北电气 公告（2024）.txt", "$(touch pwned).txt", "`touch pwned`.txt", "a;b|c&d.txt",
             "-rf --no-preserve-root.txt", "a..b...txt", "quote\"'.txt", "tab\there.txt", "new\nline.txt"]
    for name in names:
        (good_folder / name).write_text("NVIDIA invested $2 billion in CoreWeave.\n", encoding="utf-8")
    result = extract_paths([good_folder], extractor=extractor)
    assert result.failures == []
    assert {e.doc_id for e in result.events} >= {Path(n).stem for n in names}
    assert not list(good_folder.parent.rglob("pwned*"))


def test_a_200_mb_file_is_refused_without_being_read(tmp_path):
    big = tmp_path / "exhibit.txt"
    sparse(200_000_000)(big)
    tracemalloc.start()
    try:
        with pytest.raises(DocumentError) as info:
            read_document(big)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert info.value.cause == "file is 200 MB, over the 50 MB limit"
    assert peak < 1_000_000


def test_a_file_is_read_only_as_far_as_its_size(tmp_path, monkeypatch):
    """Memory is bounded by the size checked, even for a file that grows while it is read."""
    path = tmp_path / "growing.txt"
    path.write_text("NVIDIA invested $2 billion in CoreWeave.\n", encoding="utf-8")
    real_fstat = os.fstat

    def fstat_then_grow(fd):
        info = real_fstat(fd)
        with open(path, "ab") as fh:  # a writer appends between the size check and the read
            fh.write(b"x" * 1000)
        return info

    monkeypatch.setattr("pipeline.read.os.fstat", fstat_then_grow)
    with pytest.raises(DocumentError, match="the file grew while it was read"):
        read_document(path)


def test_a_nul_in_a_file_name_is_named(tmp_path, extractor):
    with pytest.raises(DocumentError) as info:
        read_document(tmp_path / "a\x00b.txt")
    assert info.value.cause == "the file name holds a NUL byte"
    result = extract_paths([tmp_path / "a\x00b.txt"], extractor=extractor)
    assert result.failures == [Failure(str(tmp_path / "a\x00b.txt"), "the file name holds a NUL byte")]


def test_a_line_over_the_paragraph_limit_is_read_in_pieces(tmp_path, extractor):
    """Text extracted without line breaks: 300,000 characters on one line, over the 100,000 the
    matchers take at once, is cut at sentence ends; deals at its start and its end both come out."""
    filler = "The weather in the valley was mild for most of the season. " * 5_000
    line = ("NVIDIA invested $2 billion in CoreWeave. " + filler
            + "Oracle signed a $300 billion contract with OpenAI. " + filler)
    (tmp_path / "one-line.txt").write_text(line, encoding="ascii")
    result = extract_paths([tmp_path], extractor=extractor)
    assert result.failures == [] and len(line) > 300_000
    deals = {(e.party, e.counterparty, e.amount) for e in result.events}
    assert ("NVIDIA", "CoreWeave", Decimal("2000000000")) in deals
    assert any({e.party, e.counterparty} == {"OpenAI", "Oracle"} and e.amount == Decimal("300000000000")
               for e in result.events)
    late = next(e for e in result.events if e.amount == Decimal("300000000000"))
    assert line[late.char_start:late.char_end].startswith("Oracle signed a $300 billion contract")  # offsets in the document


def test_a_missing_path_is_named_as_missing(tmp_path, extractor):
    result = extract_paths([tmp_path / "no-such-folder", tmp_path / "typo.pdf"], extractor=extractor)
    assert result.failures == [Failure(str(tmp_path / "no-such-folder"), "no such file or folder"),
                               Failure(str(tmp_path / "typo.pdf"), "no such file")]


def test_html_with_20_mb_of_inline_base64(tmp_path):
    blob = "iVBORw0KGgo" * (20_000_000 // 11)
    page = (f'<html><body><p>NVIDIA invested $2 billion in CoreWeave.</p><img src="data:image/png;base64,{blob}">'
            f'<div style="background:url(data:image/png;base64,{blob})">Oracle signed.</div></body></html>')
    path = tmp_path / "page.html"
    path.write_text(page, encoding="ascii")
    doc = _within(5, lambda: read_document(path))
    assert doc.text == "NVIDIA invested $2 billion in CoreWeave.\nOracle signed."


# --- all at once, through the CLI ------------------------------------------------------------------

@pytest.fixture
def mixed_folder(good_folder) -> Path:
    for name, make, _ in [*BAD, *READ]:
        make(good_folder / name)
    return good_folder


def test_cli_exits_3_lists_every_failure_and_writes_the_rest(mixed_folder, tmp_path, capsys):
    ledger = tmp_path / "out" / "ledger.csv"
    assert _within(20, lambda: main(["extract", str(mixed_folder), "--out", str(ledger)])) == EXIT_PARTIAL
    with ledger.open(encoding="utf-8", newline="") as fh:
        doc_ids = {row["doc_id"] for row in csv.DictReader(fh)}
    assert doc_ids >= GOOD_DOC_IDS | {"gbk", "gb18030", "big5", "utf16-bom", "says-gb2312", "东北电气 公告"}
    out, err = capsys.readouterr()
    assert f"ledger: {ledger} (" in out
    failed = [line for line in err.splitlines() if line.startswith("failed: ")]
    expected = [(name, cause) for name, _, cause in BAD if cause]
    assert len(failed) == len(expected)
    for name, cause in expected:
        assert any(line.startswith(f"failed: {mixed_folder / name}: ") and cause in line for line in failed), name
    assert "Traceback" not in err


def test_the_real_command_on_the_same_folder(mixed_folder, tmp_path):
    ledger = tmp_path / "out" / "ledger.csv"
    done = run_cli("extract", str(mixed_folder), "--out", str(ledger), timeout=60)
    assert done.returncode == EXIT_PARTIAL, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("failed: ") == sum(1 for *_, cause in BAD if cause)
    assert f"failed: {mixed_folder / 'pipe.txt'}: not a regular file but a named pipe" in done.stderr


def test_a_newline_in_a_file_name_cannot_forge_a_failure_line(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text("NVIDIA invested $2 billion in CoreWeave.\n", encoding="utf-8")
    (folder / "x.pdf\nfailed: forged.txt: ok.pdf").write_bytes(b"not a pdf")
    assert main(["extract", str(folder), "--out", str(tmp_path / "ledger.csv")]) == EXIT_PARTIAL
    failed = [line for line in capsys.readouterr().err.splitlines() if line.startswith("failed:")]
    assert failed == [f"failed: {folder}/x.pdf\\x0afailed: forged.txt: ok.pdf: not a PDF: no %PDF- header "
                      "in the first 1024 bytes"]


def _within(seconds: float, work: Callable):
    """`work()`, failing (not hanging) if it takes longer than `seconds`: a pipe or /dev/zero must not block."""
    box: dict = {}

    def target():
        try:
            box["value"] = work()
        except BaseException as e:  # handed to the test thread
            box["error"] = e

    thread = threading.Thread(target=target, daemon=True)
    start = time.monotonic()
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), f"still running after {seconds} s"
    assert time.monotonic() - start < seconds
    if "error" in box:
        raise box["error"]
    return box["value"]
