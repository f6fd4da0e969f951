"""Reports of a translation review: one self-contained HTML file (:func:`render_html`)."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from ..files import write_file
from ..review.base import Review
from .html import render_html


def write_html(review: Review, path: str | os.PathLike[str], title: str | None = None) -> Path:
    """Write the HTML report to ``path`` (complete or not at all) and return the path."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{target} is a folder; give the name of the HTML file to write")
    return write_file(target, render_html(review, title=title).encode("utf-8"))


__all__ = ["render_html", "write_html"]
