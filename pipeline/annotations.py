"""Gold and predicted events to and from Label Studio, so annotators work in a real tool.

One task per document; `data` holds the text and the document's metadata. Each
event is an `event` region over its evidence with per-region fields (see
`labeling_config()`, written to corpora/label_studio_config.xml): event_type and
status as choices; party, counterparty, amounts, lives ... as text areas, in our
gold units. Party, counterparty, trigger and amount spans may be drawn too and
linked to the event region by a relation of the same name; on import a linked
span fills its field when the field was left empty. Import gives our gold jsonl.
"""
from __future__ import annotations

import re

import json
from dataclasses import dataclass, field, fields
from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.sax.saxutils import quoteattr

from .amounts import parse_amount
from .entities import EntityTable
from .errors import DealLedgerError, DocumentError
from .extract import Extractor
from .gold import GoldDoc, load_split
from .language import detect_lang
from .ledger import atomic_write
from .lives import parse_life_years
from .records import EVENT_TYPES, STATUSES, DocMeta, Document, Event, Mention
from .settings import ROOT

CONFIG_PATH = ROOT / "corpora" / "label_studio_config.xml"
TEXT, SPAN, EVENT = "text", "span", "event"  # the Text tag, the Labels tag, the event label
SPAN_LABELS = ("party", "counterparty", "trigger", "amount")
CHOICES = {"event_type": EVENT_TYPES, "status": STATUSES}
TEXT_FIELDS = {  # per-region text areas: gold key -> hint for the annotator
    "party": "canonical name (entities.csv), e.g. NVIDIA; a generic lender as written",
    "counterparty": "canonical name; empty for depreciation",
    "amount": "a number in units of the currency: 1.3万亿美元 -> 1300000000000",
    "amount_low": "more than / 超过 / the low end of a range",
    "amount_high": "up to / 最高 / the high end of a range",
    "currency": "ISO 4217: USD, CNY, EUR ...",
    "per_period": "year, quarter, month: when the amount is a rate",
    "asset_class": "depreciation: the assets, as written",
    "life_old_years": "depreciation: old useful life in years",
    "life_new_years": "depreciation: new useful life in years",
    "effective": "depreciation: when it takes effect (FY2023, 2025-01)",
}
NUMBER_FIELDS = ("amount", "amount_low", "amount_high", "life_old_years", "life_new_years")
EVENT_KEYS = ("event_type", "party", "counterparty", "amount", "amount_low", "amount_high", "currency", "per_period",
              "asset_class", "life_old_years", "life_new_years", "effective", "status", "evidence")
DOC_KEYS = ("doc_id", "lang", "doc_kind", "filer", "source_url", "doc_date")
OPTIONAL_DOC_KEYS = ("region", "currency")  # written only when set
META_KEYS = tuple(f.name for f in fields(DocMeta))


def labeling_config() -> str:
    """The Label Studio labeling config that export and import agree on."""
    labels = "\n".join(f'    <Label value="{v}" background="{c}"/>' for v, c in zip(
        (EVENT, *SPAN_LABELS), ("#ffd166", "#06d6a0", "#118ab2", "#ef476f", "#8338ec")))
    relations = "\n".join(f'    <Relation value="{v}"/>' for v in SPAN_LABELS)
    choices = "\n".join(
        f'    <Header value="{name}" size="6"/>\n'
        f'    <Choices name="{name}" toName="{TEXT}" perRegion="true" choice="single" showInline="true" '
        f'required="{str(name == "event_type").lower()}">\n'
        + "\n".join(f'      <Choice value="{v}"/>' for v in values) + "\n    </Choices>"
        for name, values in CHOICES.items())
    areas = "\n".join(
        f'    <Header value="{name}" size="6"/>\n'
        f'    <TextArea name="{name}" toName="{TEXT}" perRegion="true" editable="true" maxSubmissions="1" '
        f'rows="1" placeholder={quoteattr(hint)}/>' for name, hint in TEXT_FIELDS.items())
    return f"""<View>
  <!-- dealledger: one `event` region per event over its evidence; select it to fill the fields.
       Spans labelled party / counterparty / trigger / amount may be linked to the event region
       by a relation of the same name; an empty field is then filled from its span on import. -->
  <Style>.htx-text {{ white-space: pre-wrap; }}</Style>
  <Header value="$doc_id ($lang)"/>
  <Labels name="{SPAN}" toName="{TEXT}">
{labels}
  </Labels>
  <Relations>
{relations}
  </Relations>
  <Text name="{TEXT}" value="${TEXT}"/>
  <View visibleWhen="region-selected" whenTagName="{SPAN}" whenLabelValue="{EVENT}">
{choices}
{areas}
  </View>
</View>
"""


# -- export ---------------------------------------------------------------------------

