"""The DuckDB warehouse: star schema, atomic idempotent loads and SQL marts.

Reads the staged hand-offs (``fazhi.schemas``) and writes ``DATA_DIR/fazhi.duckdb``. Every SQL
statement lives under ``fazhi/sql/`` (migrations, load, marts, queries) and is read via
:func:`fazhi.sql.read_sql`.
"""
