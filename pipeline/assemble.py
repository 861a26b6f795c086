"""Assemble events from one sentence's mentions.

Which triggers count (blocked, weak, covered, negated, denied, a part or a restatement
of a deal told before), who the sides are (`roles.py`), the amount, asset class and
status (`slots.py`); who may be a side is in `sides.py`, one row per deal in `dedupe.py`, a trigger that goes
on from a deal told before it in `told_before.py`. Clauses are in
`clauses.py`, the shared lookups in `context.py`. The same code serves English and
Chinese: only the words differ.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .clauses import clause_of, clause_spans
from .context import Context, company_groups, cue_in, trigger_rules, word_before
from .dedupe import AMOUNT_SLOTS, dedupe, drop_summaries
from .records import DocMeta, Event, Mention, Sentence
from .roles import POINTING, assign_roles, mode_cue_of, names_goods, pointing_at
from .rules import RuleSet, TriggerRule
from .sides import NOTE_BUYERS, lenders, many_firms, sells
from .slots import amount_for, asset_class_of, deal_status
from .told_before import (co_holding, further_tranche, issuer_before, joint_share, names_the_round, overlaps_any,
                          round_before, told_deal)

PARTY_KINDS = ("entity", "generic", "filer")
LEARNED = "entity.learned"


def assemble(sentence: Sentence, mentions: list[Mention], *, rules: RuleSet, meta: DocMeta) -> list[Event]:
    """Every event one sentence states."""
    cues = [m for m in mentions if m.kind == "cue"]
    ctx = Context(sentence, rules, meta, frozenset(c.value for c in cues))
    by_rule = trigger_rules(rules, sentence.lang)
    blocks = [m for m in cues if m.value == "block"]
    generics = [m for m in cues if m.value == "generic"]
    names = [m for m in mentions if m.kind == "entity"] if sentence.lang == "en" else []  # 沙特公共投资基金: jieba's words decide
    triggers = [m for m in mentions if m.kind == "trigger" and not overlaps_any(m, blocks)
                and not any(g.start <= m.start and m.end < g.end for g in generics)  # "a hosting partner" names a side
                and not _inside_name(m, names)]
    parties = _party_mentions(mentions, triggers, meta, ctx)
    joining = _co_parties(parties, cues, ctx) if "co_party" in ctx.cue_kinds else []
    if joining:  # they join the deal told before them, no side of its trigger
        parties = [p for p in parties if not any(p is m for _, group in joining for m in group)]
    clauses = clause_spans(ctx, parties, [m for m in mentions if m.kind == "trigger" or m.value in ("give", "receive")])
    triggers = _strongest(_uncovered(triggers, clauses, by_rule, ctx), clauses, by_rule)
    events = []
    pointing = ctx.sentence.lang == "zh" and any(c.value in POINTING for c in cues)
    told = [m for m in cues if m.value == "told_amount"]
    for trigger in triggers:
        rule = by_rule[trigger.rule_id]
        deal = told_deal(trigger, rule, told, events, parties) if told else None
        if pointing and len(events) > 1 and (shared := joint_share(trigger, rule, events, parties, mentions, clauses, ctx)):
            events = shared
            continue
        seen = pointing_at(events, mentions, ctx) if pointing else mentions
        found = _events_for(trigger, rule, parties, seen, cues, clauses, ctx)
        if not found and rule.paper_bought:
            found = _events_for(trigger, rule, parties, issuer_before(parties, trigger, ctx) + seen, cues, clauses, ctx)
        if not found and rule.shared_holding:
            found = _events_for(trigger, rule, parties, co_holding(events, trigger) + seen, cues, clauses, ctx)
        if not found and events and rule.event_type == "investment" and names_the_round(trigger, clauses, ctx):
            found = _events_for(trigger, rule, parties, round_before(events, trigger) + seen, cues, clauses, ctx)
        if not found and events and ctx.sentence.lang == "en":
            found = further_tranche(trigger, rule, events, seen, clauses, ctx)
        if found and ctx.sentence.lang == "zh" and "、" in ctx.sentence.text:
            found += _parallel_items(trigger, rule, parties, seen, cues, clauses, ctx)
        if deal is not None:  # its amount goes to the deal told (dedupe merges the two)
            found = [replace(e, party=deal.party, counterparty=deal.counterparty, party_text=deal.party_text,
                             counterparty_text=deal.counterparty_text) for e in found]
        events += found
    events = [_paid_by(e, by_rule, parties, cues, ctx) for e in events]
    events += _joined(events, joining)
    return dedupe(drop_summaries(events), by_rule)


def _parallel_items(trigger, rule, parties, mentions, cues, clauses, ctx: Context) -> list[Event]:
    """'公司向中信银行申请不超过10亿元、向兴业银行申请不超过5亿元的综合授信额度': items of a 、 list before the deal word's
    own item, each with no deal word of its own but an amount and a company marked by the same role word, share the
    deal word: one event each, with the item's own side and amount."""
    clause = clause_of(trigger.start, clauses)
    if ctx.between(clause[0], clause[0] + 1) != "、":
        return []
    own = [p for p in parties if clause[0] <= p.start < trigger.start]
    mark = word_before(ctx, own[0].start, ctx.words.preps[rule.event_type]) if own else None
    out, i = [], clauses.index(clause) if clause in clauses else 0
    while mark and i > 0 and ctx.between(clauses[i][0], clauses[i][0] + 1) == "、":
        item = clauses[i - 1]
        inside = [m for m in mentions if item[0] <= m.start < item[1]]
        if any(m.kind == "trigger" for m in inside) or not any(m.kind == "amount" for m in inside) or not any(
                p.kind == "entity" and item[0] <= p.start < item[1] and word_before(ctx, p.start, (mark,)) for p in parties):
            break
        merged = [c for c in clauses if c[1] <= item[0] or c[0] >= clause[1]] + [(item[0], clause[1])]
        out += _events_for(trigger, rule, [p for p in parties if not clause[0] <= p.start < trigger.start],
                           [m for m in mentions if not clause[0] <= m.start < trigger.start], cues, sorted(merged), ctx)
        clause, i = (item[0], clause[1]), i - 1
    return out


