"""Assemble events from one sentence's mentions: roles, amounts, lives, status.

Roles come from the rule, not word order alone: each trigger names the role of
its subject (`agent`) and who receives what it names (`receiver`); prepositions
before a company mark roles ("from", "to", "with", 向, 与 ...); give cues
("provided", 提供) and receive cues ("secured", 获得) and the passive voice flip
the subject. The same code serves English and Chinese: only the words differ.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from .records import DocMeta, Event, Mention, Sentence
from .rules import RoleWords, RuleSet, TriggerRule

PARTY_KINDS = ("entity", "generic", "filer")
STATUS_ORDER = ("reported", "planned", "agreed", "completed")
OTHER = {"party": "counterparty", "counterparty": "party"}


@dataclass(frozen=True)
class Context:
    """What assembly needs besides the mentions."""

    sentence: Sentence
    rules: RuleSet
    meta: DocMeta

    @property
    def words(self) -> RoleWords:
        return self.rules.roles[self.sentence.lang]

    def rel(self, pos: int) -> int:
        return pos - self.sentence.start

    def between(self, a: int, b: int) -> str:
        return self.sentence.text[self.rel(a):self.rel(b)]


def assemble(sentence: Sentence, mentions: list[Mention], *, rules: RuleSet, meta: DocMeta) -> list[Event]:
    """Every event one sentence states."""
    ctx = Context(sentence, rules, meta)
    by_rule = _trigger_rules(rules, sentence.lang)
    cues = [m for m in mentions if m.kind == "cue"]
    blocks = [m for m in cues if m.value == "block"]
    generics = [m for m in cues if m.value == "generic"]
    triggers = [m for m in mentions if m.kind == "trigger" and not _overlaps_any(m, blocks)
                and not any(g.start <= m.start and m.end < g.end for g in generics)]  # "a hosting partner" names a side
    parties = _party_mentions(mentions, triggers, meta, ctx)
    clauses = _clauses(ctx, parties, [m for m in mentions if m.kind == "trigger" or m.value in ("give", "receive")])
    triggers = _strongest(_uncovered(triggers, clauses, by_rule, ctx), clauses, by_rule)
    events = []
    pointing = ctx.sentence.lang == "zh" and any(c.value in POINTING for c in cues)
    for trigger in triggers:
        rule = by_rule[trigger.rule_id]
        seen = _pointing_at(events, mentions, ctx) if pointing else mentions
        events += _events_for(trigger, rule, parties, seen, cues, clauses, ctx)
    events = [_paid_by(e, by_rule, parties, cues, ctx) for e in events]
    return _dedupe(_drop_summaries(events), by_rule)


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


POINTING = ("points_back", "restates")


def pointed_sides(event: Event, at: int) -> list[Mention]:
    """A deal's two sides as zero-width mentions at `at`, for a clause that points back at it (其中, 该笔 ...);
    they carry the deal's rule id: a 其中 clause that repeats its word is a part of it (`_part_of_before`)."""
    return [Mention(event.doc_id, at, at, "", f"pointed_{role}", getattr(event, role), event.rule_id)
            for role in ("party", "counterparty")]


def _pointing_at(events: list[Event], mentions: list[Mention], ctx: Context) -> list[Mention]:
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
    if not any(_cue_in(cues, kind, clause[0], trigger.start) for kind in POINTING):
        return {}
    return {m.kind[len("pointed_"):]: replace(m, kind="entity") for m in mentions if m.kind.startswith("pointed_")}


def _fill_pointed(roles: dict, event_type: str, pointed: dict, ctx: Context) -> None:
    """A side the clause leaves out is one of the deal pointed at: both as they were where it names neither;
    where it names one, the same side in a deal of the same type, else the money goes on: credit backs the
    payer of the deal pointed at ('为其中…租赁义务提供担保'), and its receiver is who pays next."""
    if not roles["party"] and not roles["counterparty"]:
        roles.update(party=[pointed["party"]], counterparty=[pointed["counterparty"]])
        return
    rule = _trigger_rules(ctx.rules, ctx.sentence.lang).get(pointed["party"].rule_id)
    same = rule is not None and rule.event_type == event_type
    for role in ("party", "counterparty"):
        if not roles[role]:
            named = {m.value for m in roles[OTHER[role]]}
            order = (role, OTHER[role]) if same else (OTHER[role], role)
            roles[role] = [pointed[r] for r in order if pointed[r].value not in named][:1]


