"""Help texts as a user reads them: Rich markup must not eat square brackets (``text[start:end]``, ``powfacts[dask]``).

Typer renders help texts as Rich markup, where ``[start:end]`` looks like a style tag and vanishes.
A literal bracket is written ``\\[`` in cli.py; these tests render every help of every command and
check that every bracket of the source shows.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from powfacts.cli import app

from cli_tree import all_commands

WIDE = {"COLUMNS": "250", "TERMINAL_WIDTH": "250"}


def commands() -> dict[tuple[str, ...], object]:
    return all_commands()


def rendered(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], env=WIDE)
    assert result.exit_code == 0, result.output
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.output).split())


def help_texts(command: object) -> list[str]:
    texts = [command.help or ""]
    texts += [getattr(param, "help", None) or "" for param in command.params]
    return [t for t in texts if t]


def bracketed(text: str) -> list[str]:
    """The words of a help text that hold a square bracket, as they should read (``\\[`` is an escaped ``[``)."""
    plain = " ".join(text.replace("\\[", "[").split())
    return re.findall(r"[^\s\[]*\[[^\]\s]*\][^\s]*", plain)


@pytest.mark.parametrize("path", list(commands()), ids=lambda p: " ".join(p) or "powfacts")
def test_every_square_bracket_of_a_help_text_shows(path):
    shown = rendered(path)
    for text in help_texts(commands()[path]):
        for word in bracketed(text):
            assert word in shown, f"`powfacts {' '.join(path)} --help` lost {word!r} (write a literal [ as \\[ in a Rich help text)"


def test_text_help_shows_text_start_end():
    assert "text[start:end] == figure.text" in rendered(("text",))


def test_extract_help_shows_the_dask_extra():
    assert "powfacts[dask]" in rendered(("extract",))


def test_extract_help_lists_exit_code_130():
    shown = rendered(("extract",))
    assert re.search(r"; 130 interrupted \(Ctrl-C or SIGTERM", shown), shown


def test_text_help_through_the_console_script():
    """The same through ``python -m powfacts`` in a real process (a terminal-less Rich console, as in a pipe)."""
    done = subprocess.run([sys.executable, "-m", "powfacts", "text", "--help"], capture_output=True, text=True, timeout=120, env={**__import__("os").environ, **WIDE})
    assert done.returncode == 0, done.stderr
    assert "text[start:end]" in done.stdout


def test_the_bracket_finder_sees_what_rich_would_eat():
    """The check above is not empty: without the escape, Rich drops the bracket."""
    from rich.text import Text

    assert bracketed("offsets: text\\[start:end] == figure.text") == ["text[start:end]"]
    assert "[start:end]" not in Text.from_markup("text[start:end]").plain
    assert Text.from_markup("text\\[start:end]").plain == "text[start:end]"