def _paid_by(event: Event, by_rule: dict, parties, cues, ctx: Context) -> Event:
    """'英伟达和CoreWeave签了一份兜底订单，…英伟达负责买单': a bare deal word leaves the buyer to the supply chain;
    a company right before a payer cue (负责买单, 负责付款) in the same sentence is the buyer."""
    if event.event_type != "purchase_agreement" or not by_rule[event.rule_id].symmetric:
        return event
    payers = {p.value for c in cues if c.value == "payer" for p in parties
              if p.end <= c.start and not ctx.between(p.end, c.start).strip()}
    if event.counterparty in payers and event.party not in payers:
        return replace(event, party=event.counterparty, counterparty=event.party,
                       party_text=event.counterparty_text, counterparty_text=event.party_text)
    return event


JOINING_GAP = re.compile(r"^\s+(?:also\s+)?$")


def _co_parties(parties, cues, ctx: Context) -> list[tuple[Mention, list[Mention]]]:
    """(cue, companies) that a `co_party` cue marks: the list right after 'with participation from', or
    between 'with' and 'participating' / 'co-leading' ('led by Thrive Capital, with NVIDIA and SoftBank
    also participating')."""
    marks = [c for c in cues if c.value == "co_party"]
    out = []
    for g in company_groups(parties, ctx):
        cue = next((c for c in marks if (c.end <= g[0].start and not ctx.between(c.end, g[0].start).strip())
                    or (g[-1].end <= c.start and JOINING_GAP.match(ctx.between(g[-1].end, c.start))
                        and word_before(ctx, g[0].start, ("with",)))), None)
        if cue is not None:
            out.append((cue, g))
    return out


