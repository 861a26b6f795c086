"""`dealledger explain`: what the matchers and assembly saw in a sentence, and why.

For a text, or the N-th candidate sentence of a document: the tokens (spaCy for
English, jieba for Chinese), the mentions by kind, each trigger rule that matched
and what became of it (its events, or the reason it gave none), trigger patterns
that matched only in part, and the events with their roles. Reasons are found by
ablation through the public `assemble`, so they stay true whatever it does inside.
"""
from __future__ import annotations

import json
import weakref
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from .assemble import assemble
from .extract import Extractor, document_currency
from .language import detect_lang, detect_region
from .match_zh import match_tokens
from .read import document_from_text, read_document
from .records import DocMeta, Document, Event, Mention, Sentence
from .rules import RuleSet, TriggerRule
from .sentences import paragraphs

MENTION_KINDS = (("entities", ("entity",)), ("amounts", ("amount",)), ("lives", ("life",)),
                 ("dates", ("date",)), ("cues", ("cue",)))
PREVIEW = 160


@dataclass(frozen=True)
class TriggerOutcome:
    """One trigger match: the events it gave, or why it gave none (a near miss)."""

    mention: Mention
    rule: TriggerRule
    events: tuple[Event, ...]
    reason: str | None = None


@dataclass(frozen=True)
class PartialMatch:
    """A trigger pattern whose first tokens matched and whose next token did not."""

    rule_id: str
    matched: str
    start: int
    failed_token: int  # 1-based position in the pattern
    spec: dict
    found: str | None  # the text token where the spec failed; None at the sentence end


@dataclass(frozen=True)
class Explanation:
    sentence: Sentence
    tokens: tuple[str, ...]
    mentions: tuple[Mention, ...]
    outcomes: tuple[TriggerOutcome, ...]
    partials: tuple[PartialMatch, ...]
    events: tuple[Event, ...]

    @property
    def near_misses(self) -> list[TriggerOutcome]:
        return [o for o in self.outcomes if o.reason]


def explain_text(text: str, *, lang: str | None = None, filer: str | None = None,
                 extractor: Extractor | None = None) -> str:
    """The report for a text typed on the command line; `lang` forces the matcher."""
    extractor = extractor or Extractor()
    doc = document_from_text("explain", text, meta=DocMeta(filer=filer, lang=lang), source="<text>")
    found = explain_doc(doc, extractor=extractor, lang=lang)
    if not found:
        return _no_candidate(text, lang or detect_lang(text), extractor)
    return "\n\n".join(render(x, number=i, total=len(found)) for i, x in enumerate(found, 1))


def explain_document(path: Path, *, sentence: int | None = None, extractor: Extractor | None = None) -> str:
    """The report for the N-th candidate sentence (1-based) of a file; the numbered list without a valid N."""
    extractor = extractor or Extractor()
    doc = read_document(Path(path))
    found = explain_doc(doc, extractor=extractor)
    if sentence is not None and 1 <= sentence <= len(found):
        return f"{path}\n" + render(found[sentence - 1], number=sentence, total=len(found))
    note = "" if sentence is None else f"sentence {sentence} is out of range (1-{len(found)})\n"
    lines = [f"{note}candidate sentences of {path} ({len(found)}); explain one with --sentence N:"]
    lines += [f"{i:>4}. [{x.sentence.lang}] {_preview(x.sentence.text)}" for i, x in enumerate(found, 1)]
    return "\n".join(lines)


def explain_doc(doc: Document, *, extractor: Extractor, lang: str | None = None) -> list[Explanation]:
    """Every candidate sentence of a document, explained as `Extractor.extract` would see it."""
    matched = _matched(doc, extractor, lang)
    currency = doc.meta.currency or document_currency(m for _, ms in matched for m in ms)
    meta = replace(doc.meta, region=doc.meta.region or detect_region(doc.text))
    return [explain_sentence(s, [_with_currency(m, currency) for m in ms], meta=meta, extractor=extractor)
            for s, ms in matched]


def explain_sentence(sentence: Sentence, mentions: list[Mention], *, meta: DocMeta, extractor: Extractor) -> Explanation:
    events = assemble(sentence, mentions, rules=extractor.rules, meta=meta)
    return Explanation(
        sentence=sentence, tokens=tuple(_tokens(sentence, extractor)), mentions=tuple(mentions),
        outcomes=tuple(trace_triggers(sentence, mentions, events, rules=extractor.rules, meta=meta)),
        partials=tuple(partial_matches(sentence, mentions, extractor)), events=tuple(events))


