"""Score predicted facts against a gold corpus, as GUIDELINES.md ("How a prediction is scored") defines.

A prediction **matches** a gold fact in the same document with the same
``measure``, an overlapping figure span and an equal ``value`` (or equal
``low``/``high``). Matches are one-to-one; required gold facts are matched
before optional ones, then the larger overlap wins. Matched required pairs
are true positives; unmatched predictions are false positives unless they
overlap an optional gold fact; unmatched required gold facts are false
negatives. On matched required pairs every other field is compared on its
own, skipping ``"*"``; ``date`` is also judged bound by bound (``date.start``,
``date.end``), each skipped when the gold bound is ``"*"``.

**Strict** scores count a matched required pair as a true positive only when
every judged field (``unit``, ``qualifier``, ``per_side``, ``status``,
``population``, ``nationality``, ``date``; gold ``"*"`` skipped) is right. A
pair with a wrong field counts once as a false positive and once as a false
negative: strict FP = detection FP + pairs with a wrong field, strict FN =
detection FN + pairs with a wrong field.

A wrong field is put down to the rules of the predicted record that decide
that field, told by their id's prefix (``DECIDED_BY``): ``nationality.*``
decides the nationality, ``role.*`` and ``document.date`` the date, and so on.
A field no such rule decided (a default, or a value derived from something
else) is put down to ``(no rule)``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from powfacts.errors import InputError
from powfacts.facts.records import MEASURES

FIELDS = ("unit", "qualifier", "per_side", "status", "population", "nationality", "date")
DATE_BOUNDS = ("start", "end")
ANY = "*"
NO_RULE = "(no rule)"
# the prefixes of the rule ids that decide each field (patterns/<lang>/<concern>.jsonl, and the
# document-wide fills of components/facts.py); the matched measure fixes the unit, the figure's kind its percent
DECIDED_BY: dict[str, tuple[str, ...]] = {
    "unit": ("figure.", "measure."),
    "qualifier": ("qualifier.",),
    "per_side": ("side.", "figure.swap"),
    "status": ("status.",),
    "population": ("population.", "document.population"),
    "nationality": ("nationality.",),
    "date": ("role.", "date.", "document.date"),
}


@dataclass
class Counts:
    """True positives, false positives and false negatives, with the scores they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Report:
    """The scores of one evaluation run, and every miss, extra and wrong field."""

    overall: Counts = field(default_factory=Counts)
    measures: dict[str, Counts] = field(default_factory=dict)
    fields: dict[str, list[int]] = field(default_factory=dict)  # name -> [correct, judged]
    misses: list[dict] = field(default_factory=list)
    extras: list[dict] = field(default_factory=list)
    wrong: list[dict] = field(default_factory=list)
    documents: int = 0
    strict: Counts = field(default_factory=Counts)
    date_bounds: dict[str, list[int]] = field(default_factory=dict)  # "start"/"end" -> [correct, judged]
    wrong_by_rule: dict[str, dict[str, int]] = field(default_factory=dict)  # field -> rules that decided it -> wrong

    def accuracy(self, name: str) -> float | None:
        """The share of matched required pairs right on ``name`` (a field, or ``date.start``/``date.end``)."""
        tallies = self.date_bounds if name.startswith("date.") else self.fields
        correct, judged = tallies.get(name.removeprefix("date."), [0, 0])
        return correct / judged if judged else None

    def field_tallies(self) -> list[tuple[str, int, int]]:
        """``(name, correct, judged)`` for each judged field, ``date.start`` and ``date.end`` right after ``date``."""
        out = []
        for name, (correct, judged) in self.fields.items():
            out.append((name, correct, judged))
            if name == "date":
                out.extend((f"date.{bound}", *self.date_bounds[bound]) for bound in DATE_BOUNDS if bound in self.date_bounds)
        return out

    def families(self) -> list[tuple[str, int, list[tuple[str, int]]]]:
        """The wrong fields as families: ``(field, wrong, [(rules, wrong), ...])`` in field order, most wrong rules first."""
        out = []
        for name in FIELDS:
            groups = self.wrong_by_rule.get(name)
            if groups:
                ranked = sorted(groups.items(), key=lambda item: (-item[1], item[0]))
                out.append((name, sum(groups.values()), ranked))
        return out

    def as_dict(self, show: bool = False) -> dict:
        """The scores as JSON-ready data; ``show`` adds every miss, extra and wrong field, and the wrong fields by rule."""
        out = {
            "documents": self.documents,
            "overall": self.overall.as_dict(),
            "measures": {m: c.as_dict() for m, c in sorted(self.measures.items())},
            "fields": {n: _tally(c, j) for n, (c, j) in self.fields.items()},
        }
        if show:
            out.update(misses=self.misses, extras=self.extras, wrong=self.wrong)
        # added keys come last, after the ones consumers already read
        out["strict"] = self.strict.as_dict()
        out["date_bounds"] = {f"date.{b}": _tally(*self.date_bounds[b]) for b in DATE_BOUNDS if b in self.date_bounds}
        if show:
            out["wrong_by_rule"] = {name: dict(groups) for name, _, groups in self.families()}
        return out


def _tally(correct: int, judged: int) -> dict:
    return {"correct": correct, "judged": judged, "accuracy": round(correct / judged, 4) if judged else None}


def _overlap(a: dict, b: dict) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def _same_value(pred: dict, gold: dict) -> bool:
    if gold.get("value") is not None or (gold.get("low") is None and gold.get("high") is None):
        return gold.get("value") == pred.get("value") or gold.get("value") == ANY
    return pred.get("low") == gold.get("low") and pred.get("high") == gold.get("high")


