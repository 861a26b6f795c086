"""Where English rules match in a sentence, each rule run the cheapest exact way on the Doc's token arrays:
one-token rules by lookup, other rules by their own spaCy Matcher only where their anchor word is (and every
word they require), a shared Matcher for the rest. `EnglishMatcher` (match_en.py) runs them per sentence."""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher


class RuleGroup:
    """Some rules, each run the cheapest exact way. One-token rules ("invest", {"IN": [...]})
    are looked up in the Doc's arrays: in the Matcher every pattern costs ~0.2 us per token, a
    lookup almost nothing. Other rules run only where their rarest required word is
    (AnchoredRules). A Matcher keeps the rules with no such word, run on every sentence."""

    def __init__(self, vocab, rules):
        self.vocab = vocab
        self.single = SingleTokenRules(vocab)
        self.anchored = AnchoredRules(vocab)
        self.matcher = Matcher(vocab)
        for rule in rules:
            if not self.single.add(rule.id, rule.pattern) and not self.anchored.add(rule.id, rule.pattern):
                self.matcher.add(rule.id, [list(rule.pattern)])

    def __call__(self, doc, orth: list[int], lower: list[int], start: int, end: int) -> list[tuple[str, int, int]]:
        """(rule id, start, end) of every match among tokens start..end (one sentence)."""
        found = self.single(orth, lower, start, end) + self.anchored(doc, orth, lower, start, end)
        if len(self.matcher):
            strings = self.vocab.strings
            found += [(strings[m], start + s, start + e) for m, s, e in self.matcher(doc[start:end])]
        return found


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

    def __call__(self, orth: list[int], lower: list[int], start: int, end: int) -> list[tuple[str, int, int]]:
        """Matches among tokens start..end, given the Doc's ORTH and LOWER columns."""
        found = []
        for attr, column in (("LOWER", lower), ("ORTH", orth)):
            table = self.words[attr]
            for i in positions(column, table, start, end):
                found += [(rid, i, i + 1) for rid in table[column[i]]]
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
    """Rules with an anchor (the required token with the fewest words), each run by its own
    Matcher only where the anchor is. A rule of a bounded number of tokens runs on windows
    around it: every match holds its anchor, so it lies within (pattern length - 1) tokens of
    it, and the windows find exactly the Matcher's matches over the whole Doc, at a fraction of
    the tokens. A rule with "+", "*" or "!" runs on the whole sentence that holds its anchor."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.matchers: dict[str, Matcher] = {}  # one per rule: a window runs only its own rules
        self.anchors = {"LOWER": {}, "ORTH": {}}  # attribute -> word hash -> [(rule id, reach)]
        # rule id -> its required tokens that are plain words, as (LOWER or ORTH, word hashes): a window lacking
        # one of them cannot match, and most windows lack one (a Matcher call costs far more than the check)
        self.required: dict[str, list[tuple[str, frozenset[int]]]] = {}

    def add(self, rule_id: str, pattern) -> bool:
        unbounded = any(t.get("OP") in ("+", "*", "!") for t in pattern)
        anchor = anchor_words(pattern)
        if anchor is None:
            return False
        attr, words = anchor
        reach = None if unbounded else len(pattern) - 1
        for word in dict.fromkeys(words):
            self.anchors[attr].setdefault(self.vocab.strings.add(word), []).append((rule_id, reach))
        self.matchers[rule_id] = Matcher(self.vocab)
        self.matchers[rule_id].add(rule_id, [list(pattern)])
        self.required[rule_id] = [(attr, frozenset(self.vocab.strings.add(w) for w in words))
                                  for t in pattern if t.get("OP") in (None, "+") and (aw := _words(t))
                                  for attr, words in [aw]]
        return True

    def __call__(self, doc, orth: list[int], lower: list[int], start: int, end: int) -> list[tuple[str, int, int]]:
        """Matches among tokens start..end (one sentence), given the Doc's ORTH and LOWER columns."""
        windows: dict[str, list[tuple[int, int]]] = {}
        for attr, column in (("LOWER", lower), ("ORTH", orth)):
            table = self.anchors[attr]
            for i in positions(column, table, start, end):
                for rule_id, reach in table[column[i]]:
                    windows.setdefault(rule_id, []).append(
                        (start, end) if reach is None else (max(start, i - reach), min(end, i + reach + 1)))
        found = []
        columns = {"LOWER": lower, "ORTH": orth}
        for rule_id, spans in windows.items():
            matcher, required = self.matchers[rule_id], self.required[rule_id]
            for w_start, w_end in merged(spans, end):
                if all(not words.isdisjoint(columns[attr][w_start:w_end]) for attr, words in required):
                    found += [(rule_id, w_start + s, w_start + e) for _, s, e in matcher(doc[w_start:w_end])]
        return found


