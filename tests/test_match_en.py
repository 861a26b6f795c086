"""The English matcher's shortcuts find exactly what the plain spaCy way finds.

For speed the matcher splits sentences on the Doc's integer columns instead of
running spaCy's Sentencizer, runs rules only in sentences holding a trigger's
anchor word, and runs each short rule only around its anchor. Each shortcut is
checked here against the plain way (the Sentencizer; one Matcher with every
rule over the whole paragraph) on the annotated and bundled English texts.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import IS_PUNCT, ORTH
from spacy.matcher import Matcher

from pipeline.extract import Extractor
from pipeline.language import detect_lang
from pipeline.names import names_pattern
from pipeline.read import iter_document_paths, read_document
from pipeline.match_en import sentence_bounds
from pipeline.sentences import paragraphs

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.fixture(scope="module")
def english_paragraphs() -> list[str]:
    """Every English paragraph of the annotated and bundled corpora."""
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpora" / "annotated" / "docs").glob("*.txt"))]
    texts += [read_document(p).text for p in iter_document_paths([ROOT / "corpora" / "bundled"])]
    found = [para for text in texts for _, para in paragraphs(text) if detect_lang(para) == "en"]
    assert len(found) > 300  # the corpora are there: this test must not pass on nothing
    return found


def _spacy_sentences(nlp, text: str) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in nlp(text).sents]


@pytest.fixture(scope="module")
def sentencizer():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


def _our_sentences(extractor: Extractor, text: str) -> list[tuple[int, int]]:
    doc = extractor.en.nlp.make_doc(text)
    if not len(doc):
        return []
    orth, is_punct = doc.to_array([ORTH, IS_PUNCT]).T.tolist()
    return sentence_bounds(orth, is_punct, extractor.en.sentence_ends)


def test_sentences_split_as_the_sentencizer_does_on_the_corpora(extractor, sentencizer, english_paragraphs):
    for text in english_paragraphs:
        assert _our_sentences(extractor, text) == _spacy_sentences(sentencizer, text), text


TRICKY = ["NVIDIA Corp. invested $2.5 billion. It said so!", "Really?! Yes... and then  two spaces.  Next one.",
          "A (\"quoted.\") B. C", "U.S. Inc. Ltd. end.", "。中文句子。English after.", "...", "!", " . . x", "no end"]


@pytest.mark.parametrize("text", TRICKY)
def test_sentences_split_as_the_sentencizer_does_on_edge_cases(extractor, sentencizer, text):
    assert _our_sentences(extractor, text) == _spacy_sentences(sentencizer, text)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["word", "Inc.", ".", "!", "?", "...", " ", "  ", "\n", "$1.5", ",", "\"", ")", "。", "x."]),
                max_size=30))
def test_sentences_split_as_the_sentencizer_does_on_any_mix(extractor, sentencizer, parts):
    text = " ".join(parts)
    assert _our_sentences(extractor, text) == _spacy_sentences(sentencizer, text)


def _plain_matches(extractor: Extractor, sentencizer, text: str) -> dict[tuple[int, int], set]:
    """Per sentence holding a trigger: its trigger and cue matches, from one Matcher with every
    rule over the whole paragraph (the plain, slow way)."""
    en = extractor.en
    matcher = Matcher(sentencizer.vocab)
    for rule in (*en.trigger_rules.values(), *en.cue_rules.values()):
        matcher.add(rule.id, [list(rule.pattern)])
    doc = sentencizer(text)
    strings = sentencizer.vocab.strings
    heads = {rid: rule.head for rid, rule in en.trigger_rules.items() if rule.head}  # the trigger is the match's head
    skips = {rid: rule.skip for rid, rule in en.cue_rules.items() if rule.skip}  # the cue is the match after its skip
    keeps = {rid: rule.keep for rid, rule in en.cue_rules.items() if rule.keep}  # and before its last `keep` tokens
    spans = [(strings[m], doc[s + skips.get(strings[m], 0):s + heads[strings[m]] if strings[m] in heads
                              else e - keeps.get(strings[m], 0)])
             for m, s, e in matcher(doc)]
    out = {}
    for sent in doc.sents:
        inside = {(sp.start_char, sp.end_char, rid) for rid, sp in spans
                  if sent.start_char <= sp.start_char and sp.end_char <= sent.end_char}
        if any(rid in en.trigger_rules for _, _, rid in inside):
            out[(sent.start_char, sent.end_char)] = inside
    return out


def test_anchored_matching_finds_what_one_matcher_over_everything_finds(extractor, sentencizer, english_paragraphs):
    en = extractor.en
    # pronoun cues leave matching as the company they stand for, or not at all: compare the rest
    pronouns = {rid for rid, rule in en.cue_rules.items() if rule.cue == "pronoun"}
    compared = 0
    for text in english_paragraphs:
        ours = {(s.start, s.end): {(m.start, m.end, m.rule_id) for m in ms if m.kind in ("trigger", "cue")}
                for s, ms in en.process(text, 0, "d")} if en.is_candidate(text) else {}
        plain = {sent: {m for m in inside if m[2] not in pronouns}
                 for sent, inside in _plain_matches(extractor, sentencizer, text).items()}
        assert ours == plain, text
        compared += len(plain)
    assert compared > 300


def test_paragraph_prefilter_sees_anchors_inside_other_words(extractor):
    """The cheap pass reads substrings: a hyphen, a case or a suffix cannot hide an anchor."""
    en = extractor.en
    anchors = en.triggers.prefilter.pattern.replace("\\", "").split("|")
    assert len(anchors) > 20
    for word in anchors:
        assert en.is_candidate(f"pre-{word.upper()}s were noted"), word
    assert not en.is_candidate("The weather in Paris was mild and the museum opened late.")


def test_learned_names_prefer_the_longer_name_and_keep_latin_names_whole():
    pattern = names_pattern({"AI": "AI", "AI芯片公司": "AI Chip", "Arc": "Arc Compute", "Arc Compute": "Arc Compute"})
    assert [m.group() for m in pattern.finditer("AI芯片公司与Arc Compute合作，Archer和AIX不算，AI算。")] == \
        ["AI芯片公司", "Arc Compute", "AI"]
