"""Error taxonomy shared by every stage.

Transient errors may succeed when retried (timeouts, 5xx, connection resets, a held lock);
terminal errors will fail the same way again (a 404, an anti-bot page, a scanned PDF with no
text, a garbled encoding). Flows retry only the former; both are recorded with a reason.
"""


class FazhiError(Exception):
    """Base class for errors raised by fazhi-lake."""


class TransientError(FazhiError):
    """The operation may succeed if retried later."""


class TerminalError(FazhiError):
    """The operation will fail again for the same input; record it and move on."""


class BlockedError(TerminalError):
    """A site answered with an anti-bot or block page; it is recorded, never bypassed."""


class ParseError(TerminalError):
    """Bytes could not be turned into usable text (no text layer, undecodable, unknown format)."""


class WarehouseLockedError(TransientError):
    """Another process holds the warehouse write lock."""


class WarehouseBusyError(TransientError):
    """A read found the warehouse held by a writer (DuckDB lets no reader in during a load)."""


class DuplicateKeyError(TerminalError):
    """A table the load keeps one row per key holds a key twice (its rows are not trustworthy)."""
