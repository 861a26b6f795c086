"""Write the commentary-site fixtures under tests/data/web/ (run once; the outputs are committed).

    .venv/bin/python tests/data/web/make_web.py

A UTF-8 English article, a GBK Chinese article declaring `<meta charset="gbk">`,
an RSS 2.0 and an Atom feed listing them, a small English+Chinese PDF, and a
two-page PDF whose Chinese page is (cid:NNN) garbage.
The PDF needs fpdf2 and the Debian font fonts-wqy-microhei
(apt-get update && apt-get install fonts-wqy-microhei). The files are inputs,
never edited by hand: change this script and rerun it. Feed links use the
placeholder BASE, which the test server replaces with its own address.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

HERE = Path(__file__).resolve().parent
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
DATE = datetime(2025, 9, 12, tzinfo=timezone.utc)
BASE = "http://BASE"

CHROME = """<header><nav><a href="/">Home</a> | <a href="/markets">Markets</a> | <a href="/tech">Tech</a></nav></header>
<aside class="sidebar"><h3>{trending}</h3><ul><li><a href="/x">{t1}</a></li><li><a href="/y">{t2}</a></li></ul></aside>"""
FOOTER = "<footer><p>{footer}</p><p><a href='/privacy'>Privacy</a> <a href='/terms'>Terms</a></p></footer>"

EN_PARAGRAPHS = [
    "Oracle's shares jumped on Wednesday after the database company disclosed a surge in contracted "
    "cloud revenue, the clearest sign yet of how much computing capacity artificial intelligence "
    "developers are booking years in advance.",
    "OpenAI signed a $300 billion contract with Oracle for compute over about five years, people "
    "familiar with the matter said.",
    "The agreement is one of the largest cloud contracts ever signed and would require 4.5 gigawatts "
    "of capacity, roughly the power used by four million homes.",
    "Analysts said the scale of the commitments raised questions about how the buyers would pay for "
    "them, given that their revenue is still a fraction of the contract values.",
]
ZH_PARAGRAPHS = [
    "人工智能基础设施投资热潮仍在持续，多家科技巨头本周公布了新的合作计划。",
    "英伟达计划向OpenAI投资1000亿美元，用于建设新一代数据中心。",
    "据报道，甲骨文与OpenAI签署了一份价值3000亿美元的算力合同，合同期约为五年。",
    "分析人士指出，这些交易的资金安排仍存在不确定性，市场需要关注后续披露。",
]
PDF_EN = ("Research note, September 2025. Microsoft will provide Azure credits worth $10 billion "
          "to OpenAI, according to the filing.")
PDF_ZH = "CoreWeave签署了与Meta的142亿美元算力采购协议。"


def main() -> None:
    (HERE / "deal-en.html").write_bytes(article("en", "utf-8", "OpenAI signs $300 billion Oracle deal",
                                                EN_PARAGRAPHS).encode("utf-8"))
    (HERE / "deal-zh-gbk.html").write_bytes(article("zh", "gbk", "英伟达拟向OpenAI投资千亿美元",
                                                    ZH_PARAGRAPHS).encode("gbk"))
    (HERE / "feed.rss").write_text(rss(), encoding="utf-8")
    (HERE / "feed.atom").write_text(atom(), encoding="utf-8")
    (HERE / "note.pdf").write_bytes(pdf())
    (HERE / "mixed-cid.pdf").write_bytes(mixed_cid_pdf())


def article(lang: str, charset: str, title: str, paragraphs: list[str]) -> str:
    zh = lang == "zh"
    chrome = CHROME.format(trending="热门" if zh else "Trending", t1="美股收盘" if zh else "Stocks close higher",
                           t2="油价下跌" if zh else "Oil slips")
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    footer = FOOTER.format(footer="版权所有 2025 示例财经" if zh else "© 2025 Example Financial News")
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="{charset}"><title>{title}</title>
<meta name="date" content="{DATE.date().isoformat()}"></head>
<body>{chrome}
<main><article><h1>{title}</h1><p class="byline">{DATE.date().isoformat()}</p>
{body}
</article></main>
{footer}</body></html>
"""


def rss() -> str:
    items = [("OpenAI signs $300 billion Oracle deal", f"{BASE}/news/deal-en.html"),
             ("Research note (PDF)", f"{BASE}/research/note.pdf")]
    entries = "\n".join(f"""  <item><title>{t}</title><link>{link}</link><guid>{link}</guid>
    <pubDate>Fri, 12 Sep 2025 08:00:00 GMT</pubDate></item>""" for t, link in items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Example Financial News</title><link>{BASE}/</link>
<description>Deals</description>
{entries}
</channel></rss>
"""


def atom() -> str:
    items = [("英伟达拟向OpenAI投资千亿美元", f"{BASE}/zh/deal-zh-gbk.html"),
             ("Research note (PDF)", f"{BASE}/research/note.pdf")]
    entries = "\n".join(f"""  <entry><title>{t}</title><link href="{link}"/><id>{link}</id>
    <updated>2025-09-12T08:00:00Z</updated></entry>""" for t, link in items)
    return f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>示例财经</title><id>{BASE}/zh/</id>
<updated>2025-09-12T08:00:00Z</updated>
{entries}
</feed>
"""


def pdf() -> bytes:
    doc = FPDF()
    doc.set_creation_date(DATE)
    doc.add_page()
    doc.add_font("wqy", fname=FONT)
    doc.set_font("wqy", size=11)
    doc.multi_cell(0, 8, PDF_EN)
    doc.ln(4)
    doc.multi_cell(0, 8, PDF_ZH)
    return bytes(doc.output())


def mixed_cid_pdf() -> bytes:
    """Page 1 Chinese in an embedded font whose ToUnicode map is broken ((cid:NNN) garbage),
    page 2 English in a core font: the first page must be reported and left out, the second kept."""
    doc = FPDF()
    doc.set_creation_date(DATE)
    doc.set_compression(False)  # keeps the byte edit below possible
    doc.add_font("wqy", fname=FONT)
    doc.add_page()
    doc.set_font("wqy", size=11)
    doc.multi_cell(0, 8, PDF_ZH * 3)
    doc.add_page()
    doc.set_font("helvetica", size=11)
    doc.multi_cell(0, 8, PDF_EN)
    return bytes(doc.output()).replace(b"/ToUnicode", b"/XoUnicode")


if __name__ == "__main__":
    main()
