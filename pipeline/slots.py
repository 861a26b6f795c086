"""An event's amount, asset class and status, chosen among the sentence's mentions."""
from __future__ import annotations

import re

from .context import Context
from .records import Mention
from .rules import TriggerRule


def amount_for(trigger, sides, group, mentions, clause, ctx: Context) -> Mention | None:
    """The amount of this event: by position in a list (of counterparties, or of parties), else the one nearest the trigger."""
    amounts = [m for m in mentions if m.kind == "amount" and clause[0] <= m.start < clause[1] and not _per_share(m, ctx)]
    if not amounts and ctx.sentence.lang == "zh" and trigger.value == "investment":
        amounts = _round_amount(trigger, mentions, clause, ctx)
    if not amounts and ctx.words.amount_clause:
        amounts = _amount_clause_after(clause, mentions, ctx)
    if not amounts and ctx.sentence.lang == "zh":
        amounts = _amount_listed_before(clause, mentions, ctx)
    amounts = [a for i, a in enumerate(amounts) if not _valuation(a, mentions, ctx) and not _a_part_of(a, trigger, mentions, ctx)
               and not (i and (CONVERTED.match(ctx.between(amounts[i - 1].end, a.start))
                               or OF_THE_WHOLE.match(ctx.between(amounts[i - 1].end, a.start))))]
    if not amounts:
        return None
    amounts = [a for a in amounts if not _a_total(a, amounts, mentions, clause)] or amounts
    listed = next((i for side in sides for i, g in enumerate(group) if side is not None and g is side), None)
    if listed is not None and len(group) > 1 and len(amounts) == len(group):
        return amounts[listed]
    return _nearest(trigger, amounts)


def _amount_clause_after(clause, mentions, ctx: Context) -> list:
    """'由深创投领投，金额6亿元', '确认公司为…的中标人，中标金额约为11.8亿元': a clause that only names the amount
    (roles.yaml amount_clause) gives it to the deal of the clause before it."""
    after = next((m for m in mentions if m.kind == "amount" and m.start >= clause[1]), None)
    return [after] if after is not None and re.fullmatch(ctx.words.amount_clause, ctx.between(clause[1], after.start)) else []


def _amount_listed_before(clause, mentions, ctx: Context) -> list:
    """'一份约3000亿美元、为期五年的算力合同': the amount is the first of the deal word's modifiers, which 、 parts."""
    before = next((m for m in reversed(mentions) if m.kind == "amount" and m.end <= clause[0]), None)
    return [before] if before is not None and ctx.between(before.end, clause[0] + 1).strip() == "、" else []


def _a_part_of(amount, trigger, mentions, ctx: Context) -> bool:
    """'其中100亿美元投资有相当部分是以Azure credit的形式发放的': a part word (the `part` cue) between an amount and
    the trigger says only a part of that amount is this deal; how much is not stated. So does one a few words
    before the amount ('a significant part of Microsoft's $13 billion commitment reached OpenAI as credits')."""
    return any(m.kind == "cue" and m.value == "part" and (
        (amount.end <= m.start and m.end <= trigger.start)
        or (m.end <= amount.start and PART_GAP.match(ctx.between(m.end, amount.start)))) for m in mentions)


PART_GAP = re.compile(r"^[^\d$€£¥,;，；]{0,40}$")


CONVERTED = re.compile(r"^\s*[（(]\s*(?:約合|约合|約|约|折合|相當於|相当于|合)?\s*$|^\s*\(\s*(?:about|approximately|or)?\s*$", re.I)
# "$30 billion of the $40 billion round", "$30 billion of OpenAI's $40 billion round", "up to $1 billion to the startup's
# $2 billion round": the second amount is the whole, the first the party's part
OF_THE_WHOLE = re.compile(r"^\s+(?:of|to|toward|towards|in)\s+(?:(?:the|its|their|a|an)\s+(?:[a-z][\w-]*(?:'s|’s)\s+)?"
                          r"|[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*){0,2}(?:'s|’s)\s+)$")
VALUATION_GAP = re.compile(r"^[^，,。；;\d]{0,12}$")