def positions(column: list[int], words, start: int, end: int) -> list[int]:
    """Sorted indices i in start..end with column[i] in `words` (a set or dict of word hashes). The few words
    present are found by a set intersection and list.index, both in C: a Python test of every token costs more."""
    present = words.keys() & column[start:end] if isinstance(words, dict) else words.intersection(column[start:end])
    if not present:
        return []
    found = []
    for word in present:
        i = column.index(word, start, end)
        while True:
            found.append(i)
            try:
                i = column.index(word, i + 1, end)
            except ValueError:
                break
    found.sort()
    return found


def merged(windows: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for start, end in sorted(windows):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [(s, min(e, length)) for s, e in out]


def anchor_words(pattern, *, optional=()) -> tuple[str, list[str]] | None:
    """(LOWER or ORTH, words) of the pattern's rarest required token: every match holds one
    of these words. Tokens whose OP is in `optional` count as not required. None if no token
    is both required and a plain word list."""
    required = [w for t in pattern if t.get("OP") in (None, "+") and t.get("OP") not in optional and (w := _words(t))]
    if not required:
        return None
    return min(required, key=lambda aw: (sum(w.lower() in STOP_WORDS for w in aw[1]), len(aw[1])))


class Anchors:
    """Where some rules can match: each rule's anchor words (see `anchor_words`).

    A sentence without any anchor token of the trigger rules holds no trigger, so no event:
    the Matcher and the value scanners skip it. `prefilter` finds the anchors as plain
    substrings, so it never misses a paragraph whose tokens hold one (a hyphen or a suffix
    cannot hide it). It reads lower-cased text: Python's `re` is several times slower with
    (?i) on a long alternation."""

    def __init__(self, vocab, patterns):
        self.words = {"LOWER": set(), "ORTH": set()}
        texts, self.everywhere = set(), False
        for pattern in patterns:
            anchor = anchor_words(pattern)
            if anchor is None:
                self.everywhere = True  # such a rule could match anywhere
                continue
            attr, words = anchor
            self.words[attr].update(vocab.strings.add(w) for w in words)
            texts.update(w.lower() for w in words)
        alternation = "|".join(sorted(map(re.escape, texts), key=len, reverse=True))
        self.prefilter = re.compile("" if self.everywhere or not texts else alternation)

    def hit_tokens(self, orth: list[int], lower: list[int]) -> list[int]:
        """Sorted indices of the tokens that are an anchor word."""
        if self.everywhere:
            return list(range(len(orth)))
        return sorted({*positions(lower, self.words["LOWER"], 0, len(lower)), *positions(orth, self.words["ORTH"], 0, len(orth))})

    def any_in(self, orth: list[int], lower: list[int], start: int, end: int) -> bool:
        """Is one of tokens start..end an anchor word? (Stops at the first.)"""
        return self.everywhere or not self.words["LOWER"].isdisjoint(lower[start:end]) \
            or not self.words["ORTH"].isdisjoint(orth[start:end])


def pattern_words_regex(rules) -> re.Pattern:
    """Any word of any trigger pattern, as a whole word: where `explain` looks for near misses."""
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