def _joined(events: list[Event], joining) -> list[Event]:
    """Each company that joins a round or a loan told before it in the sentence: one more party of that deal,
    with the same counterparty; the deal's amount is the whole round's, not its share (none is stated)."""
    out = []
    for cue, group in joining:
        deal = next((e for e in reversed(events) if e.counterparty and e.event_type in ("investment", "credit")
                     and e.char_start < group[0].start), None)
        for m in group if deal is not None else ():
            if m.value != deal.counterparty:
                out.append(replace(deal, party=m.value, party_text=m.text, rule_id=cue.rule_id,
                                   char_start=min(cue.start, m.start), char_end=max(cue.end, m.end),
                                   **{s: None for s in AMOUNT_SLOTS}))
    return out


def _inside_name(m: Mention, names: list[Mention]) -> bool:
    """'Valor Equity Partners', 'Blue Owl Capital Credit': a deal word inside a longer company name is part of the name."""
    return any(n.start <= m.start and m.end <= n.end and n.end - n.start > m.end - m.start for n in names)


def _party_mentions(mentions, triggers, meta: DocMeta, ctx: "Context") -> list[Mention]:
    """Companies, generic lenders and (when the filer is known) first-person words."""
    out = []
    for m in mentions:
        if m.kind in ("entity", "generic") or (m.kind == "cue" and m.value == "generic"):  # match_en: 'the cloud'
            out.append(m if m.kind != "cue" else Mention(m.doc_id, m.start, m.end, m.text, "generic", _generic_name(m.text), m.rule_id))
        elif (m.kind == "cue" and m.value == "filer" or m.kind == "filer") and meta.filer:  # 'it' after 'the Company' too
            out.append(Mention(m.doc_id, m.start, m.end, m.text, "filer", meta.filer, m.rule_id))
    out = [p for p in out if not overlaps_any(p, triggers)]
    # "the Company" is the filer, no pronoun; a defined term the document gave a name ('(the "Borrower")') is that name
    out.sort(key=lambda m: (m.start, -(m.end - m.start), 0 if m.rule_id == LEARNED else 1 if m.kind == "filer" else 2))
    out = _leaders_named(out, ctx)
    kept: list[Mention] = []
    for p in out:  # overlapping names: the longer, earlier one wins; "微软Azure" is one name
        if kept and p.start < kept[-1].end:
            continue
        if kept and kept[-1].value == p.value and DEFINED_TERM.match(ctx.between(kept[-1].end, p.start)):
            continue
        if kept and kept[-1].value == p.value and not ctx.between(kept[-1].end, p.start).strip(" \t"):  # \u3000 parts a headline
            kept[-1] = Mention(p.doc_id, kept[-1].start, p.end, ctx.between(kept[-1].start, p.end), kept[-1].kind, p.value, p.rule_id)
            continue
        kept.append(p)
    out = []
    for i, p in enumerate(kept):  # the company described stands where its owner stood: '为甲骨文的合作方X' marks X
        if _is_owner(p, kept[i + 1] if i + 1 < len(kept) else None, ctx):
            kept[i + 1] = replace(kept[i + 1], start=p.start)
            continue
        out.append(p)
    return out


OWNER = re.compile(r"^\s*(?:旗下的?|下属的?|下屬的?|的?(?:全资|全資|控股)?子公司|的?(?:竞争对手|競爭對手|对手|對手)|"
                   r"的[\u4e00-\u9fffA-Za-z]{0,6}?(?:合作方|合作伙伴|合作夥伴|合作商|伙伴|夥伴|客户|客戶|供应商|供應商|开发商|開發商)|"
                   r"'s\s+(?:subsidiary|unit|affiliate)|(?:\s+[\w-]+){0,3}\s+subsidiary,)\s*$", re.I)


DEFINED_TERM = re.compile(r"^\s*[(（]\s*(?:the\s+)?[\"“「]?$")  # 'NVIDIA Corporation (“NVIDIA”)': the name it defines


