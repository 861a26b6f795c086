from __future__ import annotations

import time
from pathlib import Path

import pytest

from pipeline.errors import DocumentError, EmptyDocument, PdfError, UnsupportedFormat
from pipeline.read import document_from_text, iter_document_paths, read_document
from pipeline.records import DocMeta, Document

ZH_START = "东北电气发展股份有限公司（以下简称“公司”）"
EN = ("On March 15, 2024, the Company entered into a Credit Agreement with JPMorgan Chase Bank, N.A., "
      "providing for a $500 million unsecured revolving credit facility.")

# file under tests/data, doc_id, text it starts with
READS = [
    ("encoding/zh-gbk.txt", "zh-gbk", ZH_START),
    ("encoding/zh-big5.txt", "zh-big5", "台灣積體電路製造股份有限公司"),
    ("encoding/zh-utf16-bom.txt", "zh-utf16-bom", ZH_START),
    ("encoding/mixed-line-endings.txt", "mixed-line-endings", "Line one\nLine two\nLine three\n"),
    ("html/wrong-charset-latin1.html", "wrong-charset-latin1", ZH_START),
    ("html/wrong-charset-utf8-is-gbk.html", "wrong-charset-utf8-is-gbk", ZH_START),
    ("html/declared-gb2312.html", "declared-gb2312", ZH_START),
    ("html/truncated.html", "truncated", "Item 1.01 Entry into a Material Definitive Agreement\n"),
    ("html/base64-image.html", "base64-image", "Total revenue grew 114%.\nData center revenue"),
    ("pdf/chinese.pdf", "chinese", ZH_START),
    ("read/names/10-K annual report.txt", "10-K annual report", EN),
    ("read/names/东北电气 公告.txt", "东北电气 公告", ZH_START),
    ("read/names/deal memo; $(echo x) & 'q' (1).txt", "deal memo; $(echo x) & 'q' (1)", EN),
]

# file under tests/data, exception, words the cause must hold
REFUSES = [
    ("encoding/empty.txt", EmptyDocument, "empty file"),
    ("encoding/whitespace.txt", EmptyDocument, "only whitespace"),
    ("encoding/binary.txt", DocumentError, "binary data"),
    ("encoding/image.txt", UnsupportedFormat, "PNG image"),
    ("pdf/image.pdf", UnsupportedFormat, "PNG image"),
    ("pdf/corrupt.pdf", PdfError, "corrupt or truncated"),
    ("pdf/encrypted.pdf", PdfError, "password"),
    ("pdf/image-only.pdf", PdfError, "image-only"),
    ("pdf/cid-garbage.pdf", PdfError, "(cid:NNN)"),
    ("data/no-such-file.txt", DocumentError, "no such file"),
    ("make_data.py", UnsupportedFormat, ".py extension"),
]


@pytest.mark.parametrize("name, doc_id, start", READS)
def test_reads(data_dir, name, doc_id, start):
    path = data_dir / name
    doc = read_document(path)
    assert isinstance(doc, Document)
    assert doc.doc_id == doc_id
    assert doc.source == str(path)
    assert doc.text.startswith(start)


@pytest.mark.parametrize("name, error, cause", REFUSES)
def test_refuses(data_dir, name, error, cause):
    with pytest.raises(error) as info:
        read_document(data_dir / name)
    assert info.value.path == str(data_dir / name)
    assert cause in info.value.cause


def test_sidecar(data_dir):
    doc = read_document(data_dir / "read" / "names" / "10-K annual report.txt")
    assert doc.meta == DocMeta(filer="NVIDIA Corporation", doc_kind="10-K", doc_date="2025-02-26",
                               source_url="https://www.sec.gov/Archives/edgar/data/1045810/",
                               lang="en", region=None, currency="USD")
    zh = read_document(data_dir / "read" / "names" / "东北电气 公告.txt")
    assert (zh.meta.filer, zh.meta.region, zh.meta.currency) == ("东北电气发展股份有限公司", "mainland", "CNY")


@pytest.mark.parametrize("name, cause", [
    ("broken-sidecar", "sidecar is not valid JSON"),
    ("unknown-key", "unknown sidecar key(s) doc_type"),
])
def test_broken_sidecar_names_the_sidecar(data_dir, name, cause):
    with pytest.raises(DocumentError) as info:
        read_document(data_dir / "read" / "broken" / f"{name}.txt")
    assert info.value.path == str(data_dir / "read" / "broken" / f"{name}.meta.json")
    assert cause in info.value.cause
    assert isinstance(info.value.__cause__, (ValueError, type(None)))


def test_sidecar_values_must_be_strings(tmp_path):
    (tmp_path / "a.txt").write_text("text")
    (tmp_path / "a.meta.json").write_text('{"doc_date": 20250226}')
    with pytest.raises(DocumentError, match="doc_date must be strings"):
        read_document(tmp_path / "a.txt")


