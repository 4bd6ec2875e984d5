"""Benchmarks of Pnyx pages against a bare Django page served by the same server (see README.md)."""
