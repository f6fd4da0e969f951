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


@pytest.fixture
def no_cache(monkeypatch):
    """Keep the embedding cache off for a test that must not depend on it."""
    monkeypatch.setenv("PARALIGN_CACHE", "off")


@pytest.fixture
def fake_model(monkeypatch):
    """Make every model name load the fast hashing encoder (tests of the CLI around it)."""
    from fake_encoder import HashingEncoder

    from paralign import pipeline

    monkeypatch.setattr(pipeline, "load_encoder", lambda *a, **k: HashingEncoder())
