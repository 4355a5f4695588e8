"""Shared fixtures of the powfacts test suite."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: builds a wheel or installs the checkout in a fresh venv; left out of the default run (addopts -m 'not slow'), run with -m slow (.ci/run does)")


@pytest.fixture(scope="session")
def repo() -> Path:
    """The project checkout (holds src/, patterns/, fixtures/)."""
    return REPO


@pytest.fixture(scope="session")
def shared() -> Path:
    """``../shared`` beside the checkout: the gold corpora and the guideline."""
    return REPO.parent / "shared"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return REPO / "fixtures"


@pytest.fixture
def fixtures_copy(tmp_path: Path, fixtures_dir: Path) -> Path:
    """A private copy of ``fixtures/`` that a test may edit."""
    target = tmp_path / "fixtures"
    shutil.copytree(fixtures_dir, target)
    return target


@pytest.fixture
def patterns_copy(tmp_path: Path) -> Path:
    """A private copy of the pattern root (``<root>/en/*.jsonl``) that a test may corrupt."""
    from powfacts.pipeline.rules import patterns_root

    target = tmp_path / "patterns"
    shutil.copytree(patterns_root(), target)
    return target


def _replace_line(path: Path, number: int, text: str) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[number - 1] = text
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def replace_line():
    """``replace_line(path, number, text)``: replace line ``number`` (1-based) of a file."""
    return _replace_line


@pytest.fixture
def fresh_caches():
    """Clear the pipeline and rule caches before and after a test that swaps pattern roots."""
    from powfacts import pipeline
    from powfacts.pipeline import rules

    pipeline.build.cache_clear()
    rules.load_rules.cache_clear()
    yield
    pipeline.build.cache_clear()
    rules.load_rules.cache_clear()
