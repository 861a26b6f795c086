"""One row per deal a sentence states: summaries beside specific events, two readings of one deal."""
from __future__ import annotations

from dataclasses import replace

from .records import Event


def drop_summaries(events: list[Event]) -> list[Event]:
    """A counterparty-less event beside specific ones of the same party and type is their total."""
    specific = {(e.event_type, e.party) for e in events if e.counterparty}
    return [e for e in events if e.counterparty or e.event_type == "depreciation_change"
            or (e.event_type, e.party) not in specific]


def dedupe(events: list[Event], by_rule: dict) -> list[Event]:
    """Two triggers of one deal in a sentence ("签 ... 服务协议"): keep the first, fill its gaps."""
    kept: list[Event] = []
    for e in events:
        back = next((i for i, k in enumerate(kept) if (k.event_type, k.party, k.counterparty) == (e.event_type, e.counterparty, e.party)), None)
        if back is not None:  # a sentence does not state one deal both ways: the later reading is the wrong one,
            if _verb_says_who_buys(e, kept[back], by_rule):
                kept[back] = _amount_kept(e, kept[back])
            continue
        if any(_two_readings(k, e) for k in kept):
            continue
        same = next((i for i, k in enumerate(kept) if (k.event_type, k.party, k.counterparty, k.life_new_years)
                     == (e.event_type, e.party, e.counterparty, e.life_new_years) and not _amounts_differ(k, e)
                     and not (k.life_old_years and e.life_old_years and k.life_old_years != e.life_old_years)), None)
        if same is None:
            kept.append(e)
        elif kept[same].amount_text is None and e.amount_text is not None:
            kept[same] = e
    return kept


def _verb_says_who_buys(e: Event, symmetric: Event, by_rule: dict) -> bool:
    """'与X签订单，承诺买下X的算力', 'an agreement with Microsoft, under which Microsoft will pay us': a verb
    says who buys where a deal word read the other way only guessed; in English only a strong verb does
    ('an agreement with Microsoft to deploy ...' says nothing of who pays)."""
    return by_rule[symmetric.rule_id].symmetric and not by_rule[e.rule_id].symmetric \
        and (e.language == "zh" or not by_rule[e.rule_id].weak)


AMOUNT_SLOTS = ("amount", "amount_low", "amount_high", "currency", "amount_text", "per_period")


def _amount_kept(e: Event, other: Event) -> Event:
    """`e`, with the amount of `other` (another reading of the same deal) if it states none."""
    return e if e.amount_text else replace(e, **{s: getattr(other, s) for s in AMOUNT_SLOTS})


def _two_readings(a: Event, b: Event) -> bool:
    """'we invested $4.0 billion in convertible notes issued by Anthropic': one deal read as an investment and
    as a credit (same sides, same amount): the investment is kept, the credit is the other reading."""
    return ({a.event_type, b.event_type} == {"investment", "credit"} and a.event_type == "investment"
            and (a.party, a.counterparty) == (b.party, b.counterparty) and a.amount_text is not None
            and a.amount_text == b.amount_text)


def _amounts_differ(a: Event, b: Event) -> bool:
    va, vb = a.amount or a.amount_high or a.amount_low, b.amount or b.amount_high or b.amount_low
    return bool(va and vb and abs(va - vb) > max(va, vb) / 200)
