"""Crawl one report column: listing pages → report articles → attachments.

Reads a :class:`Source`, the settings and the source's incremental state; fetches politely
(fazhi.crawl.fetch), stores every body in the raw lake (fazhi.crawl.store) and writes one
manifest row per fetch attempt (schema RAW_MANIFEST) to
``<lake>/raw/manifest/run_id=<run>/<source>.parquet``.
Site faults never raise: they become rows with outcome ``failed`` or ``blocked`` and a reason.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import FIRST_EXCEPTION, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import polars as pl
from protego import Protego

from fazhi.config import Settings
from fazhi.crawl import families, reports, store
from fazhi.crawl.blocks import (
    block_reason_for_attachment,
    block_reason_for_page,
)
from fazhi.crawl.families import Link, ListingRequest
from fazhi.crawl.fetch import Fetcher, FetchPolicy, FetchResult, host_allowed
from fazhi.crawl.sources import Source
from fazhi.crawl.state import CrawlState, UrlState
from fazhi.disk import require_free_space
from fazhi.errors import ParseError
from fazhi.lake import Lake
from fazhi.parse.decode import decode_html, sniff_format
from fazhi.parse.formats.html import parse_html_article
from fazhi.schemas import RAW_MANIFEST, conform

Progress = Callable[[str], None]
FRESH = ("new", "changed")
SEEN = ("unchanged", "not_modified")
ALREADY_FETCHED = "already fetched in an earlier crawl"


@dataclass
class _Run:
    """Everything one source's crawl shares: its inputs, clients and the rows so far."""

    source: Source
    settings: Settings
    run_id: str
    fetcher: Fetcher
    state: CrawlState
    progress: Progress
    lake: Lake  # the raw objects' lake, opened once for the crawl
    rows: list[dict[str, Any]] = field(default_factory=list)
    robots: dict[str, Protego | None] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    robots_lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass(frozen=True)
class _Stored:
    """A fetched body that passed the checks, with its outcome against the state."""

    result: FetchResult
    body: bytes
    sha256: str
    outcome: str
    attachments: tuple[Link, ...] | None = None  # of a page, when read from its body
    html: str | None = None  # the body decoded, when the checks decoded it (read once a page)


def crawl_source(
    source: Source,
    settings: Settings,
    run_id: str,
    *,
    progress: Callable[[str], None] | None = None,
) -> pl.DataFrame:
    """Crawl one source, store raw bytes, persist and return this run's manifest rows."""
    require_free_space(settings, f"crawling source {source.id}")
    # URL states in the lake: whichever machine crawls the source next asks conditionally
    lake = Lake.of(settings)
    state = CrawlState(settings.state_dir, source.id, source.domains, lake)
    policy = FetchPolicy.from_settings(
        settings,
        source.domains,
        source.allow_private_addresses,
        settings.delay_s if source.delay_s is None else source.delay_s,
    )
    with Fetcher(policy) as fetcher:
        run = _Run(source, settings, run_id, fetcher, state, progress or _quiet, lake)
        run.rows.extend(_resumed_rows(run))
        found = crawl_listings(run)
        crawl_articles(run, found.reports, found.maybes)
    manifest = conform(pl.DataFrame(run.rows, schema=RAW_MANIFEST), RAW_MANIFEST)
    store.write_manifest(settings, run_id, source.id, manifest)
    state.commit()
    return manifest


def summarise_manifest(manifest: pl.DataFrame) -> pl.DataFrame:
    """Per source: listing pages, reports found, and new / unchanged / blocked / failed fetches;
    ``maybe`` counts the articles fetched only to read a title the listing cut short."""
    if manifest.is_empty():
        return pl.DataFrame(schema=_SUMMARY_SCHEMA)
    documents = pl.col("kind").is_in(["article", "attachment"])
    return (
        manifest.group_by("source_id", maintain_order=True)
        .agg(
            pages=(pl.col("kind") == "listing").sum(),
            reports=pl.col("url").filter(pl.col("kind") == "article").n_unique(),
            new=(documents & pl.col("outcome").is_in(FRESH)).sum(),
            unchanged=(documents & _seen_before()).sum(),
            blocked=(pl.col("outcome") == "blocked").sum(),
            failed=(pl.col("outcome") == "failed").sum(),
            maybe=(pl.col("kind") == "maybe").sum(),
        )
        .cast({name: pl.Int64 for name in _SUMMARY_SCHEMA if name != "source_id"})
    )


