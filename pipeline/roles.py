"""Who is the party and who the counterparty of one trigger.

Roles come from the rule, not word order alone: each trigger names the role of
its subject (`agent`) and who receives what it names (`receiver`); prepositions
before a company mark roles ("from", "to", "with", 向, 与 ...); give cues
("provided", 提供) and receive cues ("secured", 获得) and the passive voice flip
the subject. A clause that points back at a deal told just before (其中, 此次)
takes the sides it leaves out from that deal.
"""
from __future__ import annotations

import re
from dataclasses import replace

from .context import Context, OTHER, company_groups, cue_in, trigger_rules, word_before
from .records import Event, Mention, Sentence
from .rules import RoleWords, TriggerRule


POINTING = ("points_back", "restates")


def pointed_sides(event: Event, at: int) -> list[Mention]:
    """A deal's two sides as zero-width mentions at `at`, for a clause that points back at it (其中, 该笔 ...);
    they carry the deal's rule id: a 其中 clause that repeats its word is a part of it (`_part_of_before`)."""
    return [Mention(event.doc_id, at, at, "", f"pointed_{role}", getattr(event, role), event.rule_id)
            for role in ("party", "counterparty")]


def pointing_at(events: list[Event], mentions: list[Mention], ctx: Context) -> list[Mention]:
    """What a pointing word refers to: the last deal the sentence told ('Cipher Mining也与Fluidstack签订了
    …协议,谷歌同样为其中14亿美元的租赁义务提供兜底'), else the one carried from the sentence before, unless
    a deal word of its own comes first ('牵头OpenAI总额400亿美元的融资，其中软银出资300亿美元')."""
    told = next((e for e in reversed(events) if e.counterparty), None)
    kept = [m for m in mentions if not m.kind.startswith("pointed_")]
    if told is not None:
        return kept + pointed_sides(told, ctx.sentence.start)
    first = min((m.start for m in mentions if m.kind == "cue" and m.value in POINTING), default=ctx.sentence.end)
    return kept if any(m.kind == "trigger" and m.end <= first for m in mentions) else mentions


def _pointed(mentions, cues, clause, trigger) -> dict[str, Mention]:
    """The sides of the deal pointed at, by role, where a pointing word stands in the clause before the trigger."""
    if not any(cue_in(cues, kind, clause[0], trigger.start) for kind in POINTING):
        return {}
    return {m.kind[len("pointed_"):]: replace(m, kind="entity") for m in mentions if m.kind.startswith("pointed_")}


def _fill_pointed(roles: dict, event_type: str, pointed: dict, ctx: Context) -> None:
    """A side the clause leaves out is one of the deal pointed at: both as they were where it names neither;
    where it names one, the same side in a deal of the same type, else the money goes on: credit backs the
    payer of the deal pointed at ('为其中…租赁义务提供担保'), and its receiver is who pays next."""
    if not roles["party"] and not roles["counterparty"]:
        roles.update(party=[pointed["party"]], counterparty=[pointed["counterparty"]])
        return
    rule = trigger_rules(ctx.rules, ctx.sentence.lang).get(pointed["party"].rule_id)
    same = rule is not None and rule.event_type == event_type
    for role in ("party", "counterparty"):
        if not roles[role]:
            named = {m.value for m in roles[OTHER[role]]}
            order = (role, OTHER[role]) if same else (OTHER[role], role)
            roles[role] = [pointed[r] for r in order if pointed[r].value not in named][:1]


