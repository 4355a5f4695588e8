"""The wheel: built from the checkout, installed in a fresh venv, run from elsewhere with its shipped patterns."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


#: the installed venv must not see the checkout through the environment of the test run
CLEAN_ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}


def run(args, **kwargs):
    return subprocess.run([str(a) for a in args], capture_output=True, text=True, timeout=900, env=CLEAN_ENV, **kwargs)


def run_or_skip(args, what):
    """Run a step that needs a package index; skip (with the reason) when it is unreachable."""
    try:
        done = run(args)
    except subprocess.TimeoutExpired:
        pytest.skip(f"{what}: timed out (is a package index reachable?)")
    if done.returncode != 0:
        pytest.skip(f"{what} failed (is a package index reachable?): {done.stderr.strip()[-300:]}")
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory, repo):
    """A venv with the wheel of this checkout installed (with its dependencies from the index)."""
    root = tmp_path_factory.mktemp("packaging")
    wheels = root / "wheels"
    run_or_skip([sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", wheels, repo], "building the wheel")
    (wheel,) = wheels.glob("powfacts-*.whl")
    venv = root / "venv"
    made = run([sys.executable, "-m", "venv", venv])
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    run_or_skip([python, "-m", "pip", "install", "--disable-pip-version-check", wheel], "installing the wheel with its dependencies")
    return python, wheel


def test_wheel_ships_the_patterns(installed):
    import zipfile

    _, wheel = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert "powfacts/patterns/en/measures.jsonl" in names
    assert "powfacts/cli.py" in names
    assert not any(name.startswith("tests/") for name in names)


def test_installed_patterns_root_is_inside_site_packages(installed, tmp_path):
    python, _ = installed
    done = run([python, "-c", "import powfacts.pipeline.rules; print(powfacts.pipeline.rules.patterns_root())"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    root = Path(done.stdout.strip())
    assert "site-packages" in root.parts
    assert (root / "en" / "measures.jsonl").is_file()


def test_installed_module_extracts_a_fixture_from_another_folder(installed, tmp_path, fixtures_dir):
    python, _ = installed
    done = run([python, "-m", "powfacts", "extract", fixtures_dir / "wire_story.txt"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    facts = [json.loads(line) for line in done.stdout.splitlines()]
    assert facts
    assert {f["measure"] for f in facts} >= {"released"}
    text = (fixtures_dir / "wire_story.txt").read_text(encoding="utf-8")
    assert all(text[f["figure"]["start"]:f["figure"]["end"]] == f["figure"]["text"] for f in facts)


def test_installed_console_script(installed, tmp_path):
    python, _ = installed
    script = python.parent / "powfacts"
    assert script.is_file()
    done = run([script, "schema"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "measure" in json.loads(done.stdout)["properties"]


def test_installed_wheel_reads_html_pdf_and_other_encodings(installed, tmp_path, fixtures_dir):
    """The dependencies that read HTML, PDF and encodings are declared (a missing one fails here, not on a dev machine)."""
    python, _ = installed
    names = ("html_news_page.html", "pdf_resolution.pdf", "ru_cp1251.txt", "utf16_story.txt")
    done = run([python, "-m", "powfacts", "extract", *(fixtures_dir / name for name in names)], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    formats = {(Path(f["source"]["path"]).name, f["source"]["format"]) for f in map(json.loads, done.stdout.splitlines())}
    assert formats == {(n, "html" if n.endswith(".html") else "pdf" if n.endswith(".pdf") else "text") for n in names}
