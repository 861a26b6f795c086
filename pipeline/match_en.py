"""English matching: spaCy blank pipeline, sentencizer, Matcher and PhraseMatcher from rules."""
from __future__ import annotations

import re

import spacy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.util import filter_spans

from .records import Mention, Sentence
from .rules import RuleSet
from .scan import scan_values

LEGAL_SUFFIXES = ["Inc.", "Inc", "Corp.", "Corp", "Corporation", "LLC", "Ltd.", "Ltd", "Limited", "PLC", "plc",
                  "L.P.", "LP", "Co.", "Holdings", "AG", "S.A.", "N.V.", "GmbH", "PBC"]
UNKNOWN_ORG = [{"IS_TITLE": True, "OP": "+"}, {"ORTH": ",", "OP": "?"}, {"ORTH": {"IN": LEGAL_SUFFIXES}}]


class EnglishMatcher:
    """Turns English paragraphs into sentences with their mentions."""

    lang = "en"

    def __init__(self, rules: RuleSet):
        self.rules = rules
        self.nlp = spacy.blank("en")
        self.nlp.add_pipe("sentencizer")
        vocab = self.nlp.vocab
        self.trigger_rules = {r.id: r for r in rules.triggers_for("en")}
        self.cue_rules = {r.id: r for r in rules.cues_for("en")}
        self.matcher = Matcher(vocab)
        for rule in (*self.trigger_rules.values(), *self.cue_rules.values()):
            self.matcher.add(rule.id, [list(rule.pattern)])
        self.matcher.add("en.entity.unknown_org", [UNKNOWN_ORG])
        self.aliases = PhraseMatcher(vocab, attr="ORTH")
        self.aliases.add("en.entity.alias", list(self.nlp.tokenizer.pipe(rules.entities.aliases("en"))))
        self.prefilter = trigger_prefilter(self.trigger_rules.values())

    def is_candidate(self, text: str) -> bool:
        """Cheap pass: only text with a trigger word goes through spaCy."""
        return self.prefilter.search(text) is not None

    def process(self, text: str, offset: int, doc_id: str, *, learned=None) -> list[tuple[Sentence, list[Mention]]]:
        """Candidate sentences of a paragraph with their mentions.

        `learned` = (pattern, names): companies this document introduced itself.
        "it" / "the company" become the company they stand for (see `_resolve_pronouns`).
        """
        doc = self.nlp(text)
        spans = self._spans(doc, offset, doc_id) + learned_mentions(text, offset, doc_id, learned)
        out, antecedent = [], None
        for sent in doc.sents:
            s_start, s_end = offset + sent.start_char, offset + sent.end_char
            mentions = [m for m in spans if s_start <= m.start and m.end <= s_end]
            if self.is_candidate(sent.text):
                mentions = _resolve_pronouns(mentions, antecedent)
                mentions += scan_values(sent.text, s_start, doc_id, lang="en")
                out.append((Sentence(doc_id, s_start, s_end, sent.text, "en"), sorted(mentions, key=lambda m: (m.start, -m.end))))
            entities = [m for m in mentions if m.kind == "entity"]
            antecedent = entities[0] if entities else antecedent
        return out

    def _spans(self, doc, offset: int, doc_id: str) -> list[Mention]:
        """Every rule match in a paragraph as a Mention with document offsets."""
        found = []
        strings = self.nlp.vocab.strings
        entity_spans = [doc[s:e] for _, s, e in self.aliases(doc)]
        for match_id, s, e in self.matcher(doc):
            rid = strings[match_id]
            if rid == "en.entity.unknown_org":
                entity_spans.append(doc[s:e])
                continue
            rule = self.trigger_rules.get(rid) or self.cue_rules[rid]
            kind, value = ("trigger", rule.event_type) if rid in self.trigger_rules else ("cue", rule.cue)
            found.append((doc[s:e], kind, value, rid))
        for span in filter_spans(entity_spans):
            found.append((span, "entity", self.rules.entities.canonical(span.text), "en.entity.alias"))
        return [Mention(doc_id, offset + sp.start_char, offset + sp.end_char, sp.text, kind, value, rid)
                for sp, kind, value, rid in found]


def learned_mentions(text: str, offset: int, doc_id: str, learned) -> list[Mention]:
    """Mentions of the companies a document introduced with a legal suffix (see names.py)."""
    if not learned or learned[0] is None:
        return []
    pattern, names = learned
    return [Mention(doc_id, offset + m.start(), offset + m.end(), m.group(), "entity", names[m.group()], "entity.learned")
            for m in pattern.finditer(text)]


def _resolve_pronouns(mentions: list[Mention], antecedent: Mention | None) -> list[Mention]:
    """'it' / 'the company': the sentence's first company before it, else the last sentence's subject;
    'the latter' / 后者: the company named last."""
    out = []
    for m in mentions:
        if m.kind == "cue" and m.value == "pronoun":
            before = [e for e in mentions if e.kind == "entity" and e.end <= m.start]
            latter = m.text in ("后者", "後者", "the latter")
            target = (before[-1] if latter else before[0]) if before else antecedent
            if target is not None:
                out.append(Mention(m.doc_id, m.start, m.end, m.text, "entity", target.value, m.rule_id))
            continue
        out.append(m)
    return out


def trigger_prefilter(rules) -> re.Pattern:
    words = set()
    for rule in rules:
        for token in rule.pattern:
            for key in ("LOWER", "ORTH", "TEXT"):
                spec = token.get(key)
                if isinstance(spec, str):
                    words.add(spec.lower())
                elif isinstance(spec, dict):
                    words.update(w.lower() for w in spec.get("IN", []))
    alternation = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"(?i)(?<![\w-])(?:{alternation})(?![\w-])")