def _matched(doc: Document, extractor: Extractor, lang: str | None):
    if lang is None:
        return extractor.matched_sentences(doc, near_misses=True)
    region = doc.meta.region or detect_region(doc.text)
    found = []
    for offset, paragraph in paragraphs(doc.text):
        if lang == "zh":
            found += extractor.zh.process(paragraph, offset, doc.doc_id, region=region)
        else:
            found += extractor.en.process(paragraph, offset, doc.doc_id, near_misses=True)
    return found


def _with_currency(m: Mention, currency: str) -> Mention:
    """As extraction does: an amount with no currency takes the document's."""
    if m.kind == "amount" and m.value.currency is None:
        return replace(m, value=replace(m.value, currency=currency))
    return m


def _tokens(sentence: Sentence, extractor: Extractor) -> list[str]:
    if sentence.lang == "zh":
        return [w for w, _, _ in extractor.zh.tokens(sentence.text)]
    return [t.text for t in extractor.en.nlp.make_doc(sentence.text)]


# -- why a trigger gave no event --------------------------------------------------
# Assembly's conditions are re-checked by ablation through the public `assemble`:
# remove a blocking cue, the other triggers, a stopping cue (negation, denial,
# hypothetical ...); drop the rule's change requirement; name the filer; let the rule
# stand without a counterparty. The steps that turn the trigger's "no event" into an
# event, and that it still needs once the others are applied, are the reason.

PLACEHOLDER_FILER = "<the filer>"


@dataclass(frozen=True)
class _Setup:
    """What one trial assembly runs on."""

    mentions: tuple
    rules: RuleSet
    meta: DocMeta


@dataclass(frozen=True)
class _Step:
    name: str
    applies: object  # (trigger, rule, setup) -> bool
    apply: object  # (trigger, rule, setup) -> _Setup


def trace_triggers(sentence: Sentence, mentions: list[Mention], events: list[Event], *,
                   rules: RuleSet, meta: DocMeta) -> list[TriggerOutcome]:
    """Each trigger mention with the events that came from it, or the reason there are none."""
    by_rule = {r.id: r for r in rules.triggers_for(sentence.lang)}
    setup = _Setup(tuple(mentions), rules, meta)
    out = []
    for t in (m for m in mentions if m.kind == "trigger" and m.rule_id in by_rule):
        mine = tuple(e for e in events if _from_trigger(e, t))
        reason = None if mine else _reason(sentence, t, by_rule[t.rule_id], setup, events)
        out.append(TriggerOutcome(t, by_rule[t.rule_id], mine, reason))
    return out


def _from_trigger(e: Event, t: Mention) -> bool:
    return e.rule_id == t.rule_id and e.char_start <= t.start and t.end <= e.char_end


def _events_of(sentence: Sentence, t: Mention, setup: _Setup) -> list[Event]:
    events = assemble(sentence, list(setup.mentions), rules=setup.rules, meta=setup.meta)
    return [e for e in events if _from_trigger(e, t)]


def _without(setup: _Setup, drop) -> _Setup:
    return replace(setup, mentions=tuple(m for m in setup.mentions if not drop(m)))


def _with_rule(setup: _Setup, rule_id: str, **changes) -> _Setup:
    triggers = tuple(replace(r, **changes) if r.id == rule_id else r for r in setup.rules.triggers)
    return replace(setup, rules=replace(setup.rules, triggers=triggers))


def _cue(kind: str):
    return lambda m: m.kind == "cue" and m.value == kind


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.start < b.end and b.start < a.end


# Cue kinds that shape roles or status; every other kind in a sentence (negation, denial,
# hypothetical, total ...) may stop an event, and is tried as a reason.
ROLE_CUES = frozenset({"filer", "generic", "pronoun", "give", "receive", "passive", "change", "block", "copula"})


