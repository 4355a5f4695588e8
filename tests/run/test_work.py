"""powfacts.run.work.prepare: what a worker makes lazily on its first document is made before a child is forked."""

from __future__ import annotations

import json
from pathlib import Path

from dateparser import timezone_parser

from powfacts import pipeline
from powfacts.facts.date_forms import Vocabulary
from powfacts.pipeline import language
from powfacts.run.work import Options, prepare, process

ROOT = Path(__file__).resolve().parents[2]


def _loads() -> tuple[int, ...]:
    """How often each lazily made piece has been made in this process."""
    return (
        pipeline.build.cache_info().misses,
        language._detector.cache_info().misses,
        Vocabulary.of.cache_info().misses,
        timezone_parser._build_tz_regexes.cache_info().misses,
    )


def test_after_prepare_a_document_makes_nothing_lazily():
    # what powfacts.run.cluster.isolated forks from: each document runs in a child that would otherwise make
    # the pipeline, the classifier, dateparser's time-zone names and the date vocabularies again
    prepare(Options())
    made = _loads()
    for name in ("uk_coordination_headquarters.txt", "en_ombudsman_statement.txt", "es_agencia.txt"):
        result = process(0, str(ROOT / "fixtures" / name), Options())
        expected = [json.loads(line) for line in (ROOT / "fixtures" / name).with_suffix(".jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
        assert len(result.lines) == len(expected) > 0
    assert _loads() == made



def test_a_document_that_cannot_hold_a_fact_is_written_with_no_fact_and_never_reaches_the_pipeline(tmp_path, monkeypatch):
    # the skip is inside extraction: the document still counts as written (not skipped), with its sha256
    from spacy.language import Language

    path = tmp_path / "weather.txt"
    path.write_text("Kyiv, 3 March 2025. Rain fell for 12 hours and 45 mm of water was measured.\n\nIt will be sunny on 5 March.\n", encoding="utf-8")
    process(0, str(ROOT / "fixtures" / "en_ombudsman_statement.txt"), Options())  # the pipelines built
    runs = []
    run = Language.__call__
    monkeypatch.setattr(Language, "__call__", lambda nlp, *args, **kwargs: runs.append(nlp.lang) or run(nlp, *args, **kwargs))
    result = process(3, str(path), Options())
    assert (result.index, result.reason, result.lines, result.measures, runs) == (3, None, [], [], [])
    assert result.sha256 is not None
    fact = process(4, str(ROOT / "fixtures" / "en_ombudsman_statement.txt"), Options())
    assert fact.lines and runs == ["en"]
