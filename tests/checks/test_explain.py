"""powfacts.checks.explain and `powfacts explain`: how the pipeline read a sentence."""

import json

import pytest
from typer.testing import CliRunner

from powfacts.cli import app
from powfacts.errors import InputError, UsageError
from powfacts.checks.explain import CONCERNS, explain_file, explain_text

FACT = "On 6 May 2025, Ukraine returned 205 prisoners of war home."
NO_FACT = "A 31-year-old medic was among those freed."
DOCUMENT = (
    "Published: 4 June 2025\n\n"
    "Kyiv and Moscow held talks in the spring.\n\n"
    "On Thursday, Ukraine brought home 307 prisoners of war. The oldest of them was 64 years old.\n"
)


def matches(explanation, concern):
    return [(s["rule"], s["label"], s["text"]) for s in explanation.spans if s["concern"] == concern]


def test_a_fact_sentence_shows_its_matches_and_its_fact():
    ex = explain_text(FACT)
    assert ex.language == "en"
    assert ex.sentence == {"text": FACT, "start": 0, "end": len(FACT)}
    assert [t["text"] for t in ex.tokens][:4] == ["On", "6", "May", "2025"]
    assert [t["figure"] for t in ex.tokens if t["text"] == "205"] == ["cardinal"]
    assert all(t["date"] for t in ex.tokens if t["text"] in ("6", "May", "2025"))
    assert matches(ex, "figures") == [("figure.digits", "cardinal", "205")]
    assert ("day", "6 May 2025") in [(label, text) for _, label, text in matches(ex, "dates")]
    assert {s["concern"] for s in ex.spans} <= set(CONCERNS)
    (fact,) = ex.facts
    assert (fact["measure"], fact["value"], fact["nationality"], fact["date"]["start"]) == ("released", 205, "UA", "2025-05-06")
    assert set(fact["rules"]) <= {s["rule"] for s in ex.spans}  # every rule behind the fact is among the matches shown
    assert ex.rejected == ()


def test_a_number_that_is_no_fact_says_why():
    ex = explain_text(NO_FACT)
    assert ex.facts == ()
    (why,) = ex.rejected
    assert why["figure"]["text"] == "31"
    assert why["reason"].startswith("not a count")
    assert why["rule"] == "blocker.age-year-old"
    assert ("blocker.age-year-old", "inside", "31-year-old") in matches(ex, "blockers")


def test_a_sentence_of_a_file_resolves_dates_against_the_document(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    offset = DOCUMENT.index("307")
    ex = explain_file(path, offset)
    assert ex.sentence["text"] == "On Thursday, Ukraine brought home 307 prisoners of war."
    assert DOCUMENT[ex.sentence["start"] : ex.sentence["end"]] == ex.sentence["text"]
    assert (ex.published, ex.published_from, ex.published_text) == ("2025-06-04", "text", "4 June 2025")
    (fact,) = ex.facts
    assert fact["date"]["start"] == "2025-05-29"  # the Thursday before the document's date
    assert all(ex.sentence["start"] <= t["start"] < ex.sentence["end"] for t in ex.tokens)
    later = explain_file(path, DOCUMENT.index("64"))
    assert later.facts == ()
    assert [r["figure"]["text"] for r in later.rejected] == ["64"]


def test_an_offset_between_sentences_explains_the_next_one(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(DOCUMENT, encoding="utf-8")
    ex = explain_file(path, DOCUMENT.index("On Thursday") - 1)
    assert ex.sentence["text"].startswith("On Thursday")


def test_the_document_date_can_come_from_the_option():
    ex = explain_text("On Thursday, Ukraine freed 300 prisoners.", published="2025-06-04")
    assert (ex.published, ex.published_from) == ("2025-06-04", "option")
    assert ex.facts[0]["date"]["start"] == "2025-05-29"
    assert explain_text("On Thursday, Ukraine freed 300 prisoners.").published_from == "none"


def test_library_errors(tmp_path):
    path = tmp_path / "s.txt"
    path.write_text("Ukraine freed 300 prisoners.", encoding="utf-8")
    with pytest.raises(UsageError, match=r"^offset 28 is outside .*s\.txt \(0 to 27\)$"):
        explain_file(path, 28)
    with pytest.raises(UsageError, match=r"^no patterns for language 'xx' \(have: en, "):
        explain_text(FACT, language="xx")
    with pytest.raises(UsageError, match=r"^nothing to explain: the text is empty$"):
        explain_text("   ")
    with pytest.raises(InputError, match=r"nothing\.txt: no such file$"):
        explain_file(tmp_path / "nothing.txt", 0)


def test_as_json_is_plain_data():
    data = json.loads(explain_text(FACT).to_json())
    assert list(data) == ["language", "published", "published_from", "published_text", "sentence", "tokens", "spans", "facts", "rejected"]


# -- the command -------------------------------------------------------------------


def squeeze(text):
    return "".join(text.split())


def test_cli_explains_a_fact_sentence():
    result = CliRunner().invoke(app, ["explain", FACT])
    assert result.exit_code == 0, result.stderr
    text = squeeze(result.stdout)
    assert "languageen·documentdate2025-05-06(fromthetext:6May2025)" in text  # a lone full date near the top dates the text
    for expected in ("tokens", "patternmatches", "figure.digits", "fact1:205(32-35)", '"released"', "2025-05-06→2025-05-06(6May2025)"):
        assert expected in text
    assert "nofact:" not in text


def test_cli_explains_a_number_that_is_no_fact():
    result = CliRunner().invoke(app, ["explain", NO_FACT])
    assert result.exit_code == 0, result.stderr
    assert "blocker.age-year-old" in squeeze(result.stdout)
    assert squeeze("no facts") in squeeze(result.stdout)
    assert squeeze("no fact: 31 (2-4): not a count") in squeeze(result.stdout)
    assert squeeze("(rule blocker.age-year-old)") in squeeze(result.stdout)


def test_cli_explains_a_sentence_of_a_file_as_json(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text(DOCUMENT, encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", "--file", "story.txt", "--offset", str(DOCUMENT.index("307")), "--json"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(f["value"], f["date"]["start"]) for f in data["facts"]] == [(307, "2025-05-29")]


@pytest.mark.parametrize(
    "args, message",
    [
        (["explain"], "error: give a SENTENCE, or --file with --offset"),
        (["explain", FACT, "--file", "story.txt", "--offset", "3"], "error: give a SENTENCE or --file with --offset, not both"),
        (["explain", "--file", "story.txt"], "error: --file needs --offset (a character offset inside the sentence)"),
        (["explain", "--offset", "3"], "error: --offset needs --file"),
        (["explain", "--file", "story.txt", "--offset", "5000"], "error: offset 5000 is outside story.txt (0 to 159)"),
        (["explain", "--file", "missing.txt", "--offset", "1"], "error: missing.txt: no such file"),
        (["explain", FACT, "--language", "xx"], "error: no patterns for language 'xx' (have: "),
        (["explain", FACT, "--published", "June"], "error: invalid --published date 'June': expected YYYY-MM-DD"),
    ],
)
def test_cli_errors(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "story.txt").write_text(DOCUMENT, encoding="utf-8")
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert " ".join(result.stderr.split()).startswith(message)  # Rich wraps long messages at the terminal width
    assert result.stdout == ""
