"""Build facts: link each figure to what it counts, how, whose and when.

Reads the spans the other components wrote (``figures``, ``dates`` and the
cue concerns) and writes ``doc._.facts``: one dict a fact, with the ids of
every rule that decided a field. The decisions, in order:

- **blocked**: a ``blockers`` match around the figure (ages, article
  numbers, sample sizes, durations) means no fact;
- **measure**: a ``measures`` cue that contains the figure ("79
  executions", "the bodies of 909") wins; else the nearest cue in the
  sentence; ``none`` cues (killed, injured, interviewed) mean no fact;
  ``previous`` cues ("cases") take the measure of the last fact before;
  a transfer verb in a sentence about bodies counts bodies;
- **qualifier**: a ``qualifiers`` match ending where the figure starts;
- **status**, **per_side**, **population**, **nationality**: the cue that
  contains the figure, else the nearest in the sentence within a window;
- **date**: see :func:`FactBuilder._date`.
"""

from __future__ import annotations

import datetime as dt

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..dates import resolve
from ..records import MEASURES, UNIT_OF_MEASURE

#: how far (in tokens) a cue may stand from its figure, per concern
WINDOWS = {"status": 12, "sides": 8, "populations": 14, "nationalities": 16, "measures": 60}
#: extra distance for a cue that stands after its figure, per concern (statuses mostly lead)
AFTER_PENALTY = {"status": 4}
#: measures that state how things stand now: without a date they hold as of the document date
CURRENT_STATE = {"held", "missing"}
#: measures whose undated mentions belong to the exchange the story is about
EVENTS = {"released", "exchanges", "bodies_returned"}
#: cue labels that refer back to the last fact: "previous" takes its measure, "same" also its people
ANAPHORS = ("previous", "same")
#: a participle after a people noun ("civilians held in ..."): a held cue only when no other cue is near
WEAK_HELD = "held_weak"


@Language.factory("powfacts_facts", default_config={"languages": ["en"]})
def make_facts(nlp: Language, name: str, languages: list[str]) -> "FactBuilder":
    return FactBuilder(tuple(languages))


def _distance(figure: Span, cue: Span) -> int:
    if cue.end <= figure.start:
        return figure.start - cue.end
    if cue.start >= figure.end:
        return cue.start - figure.end
    return 0


def _contains(cue: Span, figure: Span) -> bool:
    return cue.start < figure.end and figure.start < cue.end


