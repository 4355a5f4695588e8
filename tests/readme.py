"""Read README.md the way a user does: its sections, code blocks, tables and the commands it shows.

Helpers for ``tests/test_docs.py`` (in the manner of sqlite-utils' ``test_docs.py``): the README
is parsed, never copied into the tests, so a test fails when the README and the code drift apart.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def text() -> str:
    return README.read_text(encoding="utf-8")


def section(title: str) -> str:
    """The body of the ``## title`` (or ``### title``) section, up to the next heading of that level or above."""
    lines = text().splitlines()
    for i, line in enumerate(lines):
        match = re.match(r"(#{2,3}) (.*)$", line)
        if match and match.group(2).strip() == title:
            level = len(match.group(1))
            body, fenced = [], False
            for other in lines[i + 1:]:
                if other.lstrip().startswith("```"):
                    fenced = not fenced
                heading = re.match(r"(#{1,6}) ", other)
                if heading and not fenced and len(heading.group(1)) <= level:  # a shell comment is no heading
                    break
                body.append(other)
            return "\n".join(body)
    raise AssertionError(f"README.md has no section {title!r}")


def code_blocks(body: str, language: str | None = None) -> list[str]:
    """The fenced code blocks of ``body`` (only those tagged ``language`` when given)."""
    blocks = re.findall(r"^[ \t]*```([\w-]*)[ \t]*\n(.*?)^[ \t]*```", body, re.M | re.S)
    return [code for tag, code in blocks if language is None or tag == language]


def commands_of(block: str) -> list[str]:
    """The command lines of a shell block: comments and blank lines left out."""
    return [line.strip() for line in block.splitlines() if line.strip() and not line.strip().startswith("#")]


def paragraphs(body: str | None = None) -> list[str]:
    """Paragraphs outside code blocks, each on one line (a span cut by a line break is joined again)."""
    body = text() if body is None else body
    body = re.sub(r"^[ \t]*```.*?^[ \t]*```[ \t]*$", "", body, flags=re.M | re.S)
    return [" ".join(p.split()) for p in re.split(r"\n[ \t]*\n", body) if p.strip()]


def spans(paragraph: str) -> list[str]:
    """The inline code spans of a paragraph."""
    return re.findall(r"`([^`]+)`", paragraph)


def table(body: str, header: str) -> list[list[str]]:
    """The rows (cells stripped) of the Markdown table whose header row starts with ``header``."""
    lines = body.splitlines()
    for i, line in enumerate(lines):
        if line.startswith(header):
            rows = []
            for row in lines[i + 2:]:  # past the header and the |---| line
                if not row.startswith("|"):
                    break
                rows.append([cell.strip() for cell in row.strip().strip("|").split("|")])
            return rows
    raise AssertionError(f"README.md has no table with the header {header!r}")


@dataclass(frozen=True)
class Invocation:
    """``powfacts ...`` as the README shows it: the words after ``powfacts``, and where it stands."""

    words: tuple[str, ...]
    where: str

    def __str__(self) -> str:
        return " ".join(("powfacts", *self.words))


def _invocations_in(command: str, where: str) -> list[Invocation]:
    lexer = shlex.shlex(command, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    try:
        tokens = list(lexer)
    except ValueError:  # an unclosed quote: the README shows something that is not a shell line
        raise AssertionError(f"{where}: cannot read {command!r} as a shell command") from None
    found, current = [], None
    for i, token in enumerate(tokens):
        if token in ("|", "&&", "||", ";"):
            current = None
            continue
        if current is not None:
            current.append(token)
            continue
        start_of_command = i == 0 or tokens[i - 1] in ("|", "&&", "||", ";")
        if start_of_command and Path(token).name == "powfacts":
            current = []
            found.append(current)
        elif token == "powfacts" and tokens[i - 1] == "-m" and i >= 2 and Path(tokens[i - 2]).name.startswith("python"):
            current = []
            found.append(current)
    return [Invocation(tuple(words), where) for words in found]


def invocations() -> list[Invocation]:
    """Every ``powfacts ...`` (or ``python -m powfacts ...``) the README shows: in shell blocks and in inline code."""
    found = []
    readme = text()
    for block in code_blocks(readme, "bash"):
        for line in commands_of(block):
            found += _invocations_in(line, f"README.md: {line}")
    for paragraph in paragraphs(readme):
        for span in spans(paragraph):
            if re.match(r"(powfacts|python3? -m powfacts) ", span):
                found += _invocations_in(span, f"README.md: `{span}`")
    return found


def option_name(word: str) -> str | None:
    """``--format`` of ``--format``, ``[--show]`` or ``--doc-memory=2GB``; None for a word that is no option (``-`` is stdin)."""
    word = word.strip("[]")
    if not re.match(r"--?[A-Za-z]", word):
        return None
    return word.split("=", 1)[0]
