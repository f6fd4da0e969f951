"""Progress reporting: a tqdm bar on a terminal, nothing when piped or quiet.

Two names, two things: a :class:`Progress` hands out bars for the long stages (it
is what ``align(progress=…)`` takes); a :data:`Tick` is the callback a stage calls
with how many items it just finished (what a bar's context yields, and what
``Encoder.encode(progress=…)`` and the aligner's passes take); a :data:`TallyTick`
also counts something else beside the items.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

#: told how many items were just done
Tick = Callable[[int], None]
#: told how many items were just done, and how many of the things counted beside them
TallyTick = Callable[[int, int], None]


class Progress:
    """Hands out progress bars for the long stages; silent unless enabled on a TTY."""

    def __init__(self, enabled: bool = True, stream=None) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = bool(enabled) and hasattr(self.stream, "isatty") and self.stream.isatty()

    @contextmanager
    def bar(self, total: int, desc: str, unit: str = "sent") -> Iterator[Tick]:
        """A context whose value, called with ``n``, advances the bar by ``n``."""
        if not self.enabled:
            yield lambda n: None
            return
        from tqdm import tqdm

        with tqdm(total=total, desc=desc, unit=unit, file=self.stream, leave=False) as t:
            yield t.update

    @contextmanager
    def tally(self, total: int, desc: str, unit: str, counted: str) -> Iterator[TallyTick]:
        """A bar over ``total`` items that also counts something else beside it
        (``counted``, e.g. sentences): its value, called with ``(items, count)``,
        advances both."""
        if not self.enabled:
            yield lambda n, count=0: None
            return
        from tqdm import tqdm

        seen = 0
        with tqdm(total=total, desc=desc, unit=unit, file=self.stream, leave=False) as t:

            def advance(n: int, count: int = 0) -> None:
                nonlocal seen
                seen += count
                t.set_postfix_str(f"{seen:,} {counted}", refresh=False)
                t.update(n)

            yield advance
