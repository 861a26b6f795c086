"""Benchmark phases that measure part of the pipeline do the same work as the pipeline."""
from __future__ import annotations

from pathlib import Path

from bench.phases import en_spacy_pass, zh_matching
from pipeline.extract import Extractor
from pipeline.sentences import paragraphs

TEXT = ("NVIDIA invested $100 million in CoreWeave in 2023. The company reported revenue of $4 billion.\n\n"
        "CoreWeave secured a $7.5 billion delayed draw term loan facility from Blackstone.\n\n"
        "Revenue grew in every segment this year.\n")


def test_spacy_part_finds_the_rule_matches_that_extraction_uses(tmp_path: Path):
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "doc.txt").write_text(TEXT, encoding="utf-8")
    figures = en_spacy_pass(tmp_path)

    matcher = Extractor().en
    used = sum(1 for offset, paragraph in paragraphs(TEXT) if matcher.is_candidate(paragraph)
               for _, mentions in matcher.process(paragraph, offset, "doc")
               for m in mentions if m.kind in ("trigger", "cue"))
    assert figures["rule_matches"] == used >= 2  # "invested" and "loan facility" at least
    assert figures["mb"] > 0 and figures["seconds"] > 0


ZH_TEXT = "英伟达向OpenAI投资1000亿美元。公司营收增长。甲骨文与OpenAI签署3000亿美元的算力合同。\n"


def test_chinese_matching_part_finds_the_rule_matches_that_extraction_uses(tmp_path: Path):
    (tmp_path / "zh").mkdir()
    (tmp_path / "zh" / "doc.txt").write_text(ZH_TEXT, encoding="utf-8")
    figures = zh_matching(tmp_path)

    used = sum(1 for offset, paragraph in paragraphs(ZH_TEXT)
               for _, mentions in Extractor().zh.process(paragraph, offset, "doc")
               for m in mentions if m.kind in ("trigger", "cue"))
    assert figures["rule_matches"] == used >= 2  # 投资 and 合同 at least
