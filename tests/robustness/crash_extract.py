"""Run `dealledger` and SIGKILL it from inside at a chosen point: the kill tests' subprocess.

    python tests/robustness/crash_extract.py MODE -- extract FOLDER --out LEDGER

MODE is where the process kills itself with SIGKILL (no cleanup, no finally):
  none                  never (a plain run)
  after-doc:N           right after the N-th document is read
  hold-after-doc:N      after the N-th document, touch $CRASH_MARKER and sleep (holding the lock)
  ledger-mid-write      halfway through writing the ledger's temporary file
  ledger-before-rename  the temporary file written and fsynced, before the rename over the ledger
  ledger-after-rename   right after the rename
The hooks wrap library functions from outside, as tests/fetch/crash_run.py does: the library
has no test switches. The ledger hooks replace `os` inside pipeline.ledger only, so the real
spool and `AtomicFile` run up to the point of the kill.
"""
from __future__ import annotations

import os
import signal
import sys
import time
import types
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pipeline.batch as batch  # noqa: E402
import pipeline.ledger as ledger  # noqa: E402
from pipeline.cli import main  # noqa: E402


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def after_doc(n: int, *, hold: bool = False) -> None:
    original, count = batch.read_document, [0]

    def read_document(path, **kw):
        doc = original(path, **kw)
        count[0] += 1
        if count[0] == n:
            if not hold:
                die()
            Path(os.environ["CRASH_MARKER"]).touch()
            time.sleep(60)
        return doc
    batch.read_document = read_document


class _HalfWriter:
    """The ledger's temporary file as its writer sees it: the first write stops halfway, on disk, then dies."""

    def __init__(self, fh):
        self.fh = fh

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.fh.__exit__(*exc)

    def write(self, data: bytes) -> None:
        self.fh.write(data[: len(data) // 2])
        self.fh.flush()
        os.fsync(self.fh.fileno())
        die()

    def __getattr__(self, name):
        return getattr(self.fh, name)


def _same(fh):
    return fh


def in_ledger_write(point: str) -> None:
    fake = types.SimpleNamespace(**{name: getattr(os, name) for name in dir(os) if not name.startswith("__")})
    if point == "mid-write":  # the ledger's temporary file ("wb"), not the spool beside it ("w+b")
        fake.fdopen = lambda fd, mode, *a, **kw: (_HalfWriter if mode == "wb" else _same)(os.fdopen(fd, mode, *a, **kw))
    elif point == "before-rename":
        fake.replace = lambda src, dst: die()
    elif point == "after-rename":
        fake.replace = lambda src, dst: (os.replace(src, dst), die())
    else:
        raise SystemExit(f"unknown ledger point {point!r}")
    ledger.os = fake


def install(mode: str) -> None:
    kind, _, arg = mode.partition(":")
    if kind in ("after-doc", "hold-after-doc"):
        after_doc(int(arg), hold=kind == "hold-after-doc")
    elif kind.startswith("ledger-"):
        in_ledger_write(kind[len("ledger-"):])
    elif kind != "none":
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    mode, sep, *args = sys.argv[1:]
    assert sep == "--", "usage: crash_extract.py MODE -- ARGS"
    install(mode)
    sys.exit(main(args))
