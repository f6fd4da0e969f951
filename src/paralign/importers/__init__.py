"""Reading untrusted XML safely: no entities, no network or file access, bounded size.

TEI is read by :mod:`paralign.tei` (``paralign.read_tei``, ``paralign.read_tei_document``)
through :mod:`.safe_xml`.
"""

from .safe_xml import MAX_BYTES

__all__ = ["MAX_BYTES"]