def _is_owner(p: Mention, nxt: Mention | None, ctx: "Context") -> bool:
    """'沙特主权基金旗下的Humain', 'OpenAI竞争对手Anthropic': the first only describes the company that acts;
    so does an owner of unnamed firms ("the venture's investors": the investors are the side)."""
    if nxt is None:
        return False
    gap = ctx.between(p.end, nxt.start)
    return OWNER.match(gap) is not None or (nxt.kind == "generic" and gap in ("'s ", "’s "))


LED_BY = re.compile(r"^[\s,]*(?:(?:that\s+is|which\s+is)\s+)?(?:led|co-led|arranged|managed|headed|anchored|advised)\s+by\s+(?:funds\s+(?:managed|advised)\s+by\s+)?$", re.I)


LEADS = re.compile(r"^(?:牵头|牽頭|领衔|領銜|主导|主導|主办|主辦|带领|帶領)的?$")


def _leaders_named(parties: list[Mention], ctx: "Context") -> list[Mention]:
    """'a group of banks led by JPMorgan Chase' is JPMorgan Chase, standing where the group stood."""
    out: list[Mention] = []
    for p in parties:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "generic" and p.kind == "entity" and LED_BY.match(ctx.between(prev.end, p.start)):
            while out and out[-1].kind == "generic" and out[-1].end == prev.end:  # "a group of banks", "banks": one group
                start = out.pop().start
            out.append(Mention(p.doc_id, start, p.end, p.text, "entity", p.value, p.rule_id))
            continue
        if prev is not None and prev.kind == "entity" and p.kind == "generic" and LEADS.match(ctx.between(prev.end, p.start)):
            out[-1] = Mention(p.doc_id, prev.start, p.end, prev.text, "entity", prev.value, prev.rule_id)
            continue  # "摩根大通牵头的银团": the leader, standing where the group stands
        out.append(p)
    return out


def _generic_name(text: str) -> str:
    return re.sub(r"^(?:a|an|the|its|our)\s+", "", text.strip(), flags=re.I)


def _strongest(triggers, clauses, by_rule) -> list[Mention]:
    """A weak trigger ("deal", "raised", 签) yields to a strong one in its clause; of two triggers
    on the same words ("stock financing" vs "financing") the higher priority wins."""
    triggers = [t for t in triggers if not any(
        o is not t and o.start < t.end and t.start < o.end and by_rule[o.rule_id].priority > by_rule[t.rule_id].priority
        for o in triggers)]
    out = []
    for t in triggers:
        clause = clause_of(t.start, clauses)
        if by_rule[t.rule_id].weak and any(  # "提供…融资": what is provided is the financing, its own deal
                (not by_rule[o.rule_id].weak or (by_rule[o.rule_id].given and t.end <= o.start))
                and clause[0] <= o.start < clause[1] for o in triggers if o is not t):
            continue
        out.append(t)
    return out


COVERED_GAP = re.compile(r"^[^,;]{0,80}$")


def _uncovered(triggers, clauses, by_rule, ctx: Context) -> list[Mention]:
    """'backstopped $1.4 billion of Fluidstack's lease obligations': the lease is what the
    guarantee covers, no second deal. A trigger whose rule `covers` an event type drops the
    triggers of that type that follow it in its clause, with no comma between."""
    covering = [t for t in triggers if by_rule[t.rule_id].covers]
    if not covering:
        return triggers
    return [t for t in triggers if not any(
        by_rule[t.rule_id].event_type in by_rule[g.rule_id].covers and g.end <= t.start
        and clause_of(g.start, clauses) == clause_of(t.start, clauses)
        and COVERED_GAP.match(ctx.between(g.end, t.start)) and " and " not in ctx.between(g.end, t.start)
        for g in covering)]


@lru_cache(maxsize=64)
def _not_with(words: tuple) -> re.Pattern:
    """The `not_with` words as whole words: a Latin word not inside another ('shares', not 'shareholders');
    a Chinese one anywhere (Chinese has no word boundaries: '270亿美元债券')."""
    return re.compile("|".join(rf"\b{re.escape(w)}\b" if w.isascii() else re.escape(w) for w in words), re.I)


