"""The errors paralign raises for bad input; the CLI turns each into one line and exit 2."""


class ParalignError(Exception):
    """Base of every error paralign reports to its user as one clear line."""


class InputError(ParalignError):
    """An input file or text that cannot be aligned (empty, binary, not UTF-8, …)."""


class ModelError(ParalignError):
    """An embedding model that cannot be found or loaded."""


class FormatError(ParalignError):
    """A file in an export/import format that is malformed or unsupported."""
