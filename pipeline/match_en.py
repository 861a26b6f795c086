"""English matching: spaCy blank pipeline, sentencizer, Matcher and PhraseMatcher from rules."""
from __future__ import annotations

import re

import spacy
from spacy.matcher import Matcher, PhraseMatcher
from spacy.lang.en.stop_words import STOP_WORDS
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
        # One-token rules ("invest", {"IN": [...]}) are looked up in the Doc's arrays:
        # in the Matcher every pattern costs ~0.2 us per token, a lookup almost nothing.
        # Rules of a few tokens run only around their rarest required word (AnchoredRules);
        # the Matcher over the whole paragraph keeps only the unbounded ones ("+", "*").
        self.matcher = Matcher(vocab)
        self.rule_order = {}
        self.single = SingleTokenRules(vocab)
        self.anchored = AnchoredRules(vocab)
        for n, rule in enumerate((*self.trigger_rules.values(), *self.cue_rules.values())):
            self.rule_order[rule.id] = n
            if not self.single.add(rule.id, rule.pattern) and not self.anchored.add(rule.id, rule.pattern):
                self.matcher.add(rule.id, [list(rule.pattern)])
        self.rule_order["en.entity.unknown_org"] = len(self.rule_order)
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
        matches = [(strings[m], s, e) for m, s, e in self.matcher(doc)] + self.single(doc) + self.anchored(doc)
        # The Matcher's own order for one span: the rules' order (the mentions are sorted by span later).
        matches.sort(key=lambda m: (m[1], m[2], self.rule_order[m[0]]))
        for rid, s, e in matches:
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


class SingleTokenRules:
    """Rules of one token matched on LOWER or ORTH (a word or an IN list), found by lookup:
    exactly what the Matcher finds for them."""

    KEYS = {"LOWER": "LOWER", "ORTH": "ORTH", "TEXT": "ORTH"}

    def __init__(self, vocab):
        self.vocab = vocab
        self.words = {"LOWER": {}, "ORTH": {}}  # attribute -> word hash -> rule ids

    def add(self, rule_id: str, pattern) -> bool:
        """Take the rule if it is one such token; False leaves it to the Matcher."""
        if len(pattern) != 1 or len(pattern[0]) != 1:
            return False
        (key, spec), = pattern[0].items()
        words = [spec] if isinstance(spec, str) else spec.get("IN") if isinstance(spec, dict) and list(spec) == ["IN"] else None
        if key not in self.KEYS or not words or not all(isinstance(w, str) for w in words):
            return False
        table = self.words[self.KEYS[key]]
        for word in dict.fromkeys(words):
            table.setdefault(self.vocab.strings.add(word), []).append(rule_id)
        return True

    def __call__(self, doc) -> list[tuple[str, int, int]]:
        from spacy.attrs import LOWER, ORTH

        if not len(doc):
            return []
        found = []
        for attr, column in zip(("LOWER", "ORTH"), doc.to_array([LOWER, ORTH]).T.tolist()):
            table = self.words[attr]
            for i, value in enumerate(column):
                if value in table:
                    found += [(rid, i, i + 1) for rid in table[value]]
        return found


def _words(token: dict) -> tuple[str, list[str]] | None:
    """(LOWER or ORTH, words) of a token spec that is one word or an IN list on one of them, else None."""
    spec = {k: v for k, v in token.items() if k != "OP"}
    if len(spec) != 1:
        return None
    (key, value), = spec.items()
    words = [value] if isinstance(value, str) else value.get("IN") if isinstance(value, dict) and list(value) == ["IN"] else None
    if key not in SingleTokenRules.KEYS or not words or not all(isinstance(w, str) for w in words):
        return None
    return SingleTokenRules.KEYS[key], words


class AnchoredRules:
    """Rules of a bounded number of tokens, run by a Matcher only on windows around their
    anchor: the required token with the fewest words. Every match holds its anchor, so it
    lies within (pattern length - 1) tokens of it: the windows find exactly the
    Matcher's matches over the whole Doc, at a fraction of the tokens."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.matcher = Matcher(vocab)
        self.anchors = {"LOWER": {}, "ORTH": {}}  # attribute -> word hash -> widest reach
        self.reach = 0

    def add(self, rule_id: str, pattern) -> bool:
        if any(t.get("OP") in ("+", "*", "!") for t in pattern):
            return False
        required = [w for t in pattern if t.get("OP") is None and (w := _words(t))]
        if not required:
            return False
        attr, words = min(required, key=lambda aw: (sum(w.lower() in STOP_WORDS for w in aw[1]), len(aw[1])))
        for word in words:
            key = self.vocab.strings.add(word)
            self.anchors[attr][key] = max(self.anchors[attr].get(key, 0), len(pattern) - 1)
        self.matcher.add(rule_id, [list(pattern)])
        return True

    def __call__(self, doc) -> list[tuple[str, int, int]]:
        from spacy.attrs import LOWER, ORTH

        if not len(doc) or not len(self.matcher):
            return []
        windows = []
        for attr, column in zip(("LOWER", "ORTH"), doc.to_array([LOWER, ORTH]).T.tolist()):
            table = self.anchors[attr]
            windows += [(i, table[v]) for i, v in enumerate(column) if v in table]
        windows = [(max(0, i - reach), i + reach + 1) for i, reach in windows]
        found, strings = [], self.vocab.strings
        for start, end in _merged(windows, len(doc)):
            found += [(strings[m], start + s, start + e) for m, s, e in self.matcher(doc[start:end])]
        return found


def _merged(windows: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for start, end in sorted(windows):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, min(e, length)) for s, e in out]


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
