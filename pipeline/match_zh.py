"""Chinese matching: jieba with a user dictionary built from rules, token patterns over its output.

Company names are matched on characters, not tokens: jieba's dictionary cannot
hold names with spaces ("Super Micro"), and Latin names inside Chinese text are
best found by character boundaries.
"""
from __future__ import annotations

import logging
import re

import jieba

jieba.setLogLevel(logging.WARNING)  # its dictionary-loading chatter is not ours to print

from .amounts import starts
from .language import detect_region
from .records import Mention, Sentence
from .rules import RuleSet
from .match_en import _resolve_pronouns, learned_mentions
from .scan import scan_values
from .sentences import split_zh

USER_WORD_FREQ = 200000


class ChineseMatcher:
    """Turns Chinese paragraphs into sentences with their mentions."""

    lang = "zh"

    def __init__(self, rules: RuleSet):
        self.rules = rules
        self.trigger_rules = [r for r in rules.triggers_for("zh")]
        self.labels = {r.id: r.label for r in self.trigger_rules if r.label}  # rule id -> the side its label line names
        self.cue_rules = [r for r in rules.cues_for("zh")]
        # a legal suffix is one word ('国银|金融租赁'): a name learned from it ends, and its prefix starts, at a
        # token; not one that starts with a deal word, which must still match ('提供融资|租赁', '投资|公司')
        deal_words = pattern_words(self.trigger_rules)
        suffixes = [s for s in rules.roles["zh"].org_suffixes if not any(s.startswith(w) for w in deal_words)]
        self.tokenizer = make_tokenizer(self.trigger_rules + self.cue_rules, rules.entities.aliases("zh") + suffixes)
        self.entity_pattern = alias_pattern(rules.entities.aliases("zh") + rules.entities.aliases("en"))
        self.spaced_words = spaced_pattern(self.trigger_rules + self.cue_rules)
        self.first_word = index_first_words(self.trigger_rules + self.cue_rules)
        self.alias_keys = {}  # lower-cased surface -> the first alias written so, zh table first
        for table in (rules.entities.zh, rules.entities.en):
            for alias in table:
                self.alias_keys.setdefault(alias.lower(), alias)
        self.role_marks = tuple(sorted({w for preps in rules.roles["zh"].preps.values() for w in preps}, key=len, reverse=True))
        owner = rules.roles["zh"].owner_of_next
        self.owner_of_next = re.compile(owner) if owner else None
        described = rules.roles["zh"].described_company
        self.described = re.compile(described) if described else None
        generic = rules.roles["zh"].generic_pattern
        self.generic = re.compile(generic) if generic else None
        # Matched on lower-cased text: Python's re is several times slower with IGNORECASE on a long alternation.
        self.prefilter = re.compile("|".join(sorted({re.escape(w.lower()) for w in pattern_words(self.trigger_rules)},
                                                    key=len, reverse=True)))

    def is_candidate(self, text: str) -> bool:
        return self.prefilter.search(text.lower()) is not None

    def process(self, text: str, offset: int, doc_id: str, *, region: str | None = None,
                learned=None, filer: str | None = None, subject: str | None = None, state: dict | None = None) -> list[tuple[Sentence, list[Mention]]]:
        """Candidate sentences of a paragraph with their mentions.

        `state` carries the last named company across paragraphs: Chinese drops a subject
        the text already named, so each sentence gets a zero-width "topic" mention for it.
        """
        region = region or detect_region(text)
        state = {} if state is None else state
        out, antecedent, described = [], state.get("antecedent"), state.get("described", (None, None))
        for start, end in split_zh(text):
            sent_text = text[start:end]
            base = offset + start
            entities, matches = self.sentence_matches(sent_text, base, doc_id, region=region, learned=learned)
            if matches is None:
                antecedent = self._subject(entities, sent_text, base) or antecedent
                described = self._described(entities, sent_text, base, described)
                continue
            mentions = entities + matches + scan_values(sent_text, base, doc_id, lang="zh")
            mentions = _company_is_filer(_head_nouns(mentions, sent_text, base, self.owner_of_next), filer, subject)
            mentions = _resolve_pronouns(_described_pronouns(mentions, described), antecedent)
            # An announcement's label line names one side ('4.交易相對人…：廣達電腦股份有限公司'); the other is the filer's
            # side, never the topic: for a seller, the subsidiary the announcement brought in ('代子公司宏晟智算…')
            label = next((m for m in matches if m.rule_id in self.labels), None)
            if label is not None and self.labels[label.rule_id] == "seller" and described[0] is not None:
                mentions.append(Mention(doc_id, label.start, label.start, "", "entity", described[0].value, "zh.entity.described"))
            if antecedent is not None and label is None:  # a label line's other side is the filer's, not the topic's
                mentions.append(Mention(doc_id, base, base, "", "topic", antecedent.value, "zh.topic"))
            antecedent = self._subject(entities, sent_text, base) or antecedent
            described = self._described(entities, sent_text, base, described)
            out.append((Sentence(doc_id, base, offset + end, sent_text, "zh"), sorted(mentions, key=lambda m: (m.start, -m.end))))
        state["antecedent"], state["described"] = antecedent, described
        return out

    def sentence_matches(self, text: str, base: int, doc_id: str, *, region: str,
                         learned=None) -> tuple[list[Mention], list[Mention] | None]:
        """The matching part of `process` for one sentence: its companies, and, if it is a
        candidate, its generic-party cues and rule matches (None if not). The benchmark
        times it alone: the rest of extraction is values, roles and events."""
        entities = self._entities(text, base, doc_id, region) + learned_mentions(text, base, doc_id, learned)
        if not self.is_candidate(text):
            return entities, None
        matches = [Mention(doc_id, base + m.start(), base + m.end(), m.group(), "cue", "generic", "zh.cue.generic_pattern")
                   for m in (self.generic.finditer(text) if self.generic else ())]
        return entities, matches + self._token_matches(text, base, doc_id)

    def _described(self, entities: list[Mention], text: str, base: int,
                   before: tuple) -> tuple[Mention | None, Mention | None]:
        """The last subsidiary brought in so far after its class noun ('對子公司Wistron InfoComm增資'), and the last
        company this sentence brings in after any class noun ('向特殊目的公司Valor…提供貸款'): what 该子公司 and,
        in the next sentence, 该公司 mean (roles.yaml described_company)."""
        subsidiary = before[0]
        if self.described is None or "公司" not in text:
            return subsidiary, None
        found = [(e, d.group()) for e in entities if (d := self.described.search(text, 0, e.start - base))]
        sub = next((e for e, noun in reversed(found) if "子公司" in noun), subsidiary)
        return sub, found[-1][0] if found else None

    def _subject(self, entities: list[Mention], text: str, base: int) -> Mention | None:
        """The first company a role word does not mark: '9月跟甲骨文签了三千亿' leaves the topic
        (the buyer named before) in place; 甲骨文 is the other side, not what the text is about. Nor is
        a product of a marked company ('向微软追加采购2500亿的Azure服务': Azure is Microsoft's)."""
        marked = {m.value for m in entities if text[:m.start - base].rstrip().endswith(self.role_marks)}
        return next((m for m in sorted(entities, key=lambda m: m.start) if m.value not in marked), None)

    def tokens(self, text: str) -> list[tuple[str, int, int]]:
        """jieba tokens with character offsets; words with spaces in the rules are kept whole."""
        protected = [(m.start(), m.end()) for m in self.spaced_words.finditer(text)] if self.spaced_words else []
        tokens, pos = [], 0
        for start, end in protected + [(len(text), len(text))]:
            tokens += [(w, pos + s, pos + e) for w, s, e in self.tokenizer.tokenize(text[pos:start])]
            if end > start:
                tokens.append((text[start:end], start, end))
            pos = end
        return tokens

    def _entities(self, text: str, base: int, doc_id: str, region: str) -> list[Mention]:
        return [Mention(doc_id, base + m.start(), base + m.end(), m.group(), "entity",
                        self.rules.entities.canonical(self._alias_key(m.group()), region=region), "zh.entity.alias")
                for m in self.entity_pattern.finditer(text)]

    def _alias_key(self, surface: str) -> str:
        return self.alias_keys.get(surface.lower(), surface)

    def _token_matches(self, text: str, base: int, doc_id: str) -> list[Mention]:
        tokens = self.tokens(text)
        found = []
        for i, (word, _, _) in enumerate(tokens):
            for rule in self.first_word.get(word, ()):
                j = match_tokens(rule.pattern, tokens, i)
                if j is None:
                    continue
                start, end = tokens[i][1], tokens[j - 1][2]
                kind, value = ("trigger", rule.event_type) if hasattr(rule, "event_type") else ("cue", rule.cue)
                found.append(Mention(doc_id, base + start, base + end, text[start:end], kind, value, rule.id))
        return found


