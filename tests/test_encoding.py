from __future__ import annotations

import pytest

from pipeline.encoding import decode_bytes, html_declared_charset, sniff_format
from pipeline.errors import DecodeFailure, UnsupportedFormat

ZH_START = "东北电气发展股份有限公司（以下简称“公司”）于2024年3月15日与英伟达（NVIDIA）签署"
ZH_END = "不存在损害股东利益的情形。\n"
TW_START = "台灣積體電路製造股份有限公司（以下簡稱「本公司」）於2024年3月15日與輝達"

# file under tests/data/encoding, text it starts with, text it ends with
DECODES = [
    ("zh-gbk.txt", ZH_START, ZH_END),
    ("zh-gb18030.txt", ZH_START, "“䶮”字只在GB 18030中有编码。\n"),
    ("zh-big5.txt", TW_START, "並無損害股東權益之情事。\n"),
    ("zh-utf16-bom.txt", ZH_START, ZH_END),
    ("zh-utf8-bom.txt", ZH_START, ZH_END),
    ("zh-utf8.txt", ZH_START, ZH_END),
    ("en-utf16le-nobom.txt", "On March 15, 2024, the Company", "revolving credit facility.\n"),
    ("en-cp1252.txt", "The Company\u2019s \u201cAI Factory\u201d", "costs \u20ac2 million.\n"),
    ("mixed-line-endings.txt", "Line one\nLine two\nLine three\n", "Line four\n"),
    ("nul-bytes.txt", "Revenue grew 12% to $130.5 billion.", "billion.\n"),
    ("whitespace.txt", "  \n\t\n", "   \n"),
]

# file, exception, words the cause must hold
REFUSES = [
    ("binary.txt", DecodeFailure, "control characters"),
    ("nul-heavy.txt", DecodeFailure, "NUL"),
    ("image.txt", UnsupportedFormat, "PNG image"),
]

# bytes, declared charset, expected text: the declaration is honoured only when it fits
DECLARED = [
    ("中文公告".encode("gb18030"), "gb2312", "中文公告"),
    ("採購協議".encode("big5"), "big5", "採購協議"),
    ("caf\xe9".encode("cp1252"), "iso-8859-1", "caf\xe9"),
    ("合同总金额为人民币16.4亿元".encode("utf-8"), "iso-8859-1", "合同总金额为人民币16.4亿元"),
    ("合同总金额为人民币16.4亿元".encode("utf-8"), "gb2312", "合同总金额为人民币16.4亿元"),
    ("合同总金额为人民币16.4亿元".encode("gbk"), "utf-8", "合同总金额为人民币16.4亿元"),
    ("plain".encode("ascii"), "no-such-charset", "plain"),
]

BOMS = ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"]  # utf-16-be gets its mark added

SNIFFS = [
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    (b"GIF89a\x01\x00", "GIF image"),
    (b"%PDF-1.7\n", "PDF"),
    (b"PK\x03\x04\x14\x00", "ZIP archive (or DOCX/XLSX)"),
    (b"RIFF\x00\x00\x00\x00WEBPVP8 ", "RIFF WEBP file"),
    (b"Item 1.01 Entry into", None),
]

HTML_CHARSETS = [
    (b'<meta charset="gb2312">', "gb2312"),
    (b"<META HTTP-EQUIV='Content-Type' CONTENT='text/html; charset=Big5'>", "Big5"),
    (b"<?xml version='1.0' encoding='ASCII'?><html>", "ASCII"),
    (b"<html><body>no declaration</body></html>", None),
]


@pytest.mark.parametrize("name, start, end", DECODES)
def test_decodes_files(data_dir, name, start, end):
    text = decode_bytes((data_dir / "encoding" / name).read_bytes(), path=name)
    assert text.startswith(start)
    assert text.endswith(end)
    assert "\x00" not in text and "\r" not in text and "\ufffd" not in text


@pytest.mark.parametrize("name, error, cause", REFUSES)
def test_refuses_binary(data_dir, name, error, cause):
    with pytest.raises(error) as info:
        decode_bytes((data_dir / "encoding" / name).read_bytes(), path=name)
    assert info.value.path == name
    assert cause in info.value.cause


@pytest.mark.parametrize("data, declared, expected", DECLARED)
def test_declared_charset_only_when_it_fits(data, declared, expected):
    assert decode_bytes(data, path="x.html", declared=declared) == expected


def test_gbk_declared_big5_is_read_as_gbk():
    """GBK bytes that decode cleanly as Big5 into nonsense: the common-character check refuses it."""
    text = "本公司与英伟达签署了采购协议。" * 3
    data = text.encode("gbk")
    assert data.decode("big5") != text  # the trap is real: no error, wrong text
    assert decode_bytes(data, path="x", declared="big5") == text


def test_english_with_one_stray_byte_is_not_read_as_chinese():
    data = "The Company\u2019s revenue grew; management\u2019s view is unchanged.".encode("cp1252")
    assert data.decode("gb18030")  # 0x92 + letter is a valid GBK pair
    assert decode_bytes(data, path="x") == "The Company\u2019s revenue grew; management\u2019s view is unchanged."


@pytest.mark.parametrize("codec", BOMS)
def test_byte_order_marks(codec):
    text = "营业收入 revenue\r\n"
    data = text.encode(codec)
    if codec == "utf-16-be":
        data = b"\xfe\xff" + data
    assert decode_bytes(data, path="x") == "营业收入 revenue\n"


def test_bad_bytes_after_a_bom():
    with pytest.raises(DecodeFailure, match="byte-order mark"):
        decode_bytes(b"\xef\xbb\xbfok \xff\xfe\xfd", path="x")


def test_utf8_cut_mid_character_keeps_the_rest():
    data = ("合同总金额为人民币16.4亿元。" * 20).encode("utf-8")[:-1]
    text = decode_bytes(data, path="x")
    assert text.startswith("合同总金额") and text.count("\ufffd") == 1


def test_undecodable_names_what_was_tried():
    data = bytes(range(0x80, 0x100)) * 4 + b"\xa3\x81" * 50
    with pytest.raises(DecodeFailure, match="tried utf-8"):
        decode_bytes(data, path="x")


def test_ten_megabyte_line_is_fast():
    import time

    data = ("Revenue | $ 130,497 | " * 500_000).encode("ascii")
    start = time.perf_counter()
    text = decode_bytes(data, path="x")
    assert len(text) == len(data)
    assert time.perf_counter() - start < 1.0


@pytest.mark.parametrize("data, name", SNIFFS)
def test_sniff_format(data, name):
    assert sniff_format(data) == name


@pytest.mark.parametrize("data, charset", HTML_CHARSETS)
def test_html_declared_charset(data, charset):
    assert html_declared_charset(data) == charset
