"""The `dealledger` command: a thin layer that parses flags, calls one library function, prints.

Exit codes: 0 all went well; 1 an eval regression (--compare); 2 bad usage, rules or
configuration, or an output that cannot be written (nothing was done); 3 the run finished
but some documents failed (they are listed, and the ledger holds everything else; when no
document at all could be read the ledger is left as it was); 4 another run holds the lock.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from .errors import ConfigError, DealLedgerError, LockHeld, RuleError

EXIT_OK, EXIT_REGRESSION, EXIT_USAGE, EXIT_PARTIAL, EXIT_LOCKED = 0, 1, 2, 3, 4


def _parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    p = argparse.ArgumentParser(prog="dealledger", formatter_class=fmt,
                                description="Turn SEC filings and financial commentary (English and Chinese) into a CSV deal ledger.",
                                epilog="example:\n  dealledger run                      # the bundled corpus -> outputs/ledger.csv\n"
                                       "  dealledger extract filings/ --out ledger.csv")
    sub = p.add_subparsers(dest="command", required=True)

    x = sub.add_parser("extract", formatter_class=fmt, help="extract events from files and folders into a ledger CSV",
                       epilog="example:\n  dealledger extract ../shared/seed/commentary_zh.txt --out outputs/seed.csv")
    x.add_argument("paths", nargs="+", help="files or folders (.txt .md .html .htm .pdf; folders recursively)")
    x.add_argument("--out", type=Path, default=None, help="ledger CSV to write (default outputs/ledger.csv)")
    x.add_argument("--rules", type=Path, default=None, help="rules folder (default rules/)")

    r = sub.add_parser("run", formatter_class=fmt, help="the main job: extract the bundled corpus, or fetch and extract per a sources config",
                       epilog="example:\n  dealledger run\n  dealledger run --config sources.yaml")
    r.add_argument("--config", type=Path, default=None, help="sources.yaml: EDGAR companies, URLs, feeds, folders")
    r.add_argument("--out", type=Path, default=None, help="ledger CSV (default outputs/ledger.csv)")
    r.add_argument("--rules", type=Path, default=None)
    r.add_argument("--workers", type=int, default=None, help="worker processes for extraction")
    r.add_argument("--executor", choices=["local", "dask"], default="local", help="where extraction runs")
    r.add_argument("--scheduler", default=None, help="Dask scheduler address, with --executor dask")
    r.add_argument("--no-progress", action="store_true", help="no progress bars (cron)")

    a = sub.add_parser("analyze", formatter_class=fmt, help="money loops, exposure and depreciation from a ledger",
                       epilog="example:\n  dealledger analyze --ledger outputs/ledger.csv --out outputs/analysis --status reported")
    a.add_argument("--ledger", type=Path, default=None)
    a.add_argument("--out", type=Path, default=None)
    a.add_argument("--since", default=None, help="only documents dated on or after YYYY-MM-DD")
    a.add_argument("--company", default=None, help="only deals with this company on either side")
    a.add_argument("--status", action="append", default=[], help="leave out events of this status (repeatable)")
    a.add_argument("--min-usd", default=None, help="only edges of at least this many US dollars")
    e = sub.add_parser("eval", formatter_class=fmt, help="score the rules on the annotated corpus",
                       epilog="example:\n  dealledger eval --split dev --errors\n"
                              "  dealledger eval --split test --compare outputs/metrics/baseline.json")
    e.add_argument("--split", choices=["dev", "test", "all"], default="dev")
    e.add_argument("--json", type=Path, default=None, help="also write the report here (always: outputs/metrics/eval-SPLIT.json)")
    e.add_argument("--errors", action="store_true", help="list every false positive and false negative")
    e.add_argument("--compare", type=Path, default=None, help="an earlier report: show what changed, exit 1 on a drop")
    e.add_argument("--threshold", type=float, default=0.01, help="a drop larger than this is a regression (default 0.01)")
    e.add_argument("--rules", type=Path, default=None)
    e.add_argument("--corpus", type=Path, default=None, help="annotated corpus folder (default corpora/annotated)")

    ex = sub.add_parser("explain", formatter_class=fmt, help="show tokens, mentions, rules and events for a sentence",
                        epilog="example:\n  dealledger explain \"OpenAI signed a $300 billion contract with Oracle.\"\n"
                               "  dealledger explain --doc corpora/bundled/zh_seed_style.txt --sentence 3")
    ex.add_argument("text", nargs="?", help="the text to explain")
    ex.add_argument("--lang", choices=["en", "zh"], default=None, help="default: detected")
    ex.add_argument("--filer", default=None, help="who 'we' is")
    ex.add_argument("--doc", type=Path, default=None, help="a document file")
    ex.add_argument("--sentence", type=int, default=None, help="with --doc: the N-th candidate sentence (1-based)")
    ex.add_argument("--rules", type=Path, default=None)

    an = sub.add_parser("annotations", formatter_class=fmt, help="export tasks to / import annotations from Label Studio",
                        epilog="labeling config: corpora/label_studio_config.xml\nexample:\n"
                               "  dealledger annotations export --split dev --predictions --out outputs/label_studio/dev.json\n"
                               "  dealledger annotations export corpora/bundled/ --out outputs/label_studio/new.json\n"
                               "  dealledger annotations import project-1-export.json --out corpora/annotated/incoming/ls.jsonl")
    an.add_argument("action", choices=["export", "import"])
    an.add_argument("paths", nargs="*", type=Path,
                    help="import: the Label Studio JSON export; export: files or folders to pre-annotate instead of the gold corpus")
    an.add_argument("--out", type=Path, default=None,
                    help="export: tasks JSON (default outputs/label_studio/SPLIT.json); import: gold jsonl (required)")
    an.add_argument("--split", choices=["dev", "test", "all"], default="dev", help="export: which gold split")
    an.add_argument("--corpus", type=Path, default=None, help="export: annotated corpus folder (default corpora/annotated)")
    an.add_argument("--predictions", action="store_true", help="export: add the rules' events as predictions")
    an.add_argument("--docs", type=Path, default=None, help="import: write texts to DIR/<doc_id>.txt instead of inline")
    an.add_argument("--rules", type=Path, default=None)
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except LockHeld as e:
        print(f"dealledger: {e}", file=sys.stderr)
        return EXIT_LOCKED
    except (RuleError, ConfigError) as e:
        print(f"dealledger: {e}", file=sys.stderr)
        return EXIT_USAGE
    except DealLedgerError as e:
        print(f"dealledger: {e}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as e:  # an output that cannot be written: a message, not a traceback
        where = f"{e.filename2 or e.filename}: " if e.filename else ""  # os.replace: the target
        print(f"dealledger: {where}{e.strerror or e}", file=sys.stderr)
        return EXIT_USAGE
    except UnicodeDecodeError as e:  # a rule or config file in another encoding
        print(f"dealledger: a rule or configuration file is not UTF-8: {e}", file=sys.stderr)
        return EXIT_USAGE


def _settings(args):
    from .settings import load_settings

    return load_settings(ledger=getattr(args, "out", None), rules_dir=getattr(args, "rules", None),
                         workers=getattr(args, "workers", None))


def _extractor(settings):
    from .extract import Extractor
    from .rules import load_rules

    try:
        return Extractor(load_rules(settings.rules_dir))
    except (OSError, UnicodeDecodeError) as e:  # a missing or unreadable file, not one the loader checks
        where = getattr(e, "filename", None) or settings.rules_dir
        raise RuleError(str(where), None, None, f"cannot read the rules: {e}") from e


def cmd_extract(args) -> int:
    from .batch import extract_to_ledger

    settings = _settings(args)
    extractor = _extractor(settings)  # a broken rule file stops here, before any work
    result = extract_to_ledger(args.paths, settings.ledger, extractor=extractor, max_bytes=settings.max_bytes,
                               progress=sys.stderr.isatty())
    return _report(result, settings.ledger)


def cmd_run(args) -> int:
    if args.config is not None:
        from .runner import run_sources

        return run_sources(args)
    from .batch import extract_to_ledger

    settings = _settings(args)
    extractor = _extractor(settings)
    progress = not args.no_progress and sys.stderr.isatty()
    result = extract_to_ledger([settings.corpus_dir], settings.ledger, extractor=extractor,
                               max_bytes=settings.max_bytes, progress=progress,
                               results=_executor(args, settings, extractor, progress))
    return _report(result, settings.ledger)


def _executor(args, settings, extractor, progress):
    """Where documents are extracted: in this process, a pool of --workers, or a Dask cluster."""
    if args.executor == "dask":
        from .dask_executor import iter_results_dask

        return lambda paths: iter_results_dask(paths, scheduler=args.scheduler, rules=extractor.rules,
                                               max_bytes=settings.max_bytes, workers=settings.workers if args.workers else None,
                                               progress=progress)
    if settings.workers > 1:
        from .parallel import iter_results_parallel

        return lambda paths: iter_results_parallel(paths, workers=settings.workers, extractor=extractor,
                                                   max_bytes=settings.max_bytes, progress=progress)
    return None


def _report(result, ledger: Path) -> int:
    """Where the ledger is, events per type and language, and every failure with its cause."""
    if not result.ledger_written:
        why = "no document could be read" if result.failures else "no document found"
        kept = " (the one there is kept)" if ledger.exists() else ""
        print(f"ledger: {ledger} not written: {why}{kept}", file=sys.stderr)
        _print_failures(result.failures)
        return EXIT_PARTIAL if result.failures else EXIT_USAGE
    print(f"ledger: {ledger} ({result.event_count} events from {result.documents} documents)")
    counts = result.counts
    types = sorted({t for t, _ in counts})
    print(f"{'event_type':<22}{'en':>6}{'zh':>6}")
    for t in types:
        print(f"{t:<22}{counts[(t, 'en')]:>6}{counts[(t, 'zh')]:>6}")
    _print_failures(result.failures)
    return EXIT_PARTIAL if result.failures else EXIT_OK


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _print_failures(failures) -> None:
    """One "failed: PATH: CAUSE" line each; control characters escaped, so a file
    name holding a newline cannot forge or split a line of the list."""
    for failure in failures:
        line = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", f"{failure.path}: {failure.cause}")
        print(f"failed: {line}", file=sys.stderr)


def cmd_analyze(args) -> int:
    from decimal import Decimal

    from .analyze import analyze
    from .settings import ROOT, load_settings

    settings = load_settings()
    result = analyze(ledger=args.ledger or settings.ledger, out=args.out or ROOT / "outputs" / "analysis",
                     since=args.since, company=args.company, statuses_excluded=tuple(args.status),
                     min_usd=Decimal(args.min_usd) if args.min_usd else None)
    print(f"report: {result.report} ({result.rows} ledger rows, {result.deals} deals, {result.edges} edges, "
          f"{len(result.loops)} loops)")
    for loop in result.loops[:10]:
        print(f"  loop: {loop.cycle}")
    return EXIT_OK


def cmd_eval(args) -> int:
    from .evaluate import compare, evaluate, render_errors, render_table
    from .ledger import atomic_write

    settings = _settings(args)
    extractor = _extractor(settings)
    result = evaluate(annotated_dir=args.corpus or settings.annotated_dir, split=args.split, extractor=extractor)
    print(render_table(result.report))
    text = json.dumps(result.report, indent=1, ensure_ascii=False)
    if args.corpus is None:  # the project's own report; another corpus's goes only where --json says
        atomic_write(settings.metrics_dir / f"eval-{args.split}.json", text)
    if args.json:
        atomic_write(args.json, text)
    if args.errors:
        print()
        print(render_errors(result, extractor))
    if args.compare:
        old = json.loads(args.compare.read_text(encoding="utf-8"))
        changes, regressed = compare(old, result.report, threshold=args.threshold)
        print()
        print(f"against {args.compare}:")
        print(changes)
        return EXIT_REGRESSION if regressed else EXIT_OK
    return EXIT_OK


def cmd_explain(args) -> int:
    from .explain import explain_document, explain_text

    settings = _settings(args)
    extractor = _extractor(settings)
    if args.doc is not None:
        print(explain_document(args.doc, sentence=args.sentence, extractor=extractor))
    elif args.text:
        print(explain_text(args.text, lang=args.lang, filer=args.filer, extractor=extractor))
    else:
        raise ConfigError("explain needs TEXT or --doc PATH")
    return EXIT_OK


def cmd_annotations(args) -> int:
    from .annotations import export_annotations, import_annotations
    from .settings import ROOT

    settings = _settings(args)
    if args.action == "import":
        if len(args.paths) != 1 or args.out is None:
            raise ConfigError("annotations import needs one Label Studio export file and --out")
        result = import_annotations(args.paths[0], out=args.out, docs_dir=args.docs,
                                    entities=_extractor(settings).rules.entities)
        events = sum(len(r["events"]) for r in result.records)
        print(f"gold: {args.out} ({len(result.records)} documents, {events} events)")
        for doc_id in result.skipped:
            print(f"not annotated yet, left out: {doc_id}", file=sys.stderr)
        return EXIT_OK
    out = args.out or ROOT / "outputs" / "label_studio" / f"{'files' if args.paths else args.split}.json"
    result = export_annotations(out=out, annotated_dir=args.corpus or settings.annotated_dir, split=args.split,
                                paths=args.paths, predictions=args.predictions or bool(args.paths),
                                extractor=_extractor(settings) if args.predictions or args.paths else None)
    print(f"tasks: {out} ({result.tasks} documents, {result.events} events); labeling config: corpora/label_studio_config.xml")
    for path, cause in result.failures:
        print(f"failed: {path}: {cause}", file=sys.stderr)
    return EXIT_PARTIAL if result.failures else EXIT_OK


COMMANDS = {"extract": cmd_extract, "run": cmd_run, "analyze": cmd_analyze, "eval": cmd_eval, "explain": cmd_explain,
            "annotations": cmd_annotations}

if __name__ == "__main__":
    sys.exit(main())
