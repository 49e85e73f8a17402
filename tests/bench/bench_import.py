"""Benchmark: importing robberies from CSV with ``apply_import`` against a per-row ORM loop.

    python tests/bench/bench_import.py [--rows 1000000] [--sample 5000] [--no-postgres]

For SQLite (a fresh database in a temporary DATA_DIR) and, when one answers on
127.0.0.1:5432, PostgreSQL (a fresh database ``bench``): load the demo geography with
``overvalregie demo --no-serve``, write ``--rows`` synthetic robberies inside Voorbeeldstad to a
CSV file, import it with ``apply_import`` and report rows per second and peak memory, then save
``--sample`` of the same rows one by one with ``Robbery(...).save()`` (what a naive importer
does: locate, convert, save per row) and report the ratio. Each database runs in its own
process, so the peak memory (``ru_maxrss``) is that import's.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
POSTGRES = ("127.0.0.1", 5432)
#: A box well inside the demo municipality Voorbeeldstad.
LON = (5.915, 5.985)
LAT = (52.198, 52.242)
TARGETS = ["shop", "hospitality", "snack_bar", "petrol_station", "home", "other_business"]
WEAPONS = ["firearm", "knife", "blunt", "none", "unknown"]
LOOT = ["none", "lt500", "lt5000", "ge5000", "unknown"]
HEADER = [
    "source", "source_id", "date", "time", "attempt", "lon", "lat", "address", "target_type",
    "shop_branch", "weapon", "violence", "injured", "offenders", "loot_band",
    "suspect_arrested", "solved", "kind",
]  # fmt: skip


def write_rows(path: Path, rows: int, seed: int = 7) -> None:
    """``rows`` synthetic robberies, streamed to ``path``."""
    rnd = random.Random(seed)
    start = dt.date(2015, 1, 1)
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for n in range(rows):
            target = rnd.choice(TARGETS)
            writer.writerow(
                [
                    "bench",
                    f"B-{n:07d}",
                    (start + dt.timedelta(days=rnd.randrange(3650))).isoformat(),
                    f"{rnd.randrange(24):02d}:{rnd.randrange(60):02d}"
                    if rnd.random() < 0.8
                    else "",
                    "ja" if rnd.random() < 0.2 else "nee",
                    f"{rnd.uniform(*LON):.6f}",
                    f"{rnd.uniform(*LAT):.6f}",
                    f"Proefstraat {rnd.randrange(1, 200)}",
                    target,
                    "supermarket" if target == "shop" else "",
                    rnd.choice(WEAPONS),
                    "ja" if rnd.random() < 0.4 else "nee",
                    rnd.choice([0, 0, 0, 1, 2]),
                    rnd.choice(["", 1, 2, 3]),
                    rnd.choice(LOOT),
                    "nee",
                    "nee",
                    "overval",
                ]
            )


def postgres_answers() -> bool:
    try:
        with socket.create_connection(POSTGRES, timeout=1):
            return True
    except OSError:
        return False


def fresh_postgres_database(name: str = "bench") -> str:
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as db:
        db.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        db.execute(f"CREATE DATABASE {name}")
    return f"postgres://postgres@127.0.0.1:5432/{name}"


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def worker(csv_path: Path, rows: int, sample: int) -> None:
    """In a process configured for one database (DATABASE_URL, DATA_DIR): run both imports."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "overvalregie.settings")
    django.setup()
    from django.db import connection

    from overvalregie.geography.locate import locate
    from overvalregie.geography.spatial import to_rd
    from overvalregie.incidents.importers import apply_import
    from overvalregie.incidents.models import Robbery

    label = connection.vendor
    before_mib = peak_mib()
    started = time.perf_counter()

    def progress(done, total):
        if done % 100_000 == 0:
            print(
                f"  {label}: {done:,} rows after {time.perf_counter() - started:.0f} s", flush=True
            )

    result = apply_import(csv_path, csv_path.name, progress=progress)
    bulk_seconds = time.perf_counter() - started
    bulk_rate = rows / bulk_seconds
    assert result.created == rows, result

    # The naive way, on the first `sample` rows under another source.
    started = time.perf_counter()
    with open(csv_path, newline="", encoding="utf-8") as handle:
        for n, row in enumerate(csv.DictReader(handle)):
            if n >= sample:
                break
            lon, lat = float(row["lon"]), float(row["lat"])
            location = locate(lon, lat)
            x, y = to_rd(lon, lat)
            Robbery(
                source="orm",
                source_id=row["source_id"],
                date=dt.date.fromisoformat(row["date"]),
                time=dt.time.fromisoformat(row["time"]) if row["time"] else None,
                attempt=row["attempt"] == "ja",
                lon=lon,
                lat=lat,
                rd_x=x,
                rd_y=y,
                municipality_id=location.municipality.id,
                district_id=location.district.id if location.district else None,
                neighbourhood_id=location.neighbourhood.id if location.neighbourhood else None,
                address=row["address"],
                target_type=row["target_type"],
                shop_branch=row["shop_branch"],
                weapon=row["weapon"],
                violence=row["violence"] == "ja",
                injured=int(row["injured"]),
                offenders=int(row["offenders"]) if row["offenders"] else None,
                loot_band=row["loot_band"],
            ).save()
    orm_rate = min(sample, rows) / (time.perf_counter() - started)

    print(
        f"{label:>10}: apply_import {rows:,} rows in {bulk_seconds:.1f} s "
        f"= {bulk_rate:,.0f} rows/s; "
        f"per-row save() {orm_rate:,.0f} rows/s on {min(sample, rows):,} rows; "
        f"ratio {bulk_rate / orm_rate:.1f}x; peak memory {peak_mib():.0f} MiB "
        f"(before the import: {before_mib:.0f} MiB)",
        flush=True,
    )


def run(database_url: str | None, data_dir: Path, csv_path: Path, args) -> int:
    env = {**os.environ, "DATA_DIR": str(data_dir), "DEMO_MODE": "true"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    demo = subprocess.run(
        [str(BIN / "overvalregie"), "demo", "--no-serve"], env=env, capture_output=True, text=True
    )
    if demo.returncode:
        print(demo.stdout, demo.stderr, file=sys.stderr)
        return demo.returncode
    command = [sys.executable, __file__, "--worker", str(csv_path), "--rows", str(args.rows)]
    return subprocess.run([*command, "--sample", str(args.sample)], env=env).returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--sample", type=int, default=5_000)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.rows, args.sample)
        return 0

    with tempfile.TemporaryDirectory(prefix="overvalregie-bench-") as tmp:
        tmp = Path(tmp)
        csv_path = tmp / "incidents.csv"
        started = time.perf_counter()
        write_rows(csv_path, args.rows)
        size = csv_path.stat().st_size / 2**20
        print(f"wrote {args.rows:,} rows ({size:.0f} MiB) in {time.perf_counter() - started:.1f} s")
        (tmp / "sqlite").mkdir()
        status = run(None, tmp / "sqlite", csv_path, args)
        if not args.no_postgres and postgres_answers():
            (tmp / "postgres").mkdir()
            status |= run(fresh_postgres_database(), tmp / "postgres", csv_path, args)
        elif not args.no_postgres:
            print("PostgreSQL does not answer on 127.0.0.1:5432: skipped")
    return status


if __name__ == "__main__":
    raise SystemExit(main())
