"""Every reader of untrusted input, fuzzed: it returns, or refuses with a ParalignError
(one line on the command line, exit 2); never another exception (hypothesis).

``make test`` runs a few dozen examples per reader; ``make fuzz`` runs many
(``PARALIGN_FUZZ_EXAMPLES``, default 2000 each) without stopping at the first failure
and prints the inputs tried and the failures per reader (docs/robustness.md).
"""

from __future__ import annotations

import os
import sys

import pytest
from fuzz_readers import READERS, Scratch
from hypothesis import HealthCheck, given, settings

#: set by ``make fuzz``: examples per reader, and go on after a failure to count them all
LONG = int(os.environ.get("PARALIGN_FUZZ_EXAMPLES", "0"))
EXAMPLES = LONG or 40


@pytest.fixture(scope="module")
def scratch():
    folder = Scratch()
    yield folder
    folder.close()
    if LONG:
        width = max(len(name) for name in READERS)
        lines = [f"{'reader':<{width}}  inputs tried  failures"]
        for name, reader in READERS.items():
            lines.append(f"{name:<{width}}  {reader.tried:>12}  {len(reader.failures):>8}")
            lines += [f"    {failure}" for failure in reader.failures[:5]]
        print("\n" + "\n".join(lines), file=sys.__stderr__)


@pytest.mark.parametrize("name", list(READERS))
def test_a_reader_returns_or_refuses_in_one_error(name, scratch):
    reader = READERS[name]

    @settings(
        max_examples=EXAMPLES,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None if LONG else settings.default.database,
    )
    @given(data=reader.inputs())
    def run(data: bytes) -> None:
        reader.check(data, scratch.fresh(), keep_going=bool(LONG))

    run()
    assert not reader.failures, "\n".join(reader.failures[:5])
