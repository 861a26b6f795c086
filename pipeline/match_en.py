"""English matching: spaCy blank tokenizer, the sentencizer's rule, Matcher and PhraseMatcher from rules."""
from __future__ import annotations

import re
from collections import Counter
from bisect import bisect_left, bisect_right
from dataclasses import replace
from typing import NamedTuple

import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_TITLE, LENGTH, LOWER, ORTH
from spacy.matcher import Matcher, PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.util import filter_spans

from .records import Mention, Sentence
from .rule_groups import Anchors, RuleGroup, merged, pattern_words_regex
from .rules import RuleSet
from .scan import scan_values

LEGAL_SUFFIXES = ["Inc.", "Inc", "Corp.", "Corp", "Corporation", "LLC", "Ltd.", "Ltd", "Limited", "PLC", "plc",
                  "L.P.", "LP", "Co.", "Holdings", "AG", "S.A.", "N.V.", "GmbH", "PBC"]
UNKNOWN_ORG = [{"IS_TITLE": True, "OP": "+"}, {"ORTH": ",", "OP": "?"}, {"ORTH": {"IN": LEGAL_SUFFIXES}}]


class SpacyPass(NamedTuple):
    """What spaCy found in a paragraph, by token index: sentences as token ranges, which of them
    are candidates, (start, end, kind, value, rule id) of rule matches, (start, end) of companies."""

    idx: list[int]  # character start of each token
    ends: list[int]  # character end of each token
    lower: list[int]
    bounds: list[tuple[int, int]]
    candidates: list[bool]
    rule_matches: list[tuple]
    companies: list[tuple[int, int]]


