"""The loopback S3 server, one per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.lake.s3_server import S3Server, running_s3_server


@pytest.fixture(scope="module")
def s3_server() -> Iterator[S3Server]:
    with running_s3_server() as server:
        yield server
