"""powfacts.pipeline.rules: pattern files are validated line by line, errors name file and line."""

import json
from pathlib import Path

import pytest

from powfacts import pipeline

from powfacts.pipeline import rules
from powfacts.errors import PatternError
from powfacts.pipeline.rules import CONCERNS, Rule, patterns_root, read_rules

GOOD = '{"id": "a.one", "label": "released", "pattern": [{"LOWER": "freed"}]}'
GOOD2 = '{"id": "a.two", "label": "released", "pattern": [{"LOWER": "returned"}, {"IS_DIGIT": true, "OP": "?"}]}'


def write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "file.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_reads_a_valid_line(tmp_path):
    (rule,) = read_rules(write(tmp_path, GOOD))
    assert isinstance(rule, Rule)
    assert (rule.id, rule.label, rule.pattern) == ("a.one", "released", [{"LOWER": "freed"}])


def test_keeps_the_order_of_the_file(tmp_path):
    assert [r.id for r in read_rules(write(tmp_path, GOOD2, GOOD))] == ["a.two", "a.one"]


def test_blank_lines_are_ignored(tmp_path):
    found = read_rules(write(tmp_path, "", GOOD, "   ", GOOD2, ""))
    assert [r.id for r in found] == ["a.one", "a.two"]


def test_invalid_json_names_file_and_line(tmp_path):
    path = write(tmp_path, GOOD, '{"id": "broken", ')
    with pytest.raises(PatternError) as info:
        read_rules(path)
    message = str(info.value)
    assert "file.jsonl:2:" in message
    assert str(path) in message
    assert "\n" not in message


def test_unknown_field_is_rejected_with_file_and_line(tmp_path):
    extra = '{"id": "a.x", "label": "released", "pattern": [{"LOWER": "x"}], "comment": "no"}'
    with pytest.raises(PatternError, match=r"file\.jsonl:3:.*comment"):
        read_rules(write(tmp_path, GOOD, GOOD2, extra))


@pytest.mark.parametrize("bad_id", ["Has Caps", "with space", "", "a/b"])
def test_bad_id_is_rejected(tmp_path, bad_id):
    line = json.dumps({"id": bad_id, "label": "released", "pattern": [{"LOWER": "x"}]})
    with pytest.raises(PatternError, match=r"file\.jsonl:1: id"):
        read_rules(write(tmp_path, line))


def test_unknown_token_attribute_is_rejected(tmp_path):
    line = json.dumps({"id": "a.x", "label": "released", "pattern": [{"LOWERCASE": "x"}]})
    with pytest.raises(PatternError, match=r"file\.jsonl:1:.*LOWERCASE"):
        read_rules(write(tmp_path, line))


def test_empty_pattern_is_rejected(tmp_path):
    line = json.dumps({"id": "a.x", "label": "released", "pattern": []})
    with pytest.raises(PatternError, match=r"file\.jsonl:1: pattern"):
        read_rules(write(tmp_path, line))


def test_missing_label_is_rejected(tmp_path):
    line = json.dumps({"id": "a.x", "pattern": [{"LOWER": "x"}]})
    with pytest.raises(PatternError, match=r"file\.jsonl:1: label"):
        read_rules(write(tmp_path, line))


def test_duplicate_id_names_both_lines(tmp_path):
    with pytest.raises(PatternError, match=r"file\.jsonl:3: duplicate id 'a\.one' \(first on line 1\)"):
        read_rules(write(tmp_path, GOOD, GOOD2, GOOD))


def test_missing_file_is_a_pattern_error(tmp_path):
    with pytest.raises(PatternError, match="cannot read pattern file"):
        read_rules(tmp_path / "absent.jsonl")


def test_load_rules_reports_a_missing_concern_file(tmp_path):
    (tmp_path / "en").mkdir()
    with pytest.raises(PatternError, match=r"measures\.jsonl: pattern file is missing"):
        rules.load_rules(tmp_path, "en", "measures")


