"""Isolation: parse and extract one document under a time budget, a memory limit, a text cap.

Reads a document's bytes (and what the manifest knows of it); returns its parsed text and
extraction, or raises :class:`ParseError` with the reason: too slow, too large, or whatever the
parser said. Writes nothing.

A looping parser cannot be interrupted by a thread, and a bomb that slips past the format limits
can take the machine's memory, so the work runs in a worker process with an address-space limit
that is killed when the budget runs out. The worker is reused from document to document (starting
one costs the imports, about a second), so isolation costs one pickle round trip per document;
it is replaced only after it was killed or died.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import resource
from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from types import TracebackType
from typing import TYPE_CHECKING, Any, cast, overload

from fazhi.config import Settings
from fazhi.errors import ParseError, TerminalError

if TYPE_CHECKING:  # the parsers and extraction are imported in the worker, when a job needs them
    from fazhi.extract.document import ExtractedDocument
    from fazhi.extract.facts import RulePaths
    from fazhi.parse.text import ParsedText

STOP = None  # sent to the worker to end it
READY = "ready"  # sent by the worker once it can take documents
STARTUP_S = 120.0
WORKER_NAME = "fazhi-parse"  # the bounded workers' process name (``fazhi.isolation_warmup``)


@dataclass(frozen=True)
class ParseJob:
    """Bytes of one document to parse, with what the crawl knows about them."""

    data: bytes
    content_type: str | None = None
    url: str = ""
    header_charset: str | None = None

    def run(self, max_text_chars: int) -> ParsedText:
        """The parsed text; ParseError when unreadable or over ``max_text_chars``."""
        from fazhi.parse.text import parse_document  # in the worker (its server preloads it)

        parsed = parse_document(
            self.data,
            content_type=self.content_type,
            url=self.url,
            header_charset=self.header_charset,
        )
        if len(parsed.text) > max_text_chars:
            raise ParseError(
                f"too large: {len(parsed.text):,} characters of text after parsing "
                f"(limit {max_text_chars:,})"
            )
        return parsed


# one list of values per field of a record type, the records in order
Columns = dict[str, list[Any]]


@dataclass(frozen=True, slots=True)
class Extraction:
    """What staging keeps of one document's extraction, in plain values.

    The metadata travels as a dict of its fields and the facts and mentions as columns
    (:func:`record_columns`), not as a record each: the stage's process reads every worker's
    answer under one interpreter lock, and a list of strings or numbers unpickles without a
    constructor call per record and extends the stage's own columns as it is (a batch of 500
    reports, 48,000 records: 73 → 39 ms to unpickle, 107 → 40 ms to build the frames; the
    worker's pickling 84 → 24 ms).
    """

    metadata: dict[str, Any]
    facts: Columns
    mentions: Columns

    @property
    def fact_count(self) -> int:
        """How many facts the columns hold."""
        return _height(self.facts)

    @property
    def mention_count(self) -> int:
        """How many mentions the columns hold."""
        return _height(self.mentions)


def record_columns(records: Sequence[object], names: Sequence[str]) -> Columns:
    """The ``names`` attributes of ``records``, a list per name, in the records' order."""
    return {name: [getattr(record, name) for record in records] for name in names}


def _height(columns: Columns) -> int:
    return len(next(iter(columns.values()), ()))


@dataclass(frozen=True)
class ExtractJob:
    """The text of one parsed document to extract from."""

    text: str
    title: str | None = None
    locality_hint: str | None = None
    published_hint: date | None = None
    source_url: str | None = None
    listing_title: str | None = None
    page_date: date | None = None
    rules: RulePaths | None = None  # the rules file and catalogue of the run's Settings

    def run(self, max_text_chars: int) -> Extraction:
        """Metadata, facts and mentions of the text, the mentions built here: inside the
        budget, and sent back instead of the normalised text and sentences they come from."""
        from fazhi.extract.document import Fact, Mention

        extracted = self.extract()
        return Extraction(
            asdict(extracted.metadata),
            record_columns(extracted.facts, [f.name for f in fields(Fact)]),
            record_columns(extracted.mentions, Mention._fields),
        )

    def extract(self) -> ExtractedDocument:
        """The extractor's document (mentions built on first use), in this process."""
        from fazhi.extract.document import extract_document  # the stage above parsing

        return extract_document(
            self.text,
            title=self.title,
            locality_hint=self.locality_hint,
            published_hint=self.published_hint,
            source_url=self.source_url,
            listing_title=self.listing_title,
            page_date=self.page_date,
            rules=self.rules,
        )


