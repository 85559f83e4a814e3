"""One settings object for the whole project.

Precedence (highest first): explicit keyword arguments, ``FAZHI_*`` environment variables,
a TOML file (``FAZHI_CONFIG`` or ``fazhi.toml`` in the working directory), defaults in code.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_ROOT = Path(__file__).resolve().parent
PACKAGE_DATA = PACKAGE_ROOT / "data"


def _config_file() -> Path:
    return Path(os.environ.get("FAZHI_CONFIG", "fazhi.toml"))


def usable_cores() -> int:
    """The cores this process may run on (its affinity, not the machine's count)."""
    return len(os.sched_getaffinity(0))


class Settings(BaseSettings):
    """Runtime settings; every path derives from ``data_dir`` unless set explicitly."""

    model_config = SettingsConfigDict(env_prefix="FAZHI_", extra="ignore")

    data_dir: Path = Path("warehouse")
    user_agent: str = "fazhi-lake/0.1 (+https://github.com/fazhi-lake/fazhi-lake; open data)"
    request_timeout_s: float = 20.0  # per read
    request_deadline_s: float = 120.0  # per request, whole body included
    max_crawl_delay_s: float = 30.0  # cap on robots.txt Crawl-delay and Retry-After waits
    document_budget_s: float = 5.0  # parse + extract of one document, then it is "too slow"
    document_memory_bytes: int = 1024 * 1024 * 1024  # address space of the parsing worker
    max_text_chars: int = 1_000_000  # text of one document after parsing; more is "too large"
    # parsing/extraction workers a stage runs at once (each under the limits above): the cores
    document_workers: int = Field(default_factory=usable_cores, ge=1)
    # documents that go through parse → extract → gate → load together: memory holds one batch
    batch_size: int = Field(default=500, ge=1)
    # batches the loader's process gates and loads before it is replaced by a fresh one, which
    # returns whatever memory it kept from batch to batch (fazhi.loader)
    loader_recycle_batches: int = Field(default=50, ge=1)
    # batches the loader loads through one writer before closing it, which checkpoints DuckDB's
    # log into the file and lets other writers in (they wait up to lock_timeout_s meanwhile);
    # 1 opens and checkpoints the warehouse for every batch (fazhi.warehouse.db.HeldWriter).
    # Ten 500-report batches into a 10,000-report warehouse: 38.4 s of CPU with 1, 27.5 with 5,
    # 30.9 with 10; the loading process's peak 735, 857 and 996 MB (benchmarks.load_growth).
    # End to end at 10,000 reports, 5 took 105.9 s against 123.6 s but the tree's peak 1,801 MB
    # against 1,482 (the held writer's memory stays while the next batch is parsed), so 1 by
    # default: faster runs with memory to spare set FAZHI_WAREHOUSE_HOLD_BATCHES=5. Measured
    # again on 6 December (the loader's DuckDB bounded, the run's process lean; docs/scale.md):
    # 5 saved 12 % at 10,000 reports (+30-50 MB) but nothing at 100,000 (1,257.9 s, 1,420 MB
    # against 1,192.3 s, 1,392 MB), so 1 still
    warehouse_hold_batches: int = Field(default=1, ge=1)
    # parse and extract the next batch while one is gated and loaded, with one parsing worker
    # fewer than document_workers (fazhi.batches.preparing_settings), so the loader keeps a core
    # of its own. 100,000 reports under Prefect (5 December, 2 cores, docs/scale.md): 826.9 s and
    # a tree peak of 1,500 MB with it (the loader's DuckDB at 96 MiB), against 1,033.7 s and
    # 1,431 MB one batch after the other; with both workers beside the loader (4 December)
    # 1,127.3 s and 1,608 MB. Off, the parsing workers and the loader are never busy at once.
    overlap_batches: bool = True
    # with overlap_batches, how many batches are parsed and extracted ahead of the one being
    # gated and loaded (fazhi.batches.pipelined). With 1 the two sides wait for each other at
    # every batch, so each batch takes the longer of its load and the next batch's parse and
    # extract; with 2 neither waits for the other unless it is two batches ahead. What a batch
    # started ahead makes is in the lake, not in memory. 10,000 reports under Prefect, runs in
    # turn (6 December): 130.3 and 124.8 s with 1, 135.3 and 124.6 s with 2, the same peak; the
    # parsing side sets the pace there (the loader waits ~1.3 s a batch), so 1 by default
    batches_ahead: int = Field(default=1, ge=1)
    # begin a batch as soon as the hosts crawled so far fill it, while other hosts are crawled
    # (fazhi.streaming); off, the crawl's documents are planned at once when it ends, every
    # host's mixed. Off by default: 10,000 and 20,000 reports on 2 cores showed no gain (the
    # crawl and the parsing workers share the cores), and at 100,000 the batches of one host's
    # reports loaded slower than mixed ones (1,181.9 s against 1,129.4; docs/scale.md)
    stream_batches: bool = False
    delay_s: float = 1.0
    max_concurrency_per_host: int = 2
    max_concurrent_hosts: int = 4  # hosts crawled at once, each within its own politeness
    # each of them in a process of its own (fazhi.crawl.processes), so that a crawl bound by its
    # own Python uses every core (none when only one host is crawled at a time). The processes
    # end with the crawl, before the batches: 100,000 reports on 200 hosts (5 December, 2 cores)
    # crawled in 123 s against 233 s in threads, the tree's peak unchanged (1,431 MB, in the
    # batches); 10,000 on 50 hosts 14.2 s against 22.8 s (docs/scale.md)
    crawl_in_processes: bool = True
    max_retries: int = 3
    retry_backoff_s: float = 1.0  # first wait between retries of a transient fault; doubles
    max_body_bytes: int = 50 * 1024 * 1024
    max_redirects: int = 5
    max_pages: int = 50
    lock_timeout_s: float = 60.0
    # free space (MB) a run keeps on each local disk it writes (the data directory, a local
    # lake): it looks before each source's crawl and each batch's parse and load, and on the
    # warehouse's disk also keeps room for the readers' copy the run's end publishes (the size of
    # the warehouse); short of it the run stops with the reason (fazhi.disk). 0 checks nothing.
    min_free_disk_mb: int = Field(default=512, ge=0)
    # Every DuckDB connection the project opens (fazhi.warehouse.db.duckdb_config): DuckDB's own
    # default is 80 % of the machine's RAM and one thread per core, per connection, so a query
    # over the whole warehouse could take gigabytes. Beyond the limit DuckDB spills what it can
    # (sorts, joins, aggregates) to duckdb_temp_dir and fails the query with an "Out of Memory"
    # error where it cannot: the dashboard's trend shards (list aggregates, which cannot spill)
    # are queried in groups of documents sized from the limit (fazhi.report.dashboard.panels).
    duckdb_memory_limit_mb: int = Field(default=1024, ge=64)
    duckdb_threads: int = Field(default_factory=usable_cores, ge=1)
    # The same two for the run's loader process (fazhi.loader: its gate and its loads) and the
    # run's dashboard (a process of its own at the run's end), beside the run's process. DuckDB
    # lets its buffers grow to the limit: with 1 GiB the checkpoint closing each load peaked
    # higher as the warehouse grew (docs/scale.md); a batch's steps hold ~155 MB at 30,000
    # reports. Too low a limit fails a load with DuckDB's "Out of Memory" error (raise it for
    # batches of long reports). 128 MiB, not 256: 10,000 reports (bare, back to back, 4 December)
    # took the loader's peak 852 -> 750 MB and the tree's 1,280 -> 1,189 MB in 113.8 -> 107.4 s.
    # 96, not 128 (5 December): gate and load at a 100,000-report warehouse (four loads,
    # benchmarks.loader_phases) peaked at 659 MB against 715 in 2.12 s of CPU against 2.28; 80 MiB
    # 667 MB, 64 MiB failed a load; 100,000 reports under Prefect loaded whole with 96
    loader_duckdb_memory_limit_mb: int = Field(default=96, ge=64)
    # One thread, not one per core: a batch's statements and its checkpoint are small, and a
    # second DuckDB thread mostly waited, for more CPU and no less time (a batch's gate and load
    # at a 100,000-report-sized warehouse, benchmarks/loader_phases.py: 3.9-4.6 s of CPU with
    # two threads, 2.6 s with one; the checkpoint at the writer's close 1.5-1.8 s against 0.5 s)
    loader_duckdb_threads: int = Field(default=1, ge=1)
    catalog_path: Path = PACKAGE_DATA / "catalog.csv"
    phrasings_path: Path = (
        PACKAGE_DATA / "phrasings.toml"
    )  # the extractor's rules (checked at load)
    sql_dir: Path = PACKAGE_ROOT / "sql"  # package data: present in a wheel install
    expectations_dir: Path = PACKAGE_ROOT / "quality" / "expectations"
    lake_url: str | None = Field(
        default=None, description="fsspec URL of the lake; defaults to DATA_DIR/lake"
    )
    # Object storage of an s3:// lake (fazhi.lake.storage_options turns these into s3fs options).
    # Unset, s3fs/botocore find them the standard way: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY
    # (or AWS_PROFILE, an instance role), AWS_DEFAULT_REGION, AWS_ENDPOINT_URL_S3.
    s3_endpoint_url: str | None = Field(
        default=None, description="S3-compatible endpoint (MinIO, Ceph, OSS): http(s)://host:port"
    )
    s3_region: str | None = None
    s3_access_key_id: str | None = None
    s3_secret_access_key: SecretStr | None = None
    # further fsspec options of the lake's filesystem, for any protocol (JSON in the environment)
    lake_storage_options: dict[str, Any] = Field(default_factory=dict)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml = TomlConfigSettingsSource(settings_cls, toml_file=_config_file())
        return (init_settings, env_settings, toml)

    @property
    def lake_dir(self) -> Path:
        return self.data_dir / "lake"

    @property
    def lake_root(self) -> str:
        """Where lake files go: a local path or any fsspec URL."""
        return self.lake_url or str(self.lake_dir)

    @property
    def duckdb_path(self) -> Path:
        return self.data_dir / "fazhi.duckdb"

    @property
    def duckdb_temp_dir(self) -> Path:
        """Where DuckDB spills what does not fit ``duckdb_memory_limit_mb``."""
        return self.data_dir / "duckdb.tmp"

    @property
    def state_dir(self) -> Path:
        return self.data_dir / "state"

    @property
    def data_docs_dir(self) -> Path:
        return self.data_dir / "data_docs"

    @property
    def dashboard_dir(self) -> Path:
        return self.data_dir / "dashboard"

    @property
    def prefect_home(self) -> Path:
        return self.data_dir / ".prefect"


def load_settings(**overrides: object) -> Settings:
    """Settings from defaults, the TOML file and the environment, then ``overrides``."""
    clean = {k: v for k, v in overrides.items() if v is not None}
    return Settings(**clean)  # type: ignore[arg-type]