_BY_RULE: dict[tuple[int, str], tuple[RuleSet, dict]] = {}


def _trigger_rules(rules: RuleSet, lang: str) -> dict[str, TriggerRule]:
    """A language's trigger rules by id, built once per rule set (a RuleSet holds dicts: it cannot be hashed)."""
    hit = _BY_RULE.get((id(rules), lang))
    if hit is None or hit[0] is not rules:  # kept with its rule set, so the id is not another's
        if len(_BY_RULE) >= 8:
            _BY_RULE.clear()
        hit = _BY_RULE[(id(rules), lang)] = (rules, {r.id: r for r in rules.triggers_for(lang)})
    return hit[1]


def _overlaps_any(m: Mention, others: list[Mention]) -> bool:
    return any(o.start < m.end and m.start < o.end for o in others)


def _party_mentions(mentions, triggers, meta: DocMeta, ctx: "Context") -> list[Mention]:
    """Companies, generic lenders and (when the filer is known) first-person words."""
    out = []
    for m in mentions:
        if m.kind == "entity" or (m.kind == "cue" and m.value == "generic"):
            out.append(m if m.kind == "entity" else Mention(m.doc_id, m.start, m.end, m.text, "generic", _generic_name(m.text), m.rule_id))
        elif m.kind == "cue" and m.value == "filer" and meta.filer:
            out.append(Mention(m.doc_id, m.start, m.end, m.text, "filer", meta.filer, m.rule_id))
    out = [p for p in out if not _overlaps_any(p, triggers)]
    out.sort(key=lambda m: (m.start, -(m.end - m.start)))
    out = _leaders_named(out, ctx)
    kept: list[Mention] = []
    for p in out:  # overlapping names: the longer, earlier one wins; "微软Azure" is one name
        if kept and p.start < kept[-1].end:
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
                   r"'s\s+(?:subsidiary|unit|affiliate))\s*$", re.I)


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


def _clauses(ctx: Context, parties: list[Mention], acts: list[Mention] = ()) -> list[tuple[int, int]]:
    """Clause spans (document offsets): roles never cross a clause break.

    Chinese also breaks at commas and 、, except inside a list of companies. English
    breaks at a comma followed by a company that acts ("..., Fluidstack lined up ..."):
    `acts` are the triggers and give/receive cues.
    """
    text, base = ctx.sentence.text, ctx.sentence.start
    lists = [(g[0].start - base, g[-1].end - base) for g in _groups(parties, ctx) if len(g) > 1]
    cuts = [m.start() for m in _clause_breaks(tuple(ctx.words.clause_breaks), ctx.sentence.lang).finditer(text)]
    if ctx.words.clause_break_regex:  # "... as Claude maker commits $30 billion": re caches the pattern
        cuts = sorted(cuts + [m.start() for m in re.finditer(ctx.words.clause_break_regex, text)])
    if lists:  # the commas of a list of companies break no clause
        cuts = [c for c in cuts if not any(a <= c < b for a, b in lists)]
    if ctx.words.clause_joiners:
        cuts = _joined(text, cuts, ctx.words.clause_joiners, [a.start - base for a in acts], {p.start - base for p in parties})
    if ctx.sentence.lang == "en":
        cuts += [p.start - base - len(gap) for p, gap in _new_subjects(ctx, parties, acts)
                 if not any(a <= p.start - base < b and not _second_actor(a + base, acts) for a, b in lists)]
        cuts.sort()
    bounds = [0, *cuts, len(text)]
    return [(base + a, base + b) for a, b in zip(bounds, bounds[1:]) if b > a]