def _steps(setup: _Setup) -> list[_Step]:
    """The ablations, in assembly's order: blocking cue, other triggers, stopping cues, change, filer, counterparty."""
    stopping = dict.fromkeys(m.value for m in setup.mentions if m.kind == "cue" and m.value not in ROLE_CUES
                             and not str(m.value).startswith("status:"))
    return [
        _Step("block", lambda t, r, s: any(_cue("block")(m) and _overlaps(m, t) for m in s.mentions),
              lambda t, r, s: _without(s, lambda m: _cue("block")(m) and _overlaps(m, t))),
        _Step("others", lambda t, r, s: any(m.kind == "trigger" and m is not t for m in s.mentions),
              lambda t, r, s: _without(s, lambda m: m.kind == "trigger" and m is not t)),
        *(_Step(f"cue:{kind}", lambda t, r, s, k=kind: any(_cue(k)(m) for m in s.mentions),
                lambda t, r, s, k=kind: _without(s, _cue(k))) for kind in stopping),
        _Step("change", lambda t, r, s: r.requires == "change", lambda t, r, s: _with_rule(s, r.id, requires=None)),
        _Step("copula", lambda t, r, s: r.requires == "copula", lambda t, r, s: _with_rule(s, r.id, requires=None)),
        _Step("filer", lambda t, r, s: not s.meta.filer and any(_cue("filer")(m) for m in s.mentions),
              lambda t, r, s: replace(s, meta=replace(s.meta, filer=PLACEHOLDER_FILER))),
        _Step("counterparty", lambda t, r, s: r.event_type != "depreciation_change" and not getattr(r, "standalone", False),
              lambda t, r, s: _with_rule(s, r.id, **_standalone(r))),
    ]


def _standalone(rule: TriggerRule) -> dict:
    """Changes that let a rule make an event with no counterparty (older rule sets: not weak)."""
    return {"weak": False, **({"standalone": True} if hasattr(rule, "standalone") else {})}


def _reason(sentence: Sentence, t: Mention, rule: TriggerRule, setup: _Setup, events: list[Event]) -> str:
    """Apply the steps in assembly's order until the trigger gives an event; keep the steps it needed."""
    applied: list[_Step] = []
    current = setup
    for step in _steps(setup):
        if not step.applies(t, rule, current):
            continue
        applied.append(step)
        current = step.apply(t, rule, current)
        found = _events_of(sentence, t, current)
        if found:
            needed = [st for st in applied if not _events_of(sentence, t, _replay(t, rule, setup, applied, skip=st))]
            return "; ".join(_say(st.name, sentence, t, rule, setup, found, events) for st in needed or applied[-1:])
    return _no_party(t, setup)


def _replay(t: Mention, rule: TriggerRule, setup: _Setup, steps: list[_Step], *, skip: _Step) -> _Setup:
    for step in steps:
        if step is not skip and step.applies(t, rule, setup):
            setup = step.apply(t, rule, setup)
    return setup


def _say(name: str, sentence: Sentence, t: Mention, rule: TriggerRule, setup: _Setup,
         found: list[Event], events: list[Event]) -> str:
    cues = [m for m in setup.mentions if m.kind == "cue"]
    if name == "block":
        block = next(m for m in cues if m.value == "block" and _overlaps(m, t))
        return f"blocked by the cue {_said(block)}: not a deal word here"
    if name.startswith("cue:"):
        kind = name.split(":", 1)[1]
        return f"{kind} cue " + ", ".join(_said(m) for m in cues if m.value == kind)
    if name == "change":
        return "needs a change cue (extend, shorten, 延长 ...) or an old useful life in the sentence: none found"
    if name == "copula":
        return "a holder noun needs a copula cue (是, 成为, 包括 ...) in its clause: none found"
    if name == "filer":
        first = next(m for m in cues if m.value == "filer")
        return f"no party: first person {first.text!r} but the filer is unknown (give --filer)"
    if name == "counterparty":
        alone = found[0]
        return (f"no counterparty found, and {rule.id} needs one (without that it would give "
                f"{alone.event_type} with party {alone.party})")
    return _suppressed(sentence, t, rule, setup, found, events)


def _suppressed(sentence: Sentence, t: Mention, rule: TriggerRule, setup: _Setup,
                found: list[Event], events: list[Event]) -> str:
    """Alone the trigger gives events; beside the others it does not."""
    keys = {(e.event_type, e.party, e.counterparty) for e in events}
    if all(e.counterparty is None for e in found) and any(
            (e.event_type, e.party) == (f.event_type, f.party) and e.counterparty for e in events for f in found):
        return "dropped as a summary: an event without counterparty beside specific events of the same party and type"
    if any((f.event_type, f.party, f.counterparty) in keys for f in found):
        other = next(e for e in events for f in found if (e.event_type, e.party, e.counterparty) ==
                     (f.event_type, f.party, f.counterparty))
        return f"merged into the event of {other.rule_id} for the same deal (type, party, counterparty)"
    others = [m for m in setup.mentions if m.kind == "trigger" and m is not t]
    stronger = [o for o in others if _events_of(sentence, t, _without(setup, lambda m, o=o: m is o))]
    if rule.weak and stronger:
        return f"weak trigger overridden by the stronger trigger {_said(stronger[0])} in its clause"
    return "suppressed by the other triggers of the sentence: " + ", ".join(_said(o) for o in stronger or others)


