"""A parent's main module for test_warmup: run as ``python -m tests.parse.main_probe MARKER``, it
parses one document in a bounded worker; imported again in a child (as ``__mp_main__``), it
writes MARKER, which the test looks for."""

from __future__ import annotations

import sys
from pathlib import Path

from fazhi.isolation import BoundedParser, DocumentLimits, ParseJob

if __name__ == "__mp_main__":  # multiprocessing's name for the parent's main module in a child
    Path(sys.argv[1]).write_text("imported in a child\n", encoding="utf-8")

if __name__ == "__main__":
    with BoundedParser(DocumentLimits()) as parser:
        print(parser.run(ParseJob("法治政府建设年度报告".encode(), url="a.txt")).text)
