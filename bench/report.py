"""The benchmark's table: each comparison side by side, its ratio, its target, met or not."""
from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Row:
    """One comparison: a baseline and ours on the same input, their ratio against a target."""

    what: str
    base_label: str
    base: str
    ours_label: str
    ours: str
    ratio: float | None
    target: str
    met: bool | None
    rss: str
    note: str = ""


# phase pairs: what, baseline phase, ours phase, unit, target ratio (ours / baseline; None: a measure, no target)
PAIRS = [
    ("English text", "en_tokenizer", "spacy.blank tokenizer", "en_extract", "full extraction", 0.6),
    ("English text, spaCy part", "en_tokenizer", "spacy.blank tokenizer", "en_spacy_pass", "tokens + rule matches", None),
    ("English filings text", "filings_tokenizer", "spacy.blank tokenizer", "html_from_text", "full extraction", 0.6),
    ("Chinese text", "zh_jieba", "jieba.lcut + user dict", "zh_extract", "full extraction", 2.0),
    ("Chinese text, matching part", "zh_jieba", "jieba.lcut + user dict", "zh_matching", "names + rule matches", None),
    ("HTML filings, extraction", "html_from_text", "from extracted text", "html_from_raw", "from raw HTML", 0.8),
    ("HTML to text + sections", "edgartools", "edgartools", "html_to_text", "ours", 10.0),
    ("PDF", "pdfplumber", "pdfplumber", "pdf_ours", "ours (pypdfium2)", 10.0),
    ("Batch, en + zh", "batch_1", "1 worker", "batch_2", "2 workers", 1.7),
]
RSS_LIMIT_MB = 500.0
RSS_GROWTH = 0.10


def rate(figures: dict, *, text: bool = False) -> tuple[float, str] | None:
    """(speed, unit) of one phase: pages/s for PDF, else MB/s of its input (of its text with `text`)."""
    if not figures or "seconds" not in figures:
        return None
    if "pages" in figures:
        return figures["pages"] / figures["seconds"], "pages/s"
    return figures["text_mb" if text else "mb"] / figures["seconds"], "MB/s"


def _speed(figures: dict, *, text: bool = False) -> str:
    if figures and figures.get("unavailable"):
        return figures["unavailable"]
    if figures and figures.get("error"):
        return "failed"
    r = rate(figures, text=text)
    return f"{r[0]:.3g} {r[1]}" if r else "not run"


def _rss(*phases: dict) -> str:
    return " / ".join(f"{p['peak_rss_mb']:.0f}" if p and "peak_rss_mb" in p else "-" for p in phases) + " MB"


def build_rows(results: dict) -> list[Row]:
    rows = []
    for what, base_name, base_label, ours_name, ours_label, target in PAIRS:
        base, ours = results.get(base_name, {}), results.get(ours_name, {})
        text = base_name == "filings_tokenizer"  # its speeds in MB of text/s, like the tokenizer's
        rb, ro = rate(base, text=text), rate(ours, text=text)
        ratio = ro[0] / rb[0] if rb and ro else None
        met = None if ratio is None or target is None else ratio >= target
        rows.append(Row(what, base_label, _speed(base, text=text), ours_label, _speed(ours, text=text), ratio,
                        "" if target is None else f">= {target:g}", met, _rss(base, ours), _note(base_name, base, ours)))
    rows.append(_growth_row(results))
    rows.append(_peak_row(results))
    return rows


def _note(name: str, base: dict, ours: dict) -> str:
    if name == "pdfplumber" and base.get("text_sha1") and ours.get("text_sha1"):
        same = base["text_sha1"] == ours["text_sha1"]
        return f"text {'equal' if same else 'DIFFERS'} ({ours['chars']:,} chars, whitespace aside)"
    if base.get("ledger_sha1") and ours.get("ledger_sha1"):
        same = base["ledger_sha1"] == ours["ledger_sha1"]
        return f"ledgers {'identical' if same else 'DIFFER'} ({ours['events']:,} events)"
    if name == "html_from_text" and base.get("text_mb"):
        return f"speeds in MB of HTML/s; {base['text_mb']:.1f} MB of text"
    if "rule_matches" in ours:
        floor = "the floor the spaCy Matcher sets" if name == "en_tokenizer" else "values, roles and events cost the rest"
        return f"no events: {floor} ({ours['rule_matches']:,} rule matches)"
    if ours.get("events") and ours.get("mb"):  # how deal-dense the text is: the cost follows the events
        text_mb = ours.get("text_mb") or ours["mb"]
        return f"{ours['events'] / text_mb:,.0f} events per MB of text"
    return ""


def _growth_row(results: dict) -> Row:
    small, large = results.get("en_extract", {}), results.get("en_extract_large", {})
    ratio = large["peak_rss_mb"] / small["peak_rss_mb"] if "peak_rss_mb" in small and "peak_rss_mb" in large else None
    return Row("Peak RSS as input grows", f"{small.get('mb', 0):.0f} MB English", _rss(small),
               f"{large.get('mb', 0):.0f} MB English", _rss(large), ratio, f"<= {1 + RSS_GROWTH:g}",
               None if ratio is None else ratio <= 1 + RSS_GROWTH, "", f"large run: {_speed(large)}")


def _peak_row(results: dict) -> Row:
    peak = results.get("_whole_peak_rss_mb")
    return Row("Whole benchmark peak RSS", "", "", "", f"{peak:.0f} MB" if peak else "-", None,
               f"< {RSS_LIMIT_MB:g} MB", None if peak is None else peak < RSS_LIMIT_MB, "",
               "largest phase plus the driver process")


def render(rows: list[Row]) -> str:
    """A Markdown table (it reads in a terminal too)."""
    head = ["what", "baseline", "speed", "ours", "speed", "ratio", "target", "met", "peak RSS (base / ours)", "note"]
    lines = [head]
    for r in rows:
        ratio = "" if r.ratio is None else f"{r.ratio:.2f}"
        met = "" if r.met is None else ("yes" if r.met else "NO")
        lines.append([r.what, r.base_label, r.base, r.ours_label, r.ours, ratio, r.target, met, r.rss, r.note])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    out = ["| " + " | ".join(cell.ljust(w) for cell, w in zip(line, widths)) + " |" for line in lines]
    out.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)


def rows_as_json(rows: list[Row]) -> list[dict]:
    return [asdict(r) for r in rows]
