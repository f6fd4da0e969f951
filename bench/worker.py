"""``python -m bench.worker PARAMS.json``: run one benchmark task in this process.

The parameters name the task (see :data:`bench.tasks.TASKS`); the figures are
written as JSON to the path in ``params["result"]``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(argv: list[str]) -> int:
    params = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    from .tasks import TASKS

    figures = TASKS[params["task"]](params)
    Path(params["result"]).write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