def assign_roles(trigger, rule: TriggerRule, parties, cues, clause, ctx: Context, mentions=(), *, makers=False):
    """([party mentions], [counterparty mentions]) for one trigger, or None.

    Companies listed together ("Microsoft and OpenAI", 英伟达、AMD) move as one group:
    the role word before the first one marks them all.
    """
    words = ctx.words
    preps = {**words.preps[rule.event_type], **rule.preps}
    groups = company_groups([p for p in parties if clause[0] <= p.start < clause[1]], ctx)
    marks = {id(g[0]): word_before(ctx, g[0].start, preps) for g in groups}
    groups = _split_joint_subject(groups, marks, trigger, rule, preps)
    if not makers:
        groups = _goods_makers(groups, marks, trigger, rule, ctx)
    if rule.possessor:
        for g in groups:
            if marks[id(g[0])] is None and _possessive_of(ctx, g[-1], trigger):
                marks[id(g[0])] = "\x00possessor"
    if ctx.sentence.lang == "en":
        groups = [g for g in groups if not _appositive(ctx, g, groups, trigger)]
    others = [m for m in mentions if m.kind == "trigger" and m is not trigger]
    mode_cue = mode_cue_of(cues, clause, trigger, ctx, others) if rule.receiver else None
    mode = mode_cue.value if mode_cue is not None else None
    if rule.issued and mode == "give" and (rule.issued is True or mode_cue.text.lower() in rule.issued):
        mode = "receive"  # "sold notes to investors": the seller of the paper borrows
    pivot = mode_cue.start if mode_cue is not None else trigger.start
    unmarked_left = [g for g in groups if g[-1].end <= pivot and marks[id(g[0])] is None]
    if len(unmarked_left) > 1 and words.speaker_after:  # '緯創公告該子公司取得…': who tells it is no side
        unmarked_left = [g for g in unmarked_left[:-1]
                         if not re.match(words.speaker_after, ctx.between(g[-1].end, ctx.sentence.end))] + unmarked_left[-1:]
    # Chinese puts the actor first ("OpenAI将持有AMD约10%的股份"); English the nearest ("NVIDIA's stake")
    subject = (unmarked_left[0] if ctx.sentence.lang == "zh" else unmarked_left[-1]) if unmarked_left else None
    if subject is None and ctx.sentence.lang == "en" and RELATIVE.match(ctx.between(*clause)):
        subject = _relative_subject(clause, parties, ctx)  # None when 'which' follows no company
    elif subject is None and (any(marks[id(g[0])] for g in groups) or ctx.sentence.lang == "zh"):
        subject = _carried_subject(trigger, parties, preps, ctx, clause)
    pointed = _pointed(mentions, cues, clause, trigger) if ctx.sentence.lang == "zh" else {}
    if subject is None and ctx.sentence.lang == "zh" and not pointed:  # "9月跟甲骨文签了三千亿": the company the text was about
        subject = [m for m in mentions if m.kind == "topic"][:1] or None
    if mode_cue is not None:  # "provided OpenAI with credits", "获得TeraWulf的认股权证": the other side
        for g in groups:
            if marks[id(g[0])] is None and mode_cue.end <= g[0].start and g[-1].end <= trigger.start:
                marks[id(g[0])] = "\x00between"
    receiver = rule.receiver or "party"
    active = {"give": OTHER[receiver], "receive": receiver}.get(mode, rule.agent)
    passive = cue_in(cues, "passive", trigger.start, trigger.end)  # the trigger is the participle: "was backed"
    subject_role = OTHER[active] if passive else active
    preps = {**preps, "\x00between": "other", "\x00possessor": rule.possessor, "\x00seller": "counterparty"}
    roles: dict[str, list] = {"party": [], "counterparty": []}
    for g in sorted(groups, key=lambda g: (g[0].start < trigger.start, abs(g[0].start - trigger.start))):
        word = marks[id(g[0])]
        if word is None or g is subject or (word == "to" and ctx.sentence.lang == "en"
                                            and _marked_for_another(g, trigger, others, clause, ctx)):
            continue
        role = preps[word]
        if word in rule.preps:
            pass  # the trigger's own reading of the word outranks the give / receive cue's
        elif mode == "give" and word in words.give_targets:
            role = receiver
        elif mode == "receive" and word in words.receive_sources:
            role = OTHER[receiver]
        if role == "agent" and not passive and ctx.sentence.lang == "en":
            role = _by_phrase_role(ctx, g[0], rule.event_type, words)
        role = {"agent": active, "other": OTHER[subject_role]}.get(role, role)
        if role in roles and not roles[role]:
            roles[role] = g
    if subject:
        if roles[subject_role] and not roles[OTHER[subject_role]] and not _raiser_named(subject, rule):
            subject_role = OTHER[subject_role]
        if not roles[subject_role]:
            roles[subject_role] = subject
    if rule.event_type != "depreciation_change":
        taken = {id(p) for group in roles.values() for p in group}
        free = [g for g in groups if g[0].start >= trigger.end and id(g[0]) not in taken and marks[id(g[0])] is None]
        for role in ("counterparty", "party"):
            if not roles[role] and free:
                roles[role] = free[0]
                break
    if pointed and rule.event_type != "depreciation_change":
        _fill_pointed(roles, rule.event_type, pointed, ctx)
    if ctx.sentence.lang == "en" and roles["party"] and not roles["counterparty"] \
            and (rule.event_type == "investment" or rule.paper_bought):  # "Apollo funds took $370 million of the notes"
        roles["counterparty"] = [m for m in mentions if m.kind == "topic"][:1]  # "also participated in the round"
    if ctx.sentence.lang == "zh" and roles["party"] and not roles["counterparty"] and rule.event_type != "depreciation_change":
        roles["counterparty"] = _topic_counterparty(trigger, parties, roles["party"], preps, ctx,
                                                   [m for m in mentions if m.kind == "topic"], clause)
        if not roles["counterparty"] and cue_in(cues, "among", ctx.sentence.start, trigger.start):
            # '（与三家客户签署了四份合同。）其中包括OpenAI一份…合同': one of the deals of the company the text is about
            roles["counterparty"] = [m for m in mentions if m.kind == "topic" and m.value not in {p.value for p in roles["party"]}][:1]
    if ctx.sentence.lang == "en" and rule.event_type != "depreciation_change" and bool(roles["party"]) != bool(roles["counterparty"]):
        _fill_from_main_clause(roles, parties, preps, clause, ctx)
    if not roles["party"] and ctx.meta.filer and not rule.no_filer_party \
            and (rule.event_type == "depreciation_change" or roles["counterparty"]):
        roles["party"] = [Mention(trigger.doc_id, trigger.start, trigger.start, "", "filer", ctx.meta.filer, None)]
    if not roles["party"]:
        return None
    if rule.event_type == "depreciation_change":
        return roles["party"][:1], [], True
    return roles["party"], roles["counterparty"], mode is not None or passive \
        or (ctx.sentence.lang == "zh" and _directed(groups, marks, preps))


