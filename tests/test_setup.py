"""The README's first "Set up" command, run as it is in a copy of the checkout (slow: a fresh venv).

``python3 -m venv .venv && .venv/bin/pip install . && .venv/bin/powfacts extract fixtures/wire_story.txt``
must install powfacts and print the reviewed facts of the wire story. The command is read from the
README (``tests/test_docs.py`` checks there are exactly two, and that the second is the one CI runs).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

import readme

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[1]
#: what `pip install .` needs of the checkout (the sdist's files, less the tests)
CHECKOUT = ("src", "patterns", "fixtures", "README.md", "pyproject.toml")
#: the venv and the installed command must not see this checkout through the test run's environment
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}


def install_command() -> str:
    (block,) = readme.code_blocks(readme.section("Set up"), "bash")
    return readme.commands_of(block)[0]


def test_the_readme_install_command_installs_and_extracts_the_wire_story(tmp_path):
    clone = tmp_path / "powfacts"
    clone.mkdir()
    for name in CHECKOUT:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, clone / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, clone / name)
    parts = [part.strip() for part in install_command().split("&&")]
    assert len(parts) == 3 and "pip install" in parts[1], parts
    for part in parts:
        done = subprocess.run(["bash", "-c", part], cwd=clone, capture_output=True, text=True, timeout=1200, env=CLEAN_ENV)
        if done.returncode != 0 and "pip install" in part:
            pytest.skip(f"`{part}` failed (is a package index reachable?): {done.stderr.strip()[-300:]}")
        assert done.returncode == 0, f"`{part}` exited {done.returncode}: {done.stderr[-2000:]}"
    facts = [json.loads(line) for line in done.stdout.splitlines()]
    expected = [json.loads(line) for line in (REPO / "fixtures" / "wire_story.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert facts, done.stderr
    for fact in facts:
        assert fact["source"]["path"] == "fixtures/wire_story.txt"
        fact["source"]["path"] = "wire_story.txt"  # the expected file names the document relative to fixtures/
    assert facts == expected