@dataclass(frozen=True)
class DocumentJob:
    """One document to parse and then extract from (``fazhi extract``, the campaign)."""

    data: bytes
    content_type: str | None = None
    url: str = ""
    header_charset: str | None = None
    title: str | None = None
    locality_hint: str | None = None
    published_hint: date | None = None
    source_url: str | None = None  # where the report was published, when known
    rules: RulePaths | None = None  # the rules file and catalogue of the caller's Settings

    def run(self, max_text_chars: int) -> ParsedDocument:
        """The parsed text and its extraction."""
        parsed = ParseJob(self.data, self.content_type, self.url, self.header_charset).run(
            max_text_chars
        )
        extracted = ExtractJob(
            parsed.text,
            self.title or parsed.title,
            self.locality_hint,
            self.published_hint or parsed.published_on,
            source_url=self.source_url,
            rules=self.rules,
        ).extract()
        return ParsedDocument(parsed, extracted)


Job = ParseJob | ExtractJob | DocumentJob
# touches what extraction loads lazily (place names, indicator phrasings, dates, issuers)
WARM_UP_TEXT = (
    "廉江市2023年法治政府建设年度报告\n一、主要工作\n全年共办理法律援助案件1215件，"
    "调解成功率99%，行政机关负责人出庭应诉率达到100%。\n廉江市司法局\n2024年1月15日"
)
WARM_UP_JOB = DocumentJob(
    WARM_UP_TEXT.encode(), url="warm-up.txt", source_url="http://www.lianjiang.gov.cn/2024/a.html"
)


@dataclass(frozen=True)
class ParsedDocument:
    """The parsed text of one document and what extraction found in it."""

    parsed: ParsedText
    extracted: ExtractedDocument


@dataclass(frozen=True)
class DocumentLimits:
    """What one document may cost: seconds, bytes of address space, characters of text."""

    budget_s: float = 5.0
    memory_bytes: int = 1024 * 1024 * 1024
    max_text_chars: int = 1_000_000

    @classmethod
    def from_settings(cls, settings: Settings) -> DocumentLimits:
        """The limits the settings give."""
        return cls(
            settings.document_budget_s,
            settings.document_memory_bytes,
            settings.max_text_chars,
        )


def parse_and_extract(job: DocumentJob, max_text_chars: int) -> ParsedDocument:
    """Parse and extract ``job`` in this process; ParseError when unreadable or too large."""
    return job.run(max_text_chars)