def _marked_for_another(group, trigger, others, clause, ctx: Context) -> bool:
    """'we are obligated to purchase any capacity that CoreWeave does not sell to its other customers': 'to' after
    another purchase verb that reads 'to' itself (sell, rent, pay: its rule's preps) marks a side of that one, not of the
    trigger before it."""
    rules = trigger_rules(ctx.rules, ctx.sentence.lang)
    return any(trigger.end < o.start and o.end <= group[0].start and clause[0] <= o.start < clause[1]
               and o.rule_id != trigger.rule_id and rules[o.rule_id].event_type == "purchase_agreement"
               and "to" in rules[o.rule_id].preps for o in others)


def _directed(groups, marks, preps) -> bool:
    """'英伟达向CoreWeave下了订单': a Chinese word that marks a side's role (向, 从) says who buys, where a
    bare deal word (订单, 与X签) leaves it to the supply chain. (English 'for', 'from' say less.)"""
    return any((w := marks[id(g[0])]) and not w.startswith("\x00") and preps.get(w) in ("party", "counterparty")
               for g in groups)


def _split_joint_subject(groups, marks, trigger, rule: TriggerRule, preps) -> list[list[Mention]]:
    """'Meta和谷歌云、CoreWeave签了合同': the first signs with the others (a symmetric deal word).
    '輝達與微軟則將分別向Anthropic投資': the 与-partner acts with the subject when a target is named."""
    left = [g for g in groups if g[-1].end <= trigger.start]
    named_target = any(preps.get(marks[id(g[0])]) in ("counterparty", "party") for g in groups)
    partner = any(preps.get(marks[id(g[0])]) == "other" for g in groups)  # 'xAI和Meta也在与公司洽谈': both sign with it
    out = []
    for g in groups:
        word = marks[id(g[0])]
        if word is not None and preps.get(word) == "other" and named_target and out and out[-1] in left and g in left:
            out[-1] = out[-1] + g
            continue
        if rule.symmetric and word is None and len(g) > 1 and g in left and not named_target and not partner:
            out.append(g[:1])
            rest = g[1:]
            marks[id(rest[0])] = "\x00between"
            out.append(rest)
            continue
        out.append(g)
    return out


