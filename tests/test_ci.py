"""How the suite is run: doctests included, slow tests left out by default and run by .ci/run, exit 5 harmless."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CI = REPO / ".ci" / "run"


def pytest_options() -> dict:
    return tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]


def test_doctests_of_the_package_run_in_the_default_suite():
    options = pytest_options()
    assert "src/powfacts" in options["testpaths"]
    assert "--doctest-modules" in options["addopts"].split()


def test_the_default_run_leaves_the_slow_tests_out():
    assert re.search(r"-m ['\"]not slow['\"]", pytest_options()["addopts"])


def collected(*args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", *args], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return done.stdout


def test_slow_tests_are_selected_by_m_slow_and_only_by_it():
    slow = collected("-m", "slow", "tests/test_packaging.py", "tests/test_setup.py", "tests/test_docs.py")
    assert "test_packaging.py" in slow and "test_setup.py" in slow
    assert "test_docs.py" not in slow
    default = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "tests/test_packaging.py"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert default.returncode == 5, default.stdout[-2000:]  # every test of the file is slow: none collected by default


def test_ci_runs_the_slow_tests_after_the_readme_test_command():
    lines = CI.read_text(encoding="utf-8").splitlines()
    main = next(i for i, line in enumerate(lines) if line.endswith(".venv/bin/python -m pytest"))
    slow = next(i for i, line in enumerate(lines) if "-m pytest -m slow" in line)
    assert main < slow


def ci_slow_step(exit_code: int) -> subprocess.CompletedProcess:
    """.ci/run's slow step, with pytest replaced by a command that exits ``exit_code``."""
    text = CI.read_text(encoding="utf-8")
    start = text.index("status=0")
    end = text.index("\nfi\n", start) + len("\nfi\n")
    step = text[start:end].replace(".venv/bin/python -m pytest -m slow", f"(exit {exit_code})")
    assert f"(exit {exit_code})" in step
    return subprocess.run(["bash", "-c", f"set -euo pipefail\n{step}\necho reached-the-end"], capture_output=True, text=True, timeout=60)


def test_pytest_finding_no_slow_test_cannot_fail_ci():
    for code in (0, 5):
        done = ci_slow_step(code)
        assert done.returncode == 0 and "reached-the-end" in done.stdout, (code, done.stderr)


def test_a_failing_slow_test_fails_ci():
    for code in (1, 2):
        done = ci_slow_step(code)
        assert done.returncode == code and "reached-the-end" not in done.stdout