class FactBuilder:
    """Turn the annotated Doc into ``doc._.facts`` (plain dicts, offsets into ``doc.text``)."""

    def __init__(self, languages: tuple[str, ...]):
        self.languages = languages

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    # -- the decisions -------------------------------------------------------

    def match(self, doc: Doc) -> list[dict]:
        published: dt.date | None = doc._.published
        dates = self._resolved_dates(doc, published)
        facts: list[dict] = []
        context_date: tuple[str, str, str] | None = None
        last: dict | None = None
        for figure in doc.spans["figures"]:
            info = figure._.info
            if info["kind"] == "vague" or self._blocked(doc, figure):
                continue
            sent = figure.sent
            rules: list[str] = [figure.id_]
            measure, measure_rule = self._measure(doc, figure, sent, last["measure"] if last else None)
            if measure is None:
                continue
            if info["percent"] and measure != "torture":
                continue
            rules.append(measure_rule)
            qualifier = self._qualifier(doc, figure, rules)
            per_side = info["kind"] == "swap" or self._nearest(doc, "sides", figure, sent, rules) == "per_side"
            # only transfers are agreed before they happen; counts of deaths or captives are reported
            status = (self._nearest(doc, "status", figure, sent, rules) if measure in EVENTS else None) or "reported"
            population = self._nearest(doc, "populations", figure, sent, rules)
            nationality = self._nearest(doc, "nationalities", figure, sent, rules)
            if self._anaphor == "same" and last is not None:
                # "Of the 177 cases, 109 ...": the anaphor counts the same people
                population = population or last["population"]
                nationality = nationality or last["nationality"]
            if nationality not in ("UA", "RU") or per_side:
                # a figure for each side counts people of both sides
                nationality = None
            date, used_at = self._date(doc, figure, sent, measure, dates, published, context_date, rules)
            if used_at is not None and measure in EVENTS:
                context_date = used_at
            unit = "percent" if info["percent"] else UNIT_OF_MEASURE[measure]
            start, end = self._evidence(sent)
            facts.append(
                {
                    "measure": measure,
                    "value": info["value"],
                    "low": info["low"],
                    "high": info["high"],
                    "unit": unit,
                    "qualifier": qualifier,
                    "per_side": per_side,
                    "status": status,
                    "population": population,
                    "nationality": nationality,
                    "date": date,
                    "figure": {"text": figure.text, "start": figure.start_char, "end": figure.end_char},
                    "evidence": {"text": doc.text[start:end], "start": start, "end": end},
                    "rules": sorted(set(r for r in rules if r)),
                }
            )
            last = facts[-1]
        return facts

    def set_annotations(self, doc: Doc, facts: list[dict]) -> Doc:
        doc._.facts = facts
        return doc

    # -- helpers -------------------------------------------------------------

    @staticmethod
    def _evidence(sent: Span) -> tuple[int, int]:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        return start, end

    @staticmethod
    def _blocked(doc: Doc, figure: Span) -> bool:
        for cue in doc.spans["blockers"]:
            if cue.label_ == "inside" and cue.start <= figure.start and figure.end <= cue.end:
                return True
            if cue.label_ == "next" and _between_is_qualifier(doc, cue.end, figure.start):
                return True
            if cue.label_ == "previous" and cue.start == figure.end:
                return True
        return False

    def _measure(self, doc: Doc, figure: Span, sent: Span, last: str | None) -> tuple[str | None, str]:
        self._anaphor = None
        cues = [c for c in doc.spans["measures"] if c.sent.start == sent.start]
        ordinal = figure._.info["kind"] == "ordinal"
        if figure._.info["percent"]:
            # a share can only be a torture rate
            cues = [c for c in cues if c.label_ in ("torture", "none", "people")]
        anchored = [c for c in cues if _contains(c, figure)]
        anchored.sort(key=lambda c: -len(c))
        for cue in anchored:
            if cue.label_ == "people":
                continue
            if cue.label_ == "none":
                return None, cue.id_
            if ordinal and cue.label_ != "exchanges":
                return None, cue.id_
            return self._label(cue, last, sent, doc, figure)
        if ordinal:
            return None, ""
        if figure._.info["kind"] == "swap":
            return "released", figure.id_
        near = [c for c in cues if not _contains(c, figure) and c.label_ != "people" and _distance(figure, c) <= WINDOWS["measures"]]
        # "civilians held in ..." describes people counted by another verb; it counts captives only alone
        loose = [c for c in near if c.label_ != WEAK_HELD] or near
        if not loose:
            return None, ""
        cue = min(loose, key=lambda c: (_distance(figure, c), c.start < figure.start))
        if cue.label_ == "none":
            return None, cue.id_
        measure, rule = self._label(cue, last, sent, doc, figure)
        people = any(c.label_ == "people" for c in anchored)
        if measure == "released" and not people and any(c.label_ == "bodies_returned" for c in cues):
            return "bodies_returned", rule
        return measure, rule

    def _label(self, cue: Span, last: str | None, sent: Span, doc: Doc, figure: Span) -> tuple[str | None, str]:
        if cue.label_ in ANAPHORS:
            self._anaphor = cue.label_
            return last, cue.id_
        if cue.label_ in MEASURES:
            return cue.label_, cue.id_
        if cue.label_ == WEAK_HELD:
            return "held", cue.id_
        return None, cue.id_

    @staticmethod
    def _qualifier(doc: Doc, figure: Span, rules: list[str]) -> str:
        for cue in doc.spans["qualifiers"]:
            if cue.end == figure.start or (cue.end < figure.start and all(not t.text.strip() for t in doc[cue.end : figure.start])):
                rules.append(cue.id_)
                return cue.label_
        return "exact"

    @staticmethod
    def _nearest(doc: Doc, concern: str, figure: Span, sent: Span, rules: list[str]) -> str | None:
        window = WINDOWS[concern]
        best: Span | None = None
        best_key: tuple = ()
        for cue in doc.spans[concern]:
            if cue.sent.start != sent.start:
                continue
            distance = _distance(figure, cue) + (AFTER_PENALTY.get(concern, 0) if cue.start >= figure.end else 0)
            if distance > window:
                continue
            # a cue that contains the figure wins; then the nearest; then the one after it
            key = (not _contains(cue, figure), distance, cue.start < figure.start)
            if best is None or key < best_key:
                best, best_key = cue, key
        if best is None:
            return None
        rules.append(best.id_)
        return best.label_

    def _resolved_dates(self, doc: Doc, published: dt.date | None) -> list[tuple[Span, tuple[str, str] | None, str]]:
        """Every date span with its resolution and its role ("at" unless a role cue holds it)."""
        roles = doc.spans["date_roles"]
        out = []
        for span in doc.spans["dates"]:
            role = "at"
            for cue in roles:
                if cue.start <= span.start and span.end <= cue.end:
                    role = cue.label_
                    break
            out.append((span, resolve(span.text, span.label_, published, self.languages), role))
        return out

    def _date(self, doc, figure, sent, measure, dates, published, context, rules):
        """The date range of a figure, and the day the sentence dates an exchange to.

        - role cues set the bounds: a fixed start ("since the start of the
          full-scale war"), "since <date>" the start, "as of"/"by"/"until
          <date>" the end; a plain date of the sentence fills the missing
          bound when it falls inside ("Of the 177 cases as of December 2024,
          109 occurred in 2024"); a total without an end ends on the
          document date;
        - else the nearest plain date in the sentence ("on 6 May", "7-8 June");
        - a figure-less "as of <date>" sentence of the same paragraph ends
          every figure of the paragraph;
        - else held/missing and "in total" figures stand as of the document date;
        - else released, exchanges and bodies take the date of the exchange
          the story is about (the last dated one), or the document date.
        """
        start = end = text = None
        at: list[tuple[Span, tuple[str, str]]] = []
        unresolved_at = False
        cumulative = False
        for cue in doc.spans["date_roles"]:
            if cue.sent.start != sent.start:
                continue
            role, _, iso = cue.label_.partition(":")
            if role == "since" and iso:
                start = iso
                rules.append(cue.id_)
            elif role == "cumulative":
                cumulative = True
                rules.append(cue.id_)
        fixed = start is not None
        bound_distance = 10**6
        for span, resolved, role in dates:
            if span.sent.start != sent.start:
                continue
            if role == "since":
                if resolved and not fixed:
                    start, text = resolved[0], span.text
                    bound_distance = min(bound_distance, _distance(figure, span))
            elif role in ("as_of", "until"):
                if resolved:
                    end, text = resolved[1], span.text
                    bound_distance = min(bound_distance, _distance(figure, span))
            elif resolved is None:
                unresolved_at = True
            else:
                at.append((span, resolved))
        nearest = min(at, key=lambda a: (_distance(figure, a[0]), a[0].start < figure.start)) if at else None
        exchange_day = next(((r[0], r[1], s.text) for s, r in sorted(at, key=lambda a: _distance(figure, a[0])) if len(r[0]) == 10), None)
        paragraph_end = self._paragraph_as_of(doc, sent, dates)
        if start is not None or end is not None:
            inside = [
                a for a in at
                if (start is None or a[1][0] > start) and (end is None or a[1][0] <= end) and _distance(figure, a[0]) < bound_distance
            ]
            if inside:
                span, resolved = min(inside, key=lambda a: _distance(figure, a[0]))
                if end is None:
                    end = resolved[1]
                elif start is None:
                    start = resolved[0]
            if end is None and paragraph_end is not None:
                end, text = paragraph_end
            if end is None:
                end = published.isoformat() if published else None
            return {"start": start, "end": end, "text": text}, exchange_day
        if nearest is not None:
            span, resolved = nearest
            end = paragraph_end[0] if paragraph_end is not None else resolved[1]
            return {"start": resolved[0], "end": end, "text": span.text}, exchange_day
        if unresolved_at:
            return None, None
        if paragraph_end is not None:
            return {"start": None, "end": paragraph_end[0], "text": paragraph_end[1]}, None
        if measure in CURRENT_STATE or cumulative:
            return ({"start": None, "end": published.isoformat(), "text": None} if published else None), None
        if measure in EVENTS:
            if context is not None:
                return {"start": context[0], "end": context[1], "text": context[2]}, None
            if published is not None:
                iso = published.isoformat()
                return {"start": iso, "end": iso, "text": None}, None
        return None, None

    @staticmethod
    def _paragraph_as_of(doc: Doc, sent: Span, dates) -> tuple[str, str] | None:
        """An "as of" date stated in a figure-less sentence of the same line."""
        line_start = doc.text.rfind("\n", 0, sent.start_char) + 1
        line_end = doc.text.find("\n", sent.end_char)
        line_end = len(doc.text) if line_end < 0 else line_end
        for span, resolved, role in dates:
            if role == "as_of" and resolved and line_start <= span.start_char < line_end and span.sent.start != sent.start:
                if not any(f.sent.start == span.sent.start for f in doc.spans["figures"]):
                    return resolved[1], span.text
        return None


def _between_is_qualifier(doc: Doc, start: int, figure_start: int) -> bool:
    if start > figure_start:
        return False
    if start == figure_start:
        return True
    between = doc[start:figure_start]
    return all(any(q.start <= t.i < q.end for q in doc.spans["qualifiers"]) or not t.text.strip() for t in between)