def names_goods(parties, clause, ctx: Context) -> bool:
    """Is a company of the clause named before its goods ("NVIDIA GPUs")? Only then can
    `_goods_makers` change the roles, so only then are they worth assigning again."""
    after = ctx.words.goods_after
    return bool(after) and any(clause[0] <= p.start < clause[1] and re.match(after, ctx.between(p.end, ctx.sentence.end))
                               for p in parties)


def _goods_makers(groups, marks, trigger, rule: TriggerRule, ctx: Context) -> list[list[Mention]]:
    """'powered by NVIDIA GB300 chips in Lambda's cloud': a company named before its goods only describes
    them and takes no role, except for the purchase trigger that buys those goods ('buy 50,000 NVIDIA
    GPUs'): there it is the seller, unless a seller follows ('buy NVIDIA GPUs from Dell') or comes right
    before the trigger ('向聯想購買配備輝達GPU的伺服器'). The words are data (roles.yaml `goods_after`,
    `goods_bought`)."""
    words = ctx.words
    if not words.goods_after:
        return groups
    out = []
    for g in groups:
        if re.match(words.goods_after, ctx.between(g[-1].end, ctx.sentence.end)):
            named = any(o is not g and marks[id(o[0])] in words.receive_sources
                        and (o[0].start > g[-1].end or _right_before(o, trigger, ctx)) for o in groups)
            if named or not (rule.event_type == "purchase_agreement" and trigger.end <= g[0].start
                             and re.match(words.goods_bought, ctx.between(trigger.start, g[0].start))):
                continue
            marks[id(g[0])] = "\x00seller"
        out.append(g)
    return out


def _right_before(group, trigger, ctx: Context) -> bool:
    """'向聯想購買': the group ends at most a few characters before the trigger."""
    return group[-1].end <= trigger.start and len(ctx.between(group[-1].end, trigger.start).strip()) <= 4


POSSESSIVE_GAP = re.compile(r"^(?:'s|’s|')?(?:\s+(?:[$€£]?[\d.,]+|[a-z][\w-]*|[A-Z](?:-\d)?|billion|million|Series))*\s+$")


def _possessive_of(ctx: Context, p: Mention, trigger: Mention) -> bool:
    """'our $221 million Series B financing', "OpenAI's $40 billion round": p owns the trigger's noun."""
    owner = p.text.lower() in ("our", "its", "their") or ctx.between(p.end, p.end + 2) in ("'s", "’s")
    return owner and bool(POSSESSIVE_GAP.match(ctx.between(p.end, trigger.start)))


def _appositive(ctx: Context, g, groups, trigger) -> bool:
    """'Amazon, Anthropic's other big backer, completed ...': the company inside the commas is not the actor."""
    if g[-1].end > trigger.start or g is groups[0]:
        return False
    before, after = ctx.between(ctx.sentence.start, g[0].start), ctx.between(g[-1].end, trigger.start)
    return bool(re.search(r"[A-Za-z)],\s+(?:[\w'’-]+\s+){0,3}$", before)) and re.search(r",(?!\d{3})", after) and \
        any(o[-1].end <= g[0].start for o in groups if o is not g)


def _by_phrase_role(ctx: Context, mention: Mention, event_type: str, words: RoleWords) -> str | None:
    """'a note issued by Anthropic', 'a round led by Magnetar': the verb before 'by' says the role."""
    before = re.findall(r"[A-Za-z-]+", ctx.between(ctx.sentence.start, mention.start))
    verb = before[-2].lower() if len(before) >= 2 else ""
    return words.by_verbs.get(event_type, {}).get(verb)