def _seen_before() -> pl.Expr:
    skipped_as_held = (pl.col("outcome") == "skipped") & (pl.col("reason") == ALREADY_FETCHED)
    return pl.col("outcome").is_in(SEEN) | skipped_as_held


_SUMMARY_SCHEMA: dict[str, pl.DataType] = {
    "source_id": pl.String(),
    "pages": pl.Int64(),
    "reports": pl.Int64(),
    "new": pl.Int64(),
    "unchanged": pl.Int64(),
    "blocked": pl.Int64(),
    "failed": pl.Int64(),
    "maybe": pl.Int64(),
}


# --- listings ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Found:
    """Report links of a source's listings, and rows whose cut-short title may be a report."""

    reports: list[Link]
    maybes: list[Link]


REPEATED_PAGE = "same links as {first}: the site ignores the page number; its pager is not followed"
SAME_PAGE = "the same page as "


def crawl_listings(run: _Run) -> Found:
    """Walk every listing page of the source (up to max_pages); return its report links.

    A page that lists exactly the links of an earlier page (a site serving page 1 for any page
    number) is recorded and the pager that announced it is not followed further.
    """
    limit = run.source.max_pages or run.settings.max_pages
    queue = [ListingRequest(url) for url in run.source.start_urls]
    queued = {alias for request in queue for alias in _directory_aliases(request.url)}
    announced_by: dict[str, str] = {}
    seen_links: dict[frozenset[str], str] = {}
    chosen = None if run.source.family == "auto" else run.source.family
    found: dict[str, Link] = {}
    maybes: dict[str, Link] = {}
    off_domain: set[str] = set()
    pages = 0
    while queue and pages < limit:
        request = queue.pop(0)
        pages += 1
        text = _fetch_listing(run, request)
        if text is None:
            continue
        # Each page says its own family: a stub or a portal page may lead to a Hanweb column.
        family = chosen or families.detect_family(request.url, text)
        page = _read_listing(family, text, request)
        links = frozenset(link.url for link in page.links)
        if links and links in seen_links:
            # Page 1 under a second name (the column's / and its list.shtml) repeats page 1 too;
            # only a numbered page that repeats shows a site ignoring the page number.
            if families.is_numbered_page(request.url):
                reason = REPEATED_PAGE.format(first=seen_links[links])
                origin = announced_by.get(request.key)
                queue = [q for q in queue if origin is None or announced_by.get(q.key) != origin]
            else:
                reason = f"{SAME_PAGE}{seen_links[links]}"
            _record(run, "listing", request.key, None, "skipped", reason, Link(request.url, ""))
            continue
        seen_links.setdefault(links, request.url)
        for link in page.links:
            if link.problem:  # an href no URL parser reads: recorded when it names a report
                if reports.judge_title(link.title, run.source.title_keywords).verdict == "report":
                    _record(run, "article", link.url, None, "failed", link.problem, link)
                continue
            verdict = _judge(run.source, link)
            if verdict == "report":
                found.setdefault(link.url, link)
            elif verdict == "maybe":
                maybes.setdefault(link.url, link)
            elif verdict == "off_domain" and link.url not in off_domain:
                off_domain.add(link.url)
                reason = "report link on a host outside the allowed domains"
                _record(run, "article", link.url, None, "skipped", reason, link)
        for next_request in page.next_requests:
            if next_request.key not in queued and _listing_allowed(run.source, next_request.url):
                queued.add(next_request.key)
                announced_by[next_request.key] = request.key
                queue.append(next_request)
    maybe_links = [link for url, link in maybes.items() if url not in found]
    return Found(list(found.values()), maybe_links)


def _directory_aliases(url: str) -> list[str]:
    """A column URL ending in ``/`` and its ``index.*`` page are one listing page."""
    if not url.endswith("/"):
        return [url]
    return [url] + [f"{url}index.{extension}" for extension in ("html", "htm", "shtml")]


