"""The README held to the code, in the manner of sqlite-utils' ``test_docs.py``.

Every command the README shows exists, every option it names is in that command's ``--help``,
the exit codes, the CSV columns and the record's fields are the ones the code has, and the
"Set up" commands are the ones CI and the tests run. Each test reads the README (``readme.py``)
and the code, so it fails when either changes without the other.
"""

from __future__ import annotations

import ast
import csv
import io
import json
import re
from functools import lru_cache
from pathlib import Path

import pytest
from typer.testing import CliRunner

import readme
from powfacts import cli
from powfacts.cli import app

from cli_tree import all_commands, is_group, root
from powfacts.facts.records import record_schema

REPO = Path(__file__).resolve().parents[1]
WIDE = {"COLUMNS": "250", "TERMINAL_WIDTH": "250"}


def is_option(param) -> bool:
    return getattr(param, "param_type_name", None) == "option"  # long enough that no option name or help line is cut


def resolve(words) -> tuple[tuple[str, ...], object]:
    """The command a README line names (``patterns check``) and the words that name it."""
    path, command = [], root()
    for word in words:
        if is_group(command) and word in command.commands:
            path.append(word)
            command = command.commands[word]
        else:
            break
    return tuple(path), command


def options_of(command: object) -> set[str]:
    names = {"--help"}
    for param in command.params:
        if is_option(param):
            names.update(param.opts)
            names.update(param.secondary_opts)
    return names


@lru_cache(maxsize=None)
def help_of(path: tuple[str, ...]) -> str:
    """``powfacts <path> --help`` as a user sees it (exit 0), with the wrapping and Rich's boxes taken out."""
    result = CliRunner().invoke(app, [*path, "--help"], env=WIDE)
    assert result.exit_code == 0, f"powfacts {' '.join(path)} --help exited {result.exit_code}: {result.output}"
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.output).split())


