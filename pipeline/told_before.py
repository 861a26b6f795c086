"""A trigger that goes on from a deal its sentence told before it.

'合同金额约12.6亿元' after a contract names that contract's amount; '其中A出资3亿元' a party's share of a joint
deal; 'Meta kept the other 20%' a holding in the company of the one before; 'Pimco bought $18 billion of them'
the paper of the company that issued it; 'NVIDIA also participated in the round' the round told before; 'then
followed with a $7.1 billion loan' one more tranche. `assemble` asks these where a trigger finds no sides of its own.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .clauses import clause_of
from .context import Context
from .records import Event, Mention
from .slots import amount_for


def overlaps_any(m: Mention, others: list[Mention]) -> bool:
    return any(o.start < m.end and m.start < o.end for o in others)


def told_deal(trigger, rule, told, events, parties) -> Event | None:
    """'…与字节跳动签订算力服务合同，合同金额约12.6亿元': a deal word before 金额 (a `told_amount` cue) names the amount
    of the deal of its type told just before, with no company but its sides named between: no second deal."""
    if not overlaps_any(trigger, told):
        return None
    deal = next((e for e in reversed(events) if e.event_type == rule.event_type and e.char_start < trigger.start), None)
    if deal is None or any(p.value not in (deal.party, deal.counterparty) for p in parties
                           if deal.char_start <= p.start < trigger.start):
        return None
    return deal


def joint_share(trigger, rule, events, parties, mentions, clauses, ctx: Context) -> list[Event] | None:
    """'A拟与B共同对C增资5亿元，其中A以货币出资3亿元，B出资2亿元': after a deal its parties make together, a clause past
    其中 that names one of them with an amount of its own tells that party's share: its event takes the share (the
    whole, on each party, would count the shares twice). The events with the share in place, or None."""
    clause = clause_of(trigger.start, clauses)
    own = next((p for p in parties if clause[0] <= p.start < trigger.start and p.kind in ("entity", "filer")), None)
    amount = next((m for m in mentions if m.kind == "amount" and clause[0] <= m.start < clause[1]), None)
    if own is None or amount is None:
        return None
    joint = [e for e in events if e.event_type == rule.event_type and e.amount_text and e.char_end <= clause[0]
             and "其中" in ctx.between(e.char_end, trigger.start)]
    whole = next((e for e in joint if e.party == own.value and e.amount_text != amount.text and any(
        o.party != e.party and (o.event_type, o.counterparty) == (e.event_type, e.counterparty) for o in events)), None)
    if whole is None:
        return None
    value = amount.value
    share = replace(whole, rule_id=rule.id, char_start=min(own.start, trigger.start), char_end=max(trigger.end, amount.end),
                    party_text=own.text or whole.party_text, amount=value.value, amount_low=value.low,
                    amount_high=value.high, currency=value.currency, amount_text=amount.text, per_period=value.per_period)
    return [share if e is whole else e for e in events]


def co_holding(events: list[Event], trigger: Mention) -> list[Mention]:
    """'Blue Owl funds own 80% of the joint venture, and Meta kept the other 20%': a holding with no company after it
    is in the company of the holding told before it in the sentence (a zero-width topic, see roles)."""
    held = next((e for e in reversed(events) if e.rule_id == trigger.rule_id and e.counterparty), None)
    return [] if held is None else [Mention(trigger.doc_id, trigger.start, trigger.start, "", "topic", held.counterparty, trigger.rule_id)]


ISSUES = re.compile(r"^\s+(?:(?:has|had|also|then|first)\s+)?(?:issued|sold|priced|placed|offered)\b", re.I)


def issuer_before(parties, trigger: Mention, ctx: Context) -> list[Mention]:
    """'Beignet Investor LLC issued $27.3 billion of bonds, and Pimco bought roughly $18 billion of them': the company
    before the sentence's issue verb is the issuer whose paper the buyer takes, as a zero-width topic (see roles)."""
    issuer = next((p for p in parties if p.end <= trigger.start and p.kind == "entity"
                   and ISSUES.match(ctx.between(p.end, trigger.start))), None)
    return [] if issuer is None else [Mention(trigger.doc_id, trigger.start, trigger.start, "", "topic", issuer.value,
                                              "en.topic.issuer")]


def names_the_round(trigger: Mention, clauses, ctx: Context) -> bool:
    """'... in a round led by Coatue; NVIDIA also participated in the round': the clause names its deal only as
    'the round' (roles.yaml round_anaphor, as for the sentence after a deal; extract._round_topic)."""
    anaphor = ctx.words.round_anaphor
    return bool(anaphor) and re.search(anaphor, ctx.between(trigger.start, clause_of(trigger.start, clauses)[1])) is not None


def round_before(events: list[Event], trigger: Mention) -> list[Mention]:
    """The company of the sentence's last investment told before the trigger, as a zero-width topic (see roles)."""
    held = next((e for e in reversed(events) if e.event_type == "investment" and e.counterparty
                 and e.char_start < trigger.start), None)
    return [] if held is None else [Mention(trigger.doc_id, trigger.start, trigger.start, "", "topic", held.counterparty,
                                            "en.topic.round")]


FURTHER = re.compile(r"^(?:,|\s)*(?:and\s+)?(?:then\s+|later\s+)?(?:put\s+in|followed|came\s+back|returned|added)\b", re.I)


def further_tranche(trigger, rule, events: list[Event], mentions, clauses, ctx: Context) -> list[Event]:
    """'JPMorgan lent Crusoe $2.3 billion in 2024, then followed with a $7.1 billion loan', 'and put in a further
    $1 billion': a clause with no side of its own that goes on from the deal before it (roles.yaml clause_break_regex
    cuts it there) is one more tranche of that deal, with the clause's own amount."""
    clause = clause_of(trigger.start, clauses)
    if not FURTHER.match(ctx.between(*clause)):
        return []
    deal = next((e for e in reversed(events) if e.event_type == rule.event_type and e.counterparty and e.char_end <= clause[0]), None)
    amount = amount_for(trigger, (None, None), [], mentions, clause, ctx) if deal is not None else None
    if amount is None:
        return []
    value = amount.value
    return [replace(deal, rule_id=rule.id, char_start=min(trigger.start, amount.start), char_end=max(trigger.end, amount.end),
                    amount=value.value, amount_low=value.low, amount_high=value.high, currency=value.currency,
                    amount_text=amount.text, per_period=value.per_period)]