class EnglishMatcher:
    """Turns English paragraphs into sentences with their mentions."""

    lang = "en"

    def __init__(self, rules: RuleSet):
        self.rules = rules
        self.nlp = spacy.blank("en")  # the tokenizer only: sentences come from `sentence_bounds`
        vocab = self.nlp.vocab
        self.sentence_ends = {vocab.strings.add(c) for c in Sentencizer.default_punct_chars}
        self.trigger_rules = {r.id: r for r in rules.triggers_for("en")}
        self.cue_rules = {r.id: r for r in rules.cues_for("en")}
        # Trigger rules run in sentences holding an anchor word; cue rules only where a trigger matched.
        self.rule_order = {r: n for n, r in enumerate((*self.trigger_rules, *self.cue_rules))}
        self.trigger_group = RuleGroup(vocab, self.trigger_rules.values())
        self.cue_group = RuleGroup(vocab, self.cue_rules.values())
        self.unknown_org = Matcher(vocab)
        self.unknown_org.add("en.entity.unknown_org", [UNKNOWN_ORG])
        self.suffix_hashes = {vocab.strings.add(w) for w in LEGAL_SUFFIXES}
        self.comma = vocab.strings.add(",")
        self.aliases = PhraseMatcher(vocab, attr="ORTH")
        self.aliases.add("en.entity.alias", list(self.nlp.tokenizer.pipe(rules.entities.aliases("en"))))
        self.triggers = Anchors(vocab, [r.pattern for r in self.trigger_rules.values()])
        self.prefilter = self.triggers.prefilter
        self.pattern_words = pattern_words_regex(self.trigger_rules.values())
        self.descriptors = rules.roles["en"].descriptors

    def is_candidate(self, text: str, *, near_misses: bool = False) -> bool:
        """Cheap pass on a paragraph: only text holding a trigger's anchor word goes through spaCy
        (with `near_misses`, any word of a trigger pattern)."""
        return (self.prefilter.search(text.lower()) is not None
                or near_misses and self.pattern_words.search(text) is not None)

    def process(self, text: str, offset: int, doc_id: str, *, learned=None,
                near_misses: bool = False, state: dict | None = None) -> list[tuple[Sentence, list[Mention]]]:
        """Candidate sentences of a paragraph with their mentions.

        A candidate sentence holds a trigger's anchor token; only there do the trigger and
        cue rules run. Companies are found in every sentence: "it" / "the company" become
        the company they stand for (see `_resolve_pronouns`), which may sit in the sentence
        before. `learned` = (pattern, names): companies this document introduced itself.
        `near_misses` (for `explain`) also returns sentences without a trigger that hold
        a word of some trigger pattern. `state` keeps the last company of this paragraph for
        the next one, used only after a descriptive subject that opens it ("The chipmaker ...").
        """
        tokens = self.spacy_pass(text, near_misses=near_misses)
        if tokens is None:
            return []
        idx, ends, lower, bounds, candidates = tokens.idx, tokens.ends, tokens.lower, tokens.bounds, tokens.candidates

        def mention(s, e, kind, value, rule_id):  # tokens s..e as a Mention with document offsets
            return Mention(doc_id, offset + idx[s], offset + ends[e - 1], text[idx[s]:ends[e - 1]], kind, value, rule_id)

        found = [mention(*m) for m in tokens.rule_matches]
        found += [mention(s, e, "entity", self.rules.entities.canonical(text[idx[s]:ends[e - 1]]), "en.entity.alias")
                  for s, e in tokens.companies]
        found += learned_mentions(text, offset, doc_id, learned)
        state = {} if state is None else state
        out, antecedent, carried = [], None, state.pop("en_antecedent", None)
        named = state.setdefault("en_named", Counter())  # how often the document named each company so far
        earlier = previous = None
        per_sentence = _by_sentence(found, [(offset + idx[s], offset + ends[e - 1]) for s, e in bounds])
        for (s, e), candidate, mentions in zip(bounds, candidates, per_sentence):
            if candidate and (near_misses or any(m.kind == "trigger" for m in mentions)):
                s_start, s_end = idx[s], ends[e - 1]
                sent_text = text[s_start:s_end]
                mentions = [replace(m, kind="generic", value=m.text.split(None, 1)[1]) if _introduced_thing(m, text, offset + s_start, offset) else m
                            for m in mentions]
                mentions = [m for m in mentions if not _under_it(m, text, offset)]
                if previous is not None and earlier is not None and any(m.value == "pronoun" for m in mentions if m.kind == "cue") \
                        and self._descriptive_subject(lower, *previous):
                    mentions = _resolve_pronouns(mentions, earlier)
                else:
                    mentions = _resolve_pronouns(mentions, antecedent or _as_subject(mentions, carried, text, offset),
                                                 topic=_topic(named) if any(m.kind == "cue" and m.value == "pronoun" for m in mentions) else None)
                mentions += scan_values(sent_text, offset + s_start, doc_id, lang="en")
                out.append((Sentence(doc_id, offset + s_start, offset + s_end, sent_text, "en"),
                            sorted(mentions, key=lambda m: (m.start, -m.end))))
            entities = [m for m in mentions if m.kind == "entity"]
            named.update(m.value for m in entities)
            earlier, previous = antecedent or carried, (s, e)
            antecedent = entities[0] if entities else antecedent
        state["en_antecedent"] = antecedent
        return out

    def spacy_pass(self, text: str, *, near_misses: bool = False) -> "SpacyPass | None":
        """The spaCy part of `process`: tokens, sentences, the trigger and cue rules' matches in
        candidate sentences, and company spans. The benchmark times it alone: it is the
        floor of English extraction that the required spaCy Matcher sets."""
        doc = self.nlp.make_doc(text)
        if not len(doc):
            return None
        orth, lower, is_punct, is_title, idx, length = doc.to_array([ORTH, LOWER, IS_PUNCT, IS_TITLE, IDX, LENGTH]).T.tolist()
        ends = [i + n for i, n in zip(idx, length)]  # character end of each token
        bounds = sentence_bounds(orth, is_punct, self.sentence_ends)
        hits = self.triggers.hit_tokens(orth, lower)
        candidates = [_holds(hits, s, e) or near_misses and self.pattern_words.search(text, idx[s], ends[e - 1]) is not None
                      for s, e in bounds]
        rule_matches = self._rule_matches(doc, orth, lower, [b for b, c in zip(bounds, candidates) if c],
                                          all_cues=near_misses)
        companies = [(sp.start, sp.end) for sp in self._entity_spans(doc, orth, is_title)]
        return SpacyPass(idx, ends, lower, bounds, candidates, rule_matches, companies)

    def _descriptive_subject(self, lower: list[int], start: int, end: int) -> bool:
        """Does the sentence open with 'The <up to two words> <descriptor>' ("The chipmaker already
        has close ties to Lambda.")? Then it is about the company named before it, not Lambda.
        Looked up only in the sentence before a pronoun that may need it."""
        strings = self.nlp.vocab.strings
        if end - start < 3 or strings[lower[start]] != "the":
            return False
        return any(strings[w] in self.descriptors for w in lower[start + 1:min(end, start + 4)])

    def _rule_matches(self, doc, orth, lower, bounds: list[tuple[int, int]], *, all_cues: bool = False) -> list[tuple]:
        """(start, end, kind, value, rule id) of the trigger and cue matches inside the given
        sentences, in the Matcher's own order. Cues are looked for only in sentences where a
        trigger matched (in all of them with `all_cues`). A match across two sentences
        belongs to neither, so each sentence is matched alone."""
        matches = []
        for start, end in bounds:
            triggers = self.trigger_group(doc, orth, lower, start, end)
            if triggers or all_cues:
                matches += triggers + self.cue_group(doc, orth, lower, start, end)
        # The Matcher's own order for one span: the rules' order (the mentions are sorted by span later).
        matches.sort(key=lambda m: (m[1], m[2], self.rule_order[m[0]]))
        found = []
        for rid, s, e in matches:
            rule = self.trigger_rules.get(rid) or self.cue_rules[rid]
            kind, value = ("trigger", rule.event_type) if rid in self.trigger_rules else ("cue", rule.cue)
            if kind == "trigger" and rule.head:  # "participated in Nscale's round": Nscale is a side, not the trigger
                e = s + rule.head
            elif kind == "cue" and (rule.skip or rule.keep):  # "warrant to purchase": the warrant is a stake, only the purchase is blocked
                s, e = s + rule.skip, e - rule.keep
            found.append((s, e, kind, value, rid))
        return found

    def _entity_spans(self, doc, orth, is_title) -> list:
        """Known aliases and unknown companies with a legal suffix, in the whole paragraph."""
        spans = [doc[s:e] for _, s, e in self.aliases(doc)]
        for start, end in merged(self.unknown_org_windows(orth, is_title), len(doc)):
            spans += [doc[start + s:start + e] for _, s, e in self.unknown_org(doc[start:end])]
        return filter_spans(spans)

    def unknown_org_windows(self, orth, is_title) -> list[tuple[int, int]]:
        """Each legal suffix with the title-case words before it: where UNKNOWN_ORG can match."""
        windows = []
        for i, word in enumerate(orth):
            if word in self.suffix_hashes:
                j = i - 1 if i and orth[i - 1] == self.comma else i
                while j > 0 and is_title[j - 1]:
                    j -= 1
                windows.append((j, i + 1))
        return windows