def mentions(help_text: str, option: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", help_text) is not None


# -- commands and options ------------------------------------------------------------


def test_the_readme_shows_commands():
    shown = {resolve(i.words)[0] for i in readme.invocations()}
    assert {("extract",), ("text",), ("check",), ("eval",), ("schema",), ("timeline",), ("report",), ("explain",), ("patterns", "check"), ("patterns", "schema")} <= shown


@pytest.mark.parametrize("invocation", readme.invocations(), ids=str)
def test_every_command_the_readme_shows_exists_and_has_its_options(invocation):
    path, command = resolve(invocation.words)
    rest = invocation.words[len(path):]
    if rest and not rest[0].startswith("-"):
        assert not is_group(command), f"{invocation.where}: no command {rest[0]!r} (have: {', '.join(sorted(command.commands))})"
    help_text = help_of(path)  # exits 0
    for word in rest:
        option = readme.option_name(word)
        if option is None:
            continue
        assert option in options_of(command), f"{invocation.where}: `powfacts {' '.join(path)}` has no option {option}"
        assert mentions(help_text, option), f"{invocation.where}: {option} is not in `powfacts {' '.join(path)} --help`"


def command_paragraphs() -> list[tuple[tuple[str, ...], str]]:
    """Paragraphs about one command: they start with `cmd` (``extract` options: ...``) or **cmd**."""
    names = {" ".join(path): path for path in all_commands() if path}
    found = []
    for paragraph in readme.paragraphs():
        match = re.match(r"(?:`([a-z ]+)`|\*\*([a-z ]+)\*\*)", paragraph)
        if match and (match.group(1) or match.group(2)) in names:
            found.append((names[match.group(1) or match.group(2)], paragraph))
    return found


def options_named(paragraph: str) -> set[str]:
    return {name for span in readme.spans(paragraph) for name in [readme.option_name(span.split()[0])] if name}


def test_the_readme_has_an_options_paragraph_for_extract():
    assert any(path == ("extract",) and paragraph.startswith("`extract` options:") for path, paragraph in command_paragraphs())


@pytest.mark.parametrize("path, paragraph", command_paragraphs(), ids=lambda v: " ".join(v) if isinstance(v, tuple) else None)
def test_every_option_a_command_paragraph_names_is_in_its_help(path, paragraph):
    command = all_commands()[path]
    help_text = help_of(path)
    for option in options_named(paragraph):
        assert option in options_of(command), f"README: `{' '.join(path)}`: no option {option}"
        assert mentions(help_text, option), f"README: {option} is not in `powfacts {' '.join(path)} --help`"


def test_options_said_to_serve_several_commands_are_theirs():
    """``--patterns DIR` adds your files ... to `extract`, `explain`, ...``: a paragraph that starts with an option."""
    names = {" ".join(path): path for path in all_commands() if path}
    checked = 0
    for paragraph in readme.paragraphs():
        match = re.match(r"`(--?[a-z][\w-]*)[^`]*`", paragraph)
        if not match:
            continue
        commands = [names[span] for span in readme.spans(paragraph) if span in names]
        for path in commands:
            checked += 1
            assert match.group(1) in options_of(all_commands()[path]), f"README: {match.group(1)} is said to serve `{' '.join(path)}`, which has no such option"
            assert mentions(help_of(path), match.group(1))
    assert checked >= 5  # --patterns for four commands, -o for three


def test_every_option_of_extract_is_in_the_readme():
    """The other way round for the main command: nothing `extract --help` offers is left undocumented."""
    named = set()
    for invocation in readme.invocations():
        path, _ = resolve(invocation.words)
        if path == ("extract",):
            named |= {readme.option_name(w) for w in invocation.words if readme.option_name(w)}
    for path, paragraph in command_paragraphs():
        if path == ("extract",):
            named |= options_named(paragraph)
    extract = all_commands()[("extract",)]
    for param in extract.params:
        if is_option(param) and "--help" not in param.opts:
            assert set(param.opts) & named, f"extract {'/'.join(param.opts)} is not in the README"


# -- exit codes ----------------------------------------------------------------------


def readme_exit_codes() -> dict[int, str]:
    body = readme.text()
    start = body.index("Exit codes (also in `powfacts extract --help`)")
    return {int(row[0]): row[1] for row in readme.table(body[start:], "| code |")}


def cli_exit_codes() -> set[int]:
    """The codes cli.py defines (``EXIT_*``) and every code it exits with: ``typer.Exit(n)``, ``_fail(message, n)``."""
    tree = ast.parse(Path(cli.__file__).read_text(encoding="utf-8"))
    constants = {name: getattr(cli, name) for name in dir(cli) if name.startswith("EXIT_")}

    fail = next(n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef) and n.name == "_fail")
    passed_on = {arg.arg for arg in fail.args.args}  # `_fail`'s own `typer.Exit(code)`: its callers' codes count

    def value(node) -> int | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, int):
            return node.value
        if isinstance(node, ast.Name) and node.id in constants:
            return constants[node.id]
        if isinstance(node, ast.Name) and node.id in passed_on:
            return None
        raise AssertionError(f"cli.py:{node.lineno}: an exit code that is neither a number nor an EXIT_ constant: {ast.unparse(node)}")

    codes = set(constants.values())
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef) and node.name == "_fail":
            codes |= {value(d) for d in node.args.defaults}
        if not isinstance(node, ast.Call):
            continue
        name = ast.unparse(node.func)
        if name in ("typer.Exit", "Exit", "SystemExit", "sys.exit") and node.args:
            codes.add(value(node.args[0]))
        if name == "_fail" and len(node.args) > 1:
            codes.add(value(node.args[1]))
        for keyword in node.keywords:
            if keyword.arg in ("code", "exit_code"):
                codes.add(value(keyword.value))
    return codes - {None}


def listed_exit_codes(text: str) -> set[int]:
    """The codes of an "Exit codes: 0 ...; 1 ...; 130 ..." sentence."""
    match = re.search(r"Exit codes: (.*?)\.(?:\s|$)", " ".join(text.split()) + " ", re.S)
    assert match, f"no 'Exit codes:' in {text[:200]!r}"
    return {int(code) for code in re.findall(r"(?:^|; )(\d+) ", match.group(1))}


