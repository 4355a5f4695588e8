"""powfacts.checks.evaluate: matching and scoring as GUIDELINES.md defines them."""

import json

import pytest

from powfacts.errors import InputError
from powfacts.checks.evaluate import NO_RULE, Counts, date_bound_ok, decided_by, evaluate, field_ok, match_document, read_gold


def fact(measure="released", value=10, start=0, end=2, **fields):
    out = {"measure": measure, "value": value, "low": None, "high": None, "figure": {"text": "x", "start": start, "end": end}}
    out.update(fields)
    return out


# -- Counts --------------------------------------------------------------------

def test_counts_scores():
    counts = Counts(tp=6, fp=2, fn=4)
    assert counts.precision == pytest.approx(0.75)
    assert counts.recall == pytest.approx(0.6)
    assert counts.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)


def test_counts_with_nothing_score_zero():
    assert (Counts().precision, Counts().recall, Counts().f1) == (0.0, 0.0, 0.0)


def test_counts_as_dict_rounds():
    assert Counts(tp=1, fp=2, fn=0).as_dict() == {"tp": 1, "fp": 2, "fn": 0, "precision": 0.3333, "recall": 1.0, "f1": 0.5}


# -- match_document ------------------------------------------------------------

def test_match_needs_same_measure_overlap_and_value():
    gold = [fact(start=10, end=13)]
    assert len(match_document([fact(start=11, end=14)], gold)[0]) == 1
    assert match_document([fact(measure="held", start=10, end=13)], gold)[0] == []
    assert match_document([fact(start=13, end=16)], gold)[0] == []  # touching is not overlapping
    assert match_document([fact(value=11, start=10, end=13)], gold)[0] == []


def test_ranges_match_on_low_and_high():
    gold = [fact(value=None, low=15, high=20, start=0, end=6)]
    assert len(match_document([fact(value=None, low=15, high=20, start=0, end=6)], gold)[0]) == 1
    assert match_document([fact(value=None, low=15, high=25, start=0, end=6)], gold)[0] == []


def test_star_value_matches_any_value():
    assert len(match_document([fact(value=999)], [fact(value="*")])[0]) == 1


def test_matches_are_one_to_one():
    preds = [fact(start=0, end=3), fact(start=1, end=3)]
    gold = [fact(start=0, end=3)]
    pairs, extra, missed = match_document(preds, gold)
    assert len(pairs) == 1 and len(extra) == 1 and missed == []


def test_required_gold_is_matched_before_optional():
    optional = fact(start=0, end=10, optional=True)
    required = fact(start=5, end=7)
    pairs, extra, missed = match_document([fact(start=0, end=10)], [optional, required])
    assert pairs[0][1] is required
    assert missed == [optional]


def test_larger_overlap_wins():
    small, large = fact(start=0, end=2), fact(start=0, end=5)
    pairs, _, missed = match_document([fact(start=0, end=5)], [small, large])
    assert pairs[0][1] is large
    assert missed == [small]


# -- field_ok ------------------------------------------------------------------

def test_field_ok_compares_one_field():
    assert field_ok("status", {"status": "planned"}, {"status": "planned"}) is True
    assert field_ok("status", {"status": "reported"}, {"status": "planned"}) is False


def test_field_ok_star_and_absent_fields_are_not_judged():
    assert field_ok("status", {"status": "planned"}, {"status": "*"}) is None
    assert field_ok("status", {"status": "planned"}, {}) is None


def test_date_null_gold_wants_no_date():
    assert field_ok("date", {"date": None}, {"date": None}) is True
    assert field_ok("date", {"date": {"start": None, "end": None, "text": None}}, {"date": None}) is True
    assert field_ok("date", {"date": {"start": "2025", "end": "2025"}}, {"date": None}) is False


def test_date_compares_start_and_end_with_stars():
    pred = {"date": {"start": "2025-05-06", "end": "2025-05-06", "text": "6 May"}}
    assert field_ok("date", pred, {"date": {"start": "2025-05-06", "end": "2025-05-06"}}) is True
    assert field_ok("date", pred, {"date": {"start": "*", "end": "2025-05-06"}}) is True
    assert field_ok("date", pred, {"date": {"start": "2025-05", "end": "2025-05-06"}}) is False
    assert field_ok("date", {"date": None}, {"date": {"start": None, "end": "2025"}}) is False
    assert field_ok("date", {"date": None}, {"date": "*"}) is None


# -- read_gold and evaluate ----------------------------------------------------

def gold_line(doc, figure, start, measure="released", value=None, **fields):
    line = {"doc": doc, "figure": {"text": figure, "start": start, "end": start + len(figure)}, "measure": measure,
            "value": value if value is not None else int(figure), "low": None, "high": None}
    line.update(fields)
    return json.dumps(line)