def _read_listing(family: str, text: str, request: ListingRequest) -> families.ListingPage:
    if request.form is not None:
        return families.read_hanweb_data(text, request)
    return families.read_listing(family, text, request.url)


def _judge(source: Source, link: Link) -> str:
    """report | maybe | off_domain | not for one listing link (reports.judge_title decides)."""
    if families.is_listing_url(link.url):
        return "not"
    verdict = reports.judge_title(link.title, source.title_keywords).verdict
    if verdict == "not":
        return "not"
    if not host_allowed(urlsplit(link.url).hostname or "", source.domains):
        return "off_domain" if verdict == "report" else "not"
    return verdict


def _listing_allowed(source: Source, url: str) -> bool:
    return host_allowed(urlsplit(url).hostname or "", source.domains)


def _fetch_listing(run: _Run, request: ListingRequest) -> str | None:
    """Decoded text of a listing page, from the network or, when not modified, the lake."""
    if not _robots_allow(run, "listing", request.url):
        return None
    previous = _held(run, run.state.get(request.key))
    run.progress(f"listing {request.url}")
    result = run.fetcher.fetch(
        request.url,
        form=dict(request.form) if request.form is not None else None,
        etag=previous.etag if previous else None,
        last_modified=previous.last_modified if previous else None,
    )
    stored = _accept(run, "listing", request.key, result, previous, Link(request.url, ""))
    if stored is None:
        return None
    if stored.html is not None:  # decoded by the checks of a body fetched now
        return stored.html
    return decode_html(stored.body, result.charset)


# --- articles and attachments ----------------------------------------------------------------
def crawl_articles(run: _Run, links: list[Link], maybes: list[Link] | None = None) -> None:
    """Fetch each report article (new, changed or unvalidated) and then its attachments; fetch
    each "maybe" row and keep it as a report only when the article's own title is one."""
    workers = max(1, run.settings.max_concurrency_per_host)
    maybes = maybes or []
    run.progress(f"found {len(links)} report links and {len(maybes)} cut-short titles to check")
    with ThreadPoolExecutor(max_workers=workers) as pool:
        _each(pool, lambda link: _crawl_article(run, link), links)
        _each(pool, lambda link: _crawl_maybe(run, link), maybes)


def _each(pool: ThreadPoolExecutor, work: Callable[[Link], None], links: list[Link]) -> None:
    """``work`` on every link in ``pool`` as ``list(pool.map(work, links))`` does it (the first
    error in the links' order raised, the links not started by then cancelled: an interrupted
    crawl stops), with this thread woken once when all are done or one failed. Map waits on
    each result in turn, which woke this thread once per page, and every such wake-up was a
    hand-over of the GIL between threads (11-14 % of the crawl's GIL samples)."""
    futures = [pool.submit(work, link) for link in links]
    wait(futures, return_when=FIRST_EXCEPTION)
    # taken from the end as map does: a failed future left in the list would form a cycle with
    # its error (error → traceback → this frame → list → future → error) that keeps the crawl,
    # and its journal's lock, alive until a garbage collection: a resumed crawl can't adopt it
    futures.reverse()
    try:
        while futures:
            futures.pop().result()
    finally:
        for future in futures:
            future.cancel()


def _crawl_article(run: _Run, link: Link) -> None:
    run.progress(f"report {link.title or link.url}")
    stored = _fetch_document(run, "article", link, parent_url=None)
    if stored is not None and stored.outcome in (*FRESH, "unchanged"):
        _crawl_attachments(run, link, stored)
    else:
        _fetch_missing_attachments(run, link, stored)


def _crawl_maybe(run: _Run, link: Link) -> None:
    """A row whose listing title was cut short: fetched (counted as kind ``maybe``) and judged by
    the article's own title; a report gets an ``article`` row of the same body."""
    run.progress(f"cut-short title {link.title or link.url}")
    stored = _fetch_document(run, "maybe", link, parent_url=None)
    if stored is None or stored.outcome not in (*FRESH, *SEEN):
        return
    title = _own_title(stored)
    if title is None or reports.judge_title(title).verdict != "report":
        return
    report = replace(link, title=title)
    row = _row(run, "article", link.url, stored.result, stored.outcome, MAYBE_REPORT, report)
    row.update(sha256=stored.sha256, bytes=len(stored.body))
    _append(run, row, None)
    if stored.outcome == "not_modified":
        _fetch_missing_attachments(run, report, stored)
    else:
        _crawl_attachments(run, report, stored)


