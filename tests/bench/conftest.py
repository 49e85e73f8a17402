"""Benchmarks are plain scripts run by ``make bench``, never collected by pytest."""

collect_ignore_glob = ["bench_*.py"]
