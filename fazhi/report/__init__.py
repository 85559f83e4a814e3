"""The report stage: what a run tells people once it has loaded.

Reads the results of the earlier stages (manifest, staged documents, gate, load) and the
warehouse; writes nothing to the lake. ``summary`` is the run summary printed at the end of a
run, ``artifacts`` the content of the run's Prefect artifacts, ``data_docs`` the offline listing
of the Great Expectations Data Docs, and the dashboard (``dashboard/``).
"""
