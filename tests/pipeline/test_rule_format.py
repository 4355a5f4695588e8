"""The rule format a researcher writes: phrases, word lists, shared lists, notes, examples, labels checked at load."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from powfacts.cli import app
from powfacts.errors import PatternError
from powfacts.pipeline.pattern_check import check_patterns, rule_schema
from powfacts.pipeline.rules import RuleLine, load_rules, patterns_root, read_lists, read_rules, user_root


def write(folder: Path, name: str, *lines) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("".join((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n" for line in lines), encoding="utf-8")
    return path


def test_a_phrase_is_tokenized_as_text_is(tmp_path):
    path = write(tmp_path / "en", "measures.jsonl", {"id": "m.set-loose", "label": "released", "phrase": "Set loose after full-scale talks"})
    (rule,) = read_rules(path)
    assert rule.pattern == [{"LOWER": w} for w in ["set", "loose", "after", "full", "-", "scale", "talks"]]


def test_a_word_list_is_one_token_in_any_case(tmp_path):
    path = write(tmp_path / "en", "measures.jsonl", {"id": "m.words", "label": "released", "words": ["Freed", "liberated"], "note": "why"})
    (rule,) = read_rules(path)
    assert (rule.pattern, rule.note) == ([{"LOWER": {"IN": ["freed", "liberated"]}}], "why")


def test_shared_lists_are_spelled_out_where_named(tmp_path):
    write(tmp_path / "en", "lists.jsonl", {"list": "days", "words": ["monday", "tuesday"]}, {"list": "caps", "words": ["May"]})
    path = write(
        tmp_path / "en",
        "dates.jsonl",
        {"id": "d.one", "label": "weekday", "pattern": [{"LOWER": {"IN": "@days"}}]},
        {"id": "d.two", "label": "month", "pattern": [{"ORTH": {"IN": ["@caps", "June"]}}, {"LOWER": {"NOT_IN": ["@days"]}, "OP": "?"}]},
    )
    first, second = read_rules(path)
    assert first.pattern == [{"LOWER": {"IN": ["monday", "tuesday"]}}]
    assert second.pattern == [{"ORTH": {"IN": ["May", "June"]}}, {"LOWER": {"NOT_IN": ["monday", "tuesday"]}, "OP": "?"}]


def test_an_unknown_list_names_file_and_line(tmp_path):
    path = write(tmp_path / "en", "measures.jsonl", {"id": "m.a", "label": "released", "words": ["@nope"]})
    with pytest.raises(PatternError, match=r"measures\.jsonl:1: rule 'm\.a': unknown word list '@nope' \(lists\.jsonl has: none\)"):
        read_rules(path)


def test_a_misspelt_label_stops_loading_with_file_and_line(tmp_path):
    path = write(tmp_path / "en", "measures.jsonl", {"id": "m.ok", "label": "released", "words": ["freed"]}, {"id": "m.typo", "label": "releasd", "words": ["set"]})
    with pytest.raises(PatternError) as info:
        read_rules(path)
    assert str(info.value).startswith(f"{path}:2: rule 'm.typo': unknown measures label 'releasd' (one of: released, exchanges,")


@pytest.mark.parametrize(
    ("concern", "label"),
    [("qualifiers", "roughly"), ("status", "done"), ("populations", "soldiers"), ("nationalities", "UKR"), ("date_roles", "since:yesterday"), ("numbers", "cardinal:many")],
)
def test_every_concern_checks_its_labels(tmp_path, concern, label):
    path = write(tmp_path / "en", f"{concern}.jsonl", {"id": "x.bad", "label": label, "words": ["word"]})
    with pytest.raises(PatternError, match=rf"{concern}\.jsonl:1: rule 'x\.bad': unknown {concern} label"):
        read_rules(path)


def test_labels_with_a_suffix_are_accepted(tmp_path):
    path = write(tmp_path / "en", "populations.jsonl", {"id": "p.first", "label": "mixed@first", "words": ["people"]})
    assert read_rules(path)[0].label == "mixed@first"
    path = write(tmp_path / "en", "nationalities.jsonl", {"id": "n.after", "label": "RU@after", "words": ["moscow got"]})
    assert read_rules(path)[0].label == "RU@after"


def test_only_a_side_may_speak_for_the_figures_after_it(tmp_path):
    path = write(tmp_path / "en", "nationalities.jsonl", {"id": "n.after", "label": "home@after", "words": ["came home"]})
    with pytest.raises(PatternError, match=r"nationalities\.jsonl:1: rule 'n\.after': unknown nationalities label"):
        read_rules(path)


def test_every_bad_line_is_reported_at_once(tmp_path):
    path = write(
        tmp_path / "en",
        "status.jsonl",
        {"id": "s.one", "label": "planned", "words": ["will"]},
        "{not json",
        {"id": "s.two", "label": "maybe", "words": ["might"]},
        {"id": "s.three", "label": "planned", "words": ["shall"], "phrase": "shall"},
        {"id": "s.one", "label": "planned", "words": ["would"]},
    )
    with pytest.raises(PatternError) as info:
        read_rules(path)
    lines = str(info.value).splitlines()
    assert [line.split(": ", 1)[0] for line in lines] == [f"{path}:{n}" for n in (2, 3, 4, 5)]
    assert "give exactly one of pattern, phrase, words (got pattern... " not in lines[2]
    assert "give exactly one of pattern, phrase, words (got phrase, words)" in lines[2]
    assert lines[3].endswith("duplicate id 's.one' (first on line 1)")


def test_a_list_file_is_validated(tmp_path):
    path = write(tmp_path / "en", "lists.jsonl", {"list": "ok", "words": ["a"]}, {"list": "Bad Name", "words": ["b"]}, {"list": "ok", "words": ["c"]})
    with pytest.raises(PatternError) as info:
        read_lists(path)
    assert [line.split(": ", 1)[0] for line in str(info.value).splitlines()] == [f"{path}:2", f"{path}:3"]


def test_user_rules_use_shipped_lists_and_replace_shipped_rules(tmp_path):
    write(tmp_path / "mine" / "en", "dates.jsonl", {"id": "date.mine", "label": "month", "pattern": [{"LOWER": "early"}, {"LOWER": {"IN": "@months"}}]})
    root = user_root(patterns_root(), tmp_path / "mine")
    (rule,) = [r for r in load_rules(root, "en", "dates") if r.id == "date.mine"]
    assert "june" in rule.pattern[1]["LOWER"]["IN"]


def test_the_shipped_schema_is_the_models_schema():
    shipped = json.loads((patterns_root() / "rule.schema.json").read_text(encoding="utf-8"))
    assert shipped == rule_schema() == RuleLine.model_json_schema()
    assert set(shipped["properties"]) == {"id", "label", "pattern", "phrase", "words", "note", "examples"}


def test_shipped_patterns_pass_the_check_and_their_examples_match():
    report = check_patterns()
    assert report.problems == []
    assert report.examples >= 20 and report.rules > 1000


def test_an_example_a_rule_does_not_match_is_a_problem(tmp_path):
    write(tmp_path / "mine" / "en", "measures.jsonl", {"id": "m.set-loose", "label": "released", "phrase": "set loose", "examples": ["Russia set loose 40 prisoners.", "Russia let go of 40."]})
    report = check_patterns(tmp_path / "mine")
    assert report.problems == [f"{(tmp_path / 'mine' / 'en' / 'measures.jsonl').resolve()}:1: rule 'm.set-loose': does not match its example 'Russia let go of 40.'"]
    assert (report.files, report.rules, report.examples) == (1, 1, 2)


def test_a_bad_shipped_line_is_reported_once(tmp_path, monkeypatch):
    import shutil

    from powfacts.pipeline import pattern_check

    shipped = tmp_path / "patterns"
    shutil.copytree(patterns_root(), shipped)
    said_by = shipped / "es" / "said_by.jsonl"
    first = said_by.read_text(encoding="utf-8").splitlines()[0]
    said_by.write_text(said_by.read_text(encoding="utf-8") + first + "\n", encoding="utf-8")
    monkeypatch.setattr(pattern_check, "patterns_root", lambda: shipped)
    report = check_patterns()
    duplicate = [p for p in report.problems if "duplicate id" in p]
    assert len(duplicate) == 1 and duplicate[0].startswith(f"{said_by}:")


# -- the command ---------------------------------------------------------------

@pytest.fixture
def runner():
    return CliRunner()


def test_patterns_check_passes_on_the_shipped_rules(runner):
    result = runner.invoke(app, ["patterns", "check", "--no-examples"])
    assert result.exit_code == 0
    assert result.stdout.startswith("ok: ") and " rules, 0 examples" in result.stdout


def test_patterns_check_lists_each_problem_and_exits_1(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "mine" / "en", "measures.jsonl", {"id": "m.a", "label": "releasd", "words": ["x"]}, {"id": "m.b", "label": "freed", "words": ["y"]})
    result = runner.invoke(app, ["patterns", "check", "mine"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert [line.split(": rule")[0].rsplit("/", 3)[-3:] for line in lines[:2]] == [["mine", "en", "measures.jsonl:1"], ["mine", "en", "measures.jsonl:2"]]
    assert lines[-1] == "2 problem(s): 0 files, 0 rules, 0 examples"


def test_patterns_check_missing_folder_is_a_usage_error(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["patterns", "check", "nothere"])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == ["error: nothere: pattern folder not found"]


def test_patterns_schema_prints_the_schema(runner):
    result = runner.invoke(app, ["patterns", "schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout) == rule_schema()


def test_explain_check_and_eval_read_a_users_patterns(runner, tmp_path, monkeypatch, fresh_caches):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "mine" / "en", "measures.jsonl", {"id": "measure.released-set-loose", "label": "released", "phrase": "set loose"})
    sentence = "On 3 May 2025 Russia set loose 40 prisoners of war."
    plain = runner.invoke(app, ["explain", sentence, "--json"])
    mine = runner.invoke(app, ["explain", sentence, "--json", "--patterns", "mine"])
    assert json.loads(plain.stdout)["facts"] == []
    assert [f["rules"] for f in json.loads(mine.stdout)["facts"]][0].count("measure.released-set-loose") == 1
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "one.txt").write_text(sentence, encoding="utf-8")
    start = sentence.index("40")
    gold = {"doc": "one.txt", "figure": {"text": "40", "start": start, "end": start + 2}, "measure": "released", "value": 40, "low": None, "high": None, "unit": "people"}
    write(tmp_path / "gold", "one.jsonl", gold)
    scores = [json.loads(runner.invoke(app, ["eval", "gold", "docs", "--json", *extra]).stdout)["overall"]["tp"] for extra in ([], ["--patterns", "mine"])]
    assert scores == [0, 1]
    (tmp_path / "fx").mkdir()
    (tmp_path / "fx" / "case.txt").write_text(sentence, encoding="utf-8")
    (tmp_path / "fx" / "case.jsonl").write_text("", encoding="utf-8")
    assert runner.invoke(app, ["check", "fx"]).exit_code == 0
    changed = runner.invoke(app, ["check", "fx", "--patterns", "mine"])
    assert changed.exit_code == 1 and "new fact" in changed.stdout


def test_a_bad_user_rule_stops_extract_with_each_line(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    write(tmp_path / "mine" / "en", "status.jsonl", {"id": "s.a", "label": "maybe", "words": ["x"]}, {"id": "s.b", "label": "planned", "words": ["@nope"]})
    (tmp_path / "story.txt").write_text("Ukraine freed 5 prisoners.", encoding="utf-8")
    result = runner.invoke(app, ["extract", "story.txt", "--patterns", "mine"])
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 2 and all(line.startswith("error: ") and "status.jsonl:" in line for line in lines)
    assert "unknown status label 'maybe'" in lines[0] and "unknown word list '@nope'" in lines[1]
