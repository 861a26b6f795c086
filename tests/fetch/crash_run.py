"""Run `dealledger` and SIGKILL it at a chosen point: the crash tests' subprocess.

    python tests/fetch/crash_run.py MODE -- run --config sources.yaml --no-progress

MODE is where the process kills itself with SIGKILL (no cleanup, no finally):
  commit:N     right after the N-th document is committed to the state store
  in-commit:N  inside the N-th document's transaction, before COMMIT
  cache:N      halfway through writing the N-th cache body
  ledger       halfway through writing the ledger's temporary file
  none         never (a plain run)
The hooks wrap library functions from outside: the library has no test switches.
"""
from __future__ import annotations

import os
import signal
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pipeline.fetch.cache as cache  # noqa: E402
import pipeline.ledger as ledger  # noqa: E402
import pipeline.state as state  # noqa: E402
from pipeline.cli import main  # noqa: E402


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def half_written(path: Path, data) -> None:
    """What atomic_write leaves when killed mid-write: a partial temp file beside `path`."""
    data = data.encode("utf-8") if isinstance(data, str) else data
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, _ = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.write(fd, data[: len(data) // 2])
    os.fsync(fd)
    die()


def after_commit(n: int) -> None:
    original, count = state.StateStore.commit_document, [0]

    def commit_document(self, **kw):
        original(self, **kw)
        count[0] += 1
        if count[0] == n:
            die()
    state.StateStore.commit_document = commit_document


def inside_commit(n: int) -> None:
    original_commit, original_exit, count = state.StateStore.commit_document, state._Transaction.__exit__, [0]
    active = [False]

    def commit_document(self, **kw):
        active[0] = True
        count[0] += 1
        try:
            original_commit(self, **kw)
        finally:
            active[0] = False

    def exit_(self, kind, value, tb):
        if active[0] and count[0] == n and kind is None:
            die()  # rows deleted and inserted, not committed
        return original_exit(self, kind, value, tb)
    state.StateStore.commit_document = commit_document
    state._Transaction.__exit__ = exit_


def in_cache_write(n: int) -> None:
    original, count = cache.atomic_write, [0]

    def atomic_write(path, data):
        if str(path).endswith(".body"):
            count[0] += 1
            if count[0] == n:
                half_written(Path(path), data)
        original(path, data)
    cache.atomic_write = atomic_write


def in_ledger_write() -> None:
    """Killed once the ledger's temporary file holds its header and one row (its spool beside it)."""
    original, rows = ledger._Utf8.write, [0]

    def write(self, text):
        original(self, text)
        rows[0] += 1
        if rows[0] == 2:
            self.fh.flush()
            os.fsync(self.fh.fileno())
            die()
    ledger._Utf8.write = write


def install(mode: str) -> None:
    kind, _, n = mode.partition(":")
    hooks = {"commit": after_commit, "in-commit": inside_commit, "cache": in_cache_write}
    if kind in hooks:
        hooks[kind](int(n))
    elif kind == "ledger":
        in_ledger_write()
    elif kind != "none":
        raise SystemExit(f"unknown mode {mode!r}")


if __name__ == "__main__":
    mode, sep, *args = sys.argv[1:]
    assert sep == "--", "usage: crash_run.py MODE -- ARGS"
    install(mode)
    sys.exit(main(args))