def _joined(text: str, cuts: list[int], joiners: tuple, acts: list[int], names: set[int]) -> list[int]:
    """A comma followed by a joiner and a company ('籌組380億美元貸款，支持Vantage…') breaks no clause: the
    purpose goes on with the deal; unless the clause after it holds a deal of its own ('，用于支持xAI采购GPU')."""
    ends = [*cuts[1:], len(text)]
    joined = {c for c in cuts for j in joiners if text.startswith(j, c + 1) and c + 1 + len(j) in names}
    return [c for c, end in zip(cuts, ends) if c not in joined or any(c < a < end for a in acts)]


@lru_cache(maxsize=8)
def _clause_breaks(words: tuple, lang: str) -> re.Pattern:
    alternation = "|".join(re.escape(w) if not w[0].isalpha() or not w.isascii() else rf"\b{re.escape(w)}\b"
                           for w in _longest_first(words))
    if lang == "zh":
        alternation += "|[，,、]"
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


def _clause_of(pos: int, clauses) -> tuple[int, int]:
    return next((c for c in clauses if c[0] <= pos < c[1]), clauses[-1])


def _strongest(triggers, clauses, by_rule) -> list[Mention]:
    """A weak trigger ("deal", "raised", 签) yields to a strong one in its clause; of two triggers
    on the same words ("stock financing" vs "financing") the higher priority wins."""
    triggers = [t for t in triggers if not any(
        o is not t and o.start < t.end and t.start < o.end and by_rule[o.rule_id].priority > by_rule[t.rule_id].priority
        for o in triggers)]
    out = []
    for t in triggers:
        clause = _clause_of(t.start, clauses)
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
        and _clause_of(g.start, clauses) == _clause_of(t.start, clauses)
        and COVERED_GAP.match(ctx.between(g.end, t.start)) and " and " not in ctx.between(g.end, t.start)
        for g in covering)]


WORD_WINDOW = 80  # characters: enough for "a group of banks led by", never the whole sentence again
ARTICLES_AT_END = re.compile(r"(?:\b(?:a|an|the|its|their|fellow|rival|chipmaker|cloud provider|startup)\s*)+$", re.I)


ZH_DESCRIPTOR_AT_END = re.compile(r"([向为為给給对對从從与與跟同由])[^\s向为為给給对對从從与與跟同由和及、，,的]{0,10}?"
                                  r"(?:商|矿企|礦企|业者|業者|初创公司|初創公司|初创企业|初創企業)$")


@lru_cache(maxsize=64)
def _not_with(words: tuple) -> re.Pattern:
    """The `not_with` words as whole words: a Latin word not inside another ('shares', not 'shareholders');
    a Chinese one anywhere (Chinese has no word boundaries: '270亿美元债券')."""
    return re.compile("|".join(rf"\b{re.escape(w)}\b" if w.isascii() else re.escape(w) for w in words), re.I)


@lru_cache(maxsize=64)
def _longest_first(words: tuple) -> tuple:
    return tuple(sorted(words, key=len, reverse=True))


@lru_cache(maxsize=64)
def _role_words(words: tuple) -> tuple:
    """(word, lower-cased, whether it is a Latin word), longest first: lowered once, not per look-up."""
    return tuple((w, w.lower(), w.isascii() and w[0].isalpha()) for w in _longest_first(words))


def _word_before(ctx: Context, pos: int, vocabulary) -> str | None:
    """The role word right before `pos`, if any (longest first)."""
    before = ctx.between(max(ctx.sentence.start, pos - WORD_WINDOW), pos).rstrip()  # the words just before
    before = ARTICLES_AT_END.sub("", before).rstrip()
    if ctx.sentence.lang == "zh":  # '向燃料電池商Bloom Energy': the trade noun describes the name, 向 marks it
        before = ZH_DESCRIPTOR_AT_END.sub(r"\1", before)
    lowered = before.lower()
    for word, low, latin in _role_words(tuple(vocabulary)):
        if lowered.endswith(low):
            if latin and re.search(r"[A-Za-z]$", before[: -len(word)] or " "):
                continue  # "editor" does not end with the word "to"
            return word
    return None


def _cue_in(cues, kind: str, start: int, end: int) -> bool:
    return any(c.value == kind and c.start < end and start < c.end for c in cues)


