"""DuckDB extensions from their PyPI packages, loaded from disk (never downloaded at run time).

Each ``duckdb-extension-NAME`` wheel ships
``duckdb_extension_NAME/extensions/vX.Y.Z/NAME.duckdb_extension``, built for exactly one DuckDB
version; the project pins DuckDB to that version.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import duckdb

from fazhi.errors import TerminalError

PROJECT_EXTENSIONS = ("fts",)  # what the read paths use; loaded before a connection is locked


def extension_file(name: str) -> Path:
    """The packaged extension file for the running DuckDB; TerminalError saying what to install."""
    package = f"duckdb_extension_{name}"
    spec = importlib.util.find_spec(package)
    wanted = f"duckdb-extension-{name}=={duckdb.__version__}"
    if spec is None or not spec.submodule_search_locations:
        raise TerminalError(f"the DuckDB extension {name!r} is not installed: pip install {wanted}")
    root = Path(next(iter(spec.submodule_search_locations)))
    path = root / "extensions" / f"v{duckdb.__version__}" / f"{name}.duckdb_extension"
    if not path.is_file():
        found = sorted(p.name for p in (root / "extensions").glob("v*"))
        raise TerminalError(
            f"the DuckDB extension {name!r} is built for {', '.join(found) or 'no version'}, "
            f"not DuckDB {duckdb.__version__}: pip install {wanted}"
        )
    return path


def load_extension(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Load extension ``name`` into ``con`` from its PyPI package."""
    con.execute(f"LOAD '{_quoted(extension_file(name))}'")


def _quoted(path: Path) -> str:
    # LOAD takes no bound parameter; the path comes from the installed package, not from users
    return str(path).replace("'", "''")
