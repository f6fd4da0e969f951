"""Reading input files: strict UTF-8 text, or one clear :class:`InputError` saying why not.

What :func:`read_text` returns is the file's text exactly as stored, decoded from
UTF-8, with only a leading byte-order mark removed. Line endings are **not**
normalised (CRLF and CR stay as they are), so the character offsets the segmenter
records (``Sentence.start``/``end``) index this string, which is the file's own
text: ``read_text(path)[s.start:s.end]`` is the exact stretch a sentence came from.

Nothing is ever guessed or replaced: a file that is not UTF-8 is refused with the
byte offset of the first bad byte and the ``iconv`` command that converts it, and a
file larger than the size limit is refused whole, never cut short.
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InputError

#: the default size limit of one input file, in bytes (64 MiB: ~10 million words)
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

_UTF8_BOM = b"\xef\xbb\xbf"
#: byte-order marks of encodings that are not UTF-8, longest first
_OTHER_BOMS = (
    (b"\xff\xfe\x00\x00", "UTF-32LE"),
    (b"\x00\x00\xfe\xff", "UTF-32BE"),
    (b"\xff\xfe", "UTF-16LE"),
    (b"\xfe\xff", "UTF-16BE"),
)
#: control characters a text file may hold (tab, line feed, vertical tab, form feed, CR)
_TEXT_CONTROLS = frozenset("\t\n\x0b\x0c\r")
_BINARY = "not a UTF-8 text file (looks binary); give the document as plain text"
#: how much of the file is looked at to tell text from binary
_SNIFF = 64 * 1024
#: share of stray control characters above which a file is taken for binary
_BINARY_SHARE = 0.05


def read_text(path: str | os.PathLike[str], *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> str:
    """The text of the UTF-8 file at ``path``, leading BOM removed, nothing else changed.

    Raises :class:`InputError` when the file is missing or unreadable, larger than
    ``max_bytes`` (``None``: no limit), binary, not UTF-8, empty or only whitespace.
    """
    return decode_text(read_bytes(path, max_bytes=max_bytes), str(path))


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int | None = DEFAULT_MAX_BYTES) -> bytes:
    """The bytes of the file at ``path``; :class:`InputError` when it is missing,
    unreadable, a directory or larger than ``max_bytes`` (refused whole)."""
    return _read_bytes(Path(path), str(path), max_bytes)


def decode_text(data: bytes, name: str = "input") -> str:
    """Decode the bytes of a text file as :func:`read_text` does; ``name`` labels errors."""
    if not data:
        raise InputError(f"{name} is empty: give a file that holds the text to align")
    for bom, encoding in _OTHER_BOMS:
        if data.startswith(bom):
            raise InputError(
                f"{name} is {encoding} text, not UTF-8: convert it with "
                f"'iconv -f {encoding} -t UTF-8 {name} > converted.txt'"
            )
    if b"\x00" in data:
        raise InputError(f"{name}: {_BINARY}")
    bom = len(_UTF8_BOM) if data.startswith(_UTF8_BOM) else 0
    try:
        text = data[bom:].decode("utf-8")
    except UnicodeDecodeError as exc:
        if _stray_control_share(data[:_SNIFF].decode("latin-1")) > _BINARY_SHARE:
            raise InputError(f"{name}: {_BINARY}") from None
        raise InputError(_not_utf8_message(data, bom + exc.start, name)) from None
    if _stray_control_share(text[:_SNIFF]) > _BINARY_SHARE:
        raise InputError(f"{name}: {_BINARY}")
    if not text.strip():
        raise InputError(f"{name} holds only whitespace: give a file that holds the text to align")
    return text


def _read_bytes(path: Path, name: str, max_bytes: int | None) -> bytes:
    """The file's bytes, refusing it whole when it is over ``max_bytes``."""
    try:
        with path.open("rb") as fh:
            if max_bytes is None:
                return fh.read()
            data = fh.read(max_bytes + 1)
            if len(data) > max_bytes:
                size = _file_size(path, fh)
                over = f"is {human_size(size)}, over" if size else "is over"
                raise InputError(
                    f"{name} {over} the {human_size(max_bytes)} size limit: split it, or raise "
                    "the limit (--max-size on the command line, max_bytes= in Python)"
                )
            return data
    except OSError as exc:
        raise unreadable(exc, name, "a text file") from None


