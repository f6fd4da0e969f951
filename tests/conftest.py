"""Shared fixtures: the ../shared folder (skipped with a reason when absent)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder beside the repository; skips the test when it is absent."""
    if not (SHARED / "eval").is_dir():
        pytest.skip(f"../shared not found at {SHARED}: gold data and seeds unavailable")
    return SHARED
