"""paralign's modules and who imports whom, read from the source (nothing is imported).

Every import statement counts, at module level or inside a function: a lazy import
is still a dependency. ``from . import x`` counts as an import of the submodule
``x`` when there is one, else of the package. Run as a script to print the import
cycles (strongly connected components of more than one module)::

    python tests/import_graph.py src
"""

from __future__ import annotations

import ast
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Import:
    importer: str
    module: str  # the module imported from (a submodule where the name is one)
    name: str  # the name imported ('' for ``import x``)


def modules(src: Path) -> dict[str, tuple[Path, bool]]:
    """Dotted name → (file, is a package), for every module under ``src``."""
    out = {}
    for path in sorted(src.rglob("*.py")):
        parts = list(path.relative_to(src).with_suffix("").parts)
        package = parts[-1] == "__init__"
        out[".".join(parts[:-1] if package else parts)] = (path, package)
    return out


def imports(src: Path) -> list[Import]:
    """Every import of one of the modules under ``src`` by another."""
    mods = modules(src)
    found = []
    for name, (path, package) in mods.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [(alias.name, "") for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    here = name.split(".") if package else name.split(".")[:-1]
                    here = here[: len(here) - node.level + 1]
                    base = ".".join(here + ([base] if base else []))
                targets = [
                    (f"{base}.{a.name}", "") if f"{base}.{a.name}" in mods else (base, a.name)
                    for a in node.names
                ]
            else:
                continue
            for module, imported in targets:
                while module and module not in mods:
                    module = module.rpartition(".")[0]
                if module and module != name:
                    found.append(Import(name, module, imported))
    return found


def cycles(src: Path) -> list[list[str]]:
    """The import cycles: sets of modules each reachable from every other, largest first."""
    edges: dict[str, set[str]] = {m: set() for m in modules(src)}
    for imp in imports(src):
        edges[imp.importer].add(imp.module)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10 * len(edges)))
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(found, key=len, reverse=True)


if __name__ == "__main__":
    src = Path(sys.argv[1] if len(sys.argv) > 1 else "src")
    found = cycles(src)
    sizes = [len(c) for c in found]
    print(f"{len(modules(src))} modules; {len(found)} import cycles; sizes {sizes}")
    for component in found:
        print(" ", " ".join(component))
