"""`dealledger eval`: run the extractor on the gold corpus, score it, list errors, compare runs."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .extract import Extractor
from .gold import GoldDoc, load_split
from .records import EVENT_TYPES, Event
from .scoring import Alignment, align, event_key, score

LANGUAGES = ("en", "zh")
FIGURES = ("precision", "recall", "f1")


@dataclass
class EvalResult:
    report: dict
    alignment: Alignment
    docs: list[GoldDoc]


def evaluate(*, annotated_dir: Path, split: str, extractor: Extractor | None = None) -> EvalResult:
    """Extract every gold document of the split and score the predictions."""
    extractor = extractor or Extractor()
    docs = load_split(annotated_dir, split)
    total = Alignment()
    for gold in docs:
        preds = [_with_language(e, gold.lang) for e in extractor.extract(gold.doc)]
        al = align(preds, list(gold.events))
        total.matches += al.matches
        total.false_positives += al.false_positives
        total.false_negatives += al.false_negatives
    report = score(total, event_types=EVENT_TYPES, languages=LANGUAGES)
    report["split"] = split
    report["documents"] = len(docs)
    report["rules_version"] = extractor.rules.version
    report["details"] = {
        "tp": sorted(_key_text(m.gold) for m in total.matches),
        "full": sorted(_key_text(m.gold) for m in total.matches if m.full),
        "fp": sorted(_key_text(p) for p in total.false_positives),
        "fn": sorted(_key_text(g) for g in total.false_negatives),
    }
    return EvalResult(report, total, docs)


def _with_language(e: Event, lang: str) -> Event:
    """Score by the document's language, as the gold does (a Chinese doc may quote English)."""
    from dataclasses import replace

    return e if e.language == lang else replace(e, language=lang)


def _key_text(e: Event) -> str:
    return " | ".join(str(x) for x in event_key(e))


def render_table(report: dict) -> str:
    """The readable terminal table: overall, per type, per language, per rule."""
    lines = [f"split: {report['split']}  documents: {report['documents']}  rules: {report['rules_version']}", "",
             f"{'':<24}{'event P':>8}{'R':>7}{'F1':>7}{'slots P':>9}{'R':>7}{'F1':>7}{'gold':>6}{'pred':>6}"]

    def row(name: str, s: dict) -> str:
        e, f = s["event"], s["event_slots"]
        return (f"{name:<24}{e['precision']:>8.3f}{e['recall']:>7.3f}{e['f1']:>7.3f}"
                f"{f['precision']:>9.3f}{f['recall']:>7.3f}{f['f1']:>7.3f}{e['gold']:>6}{e['pred']:>6}")

    lines.append(row("overall", report["overall"]))
    lines += [row(t, s) for t, s in report["by_event_type"].items()]
    lines += [row(f"lang={lang}", s) for lang, s in report["by_language"].items()]
    acc = report["overall"]["slot_accuracy"]
    lines += ["", "slot accuracy on matched events: " + ", ".join(f"{k} {v:.3f}" for k, v in acc.items() if v is not None), "",
              f"{'rule_id':<36}{'events':>7}{'right':>7}{'wrong':>7}{'precision':>10}"]
    for rid, r in report["by_rule"].items():
        lines.append(f"{rid:<36}{r['events']:>7}{r['correct']:>7}{r['wrong']:>7}{(r['precision'] or 0):>10.3f}")
    return "\n".join(lines)


def _marked(text: str, start: int, end: int, context: int = 160) -> str:
    """The sentence around a span with the span marked [[like this]]."""
    left = max(0, text.rfind("\n", 0, start) + 1, start - context)
    right = min(len(text), *(i for i in (text.find("\n", end),) if i >= 0), end + context)
    return f"{text[left:start]}[[{text[start:end]}]]{text[end:right]}".replace("\n", " ")


def render_errors(result: EvalResult, extractor: Extractor) -> str:
    """Each false positive and false negative, with its sentence and the rules involved, by type."""
    texts = {g.doc.doc_id: g.doc for g in result.docs}
    lines = []
    for etype in EVENT_TYPES:
        fps = [p for p in result.alignment.false_positives if p.event_type == etype]
        fns = [g for g in result.alignment.false_negatives if g.event_type == etype]
        if not fps and not fns:
            continue
        lines.append(f"== {etype}: {len(fps)} false positive(s), {len(fns)} false negative(s)")
        for p in fps:
            doc = texts[p.doc_id]
            lines.append(f"FP {p.doc_id} [{p.rule_id}] {p.party} -> {p.counterparty} {p.amount_text or ''}")
            lines.append(f"   {_marked(doc.text, p.char_start, p.char_end)}")
        for g in fns:
            doc = texts[g.doc_id]
            fired = _rules_near(extractor, doc, g.char_start, g.char_end)
            lines.append(f"FN {g.doc_id} {g.party} -> {g.counterparty} (rules seen: {', '.join(fired) or 'none'})")
            lines.append(f"   {_marked(doc.text, g.char_start, g.char_end)}")
    return "\n".join(lines) if lines else "no errors"


def _rules_near(extractor: Extractor, doc, start: int, end: int) -> list[str]:
    """Trigger and cue rules that matched in the sentences the gold evidence covers."""
    rules = set()
    for sentence, mentions in extractor.matched_sentences(doc):
        if sentence.start < end and start < sentence.end:
            rules |= {m.rule_id for m in mentions if m.kind in ("trigger", "cue") and m.rule_id}
    return sorted(rules)


def compare(old: dict, new: dict, *, threshold: float = 0.01) -> tuple[str, bool]:
    """What changed against a previous report; True when a figure dropped by more than `threshold`."""
    lines, regressed = [], False
    sections = [("overall", old["overall"], new["overall"])]
    sections += [(f"type={t}", old["by_event_type"].get(t), new["by_event_type"].get(t)) for t in new["by_event_type"]]
    sections += [(f"lang={x}", old["by_language"].get(x), new["by_language"].get(x)) for x in new["by_language"]]
    for name, before, after in sections:
        if before is None:
            continue
        for level in ("event", "event_slots"):
            for fig in FIGURES:
                a, b = before[level][fig], after[level][fig]
                if abs(b - a) > 1e-9:
                    drop = a - b > threshold
                    regressed |= drop
                    lines.append(f"{name:<28}{level:<12}{fig:<10}{a:.3f} -> {b:.3f} {'DOWN' if b < a else 'up'}"
                                 f"{'  (regression)' if drop else ''}")
    od, nd = old.get("details", {}), new.get("details", {})
    for label, key, sign in (("newly found", "tp", "+"), ("newly lost", "tp", "-"), ("newly wrong (FP)", "fp", "+")):
        a, b = Counter(od.get(key, [])), Counter(nd.get(key, []))  # tranches share a key: count them
        changed = sorted((b - a).elements()) if sign == "+" else sorted((a - b).elements())
        if changed:
            lines.append(f"{label}: {len(changed)}")
            lines += [f"  {c}" for c in changed]
    return ("\n".join(lines) if lines else "no change"), regressed