MAYBE_REPORT = "a cut-short listing title; a report by the article's own title"


def _own_title(stored: _Stored) -> str | None:
    """The title an article page prints for itself, when it is an HTML page with one."""
    if sniff_format(stored.body, stored.result.content_type, stored.result.final_url) != "html":
        return None
    try:
        html = stored.html or decode_html(stored.body, stored.result.charset)
        return parse_html_article(html).title
    except ParseError:
        return None


def _crawl_attachments(run: _Run, link: Link, stored: _Stored) -> None:
    """Every attachment of a page fetched tonight (new, changed or unchanged)."""
    for found in stored.attachments or ():
        _crawl_attachment(run, link, found)


def _crawl_attachment(run: _Run, link: Link, found: Link) -> None:
    # The listing date of the article is the attachment's publication date too.
    attachment = replace(found, published_on=link.published_on)
    if _on_allowed_host(run, attachment.url):
        _fetch_document(run, "attachment", attachment, parent_url=link.url)
    else:
        reason = "attachment host is outside the allowed domains"
        _record(run, "attachment", "", None, "skipped", reason, attachment, link.url)


def _fetch_missing_attachments(run: _Run, link: Link, stored: _Stored | None) -> None:
    """The attachments of a page not fetched again (not modified, held without validators, or
    failing tonight) that are not in the lake: requested again, unconditionally.

    A crawl killed between a page and its attachments, or an object gone from the lake, would
    otherwise lose those attachments for good: the page answers "not modified" every night.
    Attachments that are held cost no request, as before.
    """
    # a page answering 304 was just read from the lake; one failing tonight may not be there
    state = run.state.get(link.url) if stored is not None else _held(run, run.state.get(link.url))
    if state is None:
        return  # never stored: nothing is known of its attachments
    links = stored.attachments if stored is not None else None
    urls = state.attachments
    if urls is None:  # a state from before attachments were recorded: read the page once
        links = links if links is not None else _held_page_links(run, state, link.url)
        urls = _allowed_urls(run, links)
        run.state.remember(replace(state, attachments=urls))
    missing = [url for url in urls if _held(run, run.state.get(url)) is None]
    if not missing:
        return
    if links is None:  # titles and promised formats come from the page, read from the lake
        links = _held_page_links(run, state, link.url)
    by_url = {found.url: found for found in links}
    for url in missing:
        run.progress(f"attachment not in the lake: {url}")
        _crawl_attachment(run, link, by_url.get(url, Link(url, "")))


def _held_page_links(run: _Run, state: UrlState, page_url: str) -> tuple[Link, ...]:
    """The attachment links of a held page: its body from the lake, resolved at ``page_url``."""
    body = store.read_object(run.lake, state.sha256)
    result = FetchResult(page_url, page_url, None, None, body, None, None, "not_modified")
    return _attachment_links(run, _Stored(result, body, state.sha256, "not_modified"))


def _attachment_links(run: _Run, stored: _Stored) -> tuple[Link, ...]:
    """The attachment links of a stored page; none when it is a document or undecodable."""
    if sniff_format(stored.body, stored.result.content_type, stored.result.final_url) != "html":
        return ()  # the listing linked straight to a document: no page to search
    html = stored.html
    if html is None:
        try:
            html = decode_html(stored.body, stored.result.charset)
        except ParseError:
            return ()  # an undecodable page links nothing we can read; the parse stage records it
    return tuple(families.attachment_links(html, stored.result.final_url))


def _allowed_urls(run: _Run, links: tuple[Link, ...]) -> tuple[str, ...]:
    return tuple(found.url for found in links if _on_allowed_host(run, found.url))


def _on_allowed_host(run: _Run, url: str) -> bool:
    return host_allowed(urlsplit(url).hostname or "", run.source.domains)