def unreadable(exc: OSError, name: str, expected: str) -> InputError:
    """The one-line error for a file that could not be opened or read; ``expected``
    says what kind of file was wanted (``"a text file"``), for a folder given."""
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{name}: no such file")
    if isinstance(exc, IsADirectoryError):
        return InputError(f"{name} is a directory: give the path of {expected}")
    if isinstance(exc, PermissionError):
        return InputError(f"{name}: permission denied (cannot read the file)")
    return InputError(f"cannot read {name}: {exc.strerror or exc}")


def _file_size(path: Path, fh) -> int:
    """The size of a regular file, or 0 where it has none (a pipe, a device)."""
    try:
        st = os.fstat(fh.fileno())
    except OSError:  # pragma: no cover - fstat on an open file does not fail in practice
        return 0
    return st.st_size if path.is_file() else 0


def human_size(n: int) -> str:
    """A byte count for people: ``64 MiB``, ``1.5 GiB``, ``812 bytes``."""
    if n < 1024:
        return f"{n} bytes"
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        n /= 1024
        if n < 1024 or unit == "TiB":
            return f"{n:.0f} {unit}" if n == int(n) else f"{n:.1f} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


def _stray_control_share(text: str) -> float:
    """The share of characters that are control codes no text file holds."""
    if not text:
        return 0.0
    stray = sum(1 for ch in text if _is_stray_control(ch))
    return stray / len(text)


def _is_stray_control(ch: str) -> bool:
    """A C0 control (or DEL) other than the whitespace controls text files hold."""
    return (ch < " " or ch == "\x7f") and ch not in _TEXT_CONTROLS


#: codecs Python counts as text encodings that no text file is stored in: they map
#: domain names or escape sequences, or (``undefined``) refuse every byte
_NOT_FILE_ENCODINGS = frozenset(
    {"undefined", "idna", "punycode", "unicode-escape", "raw-unicode-escape"}
)


def check_encoding(encoding: str) -> str:
    """The codec name of ``encoding``, a text encoding files are stored in, or an
    :class:`InputError` saying why not: unknown, or a bytes-to-bytes codec such as
    ``base64``, ``hex``, ``zlib`` or ``rot13`` (not a way of storing text)."""
    import codecs

    try:
        info = codecs.lookup(encoding)
    except (LookupError, TypeError, ValueError):
        raise InputError(f"unknown encoding {encoding!r}: try utf-8, cp1252 or latin-1") from None
    if not getattr(info, "_is_text_encoding", True):
        why = "a codec of bytes to bytes"
    elif info.name in _NOT_FILE_ENCODINGS:
        why = "a codec of names, escapes or nothing, not a character set"
    else:
        return info.name
    raise InputError(
        f"{encoding!r} is not an encoding text files are stored in ({why}): name the "
        "file's character encoding, e.g. utf-8, cp1252 or latin-1"
    )


def _not_utf8_message(data: bytes, pos: int, name: str) -> str:
    """Where the first non-UTF-8 byte is, and how to convert the file."""
    line = data.count(b"\n", 0, pos) + 1
    where = f"byte 0x{data[pos]:02X} at byte offset {pos} (line {line})"
    try:
        data.decode("cp1252")
        guess, source = " (it looks like Windows-1252/Latin-1)", "WINDOWS-1252"
    except UnicodeDecodeError:
        guess, source = "", "ENCODING"
    return (
        f"{name}: not valid UTF-8: {where}{guess}; convert it with "
        f"'iconv -f {source} -t UTF-8 {name} > converted.txt'"
    )


def parse_size(value: str) -> int:
    """Bytes from a size such as ``200M``, ``1.5G``, ``64MiB``, ``512k`` or ``1000000``."""
    text = value.strip().upper().removesuffix("B").removesuffix("I")
    scale = 1
    for suffix, factor in (("K", 1024), ("M", 1024**2), ("G", 1024**3), ("T", 1024**4)):
        if text.endswith(suffix):
            text, scale = text[:-1], factor
            break
    try:
        size = float(text)
    except ValueError:
        raise ValueError(f"not a size: {value!r} (try 200M or 1G)") from None
    if not 1 <= size * scale < float("inf"):  # nan fails every comparison
        raise ValueError(f"not a size: {value!r} (it must be 1 byte or more)")
    return int(size * scale)


__all__ = ["DEFAULT_MAX_BYTES", "check_encoding", "decode_text", "parse_size", "read_text"]