def test_patterns_root_has_every_concern_for_english():
    root = patterns_root()
    assert root.is_dir()
    assert (root / "en").is_dir()
    for concern in CONCERNS:
        assert (root / "en" / f"{concern}.jsonl").is_file(), concern


@pytest.mark.parametrize("concern", CONCERNS)
def test_every_shipped_pattern_file_loads(concern):
    found = read_rules(patterns_root() / "en" / f"{concern}.jsonl")
    assert found, f"{concern}.jsonl has no rules"


def test_rule_ids_are_unique_across_concerns():
    ids = [r.id for concern in CONCERNS for r in read_rules(patterns_root() / "en" / f"{concern}.jsonl")]
    assert len(ids) == len(set(ids))


SHIPPED_LANGUAGES = sorted(p.name for p in patterns_root().iterdir() if p.is_dir() and not p.name.startswith((".", "_")))


@pytest.mark.parametrize("lang", SHIPPED_LANGUAGES)
def test_every_shipped_language_has_every_concern_and_builds(lang):
    for concern in CONCERNS:
        path = patterns_root() / lang / f"{concern}.jsonl"
        assert path.is_file(), path
        read_rules(path)  # raises PatternError on a bad line
    nlp = pipeline.build(lang)
    assert nlp.pipe_names[-1] == "powfacts_facts"


def test_shipped_patterns_compile_into_the_pipeline():
    nlp = pipeline.build("en")
    assert nlp.pipe_names[0] == "powfacts_lines"
    assert nlp.pipe_names[-1] == "powfacts_facts"
    for concern in pipeline.CUE_CONCERNS:
        assert f"powfacts_{concern}" in nlp.pipe_names


def test_pattern_rejected_by_spacy_names_the_rule(patterns_copy, replace_line, fresh_caches):
    # "OP": "!!" passes powfacts' key check but not spaCy's Matcher validation
    bad = json.dumps({"id": "measure.broken-op", "label": "released", "pattern": [{"LOWER": "freed", "OP": "!!"}]})
    replace_line(patterns_copy / "en" / "measures.jsonl", 2, bad)
    with pytest.raises(PatternError) as info:
        pipeline.build("en", root=str(patterns_copy))
    message = str(info.value)
    assert "measure.broken-op" in message
    assert "measures.jsonl" in message


def test_malformed_line_in_a_pattern_root_fails_the_build(patterns_copy, replace_line, fresh_caches):
    replace_line(patterns_copy / "en" / "status.jsonl", 3, "{not json")
    with pytest.raises(PatternError, match=r"status\.jsonl:3: not valid JSON"):
        pipeline.build("en", root=str(patterns_copy))


def test_unknown_date_kind_label_names_the_rule(patterns_copy, replace_line, fresh_caches):
    bad = json.dumps({"id": "date.fortnight", "label": "fortnight", "pattern": [{"LOWER": "fortnight"}]})
    replace_line(patterns_copy / "en" / "dates.jsonl", 1, bad)
    with pytest.raises(PatternError, match=r"dates\.jsonl:1: rule 'date\.fortnight': unknown dates label 'fortnight'"):
        pipeline.build("en", root=str(patterns_copy))


def test_bad_number_word_label_names_the_rule(patterns_copy, replace_line, fresh_caches):
    bad = json.dumps({"id": "number.bad", "label": "cardinal:many", "pattern": [{"LOWER": "many"}]})
    replace_line(patterns_copy / "en" / "numbers.jsonl", 1, bad)
    with pytest.raises(PatternError, match=r"number\.bad"):
        pipeline.build("en", root=str(patterns_copy))


def test_unknown_figure_kind_names_the_rule(patterns_copy, replace_line, fresh_caches):
    bad = json.dumps({"id": "figure.bad", "label": "gazillion", "pattern": [{"LOWER": "gazillion"}]})
    replace_line(patterns_copy / "en" / "figures.jsonl", 1, bad)
    with pytest.raises(PatternError, match=r"figures\.jsonl:1: rule 'figure\.bad': unknown figures label 'gazillion'"):
        pipeline.build("en", root=str(patterns_copy))