def mode_cue_of(cues, clause, trigger, ctx: Context, others=()) -> Mention | None:
    """The last give/receive cue of the clause up to the trigger (the trigger itself may be one);
    not one that governs an infinitive ("committed to purchase": the purchase has its own voice),
    nor one before 'in return for' (what is got in return goes the other way)."""
    found = [c for c in cues if c.value in ("give", "receive") and clause[0] <= c.start < trigger.end]
    found = [c for c in found if c.end >= trigger.end or not INFINITIVE.match(ctx.between(c.end, trigger.end))]
    if ctx.words.in_return:  # "commit $19 billion to Stargate in return for stakes": the giver gets the stake
        found = [c for c in found if c.end >= trigger.end or not re.search(ctx.words.in_return, ctx.between(c.end, trigger.start))]
    if ctx.sentence.lang == "zh":  # "取得多家銀行提供的貸款": a cue (or trigger) before 的 only describes the noun
        found = [c for c in found if ctx.between(c.end, c.end + 1) != "的"] or found
        others = [o for o in others if ctx.between(o.end, o.end + 1) != "的"]
    found = [c for c in found if not any(c.end <= o.start and o.end <= trigger.start for o in others)]  # governs that one
    return found[-1] if found else None


INFINITIVE = re.compile(r"^\s*(?:not\s+)?to\s+[a-z]")  # "committed to purchase", not "issued to OpenAI"


def _topic_counterparty(trigger, parties, party_group, preps, ctx: Context, topic=(), clause=None) -> list[Mention]:
    """Chinese drops what the sentence already named: '微软给OpenAI的这笔钱……是Azure credit',
    'CoreWeave完成融资，英伟达也参与了投资'. The other side is the company named earlier, with the
    companies listed with it ('Meta最近和谷歌云、CoreWeave、Nebius签了一堆合同': one deal each).
    In a round ('本轮由深创投领投，红杉中国、美团龙珠跟投，经纬创投继续加码') the investors named before, marked
    by a party word (由) or right before their own deal word, are on the same side: the round's company is the topic."""
    names = {p.value for p in party_group}
    earlier = [p for p in parties if p.end <= trigger.start and p.value not in names]
    if clause is not None and _own_item(party_group, clause, ctx):
        earlier = [p for p in earlier if p.start >= clause[0]]
    co_investors = {id(p) for g in company_groups(earlier, ctx) for p in g
                    if preps.get(word_before(ctx, g[0].start, preps) or "") == "party"
                    or ctx.between(g[-1].end, g[-1].end + 4).startswith(ctx.words.co_deal_words)}
    if co_investors and len(co_investors) == len(earlier):
        return [m for m in topic if m.value not in names][:1]
    earlier = [p for p in earlier if id(p) not in co_investors]
    marked = [p for p in earlier if preps.get(word_before(ctx, p.start, preps) or "") == "counterparty"]
    groups = company_groups(earlier, ctx)
    if not marked and groups and groups[-1][0].start > max(p.start for p in party_group) \
            and preps.get(word_before(ctx, groups[-1][0].start, preps) or "") == "other":
        return groups[-1]  # '…还通过与英伟达、AMD等合作…并获取股份': the partner the party just dealt with
    in_clause = [p for p in earlier if clause is not None and p.start >= clause[0]]  # '谷歌获得…TeraWulf股票的认股权证'
    first = (marked or in_clause or earlier)[:1]
    return next((g for g in groups if first and g[0] is first[0]), first)


def _own_item(party_group, clause, ctx: Context) -> bool:
    """'超微会计造假、…、Amazon自己投自己、微软玩Azure credit': an item of a list (after 、) that names its own
    subject tells its own deal; a company of another item is no side of it."""
    return ctx.between(clause[0], clause[0] + 1) == "、" and party_group[0].start >= clause[0]


def _carried_subject(trigger, parties, preps, ctx: Context, clause=None):
    """A subject named earlier in the sentence, for a clause that names only the other side
    ("OpenAI ...，却签下...：与微软签2500亿、与甲骨文签3000亿"). A clause that goes on with 并 / 还
    ("谷歌为Fluidstack提供担保，并获得Cipher的股权") keeps the subject of the clause just before."""
    earlier = company_groups([p for p in parties if p.end <= trigger.start], ctx)
    unmarked = [g for g in earlier if word_before(ctx, g[0].start, preps) is None]
    if clause is not None and ctx.sentence.lang == "zh" and GOES_ON.match(ctx.between(clause[0], clause[1])):
        leading = [g for g in unmarked if CLAUSE_START.search(ctx.between(ctx.sentence.start, g[0].start))]
        if leading:
            return leading[-1]
    return unmarked[0] if unmarked else None