def _events_for(trigger, rule: TriggerRule, parties, mentions, cues, clauses, ctx: Context) -> list[Event]:
    clause = _clause_of(trigger.start, clauses)
    if (_cue_in(cues, "negation", clause[0], trigger.start) or _cue_in(cues, "hypothetical", clause[0], trigger.start)
            or _denied(trigger, cues, ctx) or any(_cue_in(cues, c, *_sentence_span(ctx)) for c in ("several_deals", "kinds", "no_money"))):
        return []  # a denied rumour is no deal; "多筆合約的加總，並非單一交易", "a sum of many contracts" add up deals, "授信品种包括…" lists kinds;
        # "雙方表示本案未涉及任何金額": a partnership with no money
    if _part_of_before(trigger, mentions, clause, ctx) or _restated(trigger, mentions, ctx):
        return []
    if rule.weak and _cue_in(cues, "partnership", *_sentence_span(ctx)) and not any(m.kind == "amount" for m in mentions):
        return []  # '與Humain簽署諒解備忘錄，合作開發CPU': a bare deal word beside joint work, with no money stated
    changed = (_cue_in(cues, "change", *_sentence_span(ctx)) or any(m.kind == "life" and m.value.old_years for m in mentions)) \
        and not _cue_in(cues, "no_change", *_sentence_span(ctx))  # "本季未調整任何會計估計"
    if rule.requires == "change" and not changed:
        return []
    if rule.requires == "life_change" and not (changed and any(m.kind == "life" and m.value.new_years for m in mentions)):
        return []
    if rule.requires == "amount" and not any(m.kind == "amount" and clause[0] <= m.start < clause[1] for m in mentions):
        return []  # '达成一项价值100亿美元的合作' is a deal; a cooperation with no value stated is a partnership
    if rule.requires == "goods" and not _deploys_goods(trigger, parties, clause, ctx):
        return []
    if rule.requires == "copula" and not _cue_in(cues, "copula", *clause):
        return []  # "投资者担心…" names no one's stake; "亚马逊是Anthropic的投资者" does
    if rule.not_with and _not_with(rule.not_with).search(
            ctx.between(max(clause[0], trigger.start - 80), min(clause[1], trigger.end + 80))):
        return []
    if rule.given and getattr(_mode_cue(cues, clause, trigger, ctx), "value", None) == "give":
        rule = replace(rule, event_type=rule.given)  # "向Bloom Energy提供最高50億美元融資": a loan, not a stake
    roles = _assign_roles(trigger, rule, parties, cues, clause, ctx, mentions)
    if (roles is None or not roles[1]) and rule.event_type == "purchase_agreement" and _names_goods(parties, clause, ctx):
        # "an order for NVIDIA GPUs": the maker sells; it lends nothing ("debt to buy NVIDIA chips")
        roles = _assign_roles(trigger, rule, parties, cues, clause, ctx, mentions, makers=True) or roles
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


def _sentence_span(ctx: Context) -> tuple[int, int]:
    return ctx.sentence.start, ctx.sentence.end


