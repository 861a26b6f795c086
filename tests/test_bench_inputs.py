"""The benchmark's input builders: deterministic, varied, streamed to files of the sizes asked.

Fast tests of the builders only; nothing here is timed.
"""
from __future__ import annotations

import json
import random
from decimal import Decimal

import pytest

from bench.inputs import (Sizes, SourceDoc, Varier, build_inputs, company_names, generated_filing, scale_amounts,
                          shuffle_paragraphs, source_docs, swap_names, write_corpus, write_pdf)

# text, factor, expected
AMOUNTS = [
    ("a $6.3 billion deal", Decimal("2"), "a $12.6 billion deal"),
    ("$1,234,567 in cash", Decimal("0.5"), "$617,284 in cash"),  # half-even rounding, commas kept
    ("300 million shares", Decimal("1.5"), "450 million shares"),
    ("合同总金额为人民币16.4亿元", Decimal("3"), "合同总金额为人民币49.2亿元"),
    ("投资100亿美元", Decimal("0.75"), "投资75亿美元"),
    ("Item 7. in 2025, 4 years", Decimal("3"), "Item 7. in 2025, 4 years"),  # not amounts: untouched
    ("$0.01 exercise price", Decimal("0.5"), "$0.00 exercise price"),
]


@pytest.mark.parametrize("text, factor, expected", AMOUNTS)
def test_scale_amounts(text, factor, expected):
    assert scale_amounts(text, factor) == expected


def test_swap_names_is_one_pass_and_respects_word_boundaries():
    varier = Varier(["Microsoft", "OpenAI", "微软"], random.Random(0))
    mapping = {"Microsoft": "OpenAI", "OpenAI": "Microsoft", "微软": "微软"}
    text = "Microsoft invested in OpenAI; MicrosoftX is not a name; 微软投资"
    assert swap_names(text, varier.pattern, mapping) == "OpenAI invested in Microsoft; MicrosoftX is not a name; 微软投资"


def test_shuffle_keeps_every_paragraph():
    text = "one\ntwo\n\nthree\nfour\n"
    out = shuffle_paragraphs(text, random.Random(1))
    assert sorted(out.split()) == ["four", "one", "three", "two"]
    assert out.endswith("\n")


def test_the_same_seed_gives_the_same_variants():
    names = company_names()["en"]
    text = "Microsoft signed a $10 billion contract with Oracle.\nNVIDIA invested $2 billion in xAI.\nThird line."
    first = [Varier(names, random.Random(7))(text) for _ in range(2)]
    second = [Varier(names, random.Random(7))(text) for _ in range(2)]
    assert first == second
    assert len({Varier(names, random.Random(s))(text) for s in range(6)}) > 1


def test_company_names_come_from_the_entity_table():
    names = company_names()
    assert "Microsoft" in names["en"] and "微软" in names["zh"]
    assert all(len(n) >= 4 for n in names["en"])


def test_sources_split_by_language():
    en, zh = source_docs("en"), source_docs("zh")
    assert len(en) > 50 and len(zh) > 50
    assert not {d.name for d in en} & {d.name for d in zh}


def test_write_corpus_streams_files_of_the_size_asked(tmp_path):
    docs = [SourceDoc("a", "Alpha paid $5 million.\nBeta line."), SourceDoc("b", "Gamma line.\nDelta $3 billion.")]
    rng = random.Random(0)
    built = write_corpus(tmp_path, docs, lang="en", target_bytes=20_000, vary=Varier([], rng), rng=rng,
                         file_bytes=4_000)
    texts = sorted(tmp_path.glob("*.txt"))
    assert built["files"] == len(texts) >= 5
    assert built["bytes"] == sum(p.stat().st_size for p in texts) >= 20_000
    assert all(p.stat().st_size < 4_000 + 100 for p in texts)
    assert json.loads((tmp_path / "en-00000.meta.json").read_text()) == {"lang": "en"}


def test_write_corpus_needs_sources(tmp_path):
    with pytest.raises(ValueError, match="no zh source"):
        write_corpus(tmp_path, [], lang="zh", target_bytes=10, vary=Varier([], random.Random()), rng=random.Random())


def test_write_pdf_has_the_pages_asked(tmp_path):
    import pypdfium2 as pdfium

    docs = [SourceDoc("a", "NVIDIA\u2019s revenue \u2014 up.\n" * 40)]
    built = write_pdf(tmp_path / "x.pdf", docs, pages=3, rng=random.Random(0))
    pdf = pdfium.PdfDocument(str(tmp_path / "x.pdf"))
    assert built["pages"] == len(pdf) >= 3
    assert "NVIDIA's revenue - up." in pdf[0].get_textpage().get_text_range()
    pdf.close()


def test_generated_filing_has_items_and_tables():
    from pipeline.read import document_from_text
    from pipeline.html_text import html_to_text
    from pipeline.records import DocMeta

    html = generated_filing([SourceDoc("a", "We invested $1 billion in OpenAI.")], random.Random(0), paragraphs=30)
    text = html_to_text(html)
    doc = document_from_text("g", text, meta=DocMeta(doc_kind="10-K"), source="g")
    assert [s.title for s in doc.sections][:2] == ["Item 1. Business", "Item 2. Risk Factors"]
    assert " | $ " in text


def test_build_inputs_reuses_a_matching_cache(tmp_path):
    """Tiny sizes, generated filings (no fixtures folder): a second call reuses the manifest."""
    sizes = Sizes(en_mb=0.02, zh_mb=0.01, en_large_mb=0.03, pdf_pages=1)
    first = build_inputs(tmp_path, sizes=sizes, fixtures=tmp_path / "none")
    assert first["built"]["html"]["real"] is False and first["built"]["html"]["files"] == 6
    assert first["built"]["en"]["bytes"] >= 20_000 and first["built"]["en_more"]["bytes"] >= 10_000
    stamp = (tmp_path / "en" / "en-00000.txt").stat().st_mtime_ns
    assert build_inputs(tmp_path, sizes=sizes, fixtures=tmp_path / "none") == first
    assert (tmp_path / "en" / "en-00000.txt").stat().st_mtime_ns == stamp
    assert build_inputs(tmp_path, sizes=sizes, seed=1, fixtures=tmp_path / "none")["key"]["seed"] == 1


def test_keep_reuses_inputs_built_from_other_sources(tmp_path):
    sizes = Sizes(en_mb=0.01, zh_mb=0.01, en_large_mb=0.01, pdf_pages=1)
    first = build_inputs(tmp_path, sizes=sizes, fixtures=tmp_path / "none")
    assert build_inputs(tmp_path, sizes=Sizes(), fixtures=tmp_path / "none", keep=True) == first
