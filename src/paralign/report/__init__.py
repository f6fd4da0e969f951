"""Reports of a translation review: one self-contained HTML file (:func:`render_html`)."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from ..review.base import Review
from .html import render_html


def write_html(review: Review, path: str | os.PathLike[str], title: str | None = None) -> Path:
    """Write the HTML report to ``path`` (complete or not at all) and return the path."""
    target = Path(path)
    if target.is_dir():
        raise InputError(f"{target} is a folder; give the name of the HTML file to write")
    tmp = target.with_name(f".{target.name}.tmp")
    try:
        tmp.write_text(render_html(review, title=title), encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        raise InputError(f"cannot write {target}: {exc.strerror}") from None
    finally:
        if tmp.exists():
            tmp.unlink()
    return target


__all__ = ["render_html", "write_html"]
