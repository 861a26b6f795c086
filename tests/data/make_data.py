"""Write the small test inputs under tests/data/ (run once; the outputs are committed).

    .venv/bin/python tests/data/make_data.py

Needs fpdf2 and Pillow in the venv and the Debian font fonts-wqy-microhei
(apt-get update && apt-get install fonts-wqy-microhei) for the Chinese PDF.
The files are inputs, never edited by hand: change this script and rerun it.
"""
from __future__ import annotations

import base64
import io
import random
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF
from PIL import Image

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
DATE = datetime(2024, 3, 15, tzinfo=timezone.utc)

ZH = (
    "东北电气发展股份有限公司（以下简称“公司”）于2024年3月15日与英伟达（NVIDIA）签署《GPU服务器采购协议》，"
    "合同总金额为人民币16.4亿元。本次采购的设备预计使用年限由5年调整为6年，公司将自2024年4月1日起按新的"
    "折旧年限计提折旧。董事会认为，本次交易有利于公司长期发展，不存在损害股东利益的情形。\n"
)
ZH_GB18030_ONLY = "注：本公告中“䶮”字只在GB 18030中有编码。\n"  # U+4DAE is not in GBK
ZH_TRADITIONAL = (
    "台灣積體電路製造股份有限公司（以下簡稱「本公司」）於2024年3月15日與輝達（NVIDIA）簽署《GPU伺服器採購協議》，"
    "合約總金額為新台幣52億元。本次採購之設備預計耐用年限由5年調整為6年，本公司將自2024年4月1日起按新的"
    "折舊年限提列折舊。董事會認為，本次交易有利於公司長期發展，並無損害股東權益之情事。\n"
)
EN = (
    "On March 15, 2024, the Company entered into a Credit Agreement with JPMorgan Chase Bank, N.A., "
    "providing for a $500 million unsecured revolving credit facility.\n"
)


def main() -> None:
    write_encodings(HERE / "encoding")
    write_html(HERE / "html")
    write_pdfs(HERE / "pdf")
    write_read(HERE / "read")


def write_encodings(out: Path) -> None:
    out.mkdir(exist_ok=True)
    (out / "zh-gbk.txt").write_bytes(ZH.encode("gbk"))
    (out / "zh-gb18030.txt").write_bytes((ZH + ZH_GB18030_ONLY).encode("gb18030"))
    (out / "zh-big5.txt").write_bytes(ZH_TRADITIONAL.encode("big5"))
    (out / "zh-utf16-bom.txt").write_bytes(ZH.encode("utf-16"))  # the codec writes the BOM
    (out / "zh-utf8-bom.txt").write_bytes(ZH.encode("utf-8-sig"))
    (out / "zh-utf8.txt").write_bytes(ZH.encode("utf-8"))
    (out / "en-utf16le-nobom.txt").write_bytes(EN.encode("utf-16-le"))
    (out / "en-cp1252.txt").write_bytes("The Company\u2019s \u201cAI Factory\u201d costs \u20ac2 million.\n"
                                        .encode("cp1252"))
    (out / "mixed-line-endings.txt").write_bytes(b"Line one\r\nLine two\rLine three\nLine four\r\n")
    (out / "nul-bytes.txt").write_bytes(b"Revenue\x00 grew 12%\x00 to $130.5 billion.\x00\r\n")
    rng = random.Random(20240315)
    (out / "binary.txt").write_bytes(rng.randbytes(4096))
    page = bytearray(4096)  # a database page: mostly NUL with a few fields
    for i in range(0, 4096, 97):
        page[i:i + 5] = b"\x01\x02abc"
    (out / "nul-heavy.txt").write_bytes(bytes(page))
    png = _png()
    (out / "image.txt").write_bytes(png)
    (out / "empty.txt").write_bytes(b"")
    (out / "whitespace.txt").write_bytes(b"  \n\t\r\n   \n")


def write_html(out: Path) -> None:
    out.mkdir(exist_ok=True)
    page = (
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>8-K</title></head><body>\n'
        "<div><span>Item 1.01 Entry into a Material Definitive Agreement</span></div>\n"
        f"<p>{EN.strip()}</p>\n"
        "<table><tr><td>Facility</td><td>$</td><td>500</td><td>million</td></tr>\n"
        "<tr><td>Term loan</td><td>$</td><td>(250</td><td>)</td></tr></table>\n"
        "<p>The facility matures on March 15, 2029.</p></body></html>\n"
    )
    cut = page.index("<td>(250") + 4  # inside a tag of the second row
    (out / "truncated.html").write_text(page[:cut], encoding="utf-8")
    wrong = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
             f"</head><body><p>{ZH.strip()}</p><p>The Company\u2019s agreement.</p></body></html>\n")
    (out / "wrong-charset-latin1.html").write_bytes(wrong.encode("utf-8"))
    wrong_utf8 = wrong.replace("iso-8859-1", "utf-8").replace("\u2019", "'")
    (out / "wrong-charset-utf8-is-gbk.html").write_bytes(wrong_utf8.encode("gbk"))
    declared = wrong.replace("iso-8859-1", "gb2312").replace("\u2019", "'")
    (out / "declared-gb2312.html").write_bytes(declared.encode("gb18030"))
    data_uri = "data:image/png;base64," + base64.b64encode(_png(size=48)).decode("ascii")
    (out / "base64-image.html").write_text(
        f'<html><body><p>Total revenue grew 114%.</p><img alt="chart" src="{data_uri}">'
        f'<div style="background:url({data_uri})">Data center revenue was $115.2 billion.</div>'
        "</body></html>\n", encoding="utf-8")


