"""Read aligned texts back into paralign's data model.

``read_tei(path)`` reads a TEI parallel text (paralign's own, or any TEI with
``<s xml:id>`` sentences and a ``<linkGrp>`` of ``<link target>``) into an
:class:`~paralign.model.Alignment`, safely: no entities, no network or file
access, bounded size; ``read_tei_document(path)`` reads a TEI of one text into a
:class:`~paralign.model.Document`.
"""

from .safe_xml import MAX_BYTES
from .tei import read_tei, read_tei_document

__all__ = ["MAX_BYTES", "read_tei", "read_tei_document"]
