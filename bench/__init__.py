"""Benchmarks, run by `make bench` (never by `make test`). See bench/__main__.py."""
