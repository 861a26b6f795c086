"""Clause spans of a sentence: roles never cross a clause break."""
from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby

from .context import Context, company_groups, longest_first, trigger_rules
from .records import Mention


def clause_spans(ctx: Context, parties: list[Mention], acts: list[Mention] = ()) -> list[tuple[int, int]]:
    """Clause spans (document offsets): roles never cross a clause break.

    Chinese also breaks at commas and 、, except inside a list of companies. English
    breaks at a comma followed by a company that acts ("..., Fluidstack lined up ..."):
    `acts` are the triggers and give/receive cues.
    """
    text, base = ctx.sentence.text, ctx.sentence.start
    lists = [(g[0].start - base, g[-1].end - base) for g in company_groups(parties, ctx) if len(g) > 1]
    cuts = [m.start() for m in _clause_breaks(tuple(ctx.words.clause_breaks), ctx.sentence.lang).finditer(text)]
    if ctx.words.clause_break_regex:  # "... as Claude maker commits $30 billion": re caches the pattern
        cuts = sorted(cuts + [m.start() for m in re.finditer(ctx.words.clause_break_regex, text)])
    if lists:  # the commas of a list of companies break no clause
        cuts = [c for c in cuts if not any(a <= c < b for a, b in lists)]
    labels = [a for a in acts if a.kind == "trigger" and trigger_rules(ctx.rules, ctx.sentence.lang)[a.rule_id].label]
    if labels:  # '交易相對人：' ends in a break that is its own
        cuts = [c for c in cuts if not any(a.start - base < c < a.end - base for a in labels)]
    if ctx.words.clause_joiners:
        cuts = _joined(text, cuts, ctx.words.clause_joiners, [a.start - base for a in acts], {p.start - base for p in parties},
                       ctx.words.amount_clause)
    if ctx.sentence.lang == "zh" and "、" in text:
        cuts = _modifiers_listed(text, cuts, [a.start - base for a in acts if a.kind == "trigger"],
                                 [p.start - base for p in parties])
    if ctx.sentence.lang == "en":
        cuts += [p.start - base - len(gap) for p, gap in _new_subjects(ctx, parties, acts)
                 if not any(a <= p.start - base < b and not _second_actor(a + base, acts) for a, b in lists)]
        cuts.sort()
    bounds = [0, *cuts, len(text)]
    return [(base + a, base + b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _joined(text: str, cuts: list[int], joiners: tuple, acts: list[int], names: set[int],
            amount_clause: str | None = None) -> list[int]:
    """A comma followed by a joiner and a company ('籌組380億美元貸款，支持Vantage…', '…贷款，由摩根士丹利牵头')
    breaks no clause: the purpose or the arranger goes on with the deal; nor does a clause that only states
    its amount ('，规模26亿美元'); unless the clause after it holds a deal of its own ('，用于支持xAI采购GPU')."""
    ends = [*cuts[1:], len(text)]
    joined = {c for c in cuts for j in joiners if text.startswith(j, c + 1) and c + 1 + len(j) in names}
    if amount_clause:
        joined |= {c for c, end in zip(cuts, ends) if (m := re.match(amount_clause, text[c:end]))
                   and AMOUNT_NEXT.match(text, c + m.end(), end) and not any(c < n < end for n in names)}
    return [c for c, end in zip(cuts, ends) if c not in joined or any(c < a < end for a in acts)]


def _modifiers_listed(text: str, cuts: list[int], triggers: list[int], names: list[int]) -> list[int]:
    """'从建设银行获得了一笔12亿元、期限七年的项目贷款': a 、 between the modifiers of one deal word (no company after it,
    the deal word after it, none before it) parts no clause."""
    bounds = [0, *cuts, len(text)]
    return [c for prev, c, nxt in zip(bounds, bounds[1:], bounds[2:]) if not (
        text[c] == "、" and not any(c < n < nxt for n in names) and any(c < t < nxt for t in triggers)
        and not any(prev <= t < c for t in triggers))]


AMOUNT_NEXT = re.compile(r"[^\d，,。；;]{0,4}\d")  # the amount's figure, after a currency word at most


@lru_cache(maxsize=8)
def _clause_breaks(words: tuple, lang: str) -> re.Pattern:
    # Latin words as whole words; a run of them shares one \b(?:...)\b group: the same alternatives in
    # the same order (\b is zero-width), but re checks \b once per position, not once per word: ~3x faster.
    parts = []
    for whole, run in groupby(longest_first(words), key=lambda w: w[0].isalpha() and w.isascii()):
        escaped = [re.escape(w) for w in run]
        parts += [rf"\b(?:{'|'.join(escaped)})\b"] if whole else escaped
    alternation = "|".join(parts)
    if lang == "zh":  # a thousands comma ('人民币3,000万元') parts no clause
        alternation += "|[，、]|(?<!\\d),|,(?!\\d{3}(?!\\d))"
    return re.compile(alternation, re.I)


NEW_SUBJECT_GAP = re.compile(r",\s*(?:and\s+|then\s+|while\s+)?$")


ASIDE = re.compile(r"^,[^,;]{1,60},")  # "NVIDIA, in a separate agreement with Anthropic, agreed"


def _new_subjects(ctx: Context, parties, acts):
    """Companies right after a comma that act within a few words (an aside between commas
    aside): they start a clause."""
    for p in parties:
        before = ctx.between(ctx.sentence.start, p.start)
        gap = NEW_SUBJECT_GAP.search(before)
        aside = ASIDE.match(ctx.between(p.end, ctx.sentence.end))
        end = p.end + (aside.end() if aside else 0)
        if gap and any(0 <= a.start - p.end <= 25 or 0 <= a.start - end <= 25 for a in acts):
            yield p, gap.group()


def _second_actor(list_start: int, acts) -> bool:
    """'invest $5 billion in Anthropic, and NVIDIA ... agreed to invest', 'obtained a facility from
    Brookfield, Fluidstack lined up loans from Macquarie': after an act, ', X' or ', and X' that acts
    again is a new subject, not the end of the list before it."""
    return any(a.end <= list_start for a in acts)


def clause_of(pos: int, clauses) -> tuple[int, int]:
    return next((c for c in clauses if c[0] <= pos < c[1]), clauses[-1])