def write_pdfs(out: Path) -> None:
    out.mkdir(exist_ok=True)
    chinese = _chinese_pdf()
    (out / "chinese.pdf").write_bytes(chinese)
    (out / "corrupt.pdf").write_bytes(chinese[: len(chinese) * 6 // 10])
    # Same length replacement keeps the xref offsets right: the font loses its
    # ToUnicode map, so glyphs cannot be turned into characters any more.
    (out / "cid-garbage.pdf").write_bytes(chinese.replace(b"/ToUnicode", b"/XoUnicode"))
    (out / "encrypted.pdf").write_bytes(_encrypted_pdf())
    (out / "image-only.pdf").write_bytes(_image_pdf())
    (out / "image.pdf").write_bytes(_png())


def write_read(out: Path) -> None:
    names = out / "names"
    names.mkdir(parents=True, exist_ok=True)
    (names / "10-K annual report.txt").write_text(EN, encoding="utf-8")
    (names / "东北电气 公告.txt").write_text(ZH, encoding="utf-8")
    (names / "deal memo; $(echo x) & 'q' (1).txt").write_text(EN, encoding="utf-8")
    (names / ".hidden.txt").write_text(EN, encoding="utf-8")
    (names / "10-K annual report.meta.json").write_text(
        '{"filer": "NVIDIA Corporation", "doc_kind": "10-K", "doc_date": "2025-02-26",\n'
        ' "source_url": "https://www.sec.gov/Archives/edgar/data/1045810/", "lang": "en",\n'
        ' "region": null, "currency": "USD"}\n', encoding="utf-8")
    (names / "东北电气 公告.meta.json").write_text(
        '{"filer": "东北电气发展股份有限公司", "doc_kind": "announcement", "lang": "zh",'
        ' "region": "mainland", "currency": "CNY"}\n', encoding="utf-8")
    broken = out / "broken"
    broken.mkdir(exist_ok=True)
    (broken / "broken-sidecar.txt").write_text(EN, encoding="utf-8")
    (broken / "broken-sidecar.meta.json").write_text('{"filer": "NVIDIA", "doc_kind": ', encoding="utf-8")
    (broken / "unknown-key.txt").write_text(EN, encoding="utf-8")
    (broken / "unknown-key.meta.json").write_text('{"filer": "NVIDIA", "doc_type": "10-K"}\n',
                                                  encoding="utf-8")


def _png(size: int = 8) -> bytes:
    image = Image.new("RGB", (size, size))
    for x in range(size):
        for y in range(size):
            image.putpixel((x, y), ((x * 37) % 256, (y * 59) % 256, ((x + y) * 13) % 256))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _new_pdf() -> FPDF:
    pdf = FPDF()
    pdf.set_creation_date(DATE)
    pdf.set_compression(False)  # keeps cid-garbage.pdf's byte edit possible
    return pdf


def _chinese_pdf() -> bytes:
    pdf = _new_pdf()
    pdf.add_font("wqy", fname=FONT, collection_font_number=0)
    for text in (ZH, EN + ZH_TRADITIONAL):
        pdf.add_page()
        pdf.set_font("wqy", size=11)
        pdf.multi_cell(0, 7, text)
    return bytes(pdf.output())


def _encrypted_pdf() -> bytes:
    pdf = _new_pdf()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    pdf.multi_cell(0, 7, EN)
    pdf.set_encryption(owner_password="owner-secret", user_password="user-secret")
    return bytes(pdf.output())


def _image_pdf() -> bytes:
    pdf = _new_pdf()
    for _ in range(2):
        pdf.add_page()
        pdf.image(io.BytesIO(_png(size=64)), x=20, y=20, w=120)
    return bytes(pdf.output())


if __name__ == "__main__":
    main()
    for path in sorted(HERE.rglob("*")):
        if path.is_file() and path.name != "make_data.py":
            print(f"{path.stat().st_size:>7} {path.relative_to(HERE)}")
