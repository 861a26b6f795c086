"""The stage order, written once: document -> paragraphs -> sentences and mentions -> events.

Everything here is pure: a Document in, Events out. Reading and writing live
in `read.py` and `ledger.py`; the batch in `batch.py`.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cached_property

from .amounts import find_amounts
from .assemble import assemble
from .language import detect_lang, detect_region
from .match_en import EnglishMatcher
from .match_zh import ChineseMatcher
from .merge import merge_in_document, with_ids
from .language import HAN
from .names import (learn_descriptors, learn_org_names, learn_party_names, learn_zh_org_names, learn_zh_short_names,
                    learn_zh_slot_names, names_pattern, recased_capital_lines)
from .records import Document, Event, Mention, Sentence
from .roles import POINTING, pointed_sides, table_sides
from .rules import RuleSet, default_rules
from .sections import section_at
from .told_before import ISSUES

FALLBACK_CURRENCY = "USD"  # our documents are about US-listed companies; LEDGER.md: the document's default


class Extractor:
    """Holds the loaded rules and matchers; `extract(doc)` is the whole pipeline for one document."""

    def __init__(self, rules: RuleSet | None = None):
        self.rules = rules or default_rules()

    @cached_property
    def known_names(self) -> set[str]:
        return set(self.rules.entities.en) | set(self.rules.entities.zh)

    @cached_property
    def caps_aliases(self) -> tuple[re.Pattern, dict[str, str]]:
        """English aliases matched case-insensitively, and upper-cased alias -> its spelling ('META' -> 'Meta')."""
        aliases = self.rules.entities.aliases("en")
        cased = {}
        for alias in aliases:
            if not alias.isupper() or alias.upper() not in cased:
                cased[alias.upper()] = alias
        words = "|".join(re.escape(a) for a in aliases)
        return re.compile(rf"(?<![\w&'-])(?:{words})(?![\w&'-])", re.IGNORECASE), cased

    @cached_property
    def dropped_subject(self) -> re.Pattern | None:
        pattern = self.rules.roles["en"].dropped_subject
        return re.compile(pattern) if pattern else None

    @cached_property
    def round_anaphor(self) -> re.Pattern | None:
        pattern = self.rules.roles["en"].round_anaphor
        return re.compile(pattern) if pattern else None

    @cached_property
    def raising(self) -> frozenset[str]:
        """English investment triggers whose subject receives the money ('raised', 'a Series D round')."""
        return frozenset(r.id for r in self.rules.triggers_for("en")
                         if r.event_type == "investment" and r.agent == "counterparty")

    @cached_property
    def issuing(self) -> frozenset[str]:
        """English notes triggers: the company right before an issue verb raises ('priced $1.1 billion of notes')."""
        return frozenset(r.id for r in self.rules.triggers_for("en") if r.event_type == "credit" and r.issued is True)

    @cached_property
    def en(self) -> EnglishMatcher:
        return EnglishMatcher(self.rules)

    @cached_property
    def zh(self) -> ChineseMatcher:
        return ChineseMatcher(self.rules)

    @cached_property
    def zh_stop(self) -> frozenset:
        """Words no Chinese name in a slot runs over: the boundary words and the first words of rules (增资, 提供 ...)."""
        return frozenset(self.rules.roles["zh"].name_boundaries) | frozenset(self.zh.first_word)

    def matched_sentences(self, doc: Document, *, region: str | None = None,
                          near_misses: bool = False) -> list[tuple[Sentence, list[Mention]]]:
        """Sentences that may hold an event, with their mentions (paragraph language decides the matcher).
        `near_misses` (for `explain`): also English sentences that hold a word of a trigger pattern."""
        region = region or doc.meta.region or detect_region(doc.text)
        names = learn_org_names(doc.text, self.known_names)
        en = self.rules.roles["en"]
        for surface, name in learn_party_names(doc.text, self.known_names, before=en.party_name_before,
                                               verbs=en.party_name_verbs, stop=en.not_name_words,
                                               leader=en.round_leader).items():
            names.setdefault(surface, name)
        names.update(learn_descriptors(doc.text, names))
        zh = self.rules.roles["zh"]
        if zh.org_suffixes and HAN.search(doc.text):
            learned_zh = learn_zh_org_names(doc.text, self.known_names, suffixes=zh.org_suffixes,
                                            boundaries=zh.name_boundaries, short_name=zh.short_name,
                                            tokenize=self.zh.tokens, place=zh.place_prefix,
                                            bare=frozenset(zh.trade_words) | frozenset(zh.bare_cores))
            # a known company's legal name was learned as its alias ('北京字节跳动…' as 字节跳动): the ledger's name for it
            names.update({s: self.rules.entities.canonical(n, region=region) if n in self.known_names else n
                          for s, n in learned_zh.items()})
            for surface, name in learn_zh_slot_names(doc.text, self.known_names, slots=zh.name_slots, stop=self.zh_stop,
                                                     not_names=zh.not_name_words, tokenize=self.zh.tokens).items():
                if not any(n.startswith(surface) for n in names):  # '子公司瀚云智算（宁夏）有限公司' is learned in full
                    names[surface] = name
            for surface, name in learn_zh_short_names(doc.text, names, self.known_names, trade_words=zh.trade_words,
                                                      filer=doc.meta.filer).items():
                names.setdefault(surface, name)
        filer = doc.meta.filer
        if filer and len(filer) >= 2:  # '华擎智算科技股份有限公司' written out in full is the filer 华擎智算
            names.update({surface: filer for surface, name in names.items() if name != filer and name.startswith(filer)})
        learned = (names_pattern(names), names)
        subject = None if doc.meta.filer else self._subject_of(doc.text, names, region)
        found, state = [], {}
        for offset, paragraph in _paragraphs(doc.text):
            if detect_lang(paragraph) == "zh":
                found += self.zh.process(paragraph, offset, doc.doc_id, region=region, learned=learned,
                                         filer=doc.meta.filer, subject=subject, state=state)
            elif self.en.is_candidate(paragraph, near_misses=near_misses):
                found += self.en.process(paragraph, offset, doc.doc_id, learned=learned, near_misses=near_misses,
                                         state=state)
            else:
                state.pop("en_antecedent", None)  # only the paragraph right before may name it
        return found

    def _subject_of(self, text: str, names: dict, region: str) -> str | None:
        """The company a Chinese report is about, named with its stock code in the title (roles.yaml subject_title)."""
        pattern = self.rules.roles["zh"].subject_title
        m = re.match(pattern, text) if pattern else None
        if m is None:
            return None
        name = next(v for k, v in m.groupdict().items() if k.startswith("name") and v).strip()
        return names.get(name) or self.rules.entities.canonical(name, region=region)

    def extract(self, doc: Document) -> list[Event]:
        """Every event of one document, merged, with ids."""
        meta = replace(doc.meta, region=doc.meta.region or detect_region(doc.text))
        if meta.filer:  # a filing names itself "NVIDIA CORP" on its cover: the ledger says NVIDIA
            meta = replace(meta, filer=self.rules.entities.canonical(meta.filer, region=meta.region))
            doc = replace(doc, meta=meta)
        original = doc.text
        recased = recased_capital_lines(original, *self.caps_aliases)
        matched = self.matched_sentences(replace(doc, text=recased) if recased is not original else doc,
                                         region=meta.region)
        currency = doc.meta.currency or document_currency(m for _, ms in matched for m in ms)
        events, carried, deal = [], None, None
        for sentence, mentions in matched:
            mentions = [_with_currency(m, currency) for m in mentions]
            mentions += _round_topic(doc.text, sentence, carried, self.round_anaphor)
            mentions += _pointed_deal(doc.text, sentence, deal, mentions)
            if meta.filer and sentence.lang == "en" and self.dropped_subject and self.dropped_subject.match(sentence.text):
                # '- Closed a $2.25 billion term loan': the filer's own news, its subject left out (a cue at the start)
                mentions.insert(0, Mention(sentence.doc_id, sentence.start, sentence.start, "", "cue", "filer",
                                           "en.cue.dropped_subject"))
            found = assemble(sentence, mentions, rules=self.rules, meta=meta)
            header = _table_header(doc.text, sentence)
            if header is not None:
                columns = self.rules.roles[sentence.lang].table_columns
                found = [table_sides(e, header, sentence, mentions, columns) for e in found]
            words = self.rules.roles[sentence.lang]
            if words.label_amounts:
                found = [_label_block(doc.text, e, words.label_amounts[e.rule_id], words.label_sold, currency)
                         if e.rule_id in words.label_amounts else e for e in found]
            events += found
            carried = _invested_in(sentence, found) or _raised_by(sentence, mentions, self.raising, self.issuing)
            deal = next(((sentence, e) for e in reversed(found) if e.counterparty), None)
        if recased is not original:  # the ledger quotes the headline as written
            events = [_as_written(e, recased, original) for e in events]
        source = doc.meta.source_url or doc.source
        events = [replace(e, source=source, section=section_at(doc.sections, e.char_start)) for e in events]
        return [with_ids(e) for e in merge_in_document(events)]


def _invested_in(sentence: Sentence, events: list[Event]) -> tuple[Sentence, str] | None:
    """The company an English sentence's (last) investment went into, for the sentence after it."""
    into = [e.counterparty for e in events if e.event_type == "investment" and e.counterparty]
    return (sentence, into[-1]) if sentence.lang == "en" and into else None