def _company_is_filer(mentions: list[Mention], filer: str | None, subject: str | None = None) -> list[Mention]:
    """In a company's own announcement, a bare 公司 is the filer; in a report about one company (its
    `subject`, named in the title) it is that company; elsewhere it points back (a pronoun)."""
    if not filer:
        return [Mention(m.doc_id, m.start, m.end, m.text, "entity", subject, "zh.entity.subject")
                if m.kind == "cue" and m.value == "pronoun" and m.text == "公司" else m for m in mentions] if subject else mentions
    return [Mention(m.doc_id, m.start, m.end, m.text, "cue", "filer", m.rule_id)
            if m.kind == "cue" and m.value == "pronoun" and m.text == "公司" else m for m in mentions]


THE_DESCRIBED = {"该公司": False, "該公司": False, "该子公司": True, "該子公司": True}


def _described_pronouns(mentions: list[Mention], described: tuple[Mention | None, Mention | None]) -> list[Mention]:
    """'該公司將以所得資金向英偉達採購' after '向特殊目的公司Valor提供貸款': the company a class noun brought in.
    该子公司 is the last subsidiary so brought in; 该公司 the company so brought in the sentence before, where no
    company comes before it in its own sentence (see `ChineseMatcher._described`)."""
    subsidiary, last = described
    if subsidiary is None and last is None:
        return mentions
    first = min((m.start for m in mentions if m.kind == "entity"), default=None)
    out = []
    for m in mentions:
        sub = THE_DESCRIBED.get(m.text) if m.kind == "cue" and m.value == "pronoun" else None
        target = subsidiary if sub else last if sub is False and (first is None or first > m.start) else None
        out.append(Mention(m.doc_id, m.start, m.end, m.text, "entity", target.value, m.rule_id) if target else m)
    return out


