"""One way to register a plug-in, for every pluggable kind of paralign.

A :class:`Registry` maps names to things (encoder classes, segmenter factories,
cleaners, review checks, export writers, CLI commands) and is filled by a
decorator where each thing is defined::

    from paralign.export.base import FORMATS

    @FORMATS.register("csv")
    class CsvWriter(Writer): ...

Nothing keeps a list of the modules: on the first lookup the registry imports
every module of its package (``pkgutil``), so a new file in that package is found
by being there; a plug-in defined anywhere else (a test, a user's module) is
found once its module has run its decorator. A registry is a read-only mapping
in registration order, or in ``order`` where registrations give one (the CLI's
``--help``, the cleaners' sequence).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Iterator, Mapping
from typing import Generic, TypeVar

from .errors import InputError, ParalignError

T = TypeVar("T")

__all__ = ["Registry"]

#: the position of a registration that gives no ``order``: after those that do
LAST = 1_000_000


class Registry(Mapping[str, T], Generic[T]):
    """Things of one kind by name, found in ``package`` (a dotted module name).

    ``what`` names the kind in messages (``"export format"``); ``error`` is the
    :class:`~paralign.errors.ParalignError` an unknown name raises.
    """

    def __init__(
        self, what: str, package: str | None = None, error: type[ParalignError] = InputError
    ) -> None:
        self.what = what
        self.package = package
        self.error = error
        self._items: dict[str, tuple[float, int, T]] = {}
        self._found = package is None
        self._finding = False

    def register(self, name: str, *, order: float = LAST) -> Callable[[T], T]:
        """Decorator: register the function or class it decorates as ``name``."""

        def decorate(thing: T) -> T:
            self.add(name, thing, order=order)
            return thing

        return decorate

    def add(self, name: str, thing: T, *, order: float = LAST) -> None:
        """Register ``thing`` as ``name``; a name is taken once (the same definition
        run again, as a reloaded module does, replaces itself)."""
        if not isinstance(name, str) or not name:
            raise ValueError(f"a {self.what} needs a name, not {name!r}")
        old = self._items.get(name)
        if old is not None and _origin(old[2]) != _origin(thing):
            raise ValueError(
                f"{self.what} {name!r} is registered already (by {_origin(old[2])}); "
                "choose another name"
            )
        index = old[1] if old is not None else len(self._items)
        self._items[name] = (order, index, thing)

    def remove(self, name: str) -> None:
        """Forget ``name`` (a plug-in that is done, e.g. at the end of a test)."""
        self._items.pop(name, None)

    def get_or_raise(self, name: str) -> T:
        """The thing called ``name``, or one error line listing the names known."""
        try:
            return self[name]
        except (KeyError, TypeError):
            raise self.error(
                f"unknown {self.what} {name!r}; choose one of: {', '.join(self)}"
            ) from None

    def discover(self) -> None:
        """Import every module of the package once, so that their decorators run."""
        if self._found or self._finding:
            return
        self._finding = True
        try:
            package = importlib.import_module(self.package or "")
            for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}."):
                if not info.name.rpartition(".")[2].startswith("_"):
                    importlib.import_module(info.name)
            self._found = True
        finally:
            self._finding = False

    def _sorted(self) -> list[tuple[str, T]]:
        self.discover()
        rows = sorted(self._items.items(), key=lambda kv: (kv[1][0], kv[1][1]))
        return [(name, row[2]) for name, row in rows]

    def __getitem__(self, name: str) -> T:
        if name not in self._items:
            self.discover()
        return self._items[name][2]

    def __contains__(self, name: object) -> bool:
        if name not in self._items:
            self.discover()
        return name in self._items

    def __iter__(self) -> Iterator[str]:
        return iter([name for name, _ in self._sorted()])

    def __len__(self) -> int:
        self.discover()
        return len(self._items)

    def __repr__(self) -> str:
        return f"Registry({self.what!r}, {list(self._items)})"


def _origin(thing: object) -> str:
    """Where a registered thing is defined: ``module.qualname``."""
    module = getattr(thing, "__module__", None) or type(thing).__module__
    name = getattr(thing, "__qualname__", None) or type(thing).__qualname__
    return f"{module}.{name}"
