"""paralign's version, in a module of its own so that writers can record it without
importing the package root (which imports every stage)."""

__version__ = "0.1.0"
