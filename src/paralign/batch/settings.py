"""A pair's settings, and the words of a batch run (:class:`~paralign.vocab.PairKind`,
:class:`~paralign.vocab.PairStatus`) by short names."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

from ..aligner import DEFAULT_MAX_BEAD, OVERLAP_MODES
from ..encoders import DEFAULT_MODEL
from ..errors import InputError
from ..read import DEFAULT_MAX_BYTES
from ..vocab import EditorialMode, OverlapMode, PairKind, PairStatus, choices

TEXTS, DOCUMENT = PairKind.TEXTS, PairKind.DOCUMENT
DONE, UNCHANGED, FAILED = PairStatus.DONE, PairStatus.UNCHANGED, PairStatus.FAILED
STATUSES = choices(PairStatus)


@dataclass(frozen=True)
class Settings:
    """How one pair is aligned and written: the options of ``paralign align``
    (``editorial`` is ``build-corpus``'s), the review, the date in headers."""

    src_lang: str | None = None
    tgt_lang: str | None = None
    format: str = "tei"
    model: str = DEFAULT_MODEL
    max_bead: int = DEFAULT_MAX_BEAD
    overlaps: str = OverlapMode.AUTO
    presegmented: bool = False
    paragraphs: bool = True
    #: read and write the embedding cache (``--no-cache`` turns it off)
    cache: bool = True
    max_bytes: int | None = DEFAULT_MAX_BYTES
    #: also write the review report (``NAME.review.html``) and count the findings
    review: bool = False
    editorial: str = EditorialMode.OMIT
    #: the date written in headers (by default ``SOURCE_DATE_EPOCH``'s, read by the client)
    date: str | None = None

    def as_dict(self) -> dict[str, object]:
        return asdict(self)

    def with_values(self, values: dict[str, str]) -> Settings:
        """These settings with some changed from text (a manifest's columns); an
        :class:`InputError` names a value that is not valid."""
        changes: dict[str, object] = {}
        for key, text in values.items():
            if key not in PER_PAIR:
                raise InputError(
                    f"unknown setting {key!r}; the settings are: {', '.join(PER_PAIR)}"
                )
            changes[key] = PER_PAIR[key](key, text)
        return replace(self, **changes)


def _text(key: str, value: object) -> str:
    text = str(value).strip()
    if not text:
        raise InputError(f"{key} is empty")
    return text


def _boolean(key: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise InputError(f"{key} must be true or false, not {value!r}")


def _max_bead(key: str, value: object) -> int:
    try:
        n = int(str(value).strip())
    except ValueError:
        raise InputError(f"{key} must be a whole number, not {value!r}") from None
    if n < 2:
        raise InputError(f"{key} must be 2 or more, not {n}")
    return n


def _overlaps(key: str, value: object) -> str:
    text = str(value).strip()
    if text not in OVERLAP_MODES:
        raise InputError(f"{key} must be one of {', '.join(OVERLAP_MODES)}, not {value!r}")
    return text


def _format(key: str, value: object) -> str:
    from ..export import FORMATS

    text = str(value).strip()
    if text not in FORMATS:
        raise InputError(f"{key} must be one of {', '.join(FORMATS)}, not {value!r}")
    return text


#: the settings a manifest row may give for its pair, with how each is read
PER_PAIR = {
    "src_lang": _text,
    "tgt_lang": _text,
    "format": _format,
    "model": _text,
    "max_bead": _max_bead,
    "overlaps": _overlaps,
    "presegmented": _boolean,
    "paragraphs": _boolean,
    "review": _boolean,
}
