"""The sentence being assembled, and the word lookups every assembly step uses."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .records import DocMeta, Mention, Sentence
from .rules import RoleWords, RuleSet, TriggerRule


OTHER = {"party": "counterparty", "counterparty": "party"}


@dataclass(frozen=True)
class Context:
    """What assembly needs besides the mentions."""

    sentence: Sentence
    rules: RuleSet
    meta: DocMeta
    cue_kinds: frozenset = frozenset()  # the kinds of cue anywhere in the sentence ("total", "no_change" ...)

    @property
    def words(self) -> RoleWords:
        return self.rules.roles[self.sentence.lang]

    def rel(self, pos: int) -> int:
        return pos - self.sentence.start

    def between(self, a: int, b: int) -> str:
        return self.sentence.text[self.rel(a):self.rel(b)]


_BY_RULE: dict[tuple[int, str], tuple[RuleSet, dict]] = {}


def trigger_rules(rules: RuleSet, lang: str) -> dict[str, TriggerRule]:
    """A language's trigger rules by id, built once per rule set (a RuleSet holds dicts: it cannot be hashed)."""
    hit = _BY_RULE.get((id(rules), lang))
    if hit is None or hit[0] is not rules:  # kept with its rule set, so the id is not another's
        if len(_BY_RULE) >= 8:
            _BY_RULE.clear()
        found = {r.id: r for r in rules.triggers_for(lang)}
        found.update({r.credit_id: replace(r, id=r.credit_id, event_type="credit")  # its events that turn out credit
                      for r in rules.triggers_for(lang) if r.credit_id})
        hit = _BY_RULE[(id(rules), lang)] = (rules, found)
    return hit[1]


WORD_WINDOW = 80  # characters: enough for "a group of banks led by", never the whole sentence again
ARTICLES_AT_END = re.compile(r"(?:\b(?:a|an|the|its|their|fellow|rival|chipmaker|cloud provider|startup)\s*)+$", re.I)


ZH_DESCRIPTOR_AT_END = re.compile(r"([向为為给給对對从從与與跟同由])[^\s向为為给給对對从從与與跟同由和及、，,的]{0,10}?"
                                  r"(?:商|矿企|礦企|业者|業者|初创公司|初創公司|初创企业|初創企業|子公司|附属公司|附屬公司|孙公司|孫公司)$")
# '为符合条件的AI初创公司提供…', '向入選的初創公司發放…': a short modifier with 的 describes the name, the word before marks it
ZH_MODIFIER_AT_END = re.compile(r"([向为為给給对對与與从從跟同])[\u4e00-\u9fff]{1,10}的$")


@lru_cache(maxsize=64)
def longest_first(words: tuple) -> tuple:
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=64)
def _role_words(words: tuple) -> tuple:
    """(word, lower-cased, whether it is a Latin word), longest first: lowered once, not per look-up."""
    return tuple((w, w.lower(), w.isascii() and w[0].isalpha()) for w in longest_first(words))


def word_before(ctx: Context, pos: int, vocabulary) -> str | None:
    """The role word right before `pos`, if any (longest first)."""
    before = ctx.between(max(ctx.sentence.start, pos - WORD_WINDOW), pos).rstrip()  # the words just before
    before = ARTICLES_AT_END.sub("", before).rstrip()
    if ctx.sentence.lang == "zh":  # '向燃料電池商Bloom Energy': the trade noun describes the name, 向 marks it
        before = ZH_MODIFIER_AT_END.sub(r"\1", ZH_DESCRIPTOR_AT_END.sub(r"\1", before))
    lowered = before.lower()
    for word, low, latin in _role_words(tuple(vocabulary)):
        if lowered.endswith(low):
            if latin and re.search(r"[A-Za-z]$", before[: -len(word)] or " "):
                continue  # "editor" does not end with the word "to"
            return word
    return None


def cue_in(cues, kind: str, start: int, end: int) -> bool:
    return any(c.value == kind and c.start < end and start < c.end for c in cues)


# 'Blue Owl holds 80% of the joint venture, Meta 20%', '... of the joint venture and Meta kept the other 20%': a company
# with its own share or holding verb after it holds on its own, it is listed with no one
SHARE_AFTER = re.compile(r"\s+(?:\d[\d.]*\s*%|(?:kept|keeps|holds|owns|retained|retains)\b)")


def company_groups(parties: list[Mention], ctx: Context) -> list[list[Mention]]:
    """Consecutive companies joined only by list words ("Microsoft and OpenAI", 英伟达、AMD)."""
    groups: list[list[Mention]] = []
    coordinators = longest_first(tuple(ctx.words.coordinators))
    for p in parties:
        if groups and _only_list_words(ctx.between(groups[-1][-1].end, p.start), coordinators) \
                and not SHARE_AFTER.match(ctx.between(p.end, p.end + 12)):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


LEGAL_SUFFIX_WORD = re.compile(r"\b(?:Inc|Corp|Co|Ltd|LLC|PLC|plc|AG|SE|GmbH|Limited|Corporation|Incorporated|N\.V|S\.A)\b\.?")


def _only_list_words(gap: str, coordinators) -> bool:
    if not gap.strip():
        return False
    gap = LEGAL_SUFFIX_WORD.sub(" ", gap)  # "SK Hynix Inc., Micron Technology, Inc., and Samsung": the alias stops before Inc.
    gap = re.sub(r"\([^()]*\)|（[^（）]*）|(?:\b(?:up to|as much as|about|approximately|roughly|around|nearly|another|a further)\s+)?[$€£¥]?\s?[\d.,]+\s*(?:billion|million|trillion|bn|亿|億|万亿|萬億|美元)*", " ", gap)
    for word in coordinators:
        gap = gap.replace(word, " ")
    return not gap.strip(" ,，、'’s*_")  # "**NVIDIA**, **Andreessen Horowitz**": Markdown emphasis joins no less