def _said(m: Mention) -> str:
    return f"{m.text!r} ({m.rule_id})"


def _no_party(t: Mention, setup: _Setup) -> str:
    named = [m for m in setup.mentions if m.kind == "entity" or _cue("generic")(m)
             or (_cue("filer")(m) and setup.meta.filer)]
    if not named:
        return "no party found: the sentence names no company"
    names = ", ".join(repr(m.text) for m in named)
    described = ", ".join(repr(m.text) for m in named if _cue("generic")(m))
    return (f"no party found: of the companies named ({names}) none takes the party role for this trigger "
            "(another clause, marked as the other side, or the same company on both sides)"
            + (f"; or a side is only described ({described}): no company named on either side, or a stake in or "
               "purchase from many unnamed firms (a total)" if described else ""))


# -- trigger patterns that matched in part ---------------------------------------

_PREFIX_MATCHERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def partial_matches(sentence: Sentence, mentions: list[Mention], extractor: Extractor) -> list[PartialMatch]:
    """Multi-token trigger patterns whose first tokens matched where the whole pattern did not."""
    full = {(m.rule_id, m.start) for m in mentions if m.kind == "trigger"}
    found = _partials_zh(sentence, extractor) if sentence.lang == "zh" else _partials_en(sentence, extractor)
    return [p for p in found if (p.rule_id, p.start) not in full]


def _prefix_matcher(extractor: Extractor):
    """A spaCy Matcher holding every proper prefix of every multi-token English trigger pattern."""
    en = extractor.en
    if en not in _PREFIX_MATCHERS:
        from spacy.matcher import Matcher

        matcher = Matcher(en.nlp.vocab)
        for rule in extractor.rules.triggers_for("en"):
            for k in range(1, len(rule.pattern)):
                if any(tok.get("OP") not in ("?", "*") for tok in rule.pattern[:k]):
                    matcher.add(f"{rule.id}#{k}", [list(rule.pattern[:k])])
        _PREFIX_MATCHERS[en] = matcher
    return _PREFIX_MATCHERS[en]