@dataclass
class ExportResult:
    tasks: int = 0
    events: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


def export_annotations(*, out: Path, annotated_dir: Path | None = None, split: str = "dev",
                       paths: list[Path] = (), predictions: bool = False,
                       extractor: Extractor | None = None) -> ExportResult:
    """Write Label Studio tasks: the gold corpus (with the rules' predictions if asked), or new files with predictions."""
    result = ExportResult()
    if paths:
        tasks = file_tasks(paths, extractor=extractor or Extractor(), failures=result.failures)
    else:
        golds = load_split(annotated_dir or ROOT / "corpora" / "annotated", split)
        tasks = gold_tasks(golds, extractor=(extractor or Extractor()) if predictions else None)
    result.tasks = len(tasks)
    result.events = sum(len(_events_in(t)) for t in tasks)
    atomic_write(Path(out), json.dumps(tasks, ensure_ascii=False, indent=1))
    return result


def gold_tasks(golds: list[GoldDoc], *, extractor: Extractor | None = None) -> list[dict]:
    """One task per gold document, its events as the annotation; predictions too with an extractor."""
    tasks = []
    for gold in golds:
        for e in gold.events:
            if gold.doc.text[e.char_start:e.char_end] != e.sentence:
                raise DealLedgerError(f"{gold.doc.doc_id}: evidence is not in the text: {e.sentence!r}")
        task = {"data": task_data(gold.doc, gold.lang),
                "annotations": [{"result": event_results(gold.doc.text, gold.events), "ground_truth": True}]}
        if extractor is not None:
            task["predictions"] = [predicted(gold.doc, gold.lang, extractor)]
        tasks.append(task)
    return tasks


def file_tasks(paths, *, extractor: Extractor, failures: list) -> list[dict]:
    """Tasks for documents not yet annotated: the rules' events as predictions to correct."""
    from .read import iter_document_paths, read_document

    tasks = []
    for path in iter_document_paths(paths):
        try:
            doc = read_document(path)
        except DocumentError as e:
            failures.append((str(path), e.cause))
            continue
        lang = doc.meta.lang or detect_lang(doc.text)
        tasks.append({"data": task_data(doc, lang), "predictions": [predicted(doc, lang, extractor)]})
    return tasks


def export_predictions(docs: list[Document], *, extractor: Extractor | None = None) -> list[dict]:
    """Tasks whose predictions are the rules' events, so annotators start from the rules' output."""
    extractor = extractor or Extractor()
    return [{"data": task_data(d, d.meta.lang or detect_lang(d.text)),
             "predictions": [predicted(d, d.meta.lang or detect_lang(d.text), extractor)]} for d in docs]


def task_data(doc: Document, lang: str) -> dict:
    meta = {k: getattr(doc.meta, k) for k in META_KEYS if k != "lang"}
    return {TEXT: doc.text, "doc_id": doc.doc_id, "lang": lang, **meta}


def predicted(doc: Document, lang: str, extractor: Extractor) -> dict:
    """The rules' events with their party, counterparty, trigger and amount spans linked by relations."""
    triggers = [m for _, ms in extractor.matched_sentences(doc) for m in ms if m.kind == "trigger"]
    events = extractor.extract(doc)
    return {"model_version": f"dealledger-rules-{extractor.rules.version}",
            "result": event_results(doc.text, events, triggers=triggers)}


def event_results(text: str, events, *, triggers: list[Mention] | None = None) -> list[dict]:
    """Label Studio results: an `event` region per event with its fields; spans and relations for predictions."""
    results = []
    for n, e in enumerate(events, 1):
        rid = f"ev{n}"
        where = {"start": e.char_start, "end": e.char_end}
        results.append(_region(rid, SPAN, "labels", {**where, "text": text[e.char_start:e.char_end], "labels": [EVENT]}))
        for name in CHOICES:
            if getattr(e, name):
                results.append(_region(rid, name, "choices", {**where, "choices": [getattr(e, name)]}))
        for name in TEXT_FIELDS:
            if (value := getattr(e, name)) is not None:
                results.append(_region(rid, name, "textarea", {**where, "text": [_text(value)]}))
        if triggers is not None:
            results += _spans(rid, text, e, triggers)
    return results


def _region(rid: str, from_name: str, kind: str, value: dict) -> dict:
    return {"id": rid, "from_name": from_name, "to_name": TEXT, "type": kind, "value": value}


def _text(value) -> str:
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return str(value)