def _assign_roles(trigger, rule: TriggerRule, parties, cues, clause, ctx: Context, mentions=(), *, makers=False):
    """([party mentions], [counterparty mentions]) for one trigger, or None.

    Companies listed together ("Microsoft and OpenAI", 英伟达、AMD) move as one group:
    the role word before the first one marks them all.
    """
    words = ctx.words
    preps = {**words.preps[rule.event_type], **rule.preps}
    groups = _groups([p for p in parties if clause[0] <= p.start < clause[1]], ctx)
    marks = {id(g[0]): _word_before(ctx, g[0].start, preps) for g in groups}
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
    mode_cue = _mode_cue(cues, clause, trigger, ctx, others) if rule.receiver else None
    mode = mode_cue.value if mode_cue is not None else None
    if rule.issued and mode == "give":  # "sold notes to investors": the seller of the paper borrows
        mode = "receive"
    pivot = mode_cue.start if mode_cue is not None else trigger.start
    unmarked_left = [g for g in groups if g[-1].end <= pivot and marks[id(g[0])] is None]
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
    window_start = subject[-1].end if subject and subject[0].start >= clause[0] else clause[0]
    receiver = rule.receiver or "party"
    active = {"give": OTHER[receiver], "receive": receiver}.get(mode, rule.agent)
    passive = _cue_in(cues, "passive", trigger.start, trigger.end)  # the trigger is the participle: "was backed"
    subject_role = OTHER[active] if passive else active
    preps = {**preps, "\x00between": "other", "\x00possessor": rule.possessor, "\x00seller": "counterparty"}
    roles: dict[str, list] = {"party": [], "counterparty": []}
    for g in sorted(groups, key=lambda g: (g[0].start < trigger.start, abs(g[0].start - trigger.start))):
        word = marks[id(g[0])]
        if word is None or g is subject:
            continue
        role = preps[word]
        if mode == "give" and word in words.give_targets:
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
    if ctx.sentence.lang == "en" and roles["party"] and not roles["counterparty"] and rule.event_type == "investment":
        roles["counterparty"] = [m for m in mentions if m.kind == "topic"][:1]  # "also participated in the round"
    if ctx.sentence.lang == "zh" and roles["party"] and not roles["counterparty"] and rule.event_type != "depreciation_change":
        roles["counterparty"] = _topic_counterparty(trigger, parties, roles["party"], preps, ctx)
    if not roles["party"] and ctx.meta.filer and (rule.event_type == "depreciation_change" or roles["counterparty"]):
        roles["party"] = [Mention(trigger.doc_id, trigger.start, trigger.start, "", "filer", ctx.meta.filer, None)]
    if not roles["party"]:
        return None
    if rule.event_type == "depreciation_change":
        return roles["party"][:1], [], True
    return roles["party"], roles["counterparty"], mode is not None or passive \
        or (ctx.sentence.lang == "zh" and _directed(groups, marks, preps))


def _raiser_named(subject, rule: TriggerRule) -> bool:
    """'项目融资通过特殊目的实体Beignet Investor LLC完成': where the clause names who raises the money, the topic
    carried from before (a dropped subject) is not made its investor: a vehicle raising money names none.
    (A lender carried into '为X提供贷款' still lends.)"""
    return subject[0].kind == "topic" and rule.event_type == "investment" and rule.agent == rule.receiver == "counterparty"


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
    out = []
    for g in groups:
        word = marks[id(g[0])]
        if word is not None and preps.get(word) == "other" and named_target and out and out[-1] in left and g in left:
            out[-1] = out[-1] + g
            continue
        if rule.symmetric and word is None and len(g) > 1 and g in left and not named_target:
            out.append(g[:1])
            rest = g[1:]
            marks[id(rest[0])] = "\x00between"
            out.append(rest)
            continue
        out.append(g)
    return out


def _names_goods(parties, clause, ctx: Context) -> bool:
    """Is a company of the clause named before its goods ("NVIDIA GPUs")? Only then can
    `_goods_makers` change the roles, so only then are they worth assigning again."""
    after = ctx.words.goods_after
    return bool(after) and any(clause[0] <= p.start < clause[1] and re.match(after, ctx.between(p.end, ctx.sentence.end))
                               for p in parties)


def _deploys_goods(trigger, parties, clause, ctx: Context) -> bool:
    """'将使用最多100万颗谷歌TPU' buys from the maker whose goods are its object (roles.yaml goods_after,
    goods_bought); '部署于得州园区' buys nothing, and who deploys for a customer ('为微软部署约20万颗英伟达
    GB300 GPU') sells the service (goods_for_other)."""
    words = ctx.words
    if words.goods_for_other and re.search(words.goods_for_other, ctx.between(clause[0], trigger.start)):
        return False
    return any(trigger.end <= p.start < clause[1] and re.match(words.goods_after, ctx.between(p.end, ctx.sentence.end))
               and re.match(words.goods_bought, ctx.between(trigger.start, p.start)) for p in parties)