def _head_nouns(mentions: list[Mention], text: str, base: int,
                owner_of_next: re.Pattern | None = None) -> list[Mention]:
    """'GPU公司沐曦股份', '特殊目的公司Valor': a 公司 right before a name is its head noun, not a pronoun.
    '本公司之間接全資附屬公司雲峰智算（深圳）', '公司全资子公司曜算智算': the company only owns the subsidiary named
    next, which is the one that acts (roles.yaml owner_of_next)."""
    starts = {m.start for m in mentions if m.kind == "entity"}
    return [m for m in mentions if not (m.kind == "cue" and (
        (m.value == "pronoun" and m.text == "公司"
         and m.end + len(text[m.end - base:]) - len(text[m.end - base:].lstrip()) in starts)
        or (owner_of_next is not None and m.value in ("pronoun", "filer")
            and (o := owner_of_next.match(text, m.end - base)) is not None and base + o.end() in starts)))]


def match_tokens(pattern: tuple, tokens: list, i: int) -> int | None:
    """End index if the token pattern matches at token i (OP '?' allowed), else None."""
    j = i
    for spec in pattern:
        words = spec.get("IN") or [spec.get("TEXT")]
        if j < len(tokens) and tokens[j][0] in words:
            j += 1
        elif spec.get("OP") != "?":
            return None
    return j if j > i else None


def index_first_words(rules) -> dict[str, list]:
    """word -> the rules whose first token can be that word (patterns start with a required token)."""
    index: dict[str, list] = {}
    for rule in rules:
        for word in rule.pattern[0].get("IN") or [rule.pattern[0].get("TEXT")]:
            index.setdefault(word, []).append(rule)
    return index


def pattern_words(rules) -> set[str]:
    return {w for rule in rules for spec in rule.pattern for w in (spec.get("IN") or [spec.get("TEXT")])}


