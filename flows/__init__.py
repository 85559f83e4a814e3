"""The Prefect layer of fazhi-lake, and the only code that imports Prefect.

Flows and tasks that call one package function each (``pipeline``, ``sharded``), the deployments
(``deploy``), the local server and worker processes (``server``), concurrency limits (``limits``)
and the split of sources into crawl shards (``sharding``). Prefect imports inside the helper
modules happen inside functions, so the CLI can import them without touching Prefect settings.
"""

from fazhi.children import keep_main_out_of_children

# In a flow-run process started by a Prefect worker the main module is Prefect's engine, which
# loads these flows from here: children (parsing workers, loader, crawl processes) must not
# import it again each (fazhi.children.keep_main_out_of_children). Elsewhere it does nothing.
keep_main_out_of_children()