def _goods_makers(groups, marks, trigger, rule: TriggerRule, ctx: Context) -> list[list[Mention]]:
    """'powered by NVIDIA GB300 chips in Lambda's cloud': a company named before its goods only describes
    them and takes no role, except for the purchase trigger that buys those goods ('buy 50,000 NVIDIA
    GPUs'): there it is the seller, unless a seller follows ('buy NVIDIA GPUs from Dell'). The words
    are data (roles.yaml `goods_after`, `goods_bought`)."""
    words = ctx.words
    if not words.goods_after:
        return groups
    out = []
    for g in groups:
        if re.match(words.goods_after, ctx.between(g[-1].end, ctx.sentence.end)):
            named = any(o[0].start > g[-1].end and marks[id(o[0])] in words.receive_sources for o in groups)
            if named or not (rule.event_type == "purchase_agreement" and trigger.end <= g[0].start
                             and re.match(words.goods_bought, ctx.between(trigger.start, g[0].start))):
                continue
            marks[id(g[0])] = "\x00seller"
        out.append(g)
    return out


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


def _mode_cue(cues, clause, trigger, ctx: Context, others=()) -> Mention | None:
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


def _topic_counterparty(trigger, parties, party_group, preps, ctx: Context) -> list[Mention]:
    """Chinese drops what the sentence already named: '微软给OpenAI的这笔钱……是Azure credit',
    'CoreWeave完成融资，英伟达也参与了投资'. The other side is the company named earlier, with the
    companies listed with it ('Meta最近和谷歌云、CoreWeave、Nebius签了一堆合同': one deal each)."""
    names = {p.value for p in party_group}
    earlier = [p for p in parties if p.end <= trigger.start and p.value not in names]
    marked = [p for p in earlier if preps.get(_word_before(ctx, p.start, preps) or "") == "counterparty"]
    first = (marked or earlier)[:1]
    return next((g for g in _groups(earlier, ctx) if first and g[0] is first[0]), first)


def _carried_subject(trigger, parties, preps, ctx: Context, clause=None):
    """A subject named earlier in the sentence, for a clause that names only the other side
    ("OpenAI ...，却签下...：与微软签2500亿、与甲骨文签3000亿"). A clause that goes on with 并 / 还
    ("谷歌为Fluidstack提供担保，并获得Cipher的股权") keeps the subject of the clause just before."""
    earlier = _groups([p for p in parties if p.end <= trigger.start], ctx)
    unmarked = [g for g in earlier if _word_before(ctx, g[0].start, preps) is None]
    if clause is not None and ctx.sentence.lang == "zh" and GOES_ON.match(ctx.between(clause[0], clause[1])):
        leading = [g for g in unmarked if CLAUSE_START.search(ctx.between(ctx.sentence.start, g[0].start))]
        if leading:
            return leading[-1]
    return unmarked[0] if unmarked else None


RELATIVE = re.compile(r"(?:which|who)\b", re.I)


def _relative_subject(clause, parties, ctx: Context) -> list[Mention] | None:
    """'developed by Crusoe, which received a loan from JPMorgan Chase': 'which' is the company right
    before it; after anything else ('a round in February, which was led by ...') it is no company."""
    before = [p for p in parties if p.end <= clause[0]]
    if before and not ctx.between(before[-1].end, clause[0]).strip(" ,"):
        return [before[-1]]
    return None


GOES_ON = re.compile(r"^[，,；;\s]*(?:并且|並且|并|並|还|還|同时|同時|亦|且)")
CLAUSE_START = re.compile(r"(?:^|[，,；;：:])[\s\d年月日]*$")


def _groups(parties: list[Mention], ctx: Context) -> list[list[Mention]]:
    """Consecutive companies joined only by list words ("Microsoft and OpenAI", 英伟达、AMD)."""
    groups: list[list[Mention]] = []
    coordinators = _longest_first(tuple(ctx.words.coordinators))
    for p in parties:
        if groups and _only_list_words(ctx.between(groups[-1][-1].end, p.start), coordinators):
            groups[-1].append(p)
        else:
            groups.append([p])
    return groups


def _only_list_words(gap: str, coordinators) -> bool:
    if not gap.strip():
        return False
    gap = re.sub(r"\([^()]*\)|（[^（）]*）|(?:\b(?:up to|as much as|about|approximately|roughly|around|nearly|another|a further)\s+)?[$€£¥]?\s?[\d.,]+\s*(?:billion|million|trillion|bn|亿|億|万亿|萬億|美元)*", " ", gap)
    for word in coordinators:
        gap = gap.replace(word, " ")
    return not gap.strip(" ,，、'’s*_")  # "**NVIDIA**, **Andreessen Horowitz**": Markdown emphasis joins no less