@pytest.fixture
def corpus(tmp_path):
    gold, docs = tmp_path / "gold", tmp_path / "docs"
    gold.mkdir()
    docs.mkdir()
    text = "Kyiv freed 12 men. Moscow freed 7 men. About 40 jails exist. 3 men died."
    (docs / "a.txt").write_text(text, encoding="utf-8")
    (docs / "b.txt").write_text("Nothing here.", encoding="utf-8")
    (gold / "a.jsonl").write_text("\n".join([
        gold_line("a.txt", "12", text.index("12"), status="reported", per_side=False),
        gold_line("a.txt", "7", text.index("7"), status="planned"),
        gold_line("a.txt", "40", text.index("40"), measure="other", optional=True),
        gold_line("a.txt", "3", text.index("3 men"), measure="deaths_in_custody"),
    ]) + "\n", encoding="utf-8")
    (gold / "b.jsonl").write_text("", encoding="utf-8")
    return gold, docs, text


def predict_for(text):
    """Predictions a test controls: 12 right, 7 with a wrong status, 40 on an optional, 99 extra; 3 missed."""
    def predict(path):
        if path.name != "a.txt":
            return []
        def pred(figure, value, measure="released", **fields):
            start = text.index(figure)
            return fact(measure=measure, value=value, start=start, end=start + len(figure), status="reported", per_side=False, **fields)
        return [pred("12", 12), pred("7", 7), pred("40", 40, measure="held"), pred("Kyiv", 99)]
    return predict


def test_evaluate_counts_tp_fp_fn(corpus):
    gold, docs, text = corpus
    report = evaluate(gold, docs, predict_for(text))
    assert report.documents == 2
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (2, 1, 1)
    assert report.measures["released"].tp == 2
    assert report.measures["deaths_in_custody"].fn == 1
    assert [m["value"] for m in report.misses] == [3]
    assert [e["value"] for e in report.extras] == [99]


def test_prediction_on_an_optional_fact_is_not_a_false_positive(corpus):
    gold, docs, text = corpus
    report = evaluate(gold, docs, predict_for(text))
    assert "held" not in report.measures
    assert all(e["value"] != 40 for e in report.extras)


def test_evaluate_judges_fields_on_matched_pairs(corpus):
    gold, docs, text = corpus
    report = evaluate(gold, docs, predict_for(text))
    assert report.fields["status"] == [1, 2]
    assert report.accuracy("status") == 0.5
    assert report.fields["per_side"] == [1, 1]
    assert report.accuracy("nationality") is None
    assert report.wrong == [{"doc": "a.txt", "figure": {"text": "7", "start": text.index("7"), "end": text.index("7") + 1},
                             "measure": "released", "field": "status", "gold": "planned", "predicted": "reported"}]


def test_report_as_dict_hides_details_unless_asked(corpus):
    gold, docs, text = corpus
    report = evaluate(gold, docs, predict_for(text))
    plain = report.as_dict()
    assert plain["overall"]["tp"] == 2 and "misses" not in plain
    assert plain["fields"]["status"] == {"correct": 1, "judged": 2, "accuracy": 0.5}
    assert len(report.as_dict(show=True)["misses"]) == 1


def test_a_perfect_predictor_scores_one(corpus):
    gold, docs, _ = corpus
    golds = read_gold(gold)

    def predict(path):
        return [dict(g) for g in golds[path.name] if not g.get("optional")]

    report = evaluate(gold, docs, predict)
    assert report.overall.f1 == 1.0


def test_read_gold_groups_by_document_and_lists_empty_files(corpus):
    gold, _, _ = corpus
    found = read_gold(gold)
    assert set(found) == {"a.txt", "b.txt"}
    assert found["b.txt"] == []
    assert len(found["a.txt"]) == 4


def test_read_gold_missing_folder(tmp_path):
    with pytest.raises(InputError, match="gold folder not found"):
        read_gold(tmp_path / "absent")


