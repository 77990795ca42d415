"""Test helpers shared by the test folders and the benchmarks (never shipped in the product)."""