def _build(trigger, rule, party, counterparty, group, mentions, cues, clause, ctx: Context, life=None,
           orient: bool = False) -> Event | None:
    if (orient and counterparty is not None  # "a deal with" says no direction: the buyer is the party
            and ctx.rules.entities.sells_to(party.value, counterparty.value)):
        party, counterparty = counterparty, party
    amount = None if rule.event_type == "depreciation_change" else _amount_for(trigger, (counterparty, party), group, mentions, clause, ctx)
    if counterparty is None and not (rule.standalone or rule.event_type == "depreciation_change"):
        return None
    if counterparty is None and rule.event_type == "purchase_agreement" and _cue_in(cues, "total", *_sentence_span(ctx)):
        return None  # "unconditional purchase obligations ... totaled $28.1 billion": a sum over many suppliers (LEDGER.md)
    if counterparty is not None and counterparty.value == party.value:
        return None
    if rule.event_type == "purchase_agreement" and any(_many_firms(m) for m in (party, counterparty)):
        return None
    event_type = rule.event_type
    if event_type == "purchase_agreement" and any(_lenders(m) for m in (party, counterparty)):
        event_type = "credit"  # "a syndicate of lenders committed to provide $2.6 billion": lenders sell nothing, they lend
        if not _lenders(party):
            party, counterparty = counterparty, party

    date = next((m.value for m in mentions if m.kind == "date"), None)
    spans = [m for m in (trigger, party, counterparty, amount) if m is not None and m.text and m.start >= clause[0]]
    start, end = min(m.start for m in spans), max(m.end for m in spans)
    value = amount.value if amount else None
    return Event(
        event_type=event_type, party=party.value, counterparty=counterparty.value if counterparty else None,
        doc_id=ctx.sentence.doc_id, rule_id=rule.id, sentence=ctx.sentence.text, char_start=start, char_end=end,
        language=ctx.sentence.lang, party_text=party.text or None, counterparty_text=counterparty.text if counterparty else None,
        amount=value.value if value else None, amount_low=value.low if value else None,
        amount_high=value.high if value else None, currency=value.currency if value else None,
        amount_text=amount.text if amount else None, per_period=value.per_period if value else None,
        asset_class=_asset_class(ctx) if rule.event_type == "depreciation_change" else None,
        life_old_years=life.value.old_years if life else None, life_new_years=life.value.new_years if life else None,
        effective=date if rule.event_type == "depreciation_change" else None,
        status=_status(cues, rule), source=None, doc_date=ctx.meta.doc_date,
    )


MANY_FIRMS = re.compile(r"(?:customers|clients|buyers|developers|labs|companies|startups|start-ups|hyperscalers)$", re.I)


def _many_firms(m: Mention | None) -> bool:
    """'contracts with three different customers': deals with many firms are a total, not one deal."""
    return m is not None and m.kind == "generic" and MANY_FIRMS.search(m.value) is not None


LENDERS = re.compile(r"\b(?:banks|lenders|creditors|bondholders|noteholders)$|(?:银行|銀行|银团|銀團|金融机构|金融機構|债权人|債權人)$", re.I)


def _lenders(m: Mention | None) -> bool:
    """'a syndicate of lenders', 'several banks', '几家本地银行': unnamed lenders as written."""
    return m is not None and m.kind == "generic" and LENDERS.search(m.value) is not None


def _amount_for(trigger, sides, group, mentions, clause, ctx: Context) -> Mention | None:
    """The amount of this event: by position in a list (of counterparties, or of parties), else the one nearest the trigger."""
    amounts = [m for m in mentions if m.kind == "amount" and clause[0] <= m.start < clause[1] and not _per_share(m, ctx)]
    if not amounts and ctx.sentence.lang == "zh" and trigger.value == "investment":
        amounts = _round_amount(trigger, mentions, clause, ctx)
    amounts = [a for i, a in enumerate(amounts) if not _valuation(a, mentions, ctx) and not _a_part_of(a, trigger, mentions)
               and not (i and CONVERTED.match(ctx.between(amounts[i - 1].end, a.start)))]
    if not amounts:
        return None
    amounts = [a for a in amounts if not _a_total(a, amounts, mentions, clause)] or amounts
    listed = next((i for side in sides for i, g in enumerate(group) if side is not None and g is side), None)
    if listed is not None and len(group) > 1 and len(amounts) == len(group):
        return amounts[listed]
    return _nearest(trigger, amounts)