def _valuation(amount, mentions, ctx: Context) -> bool:
    """'估值約為3,500億美元', 'at a $6.8 billion valuation': an amount a few words after a valuation word (the
    `valuation` cue) or right before 'valuation' is what a company is worth, not what a deal moves. (A converted amount, '10億美元（約新台幣307億元）', is
    the amount before it again: CONVERTED.)"""
    return VALUATION_AFTER.match(ctx.between(amount.end, ctx.sentence.end)) is not None or any(
        m.kind == "cue" and m.value == "valuation" and m.end <= amount.start
        and VALUATION_GAP.match(ctx.between(m.end, amount.start)) for m in mentions)


VALUATION_AFTER = re.compile(r"^\s*(?:post-money\s+|pre-money\s+)?valuation\b", re.I)  # "at a $6.8 billion valuation"


TOTAL_REACH = 80  # characters from a total word to its amount: "the total value of its contracts with CoreWeave to"


def _a_total(amount, amounts, mentions, clause) -> bool:
    """'..., bringing the total value of its contracts with CoreWeave to $22.4 billion': an amount after a
    total word (the `total` cue), with no other amount between, sums several deals; the deal has its own."""
    return any(m.kind == "cue" and m.value == "total" and clause[0] <= m.start and 0 <= amount.start - m.end <= TOTAL_REACH
               and not any(m.end <= a.start < amount.start for a in amounts) for m in mentions)


def _round_amount(trigger, mentions, clause, ctx: Context) -> list[Mention]:
    """'完成2.21亿美元的B轮融资，由Magnetar领投': the round's amount is in the clause just before (its deal word's, or
    one that only states an amount, roles.yaml amount_clause)."""
    start = max(ctx.sentence.text.rfind(c, 0, ctx.rel(clause[0]) - 1) for c in "，,；;") + 1 + ctx.sentence.start
    before = [m for m in mentions if start <= m.start < clause[0]]
    if not any(m.kind == "trigger" and m.value == trigger.value for m in before) and not (
            ctx.words.amount_clause and re.match(ctx.words.amount_clause, ctx.between(start, clause[0]))):
        return []  # '…完成新一轮融资，融资额约5亿美元，由IDG资本领投': a clause that only states the round's amount
    return [m for m in before if m.kind == "amount" and not _per_share(m, ctx)]


PER_SHARE_BEFORE = re.compile(r"每股(?:配售股份|配售股|新股|股份)?(?:价格|價格|作价|作價|配售价|配售價|认购价|認購價|发行价|發行價)?(?:的价格|的價格)?\s*(?:約|约|为|為)?\s*$")
PER_SHARE_AFTER = re.compile(r"^\s*(?:a|per|each)\s+(?:share|unit)\b", re.I)


def _per_share(amount: Mention, ctx: Context) -> bool:
    """'$23.28 a share', '每股23.28美元': a price, not the deal's amount."""
    return bool(PER_SHARE_BEFORE.search(ctx.between(ctx.sentence.start, amount.start))
                or PER_SHARE_AFTER.match(ctx.between(amount.end, ctx.sentence.end)))


def _nearest(anchor: Mention, candidates: list[Mention]) -> Mention | None:
    if not candidates:
        return None
    return min(candidates, key=lambda m: (abs(m.start - anchor.start) if m.start >= anchor.start else anchor.start - m.end) * (1 if m.start >= anchor.start else 1.2))


ASSET = re.compile(r"(?i)(servers?(?:\s*(?:,|and)\s*network(?:ing)?\s+equipment)?|network(?:ing)?\s+equipment|GPUs?|"
                   r"data\s+center\s+equipment|computer\s+equipment|technical\s+infrastructure|hardware|"
                   r"服务器|伺服器|網路設備|网络设备|GPU|芯片|晶片|设备|設備)")


def asset_class_of(ctx: Context) -> str | None:
    found = ASSET.search(ctx.sentence.text)
    return found.group() if found else None


STATUS_ORDER = ("reported", "planned", "agreed", "completed")


def deal_status(cues, rule: TriggerRule) -> str:
    found = {c.value.split(":", 1)[1] for c in cues if str(c.value).startswith("status:")}
    return next((s for s in STATUS_ORDER if s in found), rule.status or "agreed")
