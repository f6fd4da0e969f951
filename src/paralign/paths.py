"""Paths named inside a file (metadata.toml, a manifest) that must stay in their folder.

A corpus folder is published as a whole: a ``transcription = "/etc/passwd"`` or
``"../../other/x.txt"`` in its metadata would copy a file from elsewhere into the
TEI built there. :func:`path_inside` is the one check every reader of such names uses.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath

from .errors import InputError


def path_inside(folder: str | os.PathLike[str], name: str, *, what: str = "the path") -> Path:
    """``folder / name``, where ``name`` is a relative path that stays inside ``folder``.

    Refused with an :class:`InputError` (``what`` says where the name came from, e.g.
    ``"texts/x/metadata.toml: [source] transcription"``): an empty name, an absolute
    one (``/x``, ``C:\\x``, ``\\\\server\\x``), one with a ``..`` part, and one whose
    real path (symbolic links followed) lies outside ``folder``'s real path.
    """
    if not isinstance(name, str) or not name.strip() or "\0" in name:
        raise InputError(f"{what} must name a file in {folder}, not {name!r}")
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    if posix.is_absolute() or windows.is_absolute() or windows.drive or windows.root:
        raise InputError(
            f"{what} = {name!r} is an absolute path: name a file inside {folder} "
            "(relative to it), e.g. 'transcription.txt'"
        )
    if ".." in posix.parts or ".." in windows.parts:
        raise InputError(
            f"{what} = {name!r} leaves its folder {folder}: name a file inside it "
            "(copy the file there)"
        )
    base = Path(folder)
    path = base / name
    real_base = os.path.realpath(base)
    real = os.path.realpath(path)
    if os.path.commonpath([real_base, real]) != real_base:
        raise InputError(
            f"{what} = {name!r} leads outside its folder {folder} (through a symbolic "
            f"link, to {real}): name a file inside it"
        )
    return path


__all__ = ["path_inside"]
