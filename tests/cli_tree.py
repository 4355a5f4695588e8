"""The tree of powfacts' commands, as the tests of help texts and of the README walk it."""

from __future__ import annotations

from functools import lru_cache

import typer

from powfacts.cli import app


def is_group(command) -> bool:
    """A command with subcommands (Typer ships its own copy of Click, so no isinstance on click's classes)."""
    return hasattr(command, "commands")


@lru_cache(maxsize=None)
def root() -> object:
    """The Click command behind the Typer app."""
    return typer.main.get_command(app)


def all_commands() -> dict[tuple[str, ...], object]:
    """Every command by its path of names (``()`` is powfacts itself, ``("patterns", "check")`` a subcommand)."""
    found = {}

    def walk(path, command):
        found[path] = command
        if is_group(command):
            for name, sub in command.commands.items():
                walk((*path, name), sub)

    walk((), root())
    return found
