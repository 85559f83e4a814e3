"""The Prefect layer of fazhi-lake, and the only code that imports Prefect.

Flows and tasks that call one package function each (``pipeline``, ``sharded``), the deployments
(``deploy``), the local server and worker processes (``server``), concurrency limits (``limits``)
and the split of sources into crawl shards (``sharding``). Prefect imports inside the helper
modules happen inside functions, so the CLI can import them without touching Prefect settings.
"""
