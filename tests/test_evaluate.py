"""powfacts.evaluate: matching and scoring as GUIDELINES.md defines them."""

import json

import pytest

from powfacts.errors import InputError
from powfacts.evaluate import Counts, evaluate, field_ok, match_document, read_gold


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