def _raised_by(sentence: Sentence, mentions, raising: frozenset[str], issuing=frozenset()) -> tuple[Sentence, str] | None:
    """'Lambda raised $480 million. NVIDIA led the round.': a sentence that raises money without naming
    an investor still says whose round the next sentence's 'the round' is: the company before the raise,
    unless it owns a word ("ASML's money forms the bulk of a Series C round": not ASML's round)."""
    first = next((m for m in mentions if m.kind == "trigger" and (m.rule_id in raising or m.rule_id in issuing)), None)
    if sentence.lang != "en" or first is None:
        return None
    raiser = next((m for m in mentions if m.kind == "entity" and m.end <= first.start), None)
    if raiser is not None and first.rule_id in issuing and not ISSUES.match(sentence.text[raiser.end - sentence.start:]):
        return None  # notes: only the company right before its issue verb ('Stratus Edge priced $1.1 billion of notes')
    owner = raiser is not None and sentence.text.startswith(("'s", "’s"), raiser.end - sentence.start)
    return (sentence, raiser.value) if raiser is not None and not owner else None


def _label_block(text: str, event: Event, label: str, sold: str | None, currency: str | None) -> Event:
    """'2.交易相對人：中華電信…' in an announcement: the amount is on its own line of the same block
    ('4.交易總金額：新台幣8.6億元'), the block ending at a blank line; in a block about a disposal (處分)
    the label's company is the buyer (roles.yaml label_amounts, label_sold)."""
    start = text.rfind("\n\n", 0, event.char_start) + 1
    end = text.find("\n\n", event.char_end)
    block = text[start:end if end >= 0 else len(text)]
    head = block.lstrip().split("\n")[0]
    if head[:1].isdigit():  # the block is the items only: the announcement's title says what it is
        head = text.lstrip().split("\n")[0]
    if sold and event.event_type == "purchase_agreement" and re.search(sold, head):
        event = replace(event, party=event.counterparty, counterparty=event.party,
                        party_text=event.counterparty_text, counterparty_text=event.party_text)
    m = re.search(label, block) if event.amount is None else None
    found = find_amounts(block[m.end():m.end() + 40].split("\n")[0], lang="zh", default_currency=currency) if m else None
    if not found:
        return event
    value = found[0][2]
    return replace(event, amount=value.value, amount_low=value.low, amount_high=value.high,
                   currency=value.currency or currency, amount_text=value.text, per_period=value.per_period)


