"""Benchmarks: scripts that print their figures. Never collected as tests."""
