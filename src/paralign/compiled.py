"""``numba.njit`` as paralign uses it: machine code cached on disk where it can be."""

from __future__ import annotations

from numba import njit


def compiled(**options):
    """``numba.njit`` with its machine code cached on disk, or not cached where numba
    finds no folder it can write (a read-only install and home): then it compiles
    in each process instead of failing at import."""

    def wrap(fn):
        try:
            return njit(cache=True, **options)(fn)
        except RuntimeError:  # "cannot cache function …: no locator available"
            return njit(cache=False, **options)(fn)

    return wrap


__all__ = ["compiled"]