def _fetch_document(run: _Run, kind: str, link: Link, parent_url: str | None) -> _Stored | None:
    """Fetch an article or attachment unless the state says it is already held."""
    if not _robots_allow(run, kind, link.url):
        return None
    previous = _held(run, run.state.get(link.url))
    validators = previous if previous and not _listing_changed(previous, link) else None
    if validators is not None and not (validators.etag or validators.last_modified):
        _record_skip(run, kind, link, parent_url, validators)
        return None
    run.progress(f"{kind} {link.title or link.url}")
    result = run.fetcher.fetch(
        link.url,
        etag=validators.etag if validators else None,
        last_modified=validators.last_modified if validators else None,
    )
    return _accept(run, kind, link.url, result, previous, link, parent_url)


def _held(run: _Run, previous: UrlState | None) -> UrlState | None:
    """The state of a URL only when its body is still in the lake (a wiped lake refetches)."""
    if previous is None or not store.holds_object(run.lake, previous.sha256):
        return None
    return previous


def _listing_changed(previous: UrlState, link: Link) -> bool:
    # A new title or date beside a known link means the site republished it: fetch it again.
    shown_on = link.published_on.isoformat() if link.published_on else None
    return bool(link.title) and (previous.title, previous.published_on) != (link.title, shown_on)


def _record_skip(
    run: _Run, kind: str, link: Link, parent_url: str | None, previous: UrlState
) -> None:
    row = _row(run, kind, link.url, None, "skipped", ALREADY_FETCHED, link)
    row.update(parent_url=parent_url, sha256=previous.sha256)
    _append(run, row, None)


# --- classification --------------------------------------------------------------------------
def _accept(
    run: _Run,
    kind: str,
    key: str,
    result: FetchResult,
    previous: UrlState | None,
    link: Link,
    parent_url: str | None = None,
) -> _Stored | None:
    """Check a fetch, store its body and journal its row; None when nothing usable came back."""
    if result.outcome in ("failed", "blocked"):
        _record(run, kind, key, result, result.outcome, result.reason, link, parent_url)
        return None
    if result.outcome == "not_modified" and previous is not None:
        body = store.read_object(run.lake, previous.sha256)
        stored = _Stored(result, body, previous.sha256, "not_modified")
    else:
        problem, html = _content_problem(kind, result, link)
        if problem is not None:
            _record(run, kind, key, result, problem[0], problem[1], link, parent_url)
            return None
        sha = store.put_object(run.lake, result.body)
        stored = _Stored(result, result.body, sha, _outcome(previous, sha), html=html)
    attachments = previous.attachments if previous else None
    if kind in ("article", "maybe") and (stored.outcome != "not_modified" or attachments is None):
        stored = replace(stored, attachments=_attachment_links(run, stored))
        attachments = _allowed_urls(run, stored.attachments or ())
    _record_stored(run, kind, key, stored, link, parent_url, previous, attachments=attachments)
    return stored


def _content_problem(
    kind: str, result: FetchResult, link: Link
) -> tuple[tuple[str, str] | None, str | None]:
    """(outcome, reason) when a 2xx body is unusable: a block page or undecodable HTML; and the
    page's text when it was decoded to tell (kept for what reads the page next)."""
    actual = sniff_format(result.body, result.content_type, result.final_url)
    if kind == "attachment":
        reason = block_reason_for_attachment(link.expected_format, actual)
        return (("blocked", reason) if reason else None), None
    if kind == "robots" or (kind in ("article", "maybe") and actual != "html"):
        return None, None  # robots.txt is read leniently; a document linked straight from a listing
    try:
        html = decode_html(result.body, result.charset)
    except ParseError as exc:
        if kind in ("article", "maybe"):
            # keep the bytes: the parse stage records why, a later decoder may read it
            return None, None
        return ("failed", str(exc)), None
    reason = block_reason_for_page(html)
    if reason:
        return ("blocked", reason), html
    target = families.js_redirect_target(html, result.final_url) if kind != "listing" else None
    if target:  # a listing stub is read: its target is the next listing request
        return ("skipped", f"JavaScript redirect stub to {target}"), html
    return None, html


def _outcome(previous: UrlState | None, sha: str) -> str:
    if previous is None:
        return "new"
    return "unchanged" if previous.sha256 == sha else "changed"


