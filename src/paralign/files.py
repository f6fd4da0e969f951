"""Writing files: the one way every command and export puts bytes on disk.

:func:`write_file` and :func:`write_files` write whole files or nothing: the bytes
go to a temporary file beside the target (``.NAME.PID.XXXXXXXX.tmp``), are synced
to disk, get the permissions ``open()`` would give (``0o666`` less the umask, or
those of the file replaced), and then replace the target in one step. Missing
folders are created (and removed again if the write fails); a symbolic link is
written through to its target. Temporary files that a killed write left behind
are removed by the next write of the same file. Every failure is one
:class:`WriteError` whose message is one line: ``cannot write OUT: permission denied``.

:func:`write_stdout` writes to standard output with the same one-line errors
(closed stream, ``> /dev/full``, a reader that went away).
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Mapping
from pathlib import Path

from .errors import InputError, ParalignError

__all__ = [
    "STDOUT_NAME",
    "WriteError",
    "check_output",
    "file_mode",
    "flush_stdout",
    "print_out",
    "write_file",
    "write_files",
    "write_stdout",
]

#: how standard output is named in messages
STDOUT_NAME = "standard output"

#: a temporary file older than this (seconds) is stale whoever made it
STALE_AGE = 3600


class WriteError(ParalignError):
    """A file (or standard output) that cannot be written."""


def write_file(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path``, whole or not at all, and return the path."""
    return write_files({Path(path): data})[0]


def write_files(outputs: Mapping[str | os.PathLike[str], bytes]) -> list[Path]:
    """Write several files: every one to a temporary file first, then each renamed.

    A failure before the renames leaves every target as it was, and no folder
    that this call created. Returns the paths as given.
    """
    items = [(Path(p), data) for p, data in outputs.items()]
    temps: list[tuple[str, Path, Path]] = []
    created: list[Path] = []
    shown: Path | None = None
    done = False
    try:
        for shown, data in items:
            target = _target(shown)
            created += _make_folders(target.parent)
            _remove_stale(target)
            temps.append((_write_temp(target, data), target, shown))
        for tmp, target, name in temps:
            shown = name  # the path the error message names
            os.replace(tmp, target)
        for folder in dict.fromkeys(target.parent for _, target, _ in temps):
            _fsync_folder(folder)
        done = True
    except OSError as exc:
        raise WriteError(f"cannot write {shown}: {reason(exc)}") from None
    finally:
        for tmp, _, _ in temps:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if not done:
            for folder in reversed(created):
                with contextlib.suppress(OSError):
                    folder.rmdir()  # only if still empty
    return [p for p, _ in items]


def check_output(out: Path, inputs: list[str] | tuple[str, ...] = ()) -> None:
    """Refuse, before any work, an output path that cannot or must not be written:
    a folder, a path below a file, one of the ``inputs``."""
    if out.is_dir():
        raise WriteError(f"cannot write {out}: it is a directory; give a file name")
    try:
        os.stat(out)
    except FileNotFoundError:
        pass
    except OSError as exc:
        raise WriteError(f"cannot write {out}: {reason(exc)}") from None
    for name in inputs:
        try:
            if out.exists() and os.path.samefile(out, name):
                raise InputError(f"the output {out} is the input file {name}: choose another -o")
        except OSError:
            continue


def file_mode(path: Path) -> int:
    """The permission bits for writing ``path``: those of the file there, else
    ``0o666`` less the process umask (what ``open(path, "w")`` would give)."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        return 0o666 & ~_umask()


def write_stdout(data: bytes | str) -> None:
    """Write ``data`` (text is encoded as UTF-8) to standard output and flush it."""
    stream = sys.stdout
    if stream is None:
        raise WriteError(f"cannot write to {STDOUT_NAME}: it is closed")
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        stream.flush()
        buffer = getattr(stream, "buffer", None)
        if buffer is None:
            stream.write(raw.decode("utf-8"))
        else:
            buffer.write(raw)
        stream.flush()
    except OSError as exc:
        _silence_stdout()
        raise WriteError(f"cannot write to {STDOUT_NAME}: {reason(exc)}") from None


def print_out(text: str) -> None:
    """``print(text)`` for a command's report on standard output, with one-line errors."""
    write_stdout(text + "\n")


def flush_stdout() -> None:
    """Flush what ``print`` left in standard output's buffer, with one-line errors."""
    if sys.stdout is not None:
        write_stdout(b"")


def reason(exc: OSError) -> str:
    """An OSError as the end of a one-line message: ``permission denied``."""
    text = exc.strerror or str(exc)
    return text[:1].lower() + text[1:]


def _target(path: Path) -> Path:
    """The file to replace: ``path``, or the file a symbolic link there points to."""
    with contextlib.suppress(FileNotFoundError):
        os.stat(path)  # raises for a link loop or a path below a regular file
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _make_folders(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; return those created, outermost first."""
    missing: list[Path] = []
    while not folder.exists() and not folder.is_symlink() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    created = []
    for path in reversed(missing):
        path.mkdir()
        created.append(path)
    return created


def _write_temp(target: Path, data: bytes) -> str:
    """Write ``data`` to a synced temporary file beside ``target`` with its final mode."""
    mode = file_mode(target)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent
    )
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _remove_stale(target: Path) -> None:
    """Remove the temporary files of ``target`` that a killed write left behind:
    those of a process that no longer runs, and any older than :data:`STALE_AGE`."""
    pattern = re.compile(rf"\.{re.escape(target.name)}\.(?:(\d+)\.)?[a-z0-9_]{{8}}\.tmp")
    try:
        names = os.listdir(target.parent)
    except OSError:
        return
    now = time.time()
    for name in names:
        match = pattern.fullmatch(name)
        if not match:
            continue
        path = target.parent / name
        pid = int(match[1]) if match[1] else None
        with contextlib.suppress(OSError):
            old = now - path.lstat().st_mtime > STALE_AGE
            if old or (pid is not None and pid != os.getpid() and not _running(pid)):
                path.unlink()


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    return True


def _umask() -> int:
    """The process umask, read without changing it where the system allows."""
    with contextlib.suppress(OSError, ValueError), open("/proc/self/status", "rb") as fh:
        for line in fh:
            if line.startswith(b"Umask:"):
                return int(line.split()[1], 8)
    mask = os.umask(0o022)  # reading the umask means setting it; put it back at once
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (and Windows) cannot sync a folder
    finally:
        os.close(fd)


def _silence_stdout() -> None:
    """Point standard output at the null device, so that the interpreter's last
    flush of what is still buffered does not fail a second time."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
