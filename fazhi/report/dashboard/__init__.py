"""The data-quality dashboard: a self-contained static site built from the warehouse.

Reads ``DIR/fazhi.duckdb`` (read-only) and, when present, the raw manifest under the lake; writes
``DIR/dashboard/`` (``index.html``, ``data.js``, one ``trend/<province>.js`` per province and the
page's assets). See :func:`build_dashboard`.
"""

from fazhi.report.dashboard.site import build_dashboard

__all__ = ["build_dashboard"]