def worker_context() -> multiprocessing.context.ForkServerContext:
    """The context bounded workers start from: forkserver, its server preloading the parsers
    and running the warm-up document (``fazhi.isolation_warmup``) before its first fork."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["fazhi.isolation_warmup"])
    return context


class BoundedParser:
    """Runs :func:`parse_and_extract` in a reused worker process under :class:`DocumentLimits`.

    Use as a context manager; ``run`` returns the result or raises ParseError naming the limit.
    """

    def __init__(self, limits: DocumentLimits) -> None:
        self.limits = limits
        # forkserver, not fork: the caller may run threads (Prefect); a worker (one per stage and
        # batch, or a replacement after a kill) forks from a server that has already imported
        # the parsers and run the warm-up document, so it starts in milliseconds
        self._context = worker_context()
        self._process: BaseProcess | None = None
        self._connection: Connection | None = None

    def __enter__(self) -> BoundedParser:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @overload
    def run(self, job: ParseJob) -> ParsedText: ...
    @overload
    def run(self, job: ExtractJob) -> Extraction: ...
    @overload
    def run(self, job: DocumentJob) -> ParsedDocument: ...

    def run(self, job: Job) -> ParsedText | Extraction | ParsedDocument:
        """What ``job`` yields; ParseError when it fails or exceeds a limit."""
        connection = self._worker()
        try:
            connection.send(job)
            answered = connection.poll(self.limits.budget_s)
        except OSError:
            answered = True  # the worker is gone: recv below says so
        if not answered:
            self._stop(kill=True)
            raise ParseError(
                f"too slow: parsing and extraction took over {self.limits.budget_s:g} s"
            )
        try:
            status, payload = connection.recv()
        except (EOFError, OSError) as exc:
            self._stop(kill=True)
            raise ParseError(self._died_reason()) from exc
        if status == "ok":
            # the worker ran this very job: its answer is the job's result type
            return cast("ParsedText | Extraction | ParsedDocument", payload)
        if status == "exhausted":
            self._stop(kill=True)  # its heap is spent: the next document gets a fresh worker
        raise ParseError(str(payload))

    def start(self) -> None:
        """Have a warmed-up worker waiting (``run`` starts one when needed, too)."""
        self._worker()

    def close(self) -> None:
        """Stop the worker, if one is running."""
        if self._connection is not None:
            with contextlib.suppress(OSError):  # a dead worker needs no goodbye
                self._connection.send(STOP)
        self._stop(kill=False)

    def _worker(self) -> Connection:
        if self._process is None or self._connection is None or not self._process.is_alive():
            self._stop(kill=True)
            parent, child = self._context.Pipe()
            self._process = self._context.Process(
                target=_serve, args=(child, self.limits), daemon=True, name=WORKER_NAME
            )
            self._process.start()
            child.close()
            self._connection = parent
            self._await_ready(parent)
        return self._connection

    def _await_ready(self, connection: Connection) -> None:
        # Imports and the first extraction's dictionaries are not the document's time.
        try:
            ready = connection.poll(STARTUP_S) and connection.recv() == READY
        except (EOFError, OSError):
            ready = False
        if not ready:
            self._stop(kill=True)
            raise ParseError(f"parser worker did not start within {STARTUP_S:g} s")

    def _stop(self, *, kill: bool) -> None:
        if self._process is not None:
            if kill:
                self._process.kill()
            self._process.join(5)
            if self._process.is_alive():
                self._process.kill()
                self._process.join(5)
        if self._connection is not None:
            self._connection.close()
        self._process = None
        self._connection = None

    def _died_reason(self) -> str:
        limit_mb = self.limits.memory_bytes // (1024 * 1024)
        return f"too large: the parser died (memory limit {limit_mb:,} MB per document)"


def _serve(connection: Connection, limits: DocumentLimits) -> None:
    # The limit covers this worker's whole address space, so one document cannot take the host.
    resource.setrlimit(resource.RLIMIT_AS, (limits.memory_bytes, limits.memory_bytes))
    _answer(WARM_UP_JOB, limits)
    connection.send(READY)
    while True:
        try:
            job = connection.recv()
        except EOFError:
            return
        if job is STOP:
            return
        connection.send(_answer(job, limits))


def _answer(job: Job, limits: DocumentLimits) -> tuple[str, object]:
    peak_before = _address_space_peak()
    try:
        return "ok", job.run(limits.max_text_chars)
    except MemoryError:
        return "exhausted", _exhausted_reason(limits)
    except Exception as exc:
        reason = (
            str(exc)
            if isinstance(exc, TerminalError)  # extraction is our code, but one document
            else f"extraction failed: {type(exc).__name__}: {exc}"  # must not stop a run
        )
        # C libraries word a failed allocation their own way (lxml: "XMLSyntaxError: unknown
        # error"): a failure while this job took the worker to its limit is the limit's
        peak = _address_space_peak()
        if peak > peak_before and peak >= limits.memory_bytes * NEAR_LIMIT:
            return "exhausted", f"{_exhausted_reason(limits)} ({reason})"
        return "failed", reason


NEAR_LIMIT = 0.9  # share of the address-space limit from which a failure is the limit's


def _exhausted_reason(limits: DocumentLimits) -> str:
    limit_mb = limits.memory_bytes // (1024 * 1024)
    return f"too large: parsing and extraction reached the memory limit ({limit_mb:,} MB)"


def _address_space_peak() -> int:
    """The worker's largest address space so far (VmPeak), in bytes; 0 where /proc is absent."""
    return _status_bytes("VmPeak:")


def _status_bytes(field: str) -> int:
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0