def test_the_readme_exit_codes_are_the_codes_of_the_cli():
    assert set(readme_exit_codes()) == cli_exit_codes()


def test_extract_help_lists_every_exit_code_including_130():
    listed = listed_exit_codes(help_of(("extract",)))
    assert 130 in listed
    assert listed == set(readme_exit_codes()) == cli_exit_codes()


def test_the_cli_module_docstring_lists_the_same_exit_codes():
    assert listed_exit_codes(cli.__doc__) == cli_exit_codes()


# -- CSV columns ---------------------------------------------------------------------


def readme_columns(command: str) -> list[str]:
    """The columns the README says ``<command> --format csv`` writes (the code span after "these columns:")."""
    for paragraph in readme.paragraphs():
        if paragraph.startswith(f"`{command} --format csv` writes"):
            after = paragraph.split("these columns:", 1)[1]
            return [c.strip() for c in readme.spans(after)[0].split(",")]
    raise AssertionError(f"README.md does not list the columns of `{command} --format csv`")


@pytest.fixture(scope="module")
def facts_jsonl(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("docs") / "facts.jsonl"
    result = CliRunner().invoke(app, ["extract", str(REPO / "fixtures" / "wire_story.txt"), "-q", "-o", str(target), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8").strip()
    return target


def test_the_readme_csv_columns_of_extract_are_the_columns_it_writes(tmp_path):
    target = tmp_path / "facts.csv"
    result = CliRunner().invoke(app, ["extract", str(REPO / "fixtures" / "wire_story.txt"), "-q", "--format", "csv", "-o", str(target), "--workers", "1"])
    assert result.exit_code == 0, result.output
    header = next(csv.reader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert readme_columns("extract") == header


def test_the_readme_csv_columns_of_timeline_are_the_columns_it_writes(facts_jsonl):
    result = CliRunner().invoke(app, ["timeline", str(facts_jsonl), "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("\ufeff")  # a byte-order mark, so a spreadsheet reads UTF-8 (the README says so)
    header = next(csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff"))))
    assert readme_columns("timeline") == header


# -- the record ----------------------------------------------------------------------


def test_the_readme_record_table_names_every_field_of_the_schema_and_no_other():
    rows = readme.table(readme.section("A record"), "| field | meaning |")
    fields = [name for row in rows for name in re.findall(r"`([^`]+)`", row[0])]
    assert len(fields) == len(set(fields)), "a field is described twice"
    assert set(fields) == set(record_schema()["properties"])


def test_the_readme_record_example_has_the_fields_of_the_schema():
    (example,) = readme.code_blocks(readme.section("A record"), "json")
    record = json.loads(example)
    schema = record_schema()

    def properties(prop) -> set[str]:
        for option in [prop, *prop.get("anyOf", [])]:
            if "$ref" in option:
                return set(schema["$defs"][option["$ref"].rsplit("/", 1)[1]]["properties"])
        raise AssertionError(f"not an object: {prop}")

    assert set(record) == set(schema["properties"])
    for name in ("date", "figure", "evidence", "source"):
        assert set(record[name]) == properties(schema["properties"][name]), name


# -- set up --------------------------------------------------------------------------


def setup_commands() -> list[str]:
    (block,) = readme.code_blocks(readme.section("Set up"), "bash")
    commands = readme.commands_of(block)
    assert len(commands) == 2, commands
    return commands


def test_the_readme_test_command_is_the_one_ci_runs():
    _, test_command = setup_commands()
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert test_command in ci, f".ci/run does not run the README's test command: {test_command}"


def test_the_readme_install_command_is_the_one_the_setup_test_runs():
    """``tests/test_setup.py`` (slow) runs the first command of "Set up" as it is; here: it reads it from the README."""
    import test_setup

    install, _ = setup_commands()
    assert test_setup.install_command() == install
    assert install.endswith("powfacts extract fixtures/wire_story.txt")