def learned_mentions(text: str, offset: int, doc_id: str, learned) -> list[Mention]:
    """Mentions of the companies a document introduced with a legal suffix (see names.py)."""
    if not learned or learned[0] is None:
        return []
    pattern, names = learned
    return [Mention(doc_id, offset + m.start(), offset + m.end(), m.group(), "entity", names[m.group()], "entity.learned")
            for m in pattern.finditer(text)]


THE_TOPIC = ("the company", "the startup", "the firm", "the lab")


def _topic(named: Counter) -> str | None:
    """The company the document has named most often so far, if one leads clearly."""
    top = named.most_common(2)
    return top[0][0] if top and top[0][1] >= 3 and (len(top) == 1 or top[0][1] >= 2 * top[1][1]) else None


THE_BANK = ("该行", "該行", "该银行", "該銀行")
BANK = re.compile(r"(?:银行|銀行|Bank)(?:（[^）]*）)?$")


def _resolve_pronouns(mentions: list[Mention], antecedent: Mention | None, *, topic: str | None = None) -> list[Mention]:
    """'it' / 'the company': the sentence's first company before it, else the last sentence's subject;
    'the latter' / 后者: the company named last. 'The company' with no company before it in its sentence is
    the one the document is about (named most, `topic`), where one leads clearly."""
    out = []
    for m in mentions:
        if m.kind == "cue" and m.value == "pronoun":
            before = [e for e in mentions if (e.kind == "entity" or _the_filer(e)) and e.end <= m.start]
            if "-" in m.text and before and m.start - before[-1].end > 2:  # "NVIDIA invested in the Toronto-based
                before = before[:-1]  # startup": a description is not the company that acts on it; "Cohere, the ..." is
            if m.text in THE_BANK:  # '从江苏银行获悉，该行已…': the bank named last
                before = [e for e in before if BANK.search(e.text)][-1:]
            latter = m.text in ("后者", "後者", "the latter")
            target = (before[-1] if latter else before[0]) if before else antecedent
            if not before and topic and m.text.lower() in THE_TOPIC and not m.text.endswith("Company"):  # "the Company" is the filer
                target = replace(target or m, value=topic)
            if target is not None and _the_filer(target):  # 'The Company expects to pay for systems it has ordered'
                out.append(Mention(m.doc_id, m.start, m.end, m.text, "filer", "filer", m.rule_id))  # named in assemble
            elif target is not None:
                out.append(Mention(m.doc_id, m.start, m.end, m.text, "entity", target.value, m.rule_id))
            continue
        out.append(m)
    return out