def _events_for(trigger, rule: TriggerRule, parties, mentions, cues, clauses, ctx: Context) -> list[Event]:
    clause = clause_of(trigger.start, clauses)
    if (cue_in(cues, "negation", clause[0], trigger.start) or cue_in(cues, "hypothetical", clause[0], trigger.start)
            or cue_in(cues, "question", *clause)  # '公司机电设备的折旧政策是否会调整？': asked anywhere in the clause
            or _denied(trigger, cues, ctx)
            or not ctx.cue_kinds.isdisjoint(("several_deals", "kinds", "no_money", "supposed", "boilerplate", "asks"))):
        return []  # a denied rumour is no deal; "多筆合約的加總，並非單一交易", "a sum of many contracts" add up deals, "授信品种包括…" lists kinds;
        # "雙方表示本案未涉及任何金額": a partnership with no money; "每延长一年…", "但这只是假设": a supposition;
        # "internal control over financial reporting", "held by non-affiliates": a filing's standard text;
        # "请问…", "…公司会跟进吗？": the whole sentence asks (a yes-no question), it states no deal
    if _part_of_before(trigger, mentions, clause, ctx) or _restated(trigger, mentions, ctx):
        return []
    if ctx.sentence.text.strip(HEADING_MARKS) == trigger.text:
        return []  # a heading that is only a deal word ('融資', 'Financing') names a section, no deal
    if rule.weak and "partnership" in ctx.cue_kinds and not any(m.kind == "amount" for m in mentions):
        return []  # '與Humain簽署諒解備忘錄，合作開發CPU': a bare deal word beside joint work, with no money stated
    # "本季未調整任何會計估計" is no change; "由4年调整为5年，其他…未发生变更" is one: the old life and the new are stated
    # (in Chinese: an English "from 3 to 5 years" is as often a range of lives)
    changed = (ctx.sentence.lang == "zh" and any(m.kind == "life" and m.value.old_years and m.value.new_years for m in mentions)) \
        or (("change" in ctx.cue_kinds or any(m.kind == "life" and m.value.old_years for m in mentions))
            and "no_change" not in ctx.cue_kinds)
    if rule.requires == "change" and not changed:
        return []
    if rule.requires == "life_change" and not (changed and any(m.kind == "life" and m.value.new_years for m in mentions)):
        return []
    if rule.requires == "amount" and not any(m.kind == "amount" and clause[0] <= m.start < clause[1] for m in mentions):
        return []  # '达成一项价值100亿美元的合作' is a deal; a cooperation with no value stated is a partnership
    if rule.requires == "goods" and not _deploys_goods(trigger, parties, clause, ctx):
        return []
    if rule.requires == "copula" and not cue_in(cues, "copula", *clause):
        return []  # "投资者担心…" names no one's stake; "亚马逊是Anthropic的投资者" does
    if rule.not_with and _not_with(rule.not_with).search(
            ctx.between(max(clause[0], trigger.start - 80), min(clause[1], trigger.end + 80))):
        return []
    if rule.given and getattr(mode_cue_of(cues, clause, trigger, ctx), "value", None) == "give":
        rule = replace(rule, event_type=rule.given, id=rule.credit_id or rule.id)  # "向Bloom Energy提供最高50億美元融資": a loan, not a stake
    if rule.event_type == "credit" and "purpose" in ctx.cue_kinds:
        parties = _not_paid_for(trigger, parties, cues, ctx)
    roles = assign_roles(trigger, rule, parties, cues, clause, ctx, mentions)
    if (roles is None or not roles[1]) and rule.event_type == "purchase_agreement" and names_goods(parties, clause, ctx):
        # "an order for NVIDIA GPUs": the maker sells; it lends nothing ("debt to buy NVIDIA chips")
        roles = assign_roles(trigger, rule, parties, cues, clause, ctx, mentions, makers=True) or roles
    if roles is None:
        return []
    party_group, counter_group, voiced = roles
    if rule.event_type == "depreciation_change":
        lives = [m for m in mentions if m.kind == "life" and m.value.new_years is not None] or [None]
        return [e for life in lives if (e := _build(trigger, rule, party_group[0], None, [], mentions, cues, clause, ctx, life=life))]
    events = []
    for party_group, counter_group, seen in _ungapped(party_group, counter_group, mentions, ctx):
        # amounts follow a list by position: of counterparties, or in Chinese of parties ("A和B分别投资50亿和100亿")
        by_position = party_group if len(counter_group) < 2 and ctx.sentence.lang == "zh" else counter_group
        # "Existing backers NVIDIA, Andreessen Horowitz ... took part, according to the company": a listed party
        # that comes back (a pronoun) is no other side; the filer ("the Company") is no pronoun
        names = {p.value for p in party_group}
        others = [c for c in counter_group if c.value not in names or c.kind != "entity"] if counter_group else [None]
        for party in party_group:
            for counterparty in others:
                for tranche in _tranches(seen, clause, ctx):
                    event = _build(trigger, rule, party, counterparty, by_position, tranche, cues, clause, ctx,
                                   orient=rule.symmetric and not voiced)
                    if event is not None:
                        events.append(event)
    return events