def _record_stored(
    run: _Run,
    kind: str,
    key: str,
    stored: _Stored,
    link: Link,
    parent_url: str | None,
    previous: UrlState | None,
    note: str | None = None,
    attachments: tuple[str, ...] | None = None,
) -> None:
    result = stored.result
    row = _row(run, kind, link.url or key, result, stored.outcome, note, link)
    row.update(sha256=stored.sha256, bytes=len(stored.body), parent_url=parent_url)
    url_state = UrlState(
        url=key,
        sha256=stored.sha256,
        etag=result.etag or (previous.etag if previous else None),
        last_modified=result.last_modified or (previous.last_modified if previous else None),
        title=link.title or None,
        published_on=link.published_on.isoformat() if link.published_on else None,
        attachments=attachments,
    )
    _append(run, row, url_state)


def _record(
    run: _Run,
    kind: str,
    url: str,
    result: FetchResult | None,
    outcome: str,
    reason: str | None,
    link: Link | None = None,
    parent_url: str | None = None,
) -> None:
    row = _row(run, kind, link.url if link and link.url else url, result, outcome, reason, link)
    row["parent_url"] = parent_url
    _append(run, row, None)


def _row(
    run: _Run,
    kind: str,
    url: str,
    result: FetchResult | None,
    outcome: str,
    reason: str | None,
    link: Link | None,
) -> dict[str, Any]:
    return {
        "run_id": run.run_id,
        "source_id": run.source.id,
        "kind": kind,
        "url": url,
        "final_url": result.final_url if result else None,
        "parent_url": None,
        "status": result.status if result else None,
        "content_type": result.content_type if result else None,
        "sha256": None,
        "bytes": None,
        "fetched_at": datetime.now(UTC),
        "title": link.title if link and link.title else None,
        "published_on": link.published_on if link else None,
        "etag": result.etag if result else None,
        "last_modified": result.last_modified if result else None,
        "outcome": outcome,
        "reason": reason,
        "locality_hint": run.source.locality_code,
    }


def _append(run: _Run, row: dict[str, Any], url_state: UrlState | None) -> None:
    run.state.record(row, url_state)
    with run.lock:
        run.rows.append(row)


def _resumed_rows(run: _Run) -> list[dict[str, Any]]:
    """Rows an interrupted earlier run journalled but never persisted, re-keyed to this run."""
    pending = run.state.pending_rows()
    old_runs = {row["run_id"] for row in pending}
    if any(store.manifest_exists(run.settings, old, run.source.id) for old in old_runs):
        return []  # the earlier run did persist; only its state fold-in was cut short
    # Not journalled again: the journal keeps them until a manifest holding them is persisted.
    return [{**row, "run_id": run.run_id} for row in pending]


# --- robots.txt ------------------------------------------------------------------------------
def _robots_allow(run: _Run, kind: str, url: str) -> bool:
    """True when the host's robots.txt lets our User-Agent fetch ``url``; records a skip if not."""
    parts = urlsplit(url)
    origin = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
    with run.robots_lock:  # one robots.txt fetch per origin, even with several workers
        if origin not in run.robots:
            run.robots[origin] = _fetch_robots(run, f"{origin}/robots.txt")
        rules = run.robots[origin]
    if rules is None or rules.can_fetch(url, run.settings.user_agent):
        return True
    _record(run, kind, url, None, "skipped", "disallowed by robots.txt")
    return False


def _fetch_robots(run: _Run, url: str) -> Protego | None:
    previous = run.state.get(url)
    result = run.fetcher.fetch(url)
    if result.outcome != "ok" or not result.status or result.status >= 300:
        reason = result.reason or f"HTTP {result.status}"
        _record(run, "robots", url, result, "skipped", f"no robots.txt ({reason}): all allowed")
        return None
    sha = store.put_object(run.lake, result.body)
    stored = _Stored(result, result.body, sha, _outcome(previous, sha))
    rules = Protego.parse(result.body.decode("utf-8", errors="replace"))
    delay = rules.crawl_delay(run.settings.user_agent)  # the site may ask for more patience
    note = run.fetcher.limiter.obey_crawl_delay(delay, run.fetcher.policy.max_crawl_delay_s)
    _record_stored(run, "robots", url, stored, Link(url, ""), None, previous, note)
    return rules


def _quiet(message: str) -> None:
    """Progress sink that drops messages."""
