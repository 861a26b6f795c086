"""One exception tree. The library raises; only the CLI prints and picks exit codes."""
from __future__ import annotations


class DealLedgerError(Exception):
    """Base of every error dealledger raises on purpose."""


class DocumentError(DealLedgerError):
    """A document could not be read or turned into text; names the file and the cause."""

    def __init__(self, path: str, cause: str):
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause


class UnsupportedFormat(DocumentError):
    """The file's extension or content is not a format we read."""


class EmptyDocument(DocumentError):
    """The file holds no text."""


class DecodeFailure(DocumentError):
    """The bytes decode under no encoding we try."""


class PdfError(DocumentError):
    """The PDF is corrupt, encrypted, image-only or yields (cid:NNN) garbage."""


class RuleError(DealLedgerError):
    """A rule file is broken; names file, line and rule id."""

    def __init__(self, path: str, line: int | None, rule_id: str | None, cause: str):
        where = f"{path}:{line}" if line else path
        rid = f" (rule {rule_id})" if rule_id else ""
        super().__init__(f"{where}{rid}: {cause}")
        self.path, self.line, self.rule_id, self.cause = path, line, rule_id, cause


class FetchError(DealLedgerError):
    """A download failed after its retries; names the URL and the cause."""

    def __init__(self, url: str, cause: str):
        super().__init__(f"{url}: {cause}")
        self.url = url
        self.cause = cause


class ConfigError(DealLedgerError):
    """A settings or sources file is missing a value or holds a wrong one."""


class LockHeld(DealLedgerError):
    """Another run holds the lock."""
