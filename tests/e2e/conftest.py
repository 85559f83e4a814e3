"""One Prefect test server for every end-to-end module that runs flows in this process.

Starting ``prefect_test_harness`` costs a server start-up (seconds, more on a busy machine); the
modules each started their own. The server's SQLite database is fresh for the package and every
test names its own data directory, so the runs of one module do not see another's. Package
scope: the server stops, and the process-wide Prefect settings it set are undone, when the last
e2e test has run.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest


@pytest.fixture(scope="package")
def prefect_harness() -> Iterator[None]:
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=120):
        yield