RELATIVE = re.compile(r"(?:which|who)\b", re.I)
UNDER_WHICH = re.compile(r"\b(?:under|pursuant\s+to|according\s+to|through)\s+$", re.I)


def _fill_from_main_clause(roles: dict, parties, preps, clause, ctx: Context) -> None:
    """'Corvane obtained a commitment letter under which Morgan Stanley committed to provide a bridge facility',
    'Lambda entered into a credit agreement pursuant to which Macquarie agreed to lend': the side the clause after
    'under which' leaves out is the subject of the clause the agreement belongs to (the 'which' breaks the clause)."""
    if not (RELATIVE.match(ctx.between(*clause)) and UNDER_WHICH.search(ctx.between(ctx.sentence.start, clause[0]))):
        return
    before = company_groups([p for p in parties if p.end <= clause[0]], ctx)
    main = next((g for g in before if word_before(ctx, g[0].start, preps) is None), None)
    named = {p.value for group in roles.values() for p in group}
    if main is not None and not named.intersection(p.value for p in main):
        roles["counterparty" if roles["party"] else "party"] = main


def _relative_subject(clause, parties, ctx: Context) -> list[Mention] | None:
    """'developed by Crusoe, which received a loan from JPMorgan Chase': 'which' is the company right
    before it; after anything else ('a round in February, which was led by ...') it is no company."""
    before = [p for p in parties if p.end <= clause[0]]
    if before and not ctx.between(before[-1].end, clause[0]).strip(" ,"):
        return [before[-1]]
    return None


def _raiser_named(subject, rule: TriggerRule) -> bool:
    """'项目融资通过特殊目的实体Beignet Investor LLC完成': where the clause names who raises the money, the topic
    carried from before (a dropped subject) is not made its investor: a vehicle raising money names none.
    (A lender carried into '为X提供贷款' still lends.)"""
    return subject[0].kind == "topic" and rule.event_type == "investment" and rule.agent == rule.receiver == "counterparty"


GOES_ON = re.compile(r"^[，,；;\s]*(?:并且|並且|并|並|还|還|同时|同時|亦|且)")
CLAUSE_START = re.compile(r"(?:^|[，,；;：:])[\s\d年月日]*$")


def _cells(line: str, offset: int) -> list[tuple[int, int]]:
    """The (start, end) of each cell of a pipe-table line; a Markdown row's outer pipes open no cell."""
    bounds = [-1] + [i for i, ch in enumerate(line) if ch == "|"] + [len(line)]
    cells = [(offset + a + 1, offset + b) for a, b in zip(bounds, bounds[1:])]
    if line.strip().startswith("|"):
        cells = cells[1:]
    return cells[:-1] if line.strip().endswith("|") else cells


def table_sides(event: Event, header: str, row: Sentence, mentions, columns: dict) -> Event:
    """'Commitment | From | To | Amount' over 'Equity investment | NVIDIA | Anthropic | up to $10 billion':
    where a table's header names the paying and receiving columns, a row's sides are those cells' companies,
    never one from outside the row (an antecedent carried in, a company named in the text before)."""
    roles = {i: columns.get(header[a:b].strip(" *").lower()) for i, (a, b) in enumerate(_cells(header, 0))}
    sides = {}
    for i, (start, end) in enumerate(_cells(row.text, row.start)):
        role = roles.get(i)
        named = [m for m in mentions if m.kind == "entity" and start <= m.start and m.end <= end]
        if role in ("party", "counterparty") and role not in sides:
            sides[role] = (named[0].value, named[0].text) if named else (None, None)
    if set(sides) != {"party", "counterparty"}:
        return event
    return replace(event, party=sides["party"][0], party_text=sides["party"][1],
                   counterparty=sides["counterparty"][0], counterparty_text=sides["counterparty"][1])