def _spans(rid: str, text: str, e: Event, triggers: list[Mention]) -> list[dict]:
    """Where the party, counterparty, trigger and amount of a predicted event are, linked to it."""
    found = {"party": _find(text, e.party_text, e), "counterparty": _find(text, e.counterparty_text, e),
             "amount": _find(text, e.amount_text, e)}
    trigger = next((m for m in triggers if m.rule_id == e.rule_id and e.char_start <= m.start and m.end <= e.char_end), None)
    found["trigger"] = (trigger.start, trigger.end) if trigger else None
    out = []
    for label in SPAN_LABELS:
        if found[label] is None:
            continue
        start, end = found[label]
        out.append(_region(f"{rid}-{label}", SPAN, "labels",
                           {"start": start, "end": end, "text": text[start:end], "labels": [label]}))
        out.append({"from_id": rid, "to_id": f"{rid}-{label}", "type": "relation", "direction": "right", "labels": [label]})
    return out


def _find(text: str, surface: str | None, e: Event) -> tuple[int, int] | None:
    if not surface:
        return None
    at = text.find(surface, e.char_start, e.char_end)
    return (at, at + len(surface)) if at >= 0 else None


def _events_in(task: dict) -> list:
    sets = task.get("annotations") or task.get("predictions") or [{}]
    return [r for r in sets[0].get("result", []) if r.get("type") == "labels" and EVENT in r["value"].get("labels", [])]


# -- import ---------------------------------------------------------------------------

@dataclass
class ImportResult:
    records: list[dict]
    skipped: list[str]  # doc_ids of tasks nobody annotated yet


