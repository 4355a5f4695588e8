"""Typed errors of the library. Only the CLI turns them into messages and exit codes."""

from __future__ import annotations


class PowfactsError(Exception):
    """Base class of every error powfacts raises on purpose."""


class InputError(PowfactsError):
    """A document cannot be read: missing, unreadable, empty or not text."""


class PatternError(PowfactsError):
    """A pattern file is malformed; the message names the file and line."""


class UsageError(PowfactsError):
    """An option has a value powfacts cannot use (for example a bad date)."""


class OutputError(PowfactsError):
    """The output cannot be written (disk full, I/O error); the message names the file and the OS's reason."""
