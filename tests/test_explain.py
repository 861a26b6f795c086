"""`dealledger explain`: tokens, mentions, rules that matched or nearly matched, and the events with roles."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import EXIT_OK, EXIT_USAGE, main
from pipeline.explain import explain_doc, explain_document, explain_text
from pipeline.extract import Extractor
from pipeline.read import document_from_text
from pipeline.records import DocMeta
from pipeline.rules import RULES_DIR, load_rules

# (text, lang given, filer, words the report must hold)
REPORT_CASES = [
    ("OpenAI signed a $300 billion contract with Oracle.", None, None,
     ["[en]", "tokens (spaCy", "'OpenAI' -> OpenAI", "'$300 billion' -> value 300000000000 USD",
      "party OpenAI ('OpenAI')", "counterparty Oracle ('Oracle')", "status agreed"]),
    ("英伟达向OpenAI投资1000亿美元", None, None,
     ["[zh]", "tokens (jieba", "'英伟达' -> NVIDIA", "investment: party NVIDIA ('英伟达') -> counterparty OpenAI ('OpenAI')",
      "value 100000000000 USD"]),
    ("英伟达向OpenAI投资1000亿美元", "zh", None, ["tokens (jieba", "investment: party NVIDIA"]),
    ("We invested $5 million in Lambda.", "en", "Acme Robotics",
     ["'We' -> filer", "investment: party Acme Robotics ('We') -> counterparty Lambda ('Lambda')"]),
    ("In fiscal 2023 we extended the estimated useful lives of our servers from four years to six years.", None, "Microsoft",
     ["lives:", "old 4 new 6 years", "depreciation_change: party Microsoft", "lives 4 -> 6"]),
]

# (text, filer, trigger word, words of the reason)
NEAR_MISS_CASES = [
    ("We may invest in startups.", None, "invest", ["no party"]),  # "we" unknown, "startups" no company
    ("We may invest in Lambda.", "Acme Robotics", "invest", ["hypothetical cue 'may'"]),
    ("Acme Robotics invested $5 million in several AI startups.", None, "invested", ["only described", "a total"]),
    ("NVIDIA denied reports that it would invest in xAI.", None, "invest", ["cue 'denied'"]),
    ("We invested $5 million in Lambda.", None, "invested", ["first person 'We'", "--filer"]),
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def explained(text: str, extractor: Extractor, *, filer: str | None = None):
    doc = document_from_text("t", text, meta=DocMeta(filer=filer), source="<test>")
    return explain_doc(doc, extractor=extractor)


@pytest.mark.parametrize("text,lang,filer,expected", REPORT_CASES)
def test_report(extractor, text, lang, filer, expected):
    report = explain_text(text, lang=lang, filer=filer, extractor=extractor)
    missing = [w for w in expected if w not in report]
    assert not missing, report


@pytest.mark.parametrize("text,filer", [(t, f) for t, _, f, _ in REPORT_CASES])
def test_report_shows_the_rule_of_every_event(extractor, text, filer):
    """The events and rule ids are those `extract` gives (whatever rule the tuning settles on)."""
    doc = document_from_text("t", text, meta=DocMeta(filer=filer), source="<test>")
    events = extractor.extract(doc)
    report = explain_text(text, filer=filer, extractor=extractor)
    assert events
    for e in events:
        assert f"rule_id {e.rule_id}" in report
        assert f"{e.event_type}: party {e.party}" in report


def test_chinese_tokens_are_jieba_tokens(extractor):
    text = "英伟达向OpenAI投资1000亿美元"
    report = explain_text(text, extractor=extractor)
    words = [w for w, _, _ in extractor.zh.tokens(text)]
    assert "英伟达" in words and "投资" in words
    assert " | ".join(words) in report


def test_english_tokens_are_spacy_tokens(extractor):
    report = explain_text("OpenAI signed a $300 billion contract with Oracle.", extractor=extractor)
    assert "OpenAI | signed | a | $ | 300 | billion | contract | with | Oracle | ." in report


@pytest.mark.parametrize("text,filer,word,reason_words", NEAR_MISS_CASES)
def test_near_miss_and_its_reason(extractor, text, filer, word, reason_words):
    [x] = explained(text, extractor, filer=filer)
    assert not x.events
    [miss] = [o for o in x.near_misses if o.mention.text == word]
    assert all(w in miss.reason for w in reason_words), miss.reason
    report = explain_text(text, filer=filer, extractor=extractor)
    assert f"{miss.rule.id} on '{word}': {miss.reason}" in report
    assert "events: none" in report


def test_trigger_with_event_is_no_near_miss(extractor):
    [x] = explained("NVIDIA invested $2 billion in CoreWeave.", extractor)
    assert x.events and all(o.events for o in x.outcomes if o.mention.text == "invested")
    assert not [o for o in x.near_misses if o.mention.text == "invested"]


def test_partial_pattern_names_the_failing_token(extractor):
    """A multi-token trigger pattern whose first word occurs, followed by a word it does not take."""
    rule = next(r for r in extractor.rules.triggers_for("en")
                if len(r.pattern) > 1 and "OP" not in r.pattern[0] and "OP" not in r.pattern[1]
                and isinstance(r.pattern[0].get("LOWER"), dict))
    first = rule.pattern[0]["LOWER"]["IN"][0]
    [x] = explained(f"NVIDIA mentioned the {first} xyzzy twice.", extractor)
    [partial] = [p for p in x.partials if p.rule_id == rule.id]
    assert (partial.matched, partial.failed_token, partial.found) == (first, 2, "xyzzy")
    report = explain_text(f"NVIDIA mentioned the {first} xyzzy twice.", extractor=extractor)
    assert f"{rule.id}: '{first}' matched the pattern up to token 1; token 2" in report and "failed at 'xyzzy'" in report


def test_text_without_trigger_words(extractor):
    report = explain_text("The weather in Santa Clara was mild.", extractor=extractor)
    assert report.startswith("no candidate sentence [en]")
    assert "Santa | Clara" in report


@pytest.fixture
def document(tmp_path) -> Path:
    path = tmp_path / "note.txt"
    path.write_text("Quarterly review of AI infrastructure deals.\n"
                    "NVIDIA invested $2 billion in CoreWeave. The weather was mild. We may invest in startups.\n"
                    "OpenAI与甲骨文签署了3000亿美元的算力合同。\n", encoding="utf-8")
    return path


def test_document_lists_candidate_sentences(extractor, document):
    listing = explain_document(document, sentence=None, extractor=extractor)
    assert f"candidate sentences of {document}" in listing
    assert "The weather was mild." not in listing  # no trigger word: not a candidate
    numbered = [line.split(". ", 1) for line in listing.splitlines()[1:]]
    assert [int(n) for n, _ in numbered] == list(range(1, len(numbered) + 1))
    texts = [t for _, t in numbered]
    assert "[en] NVIDIA invested $2 billion in CoreWeave." in texts
    assert "[zh] OpenAI与甲骨文签署了3000亿美元的算力合同。" in texts


@pytest.mark.parametrize("number", [0, 99, -1])
def test_document_sentence_out_of_range_lists_them(extractor, document, number):
    listing = explain_document(document, sentence=number, extractor=extractor)
    assert listing.startswith(f"sentence {number} is out of range (1-")
    assert "candidate sentences of" in listing


def test_document_nth_sentence(extractor, document):
    listing = explain_document(document, sentence=None, extractor=extractor).splitlines()[1:]
    n = next(i for i, line in enumerate(listing, 1) if "甲骨文" in line)
    report = explain_document(document, sentence=n, extractor=extractor)
    assert f"sentence {n} of {len(listing)} [zh]" in report
    assert "purchase_agreement: party OpenAI ('OpenAI') -> counterparty Oracle ('甲骨文')" in report
    assert "tokens (jieba" in report


def test_cli_explain(document, capsys):
    assert main(["explain", "OpenAI signed a $300 billion contract with Oracle."]) == EXIT_OK
    assert "counterparty Oracle" in capsys.readouterr().out
    assert main(["explain", "英伟达向OpenAI投资1000亿美元", "--lang", "zh"]) == EXIT_OK
    assert "tokens (jieba" in capsys.readouterr().out
    assert main(["explain", "--doc", str(document), "--sentence", "1"]) == EXIT_OK
    assert "sentence 1 of" in capsys.readouterr().out
    assert main(["explain", "--doc", str(document)]) == EXIT_OK
    assert "candidate sentences of" in capsys.readouterr().out
    assert main(["explain"]) == EXIT_USAGE
    assert "explain needs TEXT or --doc PATH" in capsys.readouterr().err


def test_partial_pattern_in_chinese(tmp_path):
    """jieba tokens: a three-token rule whose first words occur without the last."""
    rules = tmp_path / "rules"
    shutil.copytree(RULES_DIR, rules)
    rule = {"id": "zh.test.sign_contract", "lang": "zh", "event_type": "purchase_agreement", "agent": "party",
            "receiver": "counterparty", "pattern": [{"IN": ["签署"]}, {"IN": ["长期"]}, {"IN": ["合同"]}]}
    with (rules / "zh" / "triggers.jsonl").open("a", encoding="utf-8") as fh:
        fh.write("\n" + json.dumps(rule, ensure_ascii=False) + "\n")
    extractor = Extractor(load_rules(rules))
    [x] = explained("OpenAI与甲骨文签署长期协议。", extractor)
    [partial] = [p for p in x.partials if p.rule_id == "zh.test.sign_contract"]
    assert (partial.matched, partial.failed_token, partial.found) == ("签署长期", 3, "协议")
    report = explain_text("OpenAI与甲骨文签署了协议。", extractor=extractor)
    assert "zh.test.sign_contract: '签署' matched the pattern up to token 1; token 2" in report