def spaced_pattern(rules) -> re.Pattern | None:
    """Rule words with spaces or Latin letters ("Azure credit"): matched on characters."""
    words = [w for w in pattern_words(rules) if re.search(r"[A-Za-z ]", w)]
    if not words:
        return None
    # the boundaries written once around the alternation (re backtracks into it all the same),
    # behind a lookahead on the first letters: most positions are rejected at once
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"{starts(words)}(?<![A-Za-z])(?:{alternation})(?![A-Za-z])")


def alias_pattern(aliases: list[str]) -> re.Pattern:
    """One alternation of all aliases, longest first; Latin names need word boundaries.

    Latin aliases of four letters or more match in any case ("OpenAi" in commentary);
    short ones (AMD, OCI, MS) only as written.

    Names that start with a Latin letter and the others are two alternations: no
    position starts both kinds, so the first match is still the longest name there,
    and the Latin one is tried at word starts only (not inside every Latin word).
    """
    latin, other = [], []
    for alias in sorted(set(aliases), key=len, reverse=True):
        (latin if alias[0].isascii() and alias[0].isalpha() else other).append(alias)
    blocks = [rf"{_first_chars(latin)}(?<![A-Za-z])(?:{_alternation(latin)})" if latin else "",
              rf"{_first_chars(other)}(?:{_alternation(other)})" if other else ""]
    return re.compile("|".join(filter(None, blocks)) or "(?!)")


def _folded(alias: str) -> bool:
    return len(alias) >= 4 and re.search(r"[A-Za-z]", alias) is not None


def _alternation(aliases: list[str]) -> str:
    parts = []
    for alias in aliases:
        body = re.escape(alias)
        if re.search(r"[A-Za-z]", alias):
            body = rf"(?<![A-Za-z]){body}(?![A-Za-z])"
            if _folded(alias):
                body = f"(?i:{body})"
        parts.append(body)
    return "|".join(parts)


def _first_chars(aliases: list[str]) -> str:
    """A lookahead on the aliases' first characters (case-folded where the alias is): re
    tries every alternative at every position; this rejects most positions at once."""
    exact = "".join(sorted({a[0] for a in aliases if not _folded(a)}))
    folded = "".join(sorted({a[0] for a in aliases if _folded(a)}))
    ahead = "|".join(f"[{re.escape(chars)}]" if not fold else f"(?i:[{re.escape(chars)}])"
                     for chars, fold in ((exact, False), (folded, True)) if chars)
    return f"(?=(?:{ahead}))"


def make_tokenizer(rules, aliases: list[str]) -> "RustJieba":
    """A private tokenizer with our trigger, cue and alias words (no spaces allowed)."""
    words = {w for w in pattern_words(rules) | set(aliases) if " " not in w and not re.fullmatch(r"[A-Za-z0-9.\-]+", w)}
    return RustJieba(sorted(words))


# jieba's HMM step (finalseg) splits a Latin run at this pattern, keeping both
# sides: "Character.AI" -> Character . AI, "1.56" and "10%" stay whole.
_JIEBA_SKIP = re.compile(r"([a-zA-Z0-9]+(?:\.\d+)?%?)")


class RustJieba:
    """jieba-rs (rjieba) with jieba's splits, ~13x faster than jieba.

    jieba-rs keeps an ASCII run with '.', '-', '_' ... whole ("Character.AI",
    "T-Mobile", "3-5"); jieba splits it as its finalseg does, and so do we here.
    Checked equal to jieba.Tokenizer.tokenize on 30,705 sentences and lines.
    """

    def __init__(self, words: list[str]):
        import rjieba

        self.jieba = rjieba.Jieba()
        for word in words:
            self.jieba.add_word(word, USER_WORD_FREQ, None)

    def tokenize(self, text: str) -> list[tuple[str, int, int]]:
        out = []
        for word, start, end in self.jieba.tokenize(text):
            if len(word) > 1 and word.isascii() and not word.isalnum():
                for piece in _JIEBA_SKIP.split(word):
                    if piece:
                        out.append((piece, start, start + len(piece)))
                        start += len(piece)
            else:
                out.append((word, start, end))
        return out

    def lcut(self, text: str) -> list[str]:
        return [word for word, _, _ in self.tokenize(text)]