def _not_paid_for(trigger, parties, cues, ctx: Context) -> list[Mention]:
    """'a $2.6 billion loan to fund OpenAI build-out', 'Borrowings are secured by ... the Meta Order Form': a company
    named after what a loan pays for or is secured by (a `purpose` cue after the trigger, no comma between) is no
    side of the loan ('a margin loan backed by its Arm shares, borrowed from a group of lenders': the lenders are)."""
    purposes = [c.end for c in cues if c.value == "purpose" and c.start >= trigger.end]
    return [p for p in parties if not any(end <= p.start and not PURPOSE_END.search(ctx.between(end, p.start))
                                          for end in purposes)]


# a comma ends it, not one that goes on listing the collateral ('secured by the Borrower's equipment, including its
# GB200 systems, and by an assignment of its rights under its master services agreement with Anthropic')
PURPOSE_END = re.compile(r";|,(?!\s+(?:including|and\s+by|as\s+well\s+as\s+by)\b)")


TRANCHE_JOIN = re.compile(r"^\s*(?:及|和|与|與|、|,|，)\s*$")
TRANCHE_COUNT = re.compile(r"^\s*(?:两|兩|三|四|多|数|數)(?:笔|筆|批|期)")


def _tranches(mentions, clause, ctx: Context) -> list[list[Mention]]:
    """'23億美元及71億美元兩筆建設貸款': amounts listed before 两笔 are separate deals, one event each."""
    amounts = [m for m in mentions if m.kind == "amount" and clause[0] <= m.start < clause[1]]
    if ctx.sentence.lang != "zh" or len(amounts) < 2:
        return [mentions]
    for i in range(len(amounts) - 1, 0, -1):  # the list that ends right before 两笔
        if TRANCHE_COUNT.match(ctx.between(amounts[i].end, clause[1])):
            first = i
            while first > 0 and TRANCHE_JOIN.match(ctx.between(amounts[first - 1].end, amounts[first].start)):
                first -= 1
            listed = amounts[first:i + 1]
            if len(listed) > 1:
                return [[m for m in mentions if m is a or not any(m is b for b in listed)] for a in listed]
    return [mentions]


GAPPED = re.compile(r"^\s*(?:(?:up to|as much as|about|approximately|roughly|around|nearly|another|a further)\s*)?$", re.I)


