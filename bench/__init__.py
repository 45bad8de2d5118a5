"""Benchmark and test-document tools (not installed with the package)."""
