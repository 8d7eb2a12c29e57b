"""Benchmarks: a synthetic world shaped like the curated data, and one runner (``make bench``)."""