def _date_ok(pred, gold) -> bool:
    if gold == ANY:
        return True
    pred = pred or {"start": None, "end": None}
    if gold is None:
        return pred.get("start") is None and pred.get("end") is None
    return all(gold.get(k) == ANY or gold.get(k) == pred.get(k) for k in ("start", "end"))


def date_bound_ok(bound: str, pred: dict, gold: dict) -> bool | None:
    """Whether ``pred``'s date agrees with ``gold``'s on one bound (``"start"`` or ``"end"``);
    ``None`` when the gold does not judge it (no ``date``, ``"*"``, or a ``"*"`` bound)."""
    if "date" not in gold or gold["date"] == ANY:
        return None
    wanted = (gold["date"] or {}).get(bound)
    if wanted == ANY:
        return None
    return wanted == (pred.get("date") or {}).get(bound)


def decided_by(name: str, rules: list[str]) -> str:
    """The rules among ``rules`` that decide field ``name`` (``DECIDED_BY``), joined by " + "; ``NO_RULE`` when none does."""
    deciding = [rule for rule in rules if rule.startswith(DECIDED_BY[name])]
    return " + ".join(deciding) if deciding else NO_RULE


def field_ok(name: str, pred: dict, gold: dict) -> bool | None:
    """Whether ``pred`` agrees with ``gold`` on one field; ``None`` when the gold does not judge it."""
    if name not in gold or gold[name] == ANY:
        return None
    if name == "date":
        return _date_ok(pred.get("date"), gold["date"])
    return pred.get(name) == gold[name]


def match_document(preds: list[dict], golds: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict], list[dict]]:
    """One-to-one matches of one document: ``(pairs, unmatched predictions, unmatched gold)``."""
    candidates = []
    for i, pred in enumerate(preds):
        for j, gold in enumerate(golds):
            if pred["measure"] == gold["measure"] and _overlap(pred["figure"], gold["figure"]) > 0 and _same_value(pred, gold):
                candidates.append((bool(gold.get("optional")), -_overlap(pred["figure"], gold["figure"]), i, j))
    candidates.sort()
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, _, i, j in candidates:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        pairs.append((preds[i], golds[j]))
    return pairs, [p for i, p in enumerate(preds) if i not in used_p], [g for j, g in enumerate(golds) if j not in used_g]


def read_gold(gold_dir: Path) -> dict[str, list[dict]]:
    """Gold facts per document name, from every ``*.jsonl`` in ``gold_dir``."""
    if not gold_dir.is_dir():
        raise InputError(f"{gold_dir}: gold folder not found")
    gold: dict[str, list[dict]] = {}
    for path in sorted(gold_dir.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    fact = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(f"{path}:{number}: not valid JSON ({exc.msg})") from exc
                gold.setdefault(fact["doc"], []).append(fact)
        gold.setdefault(path.stem + ".txt", [])
    return gold


def evaluate(gold_dir: Path, docs_dir: Path, predict: Callable[[Path], list[dict]]) -> Report:
    """Score ``predict(path)`` (facts as dicts) on every document the gold names."""
    gold = read_gold(gold_dir)
    report = Report()
    for name in sorted(gold):
        path = docs_dir / name
        if not path.is_file():
            raise InputError(f"{path}: document named by the gold not found")
        report.documents += 1
        preds = predict(path)
        pairs, extras, misses = match_document(preds, gold[name])
        optional = [g for g in gold[name] if g.get("optional")]
        for pred, gold_fact in pairs:
            if gold_fact.get("optional"):
                continue
            _count(report, gold_fact["measure"], "tp")
            all_right = True
            for name_ in FIELDS:
                ok = field_ok(name_, pred, gold_fact)
                if ok is None:
                    continue
                tally = report.fields.setdefault(name_, [0, 0])
                tally[0] += ok
                tally[1] += 1
                if not ok:
                    all_right = False
                    report.wrong.append({"doc": name, "figure": gold_fact["figure"], "measure": gold_fact["measure"], "field": name_, "gold": gold_fact[name_], "predicted": pred.get(name_)})
                    groups = report.wrong_by_rule.setdefault(name_, {})
                    key = decided_by(name_, pred.get("rules") or [])
                    groups[key] = groups.get(key, 0) + 1
            for bound in DATE_BOUNDS:
                ok = date_bound_ok(bound, pred, gold_fact)
                if ok is not None:
                    tally = report.date_bounds.setdefault(bound, [0, 0])
                    tally[0] += ok
                    tally[1] += 1
            if all_right:
                report.strict.tp += 1
            else:
                report.strict.fp += 1
                report.strict.fn += 1
        for pred in extras:
            if any(_overlap(pred["figure"], g["figure"]) > 0 for g in optional):
                continue
            _count(report, pred["measure"], "fp")
            report.extras.append({"doc": name, "figure": pred["figure"], "measure": pred["measure"], "value": pred.get("value")})
        for gold_fact in misses:
            if gold_fact.get("optional"):
                continue
            _count(report, gold_fact["measure"], "fn")
            report.misses.append({"doc": name, "figure": gold_fact["figure"], "measure": gold_fact["measure"], "value": gold_fact.get("value")})
    return report


def _count(report: Report, measure: str, kind: str) -> None:
    counted = [report.overall, report.measures.setdefault(measure, Counts())]
    if kind != "tp":
        counted.append(report.strict)  # a strict true positive waits for its fields to be judged
    for counts in counted:
        setattr(counts, kind, getattr(counts, kind) + 1)


__all__ = ["Counts", "Report", "evaluate", "match_document", "field_ok", "date_bound_ok", "decided_by", "read_gold", "FIELDS", "DATE_BOUNDS", "DECIDED_BY", "NO_RULE", "MEASURES"]