def test_read_gold_bad_json_names_file_and_line(tmp_path):
    (tmp_path / "x.jsonl").write_text('{"doc": "x.txt"}\n{oops\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"x\.jsonl:2: not valid JSON"):
        read_gold(tmp_path)


def test_evaluate_missing_document(corpus):
    gold, docs, text = corpus
    (docs / "b.txt").unlink()
    with pytest.raises(InputError, match=r"b\.txt: document named by the gold not found"):
        evaluate(gold, docs, predict_for(text))


# -- strict scores, date bounds, wrong fields by rule ----------------------------

def scored(tmp_path, golds, preds):
    """Evaluate ``preds`` against ``golds`` (gold lines without ``doc``) on one document."""
    gold, docs = tmp_path / "gold", tmp_path / "docs"
    gold.mkdir()
    docs.mkdir()
    (docs / "d.txt").write_text("x" * 100, encoding="utf-8")
    (gold / "d.jsonl").write_text("".join(json.dumps({"doc": "d.txt", **g}) + "\n" for g in golds), encoding="utf-8")
    return evaluate(gold, docs, lambda path: preds)


def test_strict_counts_a_pair_with_a_wrong_field_as_fp_and_fn(corpus):
    gold, docs, text = corpus
    report = evaluate(gold, docs, predict_for(text))
    assert (report.overall.tp, report.overall.fp, report.overall.fn) == (2, 1, 1)
    # "7" matched with a wrong status: not a strict true positive, one more FP and one more FN
    assert (report.strict.tp, report.strict.fp, report.strict.fn) == (1, 2, 2)
    assert report.strict.f1 < report.overall.f1


def test_strict_skips_star_and_unjudged_fields(tmp_path):
    golds = [fact(start=0, end=2, status="*", date="*"), fact(value=5, start=10, end=12, nationality="UA")]
    preds = [fact(start=0, end=2, status="planned", date={"start": "2020", "end": "2020"}),
             fact(value=5, start=10, end=12, nationality="UA", status="planned")]
    report = scored(tmp_path, golds, preds)
    assert (report.strict.tp, report.strict.fp, report.strict.fn) == (2, 0, 0)
    assert report.strict.as_dict() == report.overall.as_dict()
    assert report.wrong == []


def test_date_start_and_end_are_judged_separately(tmp_path):
    golds = [
        fact(start=0, end=2, date={"start": "2022-02-24", "end": "2025-05-06"}),
        fact(value=5, start=10, end=12, date={"start": "*", "end": "2025-05-06"}),
        fact(value=6, start=20, end=22, date=None),
    ]
    preds = [
        fact(start=0, end=2, date={"start": "2025-05-06", "end": "2025-05-06", "text": "6 May"}),
        fact(value=5, start=10, end=12, date={"start": "2025-05-01", "end": "2025-05-06", "text": None}),
        fact(value=6, start=20, end=22, date={"start": None, "end": "2025-05-06", "text": None}),
    ]
    report = scored(tmp_path, golds, preds)
    assert report.fields["date"] == [1, 3]
    # the first is wrong on its start only, the third on its end only; the "*" start is not judged
    assert report.date_bounds == {"start": [1, 2], "end": [2, 3]}
    assert (report.accuracy("date.start"), report.accuracy("date.end")) == (0.5, pytest.approx(2 / 3))
    assert [name for name, _, _ in report.field_tallies()][-3:] == ["date", "date.start", "date.end"]
    assert report.as_dict()["date_bounds"] == {"date.start": {"correct": 1, "judged": 2, "accuracy": 0.5},
                                               "date.end": {"correct": 2, "judged": 3, "accuracy": 0.6667}}


def test_date_bound_ok_skips_unjudged_dates():
    assert date_bound_ok("start", {"date": None}, {"date": "*"}) is None
    assert date_bound_ok("start", {"date": None}, {}) is None
    assert date_bound_ok("end", {"date": None}, {"date": None}) is True
    assert date_bound_ok("end", {"date": {"start": None, "end": "2025"}}, {"date": None}) is False


def test_decided_by_tells_the_field_by_the_rule_prefix():
    rules = ["document.date", "figure.digits", "measure.returned", "nationality.ua-returned", "population.pow-noun", "role.since-date"]
    assert decided_by("nationality", rules) == "nationality.ua-returned"
    assert decided_by("date", rules) == "document.date + role.since-date"
    assert decided_by("population", ["document.population"]) == "document.population"
    assert decided_by("per_side", ["figure.swap", "measure.swap"]) == "figure.swap"
    assert decided_by("status", rules) == NO_RULE


def test_wrong_fields_are_grouped_by_field_and_deciding_rule(tmp_path):
    golds = [fact(value=v, start=10 * v, end=10 * v + 2, nationality="UA", status="planned") for v in (1, 2, 3, 4)]
    preds = [
        fact(value=1, start=10, end=12, nationality="RU", status="planned", rules=["measure.freed", "nationality.ru-freed"]),
        fact(value=2, start=20, end=22, nationality="RU", status="reported", rules=["measure.freed", "nationality.ru-freed"]),
        fact(value=3, start=30, end=32, nationality=None, status="reported", rules=["measure.freed", "status.done"]),
        fact(value=4, start=40, end=42, nationality="UA", status="planned", rules=["nationality.ua"]),
    ]
    report = scored(tmp_path, golds, preds)
    assert report.families() == [
        ("status", 2, [("(no rule)", 1), ("status.done", 1)]),
        ("nationality", 3, [("nationality.ru-freed", 2), ("(no rule)", 1)]),
    ]
    assert report.as_dict(show=True)["wrong_by_rule"] == {"status": {"(no rule)": 1, "status.done": 1},
                                                          "nationality": {"nationality.ru-freed": 2, "(no rule)": 1}}
    assert "wrong_by_rule" not in report.as_dict()
    assert len(report.wrong) == 5  # each wrong field is still listed on its own
    assert (report.strict.tp, report.strict.fp, report.strict.fn) == (1, 3, 3)


def test_as_dict_adds_new_keys_after_the_existing_ones(corpus):
    gold, docs, text = corpus
    report = evaluate(gold, docs, predict_for(text))
    assert list(report.as_dict()) == ["documents", "overall", "measures", "fields", "strict", "date_bounds"]
    assert list(report.as_dict(show=True)) == ["documents", "overall", "measures", "fields", "misses", "extras", "wrong",
                                               "strict", "date_bounds", "wrong_by_rule"]
    assert report.as_dict()["strict"] == {"tp": 1, "fp": 2, "fn": 2, "precision": 0.3333, "recall": 0.3333, "f1": 0.3333}
