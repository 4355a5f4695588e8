"""Coverage-guided fuzzing of extraction with atheris (pip install atheris).

    cp -r fixtures /tmp/fuzz-corpus   # seeds; libFuzzer adds what it finds there
    python fuzz/fuzz_extract.py /tmp/fuzz-corpus -seed=1 -max_total_time=60 -timeout=20

Every input, read as UTF-8 (bad bytes replaced), must extract without an
exception, with every offset holding, and give the same output twice.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from powfacts.facts import dates, numbers  # noqa: F401  (instrumented for coverage)
    from powfacts.pipeline import prefilter  # noqa: F401
    from powfacts.api import extract_text
    from powfacts.pipeline.components import cues, facts, figures, published  # noqa: F401


def test_one_input(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    first = extract_text(text)
    for fact in first:
        assert text[fact.figure.start : fact.figure.end] == fact.figure.text
        assert text[fact.evidence.start : fact.evidence.end] == fact.evidence.text
    assert [f.to_json() for f in extract_text(text)] == [f.to_json() for f in first]


def main() -> None:
    extract_text("warm up: 205 prisoners of war were released on 6 May 2025.")
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
