"""Rule files are checked when loaded: all of rules/ loads; a broken file names its file, line and rule id."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from pipeline.cli import EXIT_USAGE, main
from pipeline.errors import RuleError
from pipeline.records import EVENT_TYPES
from pipeline.rules import CUES, RULES_DIR, load_rules

EN_TRIGGER = {"lang": "en", "event_type": "investment", "agent": "party", "receiver": "counterparty",
              "pattern": [{"LOWER": {"IN": ["invest", "invested"]}}]}
ZH_TRIGGER = {"lang": "zh", "event_type": "investment", "agent": "party", "receiver": "counterparty",
              "pattern": [{"IN": ["投资"]}]}


def rule(base: dict, rule_id: str, **changes) -> str:
    return json.dumps({"id": rule_id, **base, **changes}, ensure_ascii=False)


# (case, file under rules/, the line appended, rule id named (None: not readable), words in the cause)
BROKEN_LINES = [
    ("bad JSON", "en/triggers.jsonl", '{"id": "en.test.bad_json", "lang": "en", "pattern": [', "en.test.bad_json", "bad JSON"),
    ("unknown attribute", "en/triggers.jsonl", rule(EN_TRIGGER, "en.test.unknown_attr", wieght=2),
     "en.test.unknown_attr", "unknown attribute(s): wieght"),
    ("duplicate id", "en/triggers.jsonl", rule(EN_TRIGGER, "en.inv.invest_verb"), "en.inv.invest_verb", "duplicate id"),
    ("duplicate id across files", "en/triggers.jsonl", rule(EN_TRIGGER, "en.cue.total"), "en.cue.total",
     "duplicate id (first at cues.jsonl:"),
    ("credit_id taken", "en/triggers.jsonl",
     rule(EN_TRIGGER, "en.test.buy", event_type="purchase_agreement", credit_id="en.credit.facility"),
     "en.test.buy", "duplicate credit_id en.credit.facility"),
    ("credit_id of an investment rule", "en/triggers.jsonl", rule(EN_TRIGGER, "en.test.inv", credit_id="en.credit.test"),
     "en.test.inv", "'credit_id' is for purchase rules"),
    ("invalid regex", "en/triggers.jsonl",
     rule(EN_TRIGGER, "en.test.bad_regex", pattern=[{"LOWER": {"REGEX": "^invest(ed"}}]), "en.test.bad_regex", "invalid regex"),
    ("unknown event_type", "en/triggers.jsonl", rule(EN_TRIGGER, "en.test.merger", event_type="merger"),
     "en.test.merger", "unknown event_type 'merger'"),
    ("spaCy rejects an attribute", "en/triggers.jsonl", rule(EN_TRIGGER, "en.test.lowr", pattern=[{"LOWR": "invest"}]),
     "en.test.lowr", "spaCy rejects the pattern"),
    ("spaCy rejects an operator", "en/triggers.jsonl",
     rule(EN_TRIGGER, "en.test.op", pattern=[{"LOWER": "invest", "OP": "!!"}]), "en.test.op", "spaCy rejects the pattern"),
    ("spaCy rejects IN without a list", "en/triggers.jsonl",
     rule(EN_TRIGGER, "en.test.in_str", pattern=[{"LOWER": {"IN": "invest"}}]), "en.test.in_str", "spaCy rejects the pattern"),
    ("unknown agent", "en/triggers.jsonl", rule(EN_TRIGGER, "en.test.agent", agent="investor"), "en.test.agent", "'agent'"),
    ("unknown status", "en/triggers.jsonl", rule(EN_TRIGGER, "en.test.status", status="rumoured"), "en.test.status",
     "unknown status"),
    ("empty pattern", "en/triggers.jsonl", rule(EN_TRIGGER, "en.test.empty", pattern=[]), "en.test.empty", "'pattern'"),
    ("wrong folder", "en/triggers.jsonl", rule(ZH_TRIGGER, "en.test.lang"), "en.test.lang", "'lang' must be 'en'"),
    ("unknown cue", "en/cues.jsonl",
     json.dumps({"id": "en.test.cue", "lang": "en", "cue": "maybe", "pattern": [{"LOWER": "maybe"}]}), "en.test.cue",
     "unknown cue 'maybe'"),
    ("cue skip as long as its pattern", "en/cues.jsonl",
     json.dumps({"id": "en.test.skip", "lang": "en", "cue": "block", "skip": 1, "pattern": [{"LOWER": "warrant"}]}),
     "en.test.skip", "'skip' must be a token count"),
    ("cue skip and keep cover its pattern", "en/cues.jsonl",
     json.dumps({"id": "en.test.keep", "lang": "en", "cue": "block", "skip": 1, "keep": 1,
                 "pattern": [{"LOWER": "debt"}, {"LOWER": "investments"}]}), "en.test.keep", "'keep' must leave a token"),
    ("Chinese token key", "zh/triggers.jsonl", rule(ZH_TRIGGER, "zh.test.key", pattern=[{"LEMMA": "投资"}]), "zh.test.key",
     "bad token"),
    ("Chinese empty word", "zh/triggers.jsonl", rule(ZH_TRIGGER, "zh.test.word", pattern=[{"IN": ["投资", ""]}]),
     "zh.test.word", "words must be strings"),
    ("given not an event type", "zh/triggers.jsonl", rule(ZH_TRIGGER, "zh.test.given", given="loan"), "zh.test.given",
     "'given' must be an event type"),
    ("given credit without its own id", "zh/triggers.jsonl", rule(ZH_TRIGGER, "zh.test.given_credit", given="credit"),
     "zh.test.given_credit", "'given: credit' needs a 'credit_id'"),
    ("label naming no side", "zh/triggers.jsonl", rule(ZH_TRIGGER, "zh.test.label", label="buyer"), "zh.test.label",
     "'label' must be seller or receiver"),
    pytest.param("Chinese IN without a list", "zh/triggers.jsonl", rule(ZH_TRIGGER, "zh.test.in_str", pattern=[{"IN": "投资"}]),
                 "zh.test.in_str", "bad token"),
]

# (case, entities.csv content, line named (None: the file only), words in the cause)
BROKEN_ENTITIES = [
    ("row without canonical", "canonical,ticker,cik,aliases_en,aliases_zh\nNVIDIA,NVDA,1045810,Nvidia,英伟达\n,,,Foo,\n",
     3, "row without a canonical name"),
    ("cik not a number", "canonical,ticker,cik,aliases_en,aliases_zh\nNVIDIA,NVDA,NVDA,Nvidia,英伟达\n", None,
     "cannot read entity table"),
]


@pytest.fixture
def rules_copy(tmp_path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(RULES_DIR, root)
    return root


def append_line(path: Path, line: str) -> int:
    """Append `line` to a rule file; its line number."""
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([*lines, line]) + "\n", encoding="utf-8")
    return len(lines) + 1


def test_all_rules_load():
    rules = load_rules(RULES_DIR)
    ids = [r.id for r in (*rules.triggers, *rules.cues)] + [r.credit_id for r in rules.triggers if r.credit_id]
    assert len(ids) == len(set(ids))
    # a rule yields one event type: the events a give cue or a lender makes credit carry the rule's credit_id
    assert all(r.credit_id for r in rules.triggers if r.given == "credit")
    assert rules.rule("zh.credit.financing_given").id == "zh.inv.rongzi_via"
    assert rules.triggers_for("en") and rules.triggers_for("zh")
    assert {t.event_type for t in rules.triggers} == set(EVENT_TYPES)
    assert all(c.cue in CUES for c in rules.cues)
    assert all(r.id.startswith(f"{r.lang}.") for r in (*rules.triggers, *rules.cues))
    assert re.fullmatch(r"[0-9a-f]{12}", rules.version)
    assert rules.entities.canonical("Oracle Corporation") == "Oracle"


def test_rule_version_follows_the_files(rules_copy):
    before = load_rules(rules_copy).version
    append_line(rules_copy / "en" / "triggers.jsonl", "# a comment changes the hash, not the rules")
    assert load_rules(rules_copy).version != before


@pytest.mark.parametrize("case,relpath,line,rule_id,cause", BROKEN_LINES)
def test_broken_rule_names_file_line_and_rule(rules_copy, case, relpath, line, rule_id, cause):
    path = rules_copy / relpath
    lineno = append_line(path, line)
    with pytest.raises(RuleError) as info:
        load_rules(rules_copy)
    err = info.value
    assert (err.path, err.line, err.rule_id) == (str(path), lineno, rule_id)
    assert cause in err.cause
    assert f"{path}:{lineno}" in str(err)
    if rule_id:
        assert f"(rule {rule_id})" in str(err)


@pytest.mark.parametrize("case,content,line,cause", BROKEN_ENTITIES)
def test_broken_entity_table(rules_copy, case, content, line, cause):
    path = rules_copy / "entities.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules(rules_copy)
    assert (info.value.path, info.value.line) == (str(path), line)
    assert cause in str(info.value) and str(path) in str(info.value)


def test_broken_roles_yaml(rules_copy):
    path = rules_copy / "zh" / "roles.yaml"
    path.write_text("preps: {}\ngive_targets: [向]\n", encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules(rules_copy)
    assert info.value.path == str(path) and "missing or malformed key" in str(info.value)


@pytest.mark.parametrize("lang, key", [("en", "round_anaphor"), ("zh", "generic_pattern")])
def test_a_broken_regex_in_roles_yaml_names_file_and_key(rules_copy, lang, key):
    path = rules_copy / lang / "roles.yaml"
    text = path.read_text(encoding="utf-8")
    lines = [f"{key}: '(?:unclosed'" if line.startswith(f"{key}:") else line for line in text.splitlines()]
    assert lines != text.splitlines()  # the key is there to break
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_rules(rules_copy)
    assert info.value.path == str(path) and f"'{key}' is not a valid regex" in str(info.value)


def test_cli_stops_before_any_work(rules_copy, tmp_path, monkeypatch, capsys):
    import pipeline.batch

    def no_work(*args, **kwargs):
        raise AssertionError("extraction started despite a broken rule file")

    monkeypatch.setattr(pipeline.batch, "extract_paths", no_work)
    lineno = append_line(rules_copy / "en" / "triggers.jsonl", rule(EN_TRIGGER, "en.test.merger", event_type="merger"))
    doc = tmp_path / "note.txt"
    doc.write_text("NVIDIA invested $2 billion in CoreWeave.\n", encoding="utf-8")
    ledger = tmp_path / "out" / "ledger.csv"
    assert main(["extract", str(doc), "--rules", str(rules_copy), "--out", str(ledger)]) == EXIT_USAGE
    assert not ledger.exists() and not ledger.parent.exists()
    err = capsys.readouterr().err
    assert f"triggers.jsonl:{lineno}" in err and "en.test.merger" in err
