"""Label Studio export and import: the labeling config, the round trip, predictions, and edited exports."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from pipeline.annotations import (CHOICES, CONFIG_PATH, EVENT, SPAN, SPAN_LABELS, TEXT, TEXT_FIELDS, export_predictions,
                                  gold_from_tasks, gold_tasks, labeling_config, locate, write_gold)
from pipeline.cli import EXIT_OK, main
from pipeline.errors import DealLedgerError
from pipeline.extract import Extractor
from pipeline.gold import load_split, read_gold
from pipeline.read import document_from_text
from pipeline.records import DocMeta

GOLD = Path(__file__).resolve().parent / "data" / "gold"
CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "annotated"

# (corpus folder, split): every gold document survives export then import
ROUND_TRIPS = [(GOLD, "dev"), (GOLD, "test"), (CORPUS, "all")]

# (text, region value as Label Studio saved it, Python offsets it means)
LOCATE_CASES = [
    ("OpenAI signed with Oracle.", {"start": 19, "end": 25, "text": "Oracle"}, (19, 25)),
    ("OpenAI signed with Oracle.", {"start": 19, "end": 25}, (19, 25)),  # no text saved: trusted
    ("🚀 OpenAI signed with Oracle.", {"start": 22, "end": 28, "text": "Oracle"}, (21, 27)),  # UTF-16 units
    ("𠮷野家 与甲骨文签约。", {"start": 6, "end": 9, "text": "甲骨文"}, (5, 8)),
    ("The deal: Oracle.\nOracle again.", {"start": 3, "end": 9, "text": "Oracle"}, (10, 16)),  # shifted: found by text
]


def region(rid, start, end, text, label):
    return {"id": rid, "from_name": SPAN, "to_name": TEXT, "type": "labels",
            "value": {"start": start, "end": end, "text": text, "labels": [label]}}


def per_region(rid, start, end, name, value):
    kind, key = ("choices", "choices") if name in CHOICES else ("textarea", "text")
    return {"id": rid, "from_name": name, "to_name": TEXT, "type": kind, "value": {"start": start, "end": end, key: [value]}}


def relation(from_id, to_id, label=None):
    return {"from_id": from_id, "to_id": to_id, "type": "relation", "direction": "right", "labels": [label] if label else []}


def as_saved(tasks):
    return json.loads(json.dumps(tasks, ensure_ascii=False))


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def test_config_file_is_current():
    assert CONFIG_PATH.read_text(encoding="utf-8") == labeling_config()


def test_config_declares_every_name_export_uses():
    root = ET.fromstring(labeling_config())
    labels = {e.get("value") for e in root.iter("Label")}
    relations = {e.get("value") for e in root.iter("Relation")}
    controls = {e.get("name"): e for e in (*root.iter("Choices"), *root.iter("TextArea"))}
    assert labels == {EVENT, *SPAN_LABELS} and relations == set(SPAN_LABELS)
    assert set(controls) == set(CHOICES) | set(TEXT_FIELDS)
    assert all(c.get("perRegion") == "true" and c.get("toName") == TEXT for c in controls.values())
    for name, values in CHOICES.items():
        assert [c.get("value") for c in controls[name].iter("Choice")] == list(values)
    assert next(root.iter("Text")).get("value") == f"${TEXT}"
    assert next(root.iter("Labels")).get("name") == SPAN


@pytest.mark.parametrize("corpus,split", ROUND_TRIPS)
@pytest.mark.parametrize("inline", [True, False], ids=["text inline", "texts in docs/"])
def test_round_trip_gives_the_same_gold(tmp_path, corpus, split, inline):
    golds = load_split(corpus, split)
    result = gold_from_tasks(as_saved(gold_tasks(golds)))
    assert result.skipped == []
    out = tmp_path / f"{split}.jsonl"
    write_gold(result.records, out, docs_dir=None if inline else tmp_path / "docs")
    back = read_gold(out)
    assert [g.doc.doc_id for g in back] == [g.doc.doc_id for g in golds]
    for before, after in zip(golds, back):
        assert after.events == before.events
        assert (after.lang, after.doc.meta, after.doc.text) == (before.lang, before.doc.meta, before.doc.text)


def test_gold_task_shape():
    [gold] = [g for g in load_split(GOLD, "dev") if g.doc.doc_id == "en_tiny_msft_lives"]
    [task] = as_saved(gold_tasks([gold]))
    assert task["data"]["doc_id"] == "en_tiny_msft_lives" and task["data"]["filer"] == "Microsoft"
    results = task["annotations"][0]["result"]
    [event] = [r for r in results if r["type"] == "labels"]
    assert event["value"]["labels"] == [EVENT]
    assert gold.doc.text[event["value"]["start"]:event["value"]["end"]] == gold.events[0].sentence
    fields = {r["from_name"]: r["value"] for r in results if r["id"] == event["id"] and r["type"] != "labels"}
    assert fields["event_type"]["choices"] == ["depreciation_change"]
    assert (fields["life_old_years"]["text"], fields["life_new_years"]["text"]) == (["4"], ["6"])
    assert "counterparty" not in fields and "amount" not in fields  # not stated: left out


def test_predictions_carry_spans_and_relations(extractor):
    doc = document_from_text("en_note", "Analysts noted that NVIDIA invested $2 billion in CoreWeave last year.\n",
                             meta=DocMeta(), source="<test>")
    [task] = as_saved(export_predictions([doc], extractor=extractor))
    [prediction] = task["predictions"]
    assert prediction["model_version"].startswith("dealledger-rules-")
    results = prediction["result"]
    spans = {r["id"]: r["value"] for r in results if r["type"] == "labels"}
    [event_id] = [i for i, v in spans.items() if v["labels"] == [EVENT]]
    linked = {r["labels"][0]: spans[r["to_id"]]["text"] for r in results if r["type"] == "relation" and r["from_id"] == event_id}
    assert linked == {"party": "NVIDIA", "counterparty": "CoreWeave", "amount": "$2 billion", "trigger": "invested"}
    fields = {r["from_name"]: r["value"] for r in results if r.get("id") == event_id and r["type"] != "labels"}
    assert fields["event_type"]["choices"] == ["investment"] and fields["amount"]["text"] == ["2000000000"]


def test_accepted_predictions_import_as_the_rules_events(extractor):
    text = "Microsoft provided $10 billion of Azure credits to OpenAI. OpenAI与甲骨文签署了3000亿美元的算力合同。\n"
    doc = document_from_text("mixed_note", text, meta=DocMeta(), source="<test>")
    [task] = as_saved(export_predictions([doc], extractor=extractor))
    task["annotations"] = task.pop("predictions")  # the annotator accepts the rules' output as it is
    [record] = gold_from_tasks([task]).records
    got = [(e["event_type"], e["party"], e["counterparty"], e["amount"], e["currency"]) for e in record["events"]]
    want = [(e.event_type, e.party, e.counterparty, int(e.amount) if e.amount is not None else None, e.currency)
            for e in extractor.extract(doc)]
    assert got == want and want


@pytest.mark.parametrize("text,value,offsets", LOCATE_CASES)
def test_locate_repairs_offsets(text, value, offsets):
    assert locate(text, value) == offsets


def utf16(text: str, i: int) -> int:
    """The offset a browser counts: UTF-16 code units."""
    return len(text[:i].encode("utf-16-le")) // 2


def drawn(rid: str, text: str, surface: str, label: str, *, end_surface: str | None = None) -> tuple[dict, tuple[int, int]]:
    """A region as Label Studio saves it after an annotator drew it over `surface` (to `end_surface`)."""
    start = text.index(surface)
    end = text.index(end_surface) + len(end_surface) if end_surface else start + len(surface)
    where = (utf16(text, start), utf16(text, end))
    return region(rid, *where, text[start:end], label), where


def test_edited_export_from_label_studio():
    """Spans drawn and linked instead of typed fields; a skipped annotation; an emoji before the event."""
    text = "🚀 Update: Oracle Corporation won a $300 billion compute contract from OpenAI."
    event, ev = drawn("e1", text, "Oracle", EVENT, end_surface="OpenAI")
    result = [drawn("a1", text, "Oracle Corporation", "counterparty")[0], drawn("a2", text, "OpenAI", "party")[0],
              drawn("a3", text, "$300 billion", "amount")[0], event,
              per_region("e1", *ev, "event_type", "purchase_agreement"), per_region("e1", *ev, "status", "agreed"),
              per_region("e1", *ev, "per_period", " "),  # a cleared field
              relation("e1", "a1", "counterparty"), relation("a2", "e1"), relation("e1", "a3", "amount")]
    task = {"id": 7, "data": {TEXT: text, "doc_id": "en_ls_edit", "lang": "en", "doc_kind": "news", "filer": None},
            "annotations": [{"was_cancelled": True, "updated_at": "2025-12-02T10:00:00Z", "result": []},
                            {"updated_at": "2025-12-01T09:00:00Z", "result": result}]}
    untouched = {"id": 8, "data": {TEXT: "Nothing yet.", "doc_id": "en_ls_todo", "lang": "en"}, "predictions": []}
    imported = gold_from_tasks([task, untouched])
    assert imported.skipped == ["en_ls_todo"]
    [record] = imported.records
    assert record["doc_id"] == "en_ls_edit" and record[TEXT] == text
    [got] = record["events"]
    assert got["evidence"] == "Oracle Corporation won a $300 billion compute contract from OpenAI"
    assert (got["event_type"], got["party"], got["counterparty"]) == ("purchase_agreement", "OpenAI", "Oracle")
    assert (got["amount"], got["currency"], got["per_period"], got["status"]) == (300000000000, "USD", None, "agreed")


@pytest.mark.parametrize("typed,number", [("30000000000", 30000000000), ("30,000,000,000", 30000000000),
                                          ("$30 billion", 30000000000), ("300亿美元", 30000000000), ("4.5", 4.5)])
def test_typed_numbers(typed, number):
    text = "CoreWeave drew on a loan from several banks."
    rs = [region("e", 0, 43, text[:43], EVENT), per_region("e", 0, 43, "event_type", "credit"),
          per_region("e", 0, 43, "party", "several banks"), per_region("e", 0, 43, "amount", typed)]
    [record] = gold_from_tasks([{"data": {TEXT: text, "doc_id": "d", "lang": "en"}, "annotations": [{"result": rs}]}]).records
    assert record["events"][0]["amount"] == number


def test_import_lists_every_problem():
    text = "NVIDIA invested in CoreWeave. Microsoft lent money."
    first = [region("e1", 0, 28, text[:28], EVENT), per_region("e1", 0, 28, "party", "NVIDIA"),
             per_region("e1", 0, 28, "amount", "a lot")]
    second = [region("e2", 30, 50, text[30:50], EVENT), per_region("e2", 30, 50, "event_type", "loan")]
    tasks = [{"data": {TEXT: text, "doc_id": "en_bad", "lang": "en"}, "annotations": [{"result": first + second}]}]
    with pytest.raises(DealLedgerError) as info:
        gold_from_tasks(tasks)
    message = str(info.value)
    assert "en_bad: event region e1: amount 'a lot' is not a number" in message
    assert "en_bad: event region e2: event_type missing or unknown: 'loan'" in message
    assert "en_bad: event region e2: party missing" in message


def test_write_gold_never_overwrites_another_text(tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "d.txt").write_text("another text", encoding="utf-8")
    record = {"doc_id": "d", "lang": "en", "events": [], TEXT: "this text"}
    with pytest.raises(DealLedgerError, match="holds a different text"):
        write_gold([record], tmp_path / "gold.jsonl", docs_dir=tmp_path / "docs")


def test_cli_export_then_import(tmp_path, capsys):
    tasks = tmp_path / "tasks.json"
    assert main(["annotations", "export", "--corpus", str(GOLD), "--split", "test", "--out", str(tasks)]) == EXIT_OK
    assert "tasks:" in capsys.readouterr().out
    out = tmp_path / "gold" / "test.jsonl"
    assert main(["annotations", "import", str(tasks), "--out", str(out), "--docs", str(tmp_path / "gold" / "docs")]) == EXIT_OK
    assert [g.events for g in read_gold(out)] == [g.events for g in load_split(GOLD, "test")]


def test_cli_export_files_with_predictions(tmp_path, capsys):
    note = tmp_path / "in" / "note.txt"
    note.parent.mkdir()
    note.write_text("NVIDIA invested $2 billion in CoreWeave.\n", encoding="utf-8")
    tasks = tmp_path / "new.json"
    assert main(["annotations", "export", str(note.parent), "--out", str(tasks)]) == EXIT_OK
    [task] = json.loads(tasks.read_text(encoding="utf-8"))
    assert task["data"]["doc_id"] == "note" and task["predictions"][0]["result"]
    assert "annotations" not in task