def test_sections_for_html(data_dir):
    doc = read_document(data_dir / "html" / "truncated.html")
    assert [s.title for s in doc.sections] == ["Item 1.01. Entry into a Material Definitive Agreement"]


def test_no_sections_for_pdf(data_dir):
    assert read_document(data_dir / "pdf" / "chinese.pdf").sections == ()


def test_over_the_limit_is_refused_without_reading(tmp_path, monkeypatch):
    big = tmp_path / "dump.txt"
    with open(big, "wb") as f:
        f.truncate(200_000_000)  # sparse: no 200 MB written to disk

    def no_reading(self):
        raise AssertionError("read the file")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(DocumentError) as info:
        read_document(big)
    assert info.value.cause == "file is 200 MB, over the 50 MB limit"
    with pytest.raises(DocumentError, match="file is 2.0 MB, over the 1.0 MB limit"):
        read_document(_file(tmp_path / "small.txt", b"x" * 2_000_000), max_bytes=1_000_000)


def test_ten_megabyte_single_line(tmp_path):
    line = ("Revenue | $ 130,497 | deal with Microsoft for $10 billion; " * 170_000)[:10_000_000]
    start = time.perf_counter()
    doc = read_document(_file(tmp_path / "line.txt", line.encode("ascii")))
    assert doc.text == line
    html = read_document(_file(tmp_path / "line.html", f"<html><body><p>{line}</p></body></html>".encode()))
    assert html.text == " ".join(line.split())
    assert time.perf_counter() - start < 10


def test_html_only_markup_is_empty(tmp_path):
    with pytest.raises(EmptyDocument, match="no text after removing markup"):
        read_document(_file(tmp_path / "blank.html", b"<html><script>x()</script><p> </p></html>"))


def test_txt_holding_html_is_converted(tmp_path):
    doc = read_document(_file(tmp_path / "page.txt", b"<!DOCTYPE html><html><p>Hello</p><p>World</p>"))
    assert doc.text == "Hello\nWorld"


def test_directory_and_unknown_extension(tmp_path):
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    with pytest.raises(DocumentError, match="is a directory"):
        read_document(folder)
    with pytest.raises(UnsupportedFormat, match="no extension"):
        read_document(_file(tmp_path / "README", b"text"))
    with pytest.raises(UnsupportedFormat, match=r"\.docx extension"):
        read_document(_file(tmp_path / "memo.DOCX", b"PK\x03\x04"))


def test_document_from_text_keeps_text_as_given():
    text = "Item 1.01 Entry into a Material Definitive Agreement\r\nWe signed.\x00"
    doc = document_from_text("memo", text, meta=DocMeta(doc_kind="8-K"), source="eval:memo")
    assert doc.text == text and doc.source == "eval:memo" and doc.doc_id == "memo"
    assert [s.title for s in doc.sections] == ["Item 1.01. Entry into a Material Definitive Agreement"]
    assert document_from_text("n", text, meta=DocMeta(doc_kind="news"), source="s").sections == ()


def test_iter_document_paths(tmp_path):
    tree = ["b/2.txt", "b/1.html", "a.pdf", "c d/东北.txt", ".git/config.txt", "b/.hidden.txt",
            "b/1.meta.json", "z/.cache/x.txt", "z/y/deep.md"]
    for name in tree:
        _file(tmp_path / name, b"x")
    given = tmp_path / ".hidden-but-given.txt"
    found = list(iter_document_paths([str(tmp_path), given, tmp_path / "missing.txt"]))
    assert [p.relative_to(tmp_path).as_posix() for p in found] == [
        "a.pdf", "b/1.html", "b/2.txt", "c d/东北.txt", "z/y/deep.md", ".hidden-but-given.txt",
        "missing.txt"]
    assert all(isinstance(p, Path) for p in found)


def test_every_failure_in_a_folder_is_a_document_error(data_dir):
    """A batch goes on past bad files: nothing but DocumentError may escape."""
    read, failed = 0, 0
    for path in iter_document_paths([data_dir]):
        try:
            read_document(path)
            read += 1
        except DocumentError:
            failed += 1
    assert read >= 15 and failed >= 10


def test_real_10k(shared_fixtures):
    path = shared_fixtures / "edgar" / "nvda-10-k-2025-02-26.html"
    doc = read_document(path)
    assert doc.doc_id == "nvda-10-k-2025-02-26" and doc.source == str(path)
    assert "estimated useful lives of the assets of two to seven years" in doc.text
    assert any(s.title.startswith("Item 7. Management") for s in doc.sections)


def test_real_pdf(shared_fixtures):
    doc = read_document(shared_fixtures / "pdf" / "federal-register-2020-17221.pdf")
    assert doc.text.count("\f") == 14
    assert doc.doc_id == "federal-register-2020-17221"


def _file(path: Path, data: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def test_iter_document_paths_on_data(data_dir):
    names = [p.name for p in iter_document_paths([data_dir / "read" / "names"])]
    assert names == ["10-K annual report.txt", "deal memo; $(echo x) & 'q' (1).txt", "东北电气 公告.txt"]
