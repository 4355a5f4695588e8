"""The real documents several tests read: the project's fixtures, the shared corpora beside the checkout, the development sets."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from powfacts.pipeline.language import detect
from powfacts.inputs.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DOCUMENTS = sorted(
    [str(p) for p in (ROOT / "fixtures").glob("*.txt")]
    + [str(p) for p in SHARED.glob("corpus*/docs/*.txt")]
    + [str(p) for p in ROOT.glob("devsets/*/docs/*.txt")]
)


def name(path: str) -> str:
    """A short test id: ``corpus-en/03.txt`` or the fixture's file name."""
    p = Path(path)
    return f"{p.parent.parent.name}/{p.name}" if p.parent.name == "docs" else p.name


@lru_cache(maxsize=None)
def text(path: str) -> str:
    return read_document(path).text


@lru_cache(maxsize=None)
def text_and_language(path: str) -> tuple[str, str]:
    return text(path), detect(text(path))