THE_COMPANY = "en.cue.the_company"


def _the_filer(m: Mention) -> bool:
    """'the Company', 'the Registrant': the filer, for an 'it' after it in its sentence ('the Borrower' is a defined
    term that may name another company, see assemble)."""
    return m.rule_id == THE_COMPANY and m.kind == "cue" and m.text.endswith(("Company", "Registrant"))


UNDER = re.compile(r"\b(?:under|pursuant\s+to)\s+$", re.I)


def _under_it(m: Mention, text: str, offset: int) -> bool:
    """'Under it, NVIDIA is required to purchase ...': what a deal is under is the agreement, no company."""
    return m.kind == "cue" and m.value == "pronoun" and m.text.lower() == "it" \
        and UNDER.search(text, max(0, m.start - offset - 16), m.start - offset) is not None


def _introduced_thing(m: Mention, text: str, sentence_start: int, offset: int) -> bool:
    """'NVIDIA funds a GPU cloud, the cloud buys NVIDIA chips': a 'the <noun>' pronoun whose noun the sentence
    brought in with 'a'/'an' just before is that new thing, no company named before it: a generic side."""
    if m.kind != "cue" or m.value != "pronoun" or not m.text.lower().startswith("the "):
        return False
    noun = re.escape(m.text.split()[-1].lower().removesuffix("'s"))
    before = text[sentence_start - offset:m.start - offset]
    return re.search(rf"\b(?:a|an)\s+(?:(?!(?:of|for|to|in|the|and|with)\s)[\w-]+\s+){{0,3}}{noun}\b", before, re.I) is not None


SUBJECT_NEXT = re.compile(r"\s+[a-z]")


def _as_subject(mentions: list[Mention], carried: Mention | None, text: str, offset: int) -> Mention | None:
    """A paragraph that goes on about the company the one before named last ('... Microsoft has changed its
    lives twice.' / 'The first step came in 2021, when it extended ...'): its pronoun is that company where
    the pronoun is a subject, a word following it ('it extended'), not an object ('to deliver it,')."""
    pronouns = [m for m in mentions if m.kind == "cue" and m.value == "pronoun"]
    if carried is None or not pronouns:
        return None
    return carried if all(SUBJECT_NEXT.match(text, p.end - offset) for p in pronouns) else None


def sentence_bounds(orth: list[int], is_punct: list[int], ends: set[int]) -> list[tuple[int, int]]:
    """Token ranges of the sentences, exactly as spaCy's Sentencizer splits them: a sentence
    ends after a run of sentence-final marks (".", "?", "!" ...) once a word follows. Run on the
    Doc's integer columns, it costs a fraction of the pipe's pass over Token objects."""
    starts, seen_end = [0], False
    for i, (word, punct) in enumerate(zip(orth, is_punct)):
        is_end = word in ends
        if seen_end and not punct and not is_end:
            starts.append(i)
            seen_end = False
        elif is_end:
            seen_end = True
    return list(zip(starts, starts[1:] + [len(orth)]))


def _holds(hits: list[int], start: int, end: int) -> bool:
    """Is one of the sorted token indices `hits` within start..end?"""
    i = bisect_left(hits, start)
    return i < len(hits) and hits[i] < end


def _by_sentence(mentions: list[Mention], bounds: list[tuple[int, int]]) -> list[list[Mention]]:
    """The mentions lying wholly inside each sentence (character bounds), in their given order."""
    out = [[] for _ in bounds]
    starts = [s for s, _ in bounds]
    for m in mentions:
        i = bisect_right(starts, m.start) - 1
        if i >= 0 and m.end <= bounds[i][1]:
            out[i].append(m)
    return out