CONVERTED = re.compile(r"^\s*[（(]\s*(?:約合|约合|約|约|折合|相當於|相当于|合)?\s*$|^\s*\(\s*(?:about|approximately|or)?\s*$", re.I)
VALUATION_GAP = re.compile(r"^[^，,。；;\d]{0,12}$")


def _valuation(amount, mentions, ctx: Context) -> bool:
    """'估值約為3,500億美元', 'at a $6.8 billion valuation': an amount a few words after a valuation word (the
    `valuation` cue) or right before 'valuation' is what a company is worth, not what a deal moves. (A converted amount, '10億美元（約新台幣307億元）', is
    the amount before it again: CONVERTED.)"""
    return VALUATION_AFTER.match(ctx.between(amount.end, ctx.sentence.end)) is not None or any(
        m.kind == "cue" and m.value == "valuation" and m.end <= amount.start
        and VALUATION_GAP.match(ctx.between(m.end, amount.start)) for m in mentions)


VALUATION_AFTER = re.compile(r"^\s*(?:post-money\s+|pre-money\s+)?valuation\b", re.I)  # "at a $6.8 billion valuation"


def _a_part_of(amount, trigger, mentions) -> bool:
    """'其中100亿美元投资有相当部分是以Azure credit的形式发放的': a part word (the `part` cue) between an amount and
    the trigger says only a part of that amount is this deal; how much is not stated."""
    return any(m.kind == "cue" and m.value == "part" and amount.end <= m.start and m.end <= trigger.start for m in mentions)


TOTAL_REACH = 80  # characters from a total word to its amount: "the total value of its contracts with CoreWeave to"


def _a_total(amount, amounts, mentions, clause) -> bool:
    """'..., bringing the total value of its contracts with CoreWeave to $22.4 billion': an amount after a
    total word (the `total` cue), with no other amount between, sums several deals; the deal has its own."""
    return any(m.kind == "cue" and m.value == "total" and clause[0] <= m.start and 0 <= amount.start - m.end <= TOTAL_REACH
               and not any(m.end <= a.start < amount.start for a in amounts) for m in mentions)


def _round_amount(trigger, mentions, clause, ctx: Context) -> list[Mention]:
    """'完成2.21亿美元的B轮融资，由Magnetar领投': the round's amount is in the clause just before."""
    start = max(ctx.sentence.text.rfind(c, 0, ctx.rel(clause[0]) - 1) for c in "，,；;") + 1 + ctx.sentence.start
    before = [m for m in mentions if start <= m.start < clause[0]]
    if not any(m.kind == "trigger" and m.value == trigger.value for m in before):
        return []
    return [m for m in before if m.kind == "amount" and not _per_share(m, ctx)]


PER_SHARE_BEFORE = re.compile(r"(?:每股|每股价格|每股作价|每股約|每股约)\s*$")
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


def _asset_class(ctx: Context) -> str | None:
    found = ASSET.search(ctx.sentence.text)
    return found.group() if found else None


def _status(cues, rule: TriggerRule) -> str:
    found = {c.value.split(":", 1)[1] for c in cues if str(c.value).startswith("status:")}
    return next((s for s in STATUS_ORDER if s in found), rule.status or "agreed")


def _drop_summaries(events: list[Event]) -> list[Event]:
    """A counterparty-less event beside specific ones of the same party and type is their total."""
    specific = {(e.event_type, e.party) for e in events if e.counterparty}
    return [e for e in events if e.counterparty or e.event_type == "depreciation_change"
            or (e.event_type, e.party) not in specific]


def _dedupe(events: list[Event], by_rule: dict) -> list[Event]:
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