def _ungapped(party_group, counter_group, mentions, ctx: Context):
    """'NVIDIA will invest up to $10 billion in Anthropic and Microsoft up to $5 billion': a listed
    company followed by its own amount repeats the deal with the verb left out: it acts like the
    subject, towards the rest of its list, with its own amount; the rest keep the other amounts."""
    amounts = [m for m in mentions if m.kind == "amount"]
    own = {}
    for group in (party_group, counter_group):
        for m in group[1:]:
            after = next((a for a in amounts if a.start >= m.end and GAPPED.match(ctx.between(m.end, a.start))), None)
            if after is not None:
                own[id(m)] = after
    if not own:
        return [(party_group, counter_group, mentions)]
    taken = {id(a) for a in own.values()}
    rest = [m for m in mentions if id(m) not in taken]
    out = [([p for p in party_group if id(p) not in own], [c for c in counter_group if id(c) not in own], rest)]
    for group in (party_group, counter_group):
        for m in group:
            if id(m) in own:  # the side m stood in stays with the rest of its list
                seen = [x for x in rest if x.kind != "amount"] + [own[id(m)]]
                others = [o for o in group if id(o) not in own]
                out.append(([m], others, seen) if group is counter_group else (others, [m], seen))
    return out


CONTRAST = re.compile(r"但|然而|不过|不過|惟")


def _denied(trigger, cues, ctx: Context) -> bool:
    """A denial in the sentence denies its deal; in Chinese not a deal before 但 when a new rumour follows it
    ('阿里巴巴去年領投月之暗面…，但近月市場傳出…將再注資的消息，阿里方面已澄清並無此事')."""
    denials = [c for c in cues if c.value == "denial"]
    if ctx.sentence.lang != "zh":
        return bool(denials)
    return any(d.start < trigger.end or not _new_rumour(trigger.end, d.start, cues, ctx) for d in denials)


def _new_rumour(start: int, end: int, cues, ctx: Context) -> bool:
    """'…，但近月市場傳出…的消息': between the deal and the denial, 但 and then a rumour of its own."""
    contrast = CONTRAST.search(ctx.between(start, end))
    return contrast is not None and any(c.value == "status:reported" and start + contrast.end() <= c.start < end for c in cues)


HEADING_MARKS = " \t\n#*-•·【】[]()（）:：0123456789.、一二三四五六七八九十"


PART_OF = re.compile(r"^[，,；;\s]*其中")


def _part_of_before(trigger, mentions, clause, ctx: Context) -> bool:
    """'…认购了约270亿美元债券，其中Pimco一家认购约180亿美元': a 其中 clause that repeats the word of a deal
    before it tells a part of that deal, no second one (a deal of another kind, '其中…以Azure credit发放', is)."""
    return ctx.sentence.lang == "zh" and PART_OF.match(ctx.between(clause[0], trigger.start)) is not None and any(
        (m.kind == "trigger" and m.end <= clause[0] or m.kind == "pointed_party") and m.rule_id == trigger.rule_id
        for m in mentions)


RESTATED_GAP = re.compile(r"^[\s\d.,约約近逾亿億万萬美元港币幣人民的]{0,12}$")  # '这笔100亿美元的投资'
LISTED_DEAL = re.compile(r"^\s*(?:及|和|与|與|、|以及)\s*$")


def _restated(trigger, mentions, ctx: Context) -> bool:
    """'公司拟为上述授信提供担保', '上述授信及担保尚需…审议', '这笔投资将逐步拨付': deal words right after
    上述 / 该笔 / 这笔 (a `restates` cue; an amount may stand between) name deals told before, no new ones."""
    if ctx.sentence.lang != "zh":
        return False
    start = trigger.start
    for m in sorted((m for m in mentions if m.kind == "trigger" and m.end <= start), key=lambda m: -m.end):
        if LISTED_DEAL.match(ctx.between(m.end, start)):
            start = m.start  # '上述授信及担保': the words listed after 上述 are all restated
    return any(c.kind == "cue" and c.value == "restates" and c.end <= start
               and RESTATED_GAP.match(ctx.between(c.end, start)) for c in mentions)


