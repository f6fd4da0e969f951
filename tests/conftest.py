"""Shared fixtures: the ../shared folder (skipped with a reason when absent).

The tests never write to the user's embedding cache (~/.cache/paralign): unless
PARALIGN_CACHE is set already, it points at a folder of this test session.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

# no property test is timed (speed lives in bench/): a slow example on a loaded CI
# machine must not fail with hypothesis's default 200 ms deadline; CI runs repeatable
settings.register_profile("paralign", deadline=None, derandomize=bool(os.environ.get("CI")))
settings.load_profile("paralign")

if "PARALIGN_CACHE" not in os.environ:
    os.environ["PARALIGN_CACHE"] = tempfile.mkdtemp(prefix="paralign-test-cache-")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder beside the repository; skips the test when it is absent."""
    if not (SHARED / "eval").is_dir():
        pytest.skip(f"../shared not found at {SHARED}: gold data and seeds unavailable")
    return SHARED