def _table_header(text: str, sentence: Sentence) -> str | None:
    """The first line of the pipe table whose row the sentence is (its header), or None outside a table."""
    if "|" not in sentence.text or "\n" in sentence.text:
        return None
    header, end = None, text.rfind("\n", 0, sentence.start)
    while end > 0:
        start = text.rfind("\n", 0, end) + 1
        if "|" not in text[start:end]:
            break
        header, end = text[start:end], start - 1
    return header


def _pointed_deal(text: str, sentence: Sentence, deal, mentions) -> list[Mention]:
    """'…Cipher Mining宣布与Fluidstack签署托管协议。谷歌同样为其中约14亿美元的租赁义务提供担保': a
    Chinese sentence that points back (a `points_back` or `restates` cue: 其中, 该笔, 上述 ...) right after a deal gets
    that deal's sides as zero-width `pointed_party` / `pointed_counterparty` mentions (used in assemble)."""
    if deal is None or sentence.lang != "zh" or text[deal[0].end:sentence.start].strip():
        return []
    if not any(m.kind == "cue" and m.value in POINTING for m in mentions):
        return []
    return pointed_sides(deal[1], sentence.start)


def _round_topic(text: str, sentence: Sentence, carried, anaphor: re.Pattern | None) -> list[Mention]:
    """'Nscale raised $1.1 billion ... NVIDIA also participated in the round': an English sentence
    right after an investment that names its round only as 'the round' / 'the IPO' gets that
    company as a zero-width topic (the other side when it names none; see assemble)."""
    if carried is None or sentence.lang != "en" or text[carried[0].end:sentence.start].strip():
        return []
    if anaphor is None or not anaphor.search(sentence.text):
        return []
    return [Mention(sentence.doc_id, sentence.start, sentence.start, "", "topic", carried[1], "en.topic.round")]


def _as_written(e: Event, recased: str, original: str) -> Event:
    at = recased.find(e.sentence) if e.sentence else -1
    if at < 0 or recased[at:at + len(e.sentence)] == original[at:at + len(e.sentence)]:
        return e
    return replace(e, sentence=original[at:at + len(e.sentence)])


def _paragraphs(text: str):
    from .sentences import paragraphs

    return paragraphs(text)


def document_currency(mentions) -> str:
    """The currency the document's amounts state most often (for bare 亿 amounts)."""
    counts = Counter(m.value.currency for m in mentions if m.kind == "amount" and m.value.currency)
    return counts.most_common(1)[0][0] if counts else FALLBACK_CURRENCY


def _with_currency(m: Mention, currency: str) -> Mention:
    if m.kind == "amount" and m.value.currency is None:
        return replace(m, value=replace(m.value, currency=currency))
    return m
