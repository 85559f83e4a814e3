"""Build the extraction hot path as C extensions with mypyc (``make compile``).

Compiles ``fazhi.extract.COMPILED_MODULES`` (the same typed Python files, unchanged) into one
shared library and one small extension per module, written to ``fazhi/extract/_compiled/`` with
the digest of the sources they came from; ``fazhi.extract`` imports them in place of the Python
files while that digest matches (see its docstring). The C sources and objects go to
``build/mypyc/``. ``--clean`` removes what a build wrote.

Run: ``.venv/bin/python tools/compile_extract.py [--clean]``.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD = ROOT / "build" / "mypyc"
COMPILED_PATH = "fazhi/extract/_compiled"


def clean() -> None:
    """Remove the extensions, their stamp and the C build."""
    from fazhi.extract import COMPILED_DIR

    shutil.rmtree(COMPILED_DIR, ignore_errors=True)
    shutil.rmtree(BUILD, ignore_errors=True)


def build() -> None:
    """Compile the modules and move the extensions (and a fresh stamp) into ``_compiled/``."""
    from mypyc.build import mypycify
    from setuptools import Distribution

    from fazhi.extract import (
        COMPILED_DIR,
        COMPILED_MODULES,
        GROUP,
        SOURCES_STAMP,
        source_digest,
    )

    digest = source_digest()  # of the files as they were when the build began
    sources = [f"fazhi/extract/{name}.py" for name in COMPILED_MODULES]
    BUILD.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=BUILD) as out:
        # mypyc resolves module names from the paths, so it runs from the checkout's root;
        # a bare Distribution (not setup()) reads no pyproject.toml.
        extensions = mypycify(
            sources, opt_level="3", group_name=f"fazhi.extract.{GROUP}", target_dir=str(BUILD / "c")
        )
        dist = Distribution({"name": "fazhi-extract-compiled", "ext_modules": extensions})
        command = dist.get_command_obj("build_ext")
        command.build_lib = out
        command.build_temp = str(BUILD / "temp")
        dist.run_command("build_ext")
        built = sorted((Path(out) / "fazhi" / "extract").iterdir())
        shutil.rmtree(COMPILED_DIR, ignore_errors=True)
        COMPILED_DIR.mkdir()
        for path in built:
            shutil.move(path, COMPILED_DIR / path.name)
    (COMPILED_DIR / SOURCES_STAMP).write_text(digest + "\n", "ascii")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clean", action="store_true", help="remove the compiled modules")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.clean:
        clean()
        print("compiled extraction modules removed: the Python files are used")
        return
    os.chdir(ROOT)  # mypyc names the modules by their paths from here
    started = time.monotonic()
    build()
    cpu = sum(
        usage.ru_utime + usage.ru_stime
        for usage in map(resource.getrusage, (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    )
    print(
        f"compiled extraction modules built into {COMPILED_PATH}: "
        f"{time.monotonic() - started:.0f} s, {cpu:.0f} s of CPU with the C compiler"
    )


if __name__ == "__main__":
    main()
