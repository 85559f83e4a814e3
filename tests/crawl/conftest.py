"""The loopback S3 server (moto), one per test module that asks for it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.lake.s3_server import S3Server


@pytest.fixture(scope="module")
def s3_server() -> Iterator[S3Server]:
    from tests.lake.s3_server import running_s3_server  # moto loads only when a test needs it

    with running_s3_server() as server:
        yield server