def import_annotations(export: Path, *, out: Path, docs_dir: Path | None = None,
                       entities: EntityTable | None = None) -> ImportResult:
    """Read a Label Studio JSON export and write our gold jsonl (texts inline, or into docs_dir)."""
    try:
        tasks = json.loads(Path(export).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        raise DealLedgerError(f"{export}: cannot read the Label Studio export: {e}") from e
    if not isinstance(tasks, list):
        raise DealLedgerError(f"{export}: a Label Studio JSON export is a list of tasks")
    result = gold_from_tasks(tasks, entities=entities)
    write_gold(result.records, out, docs_dir=docs_dir)
    return result


def gold_from_tasks(tasks: list[dict], *, entities: EntityTable | None = None) -> ImportResult:
    """Gold records (LEDGER.md gold format, text included) from Label Studio tasks; every problem at once."""
    if entities is None:
        from .rules import default_rules

        entities = default_rules().entities
    records, skipped, problems = [], [], []
    for n, task in enumerate(tasks, 1):
        data = task.get("data") or {}
        name = data.get("doc_id") or f"task {task.get('id', n)}"
        annotation = chosen_annotation(task)
        if annotation is None:
            skipped.append(name)
            continue
        events = _task_events(data, annotation.get("result", []), entities, problems, name)
        record = {k: data.get(k) or None for k in DOC_KEYS}
        record.update({k: data[k] for k in OPTIONAL_DOC_KEYS if data.get(k)})
        records.append({**record, "events": events, TEXT: data.get(TEXT, "")})
    if problems:
        raise DealLedgerError(f"{len(problems)} problem(s) in the annotations:\n  " + "\n  ".join(problems[:50]))
    return ImportResult(records, skipped)


def chosen_annotation(task: dict) -> dict | None:
    """The most recently updated annotation that was not cancelled (skipped), if any."""
    done = [a for a in task.get("annotations") or task.get("completions") or [] if not a.get("was_cancelled")]
    return max(done, key=lambda a: str(a.get("updated_at") or a.get("created_at") or ""), default=None)


def _task_events(data: dict, results: list[dict], entities: EntityTable, problems: list, name: str) -> list[dict]:
    text = data.get(TEXT) or ""
    spans, attrs, links = {}, {}, []
    for r in results:
        if r.get("type") == "relation":
            links.append(r)
        elif r.get("type") == "labels" and r.get("from_name") == SPAN:
            spans[r["id"]] = r["value"]
        elif r.get("id") is not None:
            attrs.setdefault(r["id"], {})[r.get("from_name")] = r.get("value") or {}
    events = []
    for rid, value in spans.items():
        if EVENT not in value.get("labels", []):
            continue
        where = f"{name}: event region {rid}"
        try:
            start, end = locate(text, value)
            event = _fields(attrs.get(rid, {}), where)
            _fill_from_spans(event, _linked(rid, spans, links), text, data, entities)
        except DealLedgerError as e:
            problems.append(str(e))
            continue
        event["evidence"] = text[start:end]
        problems += [f"{where}: {p}" for p in _check(event)]
        events.append({k: event.get(k) for k in EVENT_KEYS})
    return events


def locate(text: str, value: dict) -> tuple[int, int]:
    """Offsets of a region in Python characters; the region's own text repairs UTF-16 offsets
    (Label Studio counts in JavaScript string units: a character beyond U+FFFF counts twice)."""
    start, end, surface = value.get("start"), value.get("end"), value.get("text")
    if not isinstance(start, int) or not isinstance(end, int):
        raise DealLedgerError(f"region without character offsets: {value!r}")
    if not isinstance(surface, str) or text[start:end] == surface:
        return start, end
    units = _utf16_to_index(text)
    if units.get(start) is not None and units.get(end) is not None and text[units[start]:units[end]] == surface:
        return units[start], units[end]
    at = text.find(surface)
    if at < 0:
        raise DealLedgerError(f"region text {surface!r} is not in the document")
    return at, at + len(surface)


def _utf16_to_index(text: str) -> dict[int, int]:
    out, unit = {}, 0
    for i, ch in enumerate(text):
        out[unit] = i
        unit += 2 if ord(ch) > 0xFFFF else 1
    out[unit] = len(text)
    return out


def _fields(attrs: dict, where: str) -> dict:
    event = {}
    for name in CHOICES:
        chosen = (attrs.get(name) or {}).get("choices") or []
        event[name] = chosen[0] if chosen else None
    for name in TEXT_FIELDS:
        texts = [t.strip() for t in (attrs.get(name) or {}).get("text") or [] if isinstance(t, str) and t.strip()]
        value = texts[-1] if texts else None
        event[name] = _number(value, name, where) if value is not None and name in NUMBER_FIELDS else value
    return event


def _number(text: str, name: str, where: str) -> int | float:
    """A JSON number from what an annotator typed: 30000000000, 30,000,000,000, $30 billion, 6 years."""
    try:
        value = Decimal(text.replace(",", "").replace("_", "").replace(" ", ""))
    except InvalidOperation:
        parsed = parse_life_years(text) if name.startswith("life") else _amount_value(text)
        if parsed is None:
            raise DealLedgerError(f"{where}: {name} {text!r} is not a number") from None
        value = parsed
    return int(value) if value == value.to_integral_value() else float(value)


def _amount_value(text: str) -> Decimal | None:
    amount = parse_amount(text)
    return None if amount is None else next((v for v in (amount.value, amount.high, amount.low) if v is not None), None)


def _linked(rid: str, spans: dict, links: list[dict]) -> dict[str, dict]:
    """label -> span value for the spans related to one event region (either direction)."""
    out = {}
    for r in links:
        other = r.get("to_id") if r.get("from_id") == rid else r.get("from_id") if r.get("to_id") == rid else None
        if other in spans:
            span_labels = spans[other].get("labels", [])
            label = (r.get("labels") or span_labels or [None])[0]
            if label in SPAN_LABELS:
                out.setdefault(label, spans[other])
    return out


def _fill_from_spans(event: dict, linked: dict, text: str, data: dict, entities: EntityTable) -> None:
    for role in ("party", "counterparty"):
        if event[role] is None and role in linked:
            start, end = locate(text, linked[role])
            event[role] = entities.canonical(text[start:end], region=data.get("region"))
    amount_keys = ("amount", "amount_low", "amount_high")
    if all(event[k] is None for k in amount_keys) and "amount" in linked:
        start, end = locate(text, linked["amount"])
        found = parse_amount(text[start:end], default_currency=data.get("currency") or "USD")
        if found is not None:
            for key, value in zip(amount_keys, (found.value, found.low, found.high)):
                event[key] = None if value is None else (int(value) if value == value.to_integral_value() else float(value))
            event["currency"] = event["currency"] or found.currency
            event["per_period"] = event["per_period"] or found.per_period


def _check(event: dict) -> list[str]:
    problems = []
    if event["event_type"] not in EVENT_TYPES:
        problems.append(f"event_type missing or unknown: {event['event_type']!r}")
    if event["status"] not in (*STATUSES, None):
        problems.append(f"unknown status {event['status']!r}")
    if not event["party"]:
        problems.append("party missing (type it, or link a party span)")
    return problems


SAFE_DOC_ID = re.compile(r"[\w.-]+")


def write_gold(records: list[dict], out: Path, *, docs_dir: Path | None = None) -> None:
    """Gold jsonl, one document a line; texts inline, or in docs_dir/<doc_id>.txt (never overwriting another text)."""
    lines = []
    for record in records:
        record = dict(record)
        text = record.pop(TEXT)
        if docs_dir is None:
            record[TEXT] = text
        else:
            if not SAFE_DOC_ID.fullmatch(str(record["doc_id"])):  # an export must not write outside docs_dir
                raise ValueError(f"doc_id {record['doc_id']!r} is not a plain file name (letters, digits, _ . -)")
            path = Path(docs_dir) / f"{record['doc_id']}.txt"
            if path.exists() and path.read_text(encoding="utf-8") != text:
                raise DealLedgerError(f"{path} holds a different text: not overwritten")
            if not path.exists():
                atomic_write(path, text)
        lines.append(json.dumps(record, ensure_ascii=False))
    atomic_write(Path(out), "\n".join(lines) + ("\n" if lines else ""))