def _partials_en(sentence: Sentence, extractor: Extractor) -> list[PartialMatch]:
    doc = extractor.en.nlp.make_doc(sentence.text)
    best: dict[tuple[str, int], tuple[int, int]] = {}
    strings = doc.vocab.strings
    for match_id, start, end in _prefix_matcher(extractor)(doc):
        rid, k = strings[match_id].rsplit("#", 1)
        key = (rid, start)
        if key not in best or (int(k), end) > best[key]:
            best[key] = (int(k), end)
    rules = {r.id: r for r in extractor.rules.triggers_for("en")}
    out = []
    for (rid, start), (k, end) in sorted(best.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        out.append(PartialMatch(rid, doc[start:end].text, sentence.start + doc[start].idx, k + 1,
                                rules[rid].pattern[k], doc[end].text if end < len(doc) else None))
    return out


def _partials_zh(sentence: Sentence, extractor: Extractor) -> list[PartialMatch]:
    tokens = extractor.zh.tokens(sentence.text)
    out = []
    for rule in (r for r in extractor.rules.triggers_for("zh") if len(r.pattern) > 1):
        for i in range(len(tokens)):
            if match_tokens(rule.pattern, tokens, i) is not None:
                continue
            k = max((k for k in range(1, len(rule.pattern)) if match_tokens(rule.pattern[:k], tokens, i)), default=0)
            if k:
                j = match_tokens(rule.pattern[:k], tokens, i)
                out.append(PartialMatch(rule.id, sentence.text[tokens[i][1]:tokens[j - 1][2]], sentence.start + tokens[i][1],
                                        k + 1, rule.pattern[k], tokens[j][0] if j < len(tokens) else None))
    return out


# -- the report ---------------------------------------------------------------------

def render(x: Explanation, *, number: int = 1, total: int = 1) -> str:
    """The readable report for one sentence."""
    s = x.sentence
    tokenizer = "jieba" if s.lang == "zh" else "spaCy"
    lines = [f"sentence {number} of {total} [{s.lang}] chars {s.start}-{s.end}", f"  {s.text}",
             f"tokens ({tokenizer}, {len(x.tokens)}): " + " | ".join(x.tokens)]
    for title, kinds in MENTION_KINDS:
        found = [m for m in x.mentions if m.kind in kinds]
        lines.append(f"{title}:" + ("" if found else " none"))
        lines += [f"  {_mention(m)}" for m in found]
    lines.append("trigger rules matched:" + ("" if x.outcomes else " none"))
    for o in x.outcomes:
        result = f"{len(o.events)} event(s)" if o.events else "no event (see near misses)"
        lines.append(f"  {o.mention.text!r} [{o.mention.start}-{o.mention.end}] {o.rule.id} ({_rule_shape(o.rule)}) -> {result}")
    lines.append("near misses:" + ("" if x.near_misses or x.partials else " none"))
    lines += [f"  {o.rule.id} on {o.mention.text!r}: {o.reason}" for o in x.near_misses]
    lines += [f"  {p.rule_id}: {p.matched!r} matched the pattern up to token {p.failed_token - 1}; token "
              f"{p.failed_token} {json.dumps(p.spec, ensure_ascii=False)} failed at "
              f"{repr(p.found) if p.found is not None else 'the end of the sentence'}" for p in x.partials]
    lines.append("events:" + ("" if x.events else " none"))
    lines += [f"  {i}. {_event(e)}" for i, e in enumerate(x.events, 1)]
    return "\n".join(lines)


def _mention(m: Mention) -> str:
    where = f"[{m.start}-{m.end}] {m.rule_id}"
    if m.kind == "entity":
        return f"{m.text!r} -> {m.value}  {where}"
    if m.kind == "amount":
        a = m.value
        parts = [f"value {_num(a.value)}" if a.value is not None else "",
                 f"low {_num(a.low)}" if a.low is not None else "", f"high {_num(a.high)}" if a.high is not None else "",
                 a.currency or "no currency", f"per {a.per_period}" if a.per_period else ""]
        return f"{m.text!r} -> {' '.join(p for p in parts if p)}  {where}"
    if m.kind == "life":
        return f"{m.text!r} -> old {_num(m.value.old_years)} new {_num(m.value.new_years)} years  {where}"
    return f"{m.text!r} -> {m.value}  {where}"


def _rule_shape(rule: TriggerRule) -> str:
    parts = [rule.event_type, f"agent={rule.agent}", f"receiver={rule.receiver}"]
    parts += ["weak"] if rule.weak else []
    parts += [f"requires={rule.requires}"] if rule.requires else []
    return ", ".join(parts)


def _event(e: Event) -> str:
    party = f"party {e.party} ({e.party_text!r})" if e.party_text else f"party {e.party} (the filer, implied)"
    counter = f"counterparty {e.counterparty} ({e.counterparty_text!r})" if e.counterparty else "counterparty none"
    if e.amount_text:
        bounds = [f"{_num(e.amount)}" if e.amount is not None else "",
                  f"low {_num(e.amount_low)}" if e.amount_low is not None else "",
                  f"high {_num(e.amount_high)}" if e.amount_high is not None else ""]
        amount = f"amount {' '.join(b for b in bounds if b)} {e.currency or ''} ({e.amount_text!r})"
        amount += f" per {e.per_period}" if e.per_period else ""
    else:
        amount = "amount none"
    lives = (f"  lives {_num(e.life_old_years)} -> {_num(e.life_new_years)} ({e.asset_class})"
             if e.event_type == "depreciation_change" else "")
    return (f"{e.event_type}: {party} -> {counter}; {amount}; status {e.status}; rule_id {e.rule_id}"
            f"{lives} [{e.char_start}-{e.char_end}]")


def _num(value: Decimal | None) -> str:
    if value is None:
        return "-"
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _preview(text: str, width: int = PREVIEW) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _no_candidate(text: str, lang: str, extractor: Extractor) -> str:
    tokens = ([w for w, _, _ in extractor.zh.tokens(text)] if lang == "zh"
              else [t.text for t in extractor.en.nlp.make_doc(text)])
    return (f"no candidate sentence [{lang}]: no trigger word of the rules occurs, so no rule was tried\n"
            f"tokens ({'jieba' if lang == 'zh' else 'spaCy'}, {len(tokens)}): " + " | ".join(tokens))
