"""A real S3 server on 127.0.0.1 (moto's server mode) and settings for a lake in it.

Every test gets its own bucket on one server per module, so tests never see each other's
objects; nothing leaves loopback (explicit keys: botocore never looks for an instance role).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import boto3
import fsspec
from moto.server import ThreadedMotoServer

from fazhi.config import Settings

REGION = "us-east-1"
KEY = "loopback-key"
SECRET = "loopback-secret"  # moto accepts any key pair


@dataclass(frozen=True)
class S3Server:
    """Where the loopback S3 server listens."""

    endpoint_url: str

    def new_bucket(self) -> str:
        """A fresh, empty bucket's name."""
        name = f"lake-{uuid.uuid4().hex[:12]}"
        client = boto3.client(
            "s3",
            endpoint_url=self.endpoint_url,
            aws_access_key_id=KEY,
            aws_secret_access_key=SECRET,
            region_name=REGION,
        )
        client.create_bucket(Bucket=name)
        return name

    def filesystem(self) -> fsspec.AbstractFileSystem:
        """An s3fs client of this server, made without the project's settings."""
        return fsspec.filesystem(
            "s3",
            endpoint_url=self.endpoint_url,
            key=KEY,
            secret=SECRET,
            client_kwargs={"region_name": REGION},
            use_listings_cache=False,
            skip_instance_cache=True,
        )


@contextmanager
def running_s3_server() -> Iterator[S3Server]:
    """Start moto's S3 server on a free loopback port; stop it afterwards."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    try:
        yield S3Server(f"http://{host}:{port}")
    finally:
        server.stop()


def s3_settings(server: S3Server, bucket: str, data_dir: Path, **overrides: object) -> Settings:
    """Settings of one machine (its own ``data_dir``) whose lake is ``s3://bucket/lake``."""
    values: dict[str, object] = {
        "data_dir": data_dir,
        "lake_url": f"s3://{bucket}/lake",
        "s3_endpoint_url": server.endpoint_url,
        "s3_region": REGION,
        "s3_access_key_id": KEY,
        "s3_secret_access_key": SECRET,
        **overrides,
    }
    return Settings(**values)  # type: ignore[arg-type]
