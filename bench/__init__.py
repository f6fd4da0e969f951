"""The paralign benchmark: quality on the gold sets of ../shared/eval, speed and memory.

Run it from the repository root with ``python -m bench`` (or ``python bench/run.py``);
see docs/benchmark.md. It is how claims are checked, not a test.
"""