def _deploys_goods(trigger, parties, clause, ctx: Context) -> bool:
    """'将使用最多100万颗谷歌TPU' buys from the maker whose goods are its object (roles.yaml goods_after,
    goods_bought); '部署于得州园区' buys nothing, and who deploys for a customer ('为微软部署约20万颗英伟达
    GB300 GPU') sells the service (goods_for_other)."""
    words = ctx.words
    if words.goods_for_other and re.search(words.goods_for_other, ctx.between(clause[0], trigger.start)):
        return False
    return any(trigger.end <= p.start < clause[1] and re.match(words.goods_after, ctx.between(p.end, ctx.sentence.end))
               and re.match(words.goods_bought, ctx.between(trigger.start, p.start)) for p in parties)


def _build(trigger, rule, party, counterparty, group, mentions, cues, clause, ctx: Context, life=None,
           orient: bool = False) -> Event | None:
    if orient and counterparty is not None and sells(party, counterparty, trigger, ctx):
        party, counterparty = counterparty, party  # "a deal with" says no direction: the buyer is the party
    amount = None if rule.event_type == "depreciation_change" else amount_for(trigger, (counterparty, party), group, mentions, clause, ctx)
    if counterparty is None and not (rule.standalone or rule.event_type == "depreciation_change"):
        return None
    if counterparty is None and rule.event_type == "purchase_agreement" and ("total" in ctx.cue_kinds or amount is None):
        return None  # "unconditional purchase obligations ... totaled $28.1 billion": a sum over many suppliers (LEDGER.md);
        # "Our lease agreements generally contain ...": with no seller and no money, nothing to follow
    if counterparty is not None and counterparty.value == party.value:
        return None
    if party.kind == "generic" and (counterparty is None or counterparty.kind == "generic"):
        return None  # "our financial statements", "customers ... financial institutions": no company, nothing to follow
    if rule.event_type in ("purchase_agreement", "investment") and any(many_firms(m) for m in (party, counterparty)):
        return None  # credits granted to "AI startups" are one program (LEDGER.md); stakes in "private companies" are a total
    if rule.event_type == "credit" and many_firms(party) and not NOTE_BUYERS.search(party.value):
        return None  # "debt investments in public and private companies": such crowds lend nothing; bond buyers do
    event_type, rule_id = rule.event_type, rule.id
    if event_type == "purchase_agreement" and any(lenders(m) for m in (party, counterparty)):
        event_type, rule_id = "credit", rule.credit_id or rule.id  # "a syndicate of lenders committed to provide $2.6 billion": lenders sell nothing, they lend
        if not lenders(party):
            party, counterparty = counterparty, party
    elif (event_type == "credit" and ctx.sentence.lang == "en" and rule.agent == "counterparty"  # a loan word, no guarantee
          and lenders(counterparty) and not lenders(party)):
        party, counterparty = counterparty, party  # "a credit agreement among Oracle and the lenders": the lenders lend

    date = next((m.value for m in mentions if m.kind == "date"), None)
    spans = [m for m in (trigger, party, counterparty, amount) if m is not None and m.text and m.start >= clause[0]]
    start, end = min(m.start for m in spans), max(m.end for m in spans)
    value = amount.value if amount else None
    return Event(
        event_type=event_type, party=party.value, counterparty=counterparty.value if counterparty else None,
        doc_id=ctx.sentence.doc_id, rule_id=rule_id, sentence=ctx.sentence.text, char_start=start, char_end=end,
        language=ctx.sentence.lang, party_text=party.text or None, counterparty_text=counterparty.text if counterparty else None,
        amount=value.value if value else None, amount_low=value.low if value else None,
        amount_high=value.high if value else None, currency=value.currency if value else None,
        amount_text=amount.text if amount else None, per_period=value.per_period if value else None,
        asset_class=asset_class_of(ctx) if rule.event_type == "depreciation_change" else None,
        life_old_years=life.value.old_years if life else None, life_new_years=life.value.new_years if life else None,
        effective=date if rule.event_type == "depreciation_change" else None,
        status=deal_status(cues, rule), source=None, doc_date=ctx.meta.doc_date,
    )
