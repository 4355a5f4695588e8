"""Build facts: link each figure to what it counts, how, whose and when.

Reads the spans the other components wrote (``figures``, ``dates`` and the
cue concerns) and writes ``doc._.facts``: one record a fact, with the ids of
every rule that decided a field. The decisions, in order:

- **blocked**: a ``blockers`` match around the figure (ages, article
  numbers, sample sizes, durations) means no fact;
- **measure**: a ``measures`` cue that contains the figure ("79
  executions", "the bodies of 909") wins; else the nearest cue in the
  sentence; ``none`` cues (killed, injured, interviewed) mean no fact;
  ``previous`` cues ("cases") take the measure of the last fact before;
  a figure of people with no cue, on a line that opens with its day, is an
  item of a list of swaps when the fact before it was a release;
  a transfer verb in a sentence about bodies counts bodies;
- **qualifier**: a ``qualifiers`` match ending where the figure starts;
- **status**, **per_side**, **population**, **nationality**: the cue that
  contains the figure, else the nearest in the sentence within a window;
  then the one population and the one side the document's other figures of
  the measure share;
- **date**: :mod:`powfacts.pipeline.date_policy`;
- **kind**: :mod:`powfacts.facts.kinds`;
- **said_by**: the ``said_by`` cue nearest the figure in its sentence, else
  the last one in the sentence before when both stand in one paragraph
  ("The Coordination Headquarters reported the swap. 150 defenders came
  home."), else none.
"""

from __future__ import annotations

import re

from bisect import bisect_left
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc, Span

from powfacts.errors import UsageError
from powfacts.pipeline.extensions import source_of
from powfacts.facts.kinds import SWAP_RULE, kind_of
from powfacts.facts.records import MEASURES, POPULATIONS, SAID_BY, UNIT_OF_MEASURE, DateRange, Fact, fact_id
from powfacts.pipeline.rules import AFTER, AGREEMENT, BOTH, COUNTERPART, FIRST, HOME, SPEAKERS
from powfacts.facts.records import Span as Chars
from powfacts.pipeline.date_policy import BORROWED, EVENTS, ORDINAL, DatePolicy
from powfacts.pipeline.span_index import ByEdge, Containing, SpanIndex, blank_tokens, covered, distance, runs_back

#: the span groups the facts are built from, each written by a component before this one
READS = ("figures", "dates", "qualifiers", "measures", "blockers", "status", "sides", "populations", "nationalities", "date_roles", "said_by")
#: how far (in tokens) a cue may stand from its figure, per concern
WINDOWS = {"status": 12, "sides": 8, "populations": 14, "nationalities": 16, "measures": 60}
#: extra distance for a cue that stands after its figure, per concern (statuses mostly lead)
AFTER_PENALTY = {"status": 4}
#: what ends a clause for the cues of a side: a comma, a dash, a semicolon
_BREAK = re.compile(r"[,;\u2014\u2013]| - ")
#: concerns whose cues speak only within their clause: a semicolon ends what they reach
CLAUSE_BOUND = ("nationalities", "said_by")
#: how many lines a list may run under its lead ("Реєстр осіб, зниклих безвісти:"), and how long each item may be
LIST_LINES = 15
LIST_ITEM_CHARS = 100
#: cue labels that refer back to the last fact: "previous" takes its measure, "same" also its people
ANAPHORS = ("previous", "same")
#: "140 fallen defenders": bodies when a transfer verb moves them, else casualties
FALLEN = "fallen"
#: a participle after a people noun ("civilians held in ..."): a held cue only when no other cue is near
WEAK_HELD = "held_weak"
#: measures a sentence of people words alone continues from the sentence before ("The last exchange. ... 185 soldiers")
CONTINUED = ("released", "bodies_returned")
#: a said_by cue naming someone outside the known bodies ("according to Kyiv", "officials said")
NO_BODY = "none"
#: how near (in tokens) a bodies cue makes a swap formula count bodies ("передача тел по формуле «6000 на 6000»")
SWAP_BODIES_WINDOW = 6
#: the side each body speaks for ("came home" said by Kyiv's headquarters means Ukrainians): ua_* and ru_* bodies
#: each side's other side
OTHER_SIDE = {"UA": "RU", "RU": "UA"}
#: the rule id of a side taken from the body that gives a figure of returns
SIDE_OF_SPEAKER = "document.nationality-speaker"
#: the rule id of a side taken from the sentence before (a figure whose own sentence names none)
SIDE_BEFORE = "document.nationality-sentence-before"
#: measures whose figure, in a sentence that names no side, counts the people of the side of the body that gives it
#: ("the Coordination Headquarters said 38 exchanges had freed 1,863 people"; the ombudsman's register of the missing)
SPEAKER_SIDE_MEASURES = ("released", "missing")
SIDE_OF_BODY = {body: body[:2].upper() for body in SAID_BY if body.startswith(("ua_", "ru_"))}
#: what may follow the people of a list item ("30 людей: ...", "50 захисників, зокрема ...", "22 військовослужбовці (...)")
LIST_ITEM_ENDS = ".,;:()—–-\n"
#: measures whose totals may be split into soldiers and civilians in the words that follow them
MIXED_TOTALS = ("released", "held")
#: key of a fact whose population a word next to its figure gives ("213 soldiers"; not part of the record)
OWN_POPULATION = "_own_population"
#: key of the second number of an uneven swap formula: where the first number starts (not part of the record)
PAIRED_WITH = "_paired_with"
#: how much farther (in tokens) a measure cue free of figures may stand than a nearer one that holds another figure and still win
OWN_CUE_SLACK = 2
#: how many tokens after a figure a cue of return ("in return") may start and still say the figure is given back
RETURN_AFTER = 1
#: the label of a cue that only shields a phrase from other rules of its concern
SHIELD = "none"
#: how near (in tokens) a population word is the figure's own ("213 soldiers", "120 цивільних громадян")
OWN_WORD = 2
#: the share of a measure's figures with a side that one side must hold to give its side to the figures without one
MOST = 2 / 3


@Language.factory(
    "powfacts_facts",
    default_config={"languages": ["en"]},
    requires=["doc.spans", "doc._.published", "doc.sents"],
    assigns=["doc._.facts", "doc._.rejected"],
)
def make_facts(nlp: Language, name: str, languages: list[str]) -> "FactBuilder":
    return FactBuilder(tuple(languages))


def _contains(cue: Span, figure: Span) -> bool:
    return cue.start < figure.end and figure.start < cue.end


class FactBuilder:
    """Turn the annotated Doc into ``doc._.facts`` (:class:`~powfacts.facts.records.Fact` records, the
    same that :func:`powfacts.extract_text` returns, offsets into the text) and ``doc._.rejected``
    (why each other figure made no fact)."""

    def __init__(self, languages: tuple[str, ...]):
        self.languages = languages

    def __call__(self, doc: Doc) -> Doc:
        return self.set_annotations(doc, self.match(doc))

    def match(self, doc: Doc) -> tuple[list[Fact], list[dict]]:
        """The facts of ``doc`` and the figures rejected, each decided by a fresh :class:`Reading`."""
        missing = [group for group in READS if group not in doc.spans]
        if missing:
            raise UsageError(
                f"powfacts_facts reads what the components before it found ({', '.join(missing)} missing): "
                "build the pipeline with powfacts.load() or add it with powfacts.add_to(nlp)"
            )
        reading = Reading(doc, self.languages)
        return records(doc, reading.facts(), self.languages[0]), reading.rejected

    def set_annotations(self, doc: Doc, found: tuple[list[Fact], list[dict]]) -> Doc:
        doc._.facts, doc._.rejected = found
        return doc


def records(doc: Doc, found: list[dict], lang: str) -> list[Fact]:
    """The decided facts as records, sorted by figure offset then measure; the document they cite is
    ``doc``'s source (:func:`powfacts.pipeline.extensions.source_of`: a path, the sha256 of its text, its date)."""
    source = source_of(doc, lang)
    out = [
        Fact(
            id=fact_id(source.sha256, raw["figure"]["start"], raw["figure"]["end"], raw["measure"]),
            measure=raw["measure"],
            value=raw["value"],
            low=raw["low"],
            high=raw["high"],
            unit=raw["unit"],
            qualifier=raw["qualifier"],
            per_side=raw["per_side"],
            status=raw["status"],
            population=raw["population"],
            nationality=raw["nationality"],
            date=DateRange(**raw["date"]) if raw["date"] else None,
            kind=raw["kind"],
            said_by=raw["said_by"],
            figure=Chars(**raw["figure"]),
            evidence=Chars(**raw["evidence"]),
            source=source,
            rules=raw["rules"],
        )
        for raw in found
    ]
    return sorted(out, key=lambda f: (f.figure.start, f.figure.end, f.measure))


class Reading:
    """One document read for its facts: the per-document state and every decision.

    Built once per document, so the component holds no state between
    documents. Every lookup goes through an index by position
    (:mod:`powfacts.pipeline.span_index`), so a figure costs the same in a long
    report as in a short story.
    """

    def __init__(self, doc: Doc, languages: tuple[str, ...]):
        self.languages = languages
        self._doc = doc
        self.index = SpanIndex(doc)
        self._text = self.index.text
        self.rejected: list[dict] = []
        blank = blank_tokens(doc)
        qualified = covered(doc.spans["qualifiers"])
        self._blank_back = runs_back(blank)
        self._qualified_back = runs_back([b or i in qualified for i, b in enumerate(blank)])
        blockers = doc.spans["blockers"]
        self._inside = Containing(blockers, keep=lambda s: s.label_ == "inside")
        self._next = ByEdge(blockers, keep=lambda s: s.label_ == "next")
        self._previous_blockers = ByEdge(blockers, keep=lambda s: s.label_ == "previous", edge="start")
        # a number shaped like a year is no fact unless a cue that counts people starts with it ("2080 військових")
        self._year_shaped = Containing(blockers, keep=lambda s: s.label_ == "year")
        self._counted_from = {c.start for c in doc.spans["measures"] if c.label_ == "people"}
        self._qualifiers = ByEdge(doc.spans["qualifiers"])
        self._figures = list(doc.spans["figures"])
        self._figure_starts = [f.start for f in self._figures]
        self._dates = DatePolicy(self.index, languages)

    # -- the decisions -------------------------------------------------------

    def facts(self) -> list[dict]:
        """Every fact of the document, in figure order (dicts; see the module docstring)."""
        doc = self._doc
        dates = self._dates
        facts: list[dict] = []
        last: dict | None = None
        # the sentence of a figure that counts nothing powfacts records, after the last fact; "of them" in a later
        # sentence of its paragraph refers to it (the paragraph: what the prefilter keeps or blanks whole)
        uncounted: int | None = None
        for figure in self._figures:
            info = figure._.info
            if info["kind"] == "vague":
                self._reject(figure, "a vague quantity, not a figure", None)
                continue
            blocker = self._blocked(doc, figure)
            if blocker is not None:
                self._reject(figure, "not a count (an age, a duration, a number of an article, a sample size ...)", blocker)
                continue
            sent = self._sentence(figure)
            rules: list[str] = [figure.id_]
            earlier = last["measure"] if last else self._previous_measure(doc, sent)
            measure, cue = self._measure(doc, figure, sent, earlier)
            if (
                uncounted is not None and uncounted < sent.start and cue is not None and cue.label_ in ANAPHORS
                and self.index.same_paragraph(self._doc[uncounted].idx, sent.start_char)
            ):
                measure = None  # "123 тис. звернень ... 30 тис. із них": "of them" are the figure just before, not a fact's
            if measure is None or (info["percent"] and measure != "torture"):
                uncounted = None if info["percent"] else sent.start
                if cue is None:
                    reason = "no word in its sentence says what it counts"
                elif info["percent"] and measure is not None:
                    reason = "a share of something other than torture"
                else:
                    reason = "it counts something powfacts does not record"
                self._reject(figure, reason, cue)
                continue
            if cue is not None:
                rules.append(cue.id_)
            if measure == "released" and any(c.id_ == SWAP_RULE for c in self._cues("measures", sent)):
                rules.append(SWAP_RULE)  # "у рамках обміну повернули 84": a swap named in its sentence makes the transfer an exchange
            qualifier = self._qualifier(doc, figure, rules)
            per_side = info["kind"] == "swap" or self._nearest(doc, "sides", figure, sent, rules) == "per_side"
            # only transfers are agreed before they happen; counts of deaths or captives are reported
            status = (self._status(doc, figure, sent, rules) if measure in EVENTS else None) or "reported"
            said_by = self._said_by(figure, sent, rules)
            population, nationality = self._people(doc, figure, sent, measure, cue, per_side, last, said_by, rules)
            both = nationality == BOTH
            nationality = None if both else nationality
            date, borrowed = dates.date_of(figure, sent, measure, status, rules)
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
                    "said_by": said_by,
                    "figure": {"text": figure.text, "start": figure.start_char, "end": figure.end_char},
                    "evidence": {"text": self._text[start:end], "start": start, "end": end},
                    "rules": sorted(set(r for r in rules if r)),
                    BORROWED: borrowed,
                    OWN_POPULATION: any(
                        # "150 — військові" is its own word; "75 людей – військових, ..., а також чотирьох цивільних" lists parts
                        distance(figure, c) <= OWN_WORD and not any(t.is_punct for t in doc[figure.end + 1 : c.start])
                        for c in self._cues("populations", sent) if c.label_.removesuffix(FIRST) == population
                    ),
                    ORDINAL: info["kind"] == "ordinal",
                    PAIRED_WITH: info.get("paired_with"),
                    BOTH: both,
                }
            )
            last = facts[-1]
            uncounted = None
        facts = DatePolicy.end_ordinals_at_their_exchange(DatePolicy.fill_dates(facts), doc._.published)
        facts = self._fill_nationality(self._fill_population(self._totals_of_parts(DatePolicy.date_by_stages(facts))))
        facts = self._other_sides_of_pairs(facts)
        roles = {cue.id_: cue.label_ for cue in doc.spans["date_roles"]}
        for fact in facts:
            used = {roles[r] for r in fact["rules"] if r in roles}
            fact["kind"] = kind_of(fact["measure"], fact["unit"], fact[ORDINAL], used, fact["date"], fact["status"] == "planned")
        return facts

    def _column_measure(self, figure: Span) -> Span | None:
        """The measure cue of the header of the table column holding ``figure`` ("Обмінів", "Повернуто, осіб"), the
        most specific first; a transfer under a caption of bodies moves bodies."""
        cues = [c for c in self.index.header_cues("measures", figure.start_char) if c.label_ in MEASURES or c.label_ in ANAPHORS]
        # "З них цивільних", "Of them civilians": a column of a part counts what the row's figure before it counts
        best = min(cues, key=lambda c: (c.label_ in ANAPHORS, c.label_ == "released", -len(c), c.start), default=None)
        if best is not None and best.label_ == "released":
            # "Таблица 2. Репатриация ..." over "Передано Украине": the transfer of a table of bodies moves bodies
            bodies = [c for c in self.index.caption_cues("measures", figure.start_char) if c.label_ == "bodies_returned"]
            return bodies[0] if bodies else best
        return best

    def _follows_another_figure(self, cue: Span, figure: Span, sent: Span) -> bool:
        """Whether ``cue`` stands before ``figure`` past a break (a comma, a dash, a semicolon) and right after another
        figure of the sentence, with no break between them ("1000 тіл для України, 30 — для Росії")."""
        text = self._text
        if cue.end > figure.start or not _BREAK.search(text, cue.end_char, figure.start_char):
            return False
        return any(
            other.end <= cue.start and not _BREAK.search(text, other.end_char, cue.start_char)
            for other in self.index.in_sentence("figures", sent)
            if other.start != figure.start
        )

    def _across_clauses(self, figure: Span, cue: Span) -> bool:
        """Whether a semicolon stands between ``figure`` and ``cue`` (outside both)."""
        first, second = (figure, cue) if cue.start >= figure.end else (cue, figure)
        return ";" in self._text[first.end_char : second.start_char]

    def _speaks_in_table(self, cue: Span, cell: tuple[int, int]) -> bool:
        """Whether ``cue`` may speak for a figure in table cell ``cell``: it stands in that cell, or in a cell without figures."""
        if cell[0] <= cue.start_char and cue.end_char <= cell[1]:
            return True
        own = self.index.table_cell(cue.start_char)
        return own is None or not any(c.isdigit() for c in self._text[own[0] : own[1]])

    def _cell_names_a_measure(self, figure: Span, cues: list[Span]) -> bool:
        """Whether the table cell holding ``figure`` has a measure word of its own ("у т.ч. 5 полонених, які померли")."""
        cell = self.index.table_cell(figure.start_char)
        return cell is not None and any(c.label_ in MEASURES and cell[0] <= c.start_char and c.end_char <= cell[1] for c in cues)

    def _answer_to(self, figure: Span, sent: Span, last: str | None) -> tuple[str | None, Span | None]:
        """A bare figure answering the question before it ("How many exchanges have there been? Fifty-one.")."""
        question = self._previous_sentence(sent)
        if question is None or not question.text.rstrip().endswith("?"):
            return None, None
        cues = [c for c in self._cues("measures", question) if c.label_ in MEASURES or c.label_ == WEAK_HELD]
        if not cues:
            return None, None
        cue = min(cues, key=lambda c: (-len(c), c.start))  # the most specific cue of the question
        return _measure_of(cue, last), cue

    def _listed_under(self, figure: Span, last: str | None) -> tuple[str | None, Span | None]:
        """A bare figure on a line of a list under a lead that ends with a colon ("Реєстр осіб, зниклих безвісти:" over
        "3 лютого 2025 — 62 948"): what the lead names. The lines between are short items with figures of their own,
        with no blank line among them (one may stand under the lead)."""
        text = self._text
        start = self.index.line_bounds(figure.start_char, figure.end_char)[0]
        if not text[start : figure.start_char].strip() and text[figure.end_char : figure.end_char + 1] in (".", ")"):
            return None, None  # "15.1. support ...": the number of a paragraph or an item, not a figure
        for _ in range(LIST_LINES):
            if start == 0:
                return None, None
            line_start = text.rfind("\n", 0, start - 1) + 1
            line = text[line_start : start - 1].strip()
            if line.endswith(":"):
                lead = self._doc.char_span(line_start, start - 1, alignment_mode="expand")
                if lead is None or not len(lead):
                    return None, None
                cues = [
                    c for c in self._cues("measures", self._sentence(lead[-1:]))
                    if (c.label_ in MEASURES or c.label_ == WEAK_HELD) and line_start <= c.start_char < start
                ]
                cue = min(cues, key=lambda c: (-len(c), c.start), default=None)
                return (_measure_of(cue, last), cue) if cue is not None else (None, None)
            if not line and text[max(0, line_start - LIST_ITEM_CHARS) : line_start].rstrip().endswith(":"):
                start = line_start  # "Tres fases:" / blank line / "- Sábado 24 de mayo: 307 militares": the lead above the list
                continue
            if not line or len(line) > LIST_ITEM_CHARS or not any(ch.isdigit() for ch in line):
                return None, None  # a blank line, or prose: no list runs up to a lead
            start = line_start
        return None, None

    def _people(self, doc, figure, sent, measure, cue, per_side, last, said_by, rules) -> tuple[str | None, str | None]:
        """Who a figure counts: its population and nationality, or ``None`` where the text does not say.

        "Came home" counts the people of the side whose body says so; said by no known body it says nothing.
        """
        if measure == "exchanges":
            return None, None  # a count of swaps counts no one's people
        population = self._nearest(doc, "populations", figure, sent, rules)
        home = SIDE_OF_BODY.get(said_by or "")
        speaker = None if home else self._speaker(sent)
        if speaker is not None:
            home = speaker.label_.partition(":")[2]
        # "none" shields a side's body ("Росії, за даними російської сторони, передано 246"): it names no one's
        # people and leaves the figure to the next cue; a speaker's side is whose home is meant, not the figure's
        skip = (SHIELD, *SPEAKERS) if home else (HOME, SHIELD, *SPEAKERS)
        side = self._nearest_cue("nationalities", figure, sent, skip)
        nationality = self._counterpart(figure, sent, last, side)
        if nationality is None and side is not None and side.label_ == COUNTERPART:
            side = self._nearest_cue("nationalities", figure, sent, skip + (COUNTERPART,))  # a cue of return that says nothing here
        if side is not None:
            rules.append(side.id_)
            nationality = nationality or _side(side)
        if nationality == HOME:
            nationality = home
            if speaker is not None:
                rules.append(speaker.id_)
        if cue is not None and cue.label_ == "same":
            # "Of the 177 cases, 109 ...", "79 such killings": the anaphor counts the same people
            before = last or self._previous_cues(doc, sent)
            population = population or before["population"]
            nationality = nationality or before["nationality"]
        if nationality is None and side is None and not per_side:
            nationality = self._unnamed_side(figure, sent, measure, home, rules)
        if population is None:
            column = [c for c in self.index.header_cues("populations", figure.start_char) if _side(c) in POPULATIONS]
            if not column:
                # "Таблица 1. Обмены военнопленными": a table's caption names the people of columns that name none
                caption = [c for c in self.index.caption_cues("populations", figure.start_char) if _side(c) in POPULATIONS]
                column = caption if len({_side(c) for c in caption}) == 1 else []
            if column:
                rules.append(column[0].id_)
                population = _side(column[0])
        if population not in POPULATIONS:
            population = None  # a shielding rule ("the Coordination Headquarters for POWs") says nothing
        if nationality == BOTH:
            return population, BOTH  # "Russia and Ukraine freed 200": a total of both sides, filled by no other figure
        if nationality not in ("UA", "RU") or per_side:
            nationality = None  # a figure for each side counts people of both sides
        return population, nationality

    def _unnamed_side(self, figure: Span, sent: Span, measure: str, home: str | None, rules: list[str]) -> str | None:
        """The side of a figure whose sentence names none: its table column's ("Українців у полоні РФ"), else the one
        side the sentence before names, else, for people released, the side of the body that gives the figure ("the
        Coordination Headquarters said 38 exchanges had freed 1,863 people")."""
        column = [c for c in self.index.header_cues("nationalities", figure.start_char) if _side(c) in OTHER_SIDE]
        if column:
            rules.append(column[0].id_)
            return _side(column[0])
        side = self._side_before(sent, rules)
        if side is None and measure in SPEAKER_SIDE_MEASURES and home in OTHER_SIDE:
            rules.append(SIDE_OF_SPEAKER)
            return home
        return side

    def _speaker(self, sent: Span) -> Span | None:
        """The cue of the one side the sentence says gives its figures ("по данным украинской стороны", "Kyiv said"):
        whose home "домой", "наших" and "came home" mean where no known body says so; None when it names both or none."""
        cues = [cue for cue in self._cues("nationalities", sent) if cue.label_ in SPEAKERS]
        return cues[0] if len({cue.label_ for cue in cues}) == 1 else None

    def _side_before(self, sent: Span, rules: list[str]) -> str | None:
        """The one side the sentence before names, in the same paragraph, for a figure whose own sentence names none
        ("... reports of executions of Ukrainian soldiers. Since August it has recorded 79 killings.")."""
        previous = self._previous_sentence(sent)
        if previous is None or not self.index.same_paragraph(previous.start_char, sent.start_char):
            return None
        sides = {_side(cue) for cue in self._cues("nationalities", previous) if cue.label_ not in SPEAKERS}
        if len(sides) != 1 or not sides <= set(OTHER_SIDE):
            return None
        rules.append(SIDE_BEFORE)
        return sides.pop()

    @staticmethod
    def _counterpart(figure: Span, sent: Span, last: dict | None, cue: Span | None) -> str | None:
        """The side of a figure given in return ("Russia handed 1,000 bodies to Ukraine and received 35"): the other
        side than the figure before it in the sentence, when ``cue``, the nearest side cue, is one of return before it
        or right after it ("received 19 in return")."""
        if cue is None or cue.label_ != COUNTERPART or cue.start > figure.end + RETURN_AFTER:
            return None
        given = last["nationality"] if last and last["figure"]["start"] >= sent.start_char and not last["per_side"] else None
        return OTHER_SIDE.get(given)

    @staticmethod
    def _other_sides_of_pairs(facts: list[dict]) -> list[dict]:
        """The second number of an uneven swap formula ("1000 на 19") counts the other side than the first."""
        by_start = {fact["figure"]["start"]: fact for fact in facts}
        for second in facts:
            first = by_start.get(second[PAIRED_WITH]) if second[PAIRED_WITH] is not None else None
            if first is not None and first["nationality"] in OTHER_SIDE:
                second["nationality"] = OTHER_SIDE[first["nationality"]]
                second["rules"] = sorted(set(second["rules"]) | {"document.nationality-other-side"})
        return facts

    def _fill_nationality(self, facts: list[dict]) -> list[dict]:
        """A figure whose sentence does not say whose people it counts counts the side the
        document's other figures of the same measure count ("Ukraine brought home 185
        soldiers ... The 185 defenders were met by ..."): the one side they all count, or the
        side nearly all of them count (:data:`MOST`) when the document tells one side's returns
        and names the other's only now and then; never a figure for each side. Where the
        document counts both sides alike, the one side its paragraph's figures of the measure
        count ("Russia handed over 6,060 bodies ... The first 1,212 arrived on 11 June")."""
        sides: dict[str, Counter] = {}
        in_paragraph: dict[tuple[int, str], set[str]] = {}
        for f in facts:
            if f["nationality"] and not f["per_side"]:
                sides.setdefault(f["measure"], Counter())[f["nationality"]] += 1
                in_paragraph.setdefault((self.index.paragraph_break_before(f["figure"]["start"]), f["measure"]), set()).add(f["nationality"])
        for fact in facts:
            if fact["nationality"] is None and not fact["per_side"] and not fact[BOTH] and fact["measure"] != "exchanges":
                known = sides.get(fact["measure"], Counter())
                if not known:
                    continue
                (side, n), = known.most_common(1)
                if len(known) == 1:
                    rule = "document.nationality"
                elif n >= MOST * sum(known.values()):
                    rule = "document.nationality-most"
                else:
                    local = in_paragraph.get((self.index.paragraph_break_before(fact["figure"]["start"]), fact["measure"]), set())
                    if len(local) != 1:
                        continue
                    side, rule = next(iter(local)), "paragraph.nationality"
                fact["nationality"] = side
                fact["rules"] = sorted(set(fact["rules"]) | {rule})
        return facts

    def _totals_of_parts(self, facts: list[dict]) -> list[dict]:
        """A total followed, in its sentence or the next one of its paragraph, by a smaller part counting civilians
        ("230 came home: 213 soldiers and sergeants, 11 officers and six civilians", "6,422 ..., 409 of them
        civilians") counts soldiers and civilians: ``mixed``, unless a population word holds the total itself."""
        # the facts of each sentence (by its first character), and each sentence's next one with facts: one pass
        by_sentence: dict[int, list[int]] = {}
        for n, fact in enumerate(facts):
            by_sentence.setdefault(fact["evidence"]["start"], []).append(n)
        starts = list(by_sentence)
        following = dict(zip(starts, starts[1:]))
        for n, total in enumerate(facts):
            if total[OWN_POPULATION] or total["value"] is None or total["measure"] not in MIXED_TOTALS or total["per_side"]:
                continue  # a swap formula counts soldiers; civilians told beside it come on top ("185 на 185 і ще 20 цивільних")
            own = total["evidence"]["start"]
            parts = [m for m in by_sentence[own] if m > n]
            after = following.get(own)
            if after is not None and self.index.paragraph_break_before(after) < own and self.index.table_cell(total["figure"]["start"]) is None:
                parts += by_sentence[after]  # a table's next row is another transfer, not this one's parts
            if any(
                facts[m]["measure"] == total["measure"] and facts[m]["population"] == "civilian"
                and facts[m]["value"] is not None and facts[m]["value"] < total["value"]
                for m in parts
            ):
                total["population"] = "mixed"
                total["rules"] = sorted(set(total["rules"]) | {"population.total-of-parts"})
        return facts

    @staticmethod
    def _fill_population(facts: list[dict]) -> list[dict]:
        """A figure whose sentence does not say who is counted counts whom the document's
        other figures of the same measure count, when they all agree ("28,000 civilians
        held ... of these 28,000, 2,000 are over 65")."""
        # the same total told elsewhere as soldiers and civilians together ("189 came home: 187 soldiers and two
        # civilians" above "the 189 were met in Chernihiv") counts the same people; a figure for each side is
        # another count than one side's
        mixed = {(f["measure"], f["value"], f["per_side"]) for f in facts if f["population"] == "mixed" and f["value"] is not None}
        for fact in facts:
            if fact["population"] is None and (fact["measure"], fact["value"], fact["per_side"]) in mixed:
                fact["population"] = "mixed"
                fact["rules"] = sorted(set(fact["rules"]) | {"document.population-same-figure"})
        # filling never changes these sets: a fact is filled only with the one population its measure has
        populations: dict[str, set[str]] = {}
        for f in facts:
            if f["population"]:
                populations.setdefault(f["measure"], set()).add(f["population"])
        for fact in facts:
            if fact["population"] is None:
                known = set(populations.get(fact["measure"], ()))
                if len(known) == 1:
                    fact["population"] = known.pop()
                    fact["rules"] = sorted(set(fact["rules"]) | {"document.population"})
        return facts

    def _start(self, span: Span) -> int:
        return self.index.sentence_start(span)

    def _sentence(self, span: Span) -> Span:
        return self.index.sentence(span)

    def _cues(self, concern: str, sent: Span) -> list[Span]:
        """The spans of ``concern`` that start in ``sent``."""
        return self.index.in_sentence(concern, sent)

    def _previous_sentence(self, sent: Span) -> Span | None:
        """The last sentence before ``sent`` that has words (blank lines are sentences of their own)."""
        return self.index.previous_sentence(sent)

    def _reject(self, figure: Span, reason: str, cue: Span | None) -> None:
        """Remember why a figure became no fact (``powfacts explain`` shows it)."""
        self.rejected.append(
            {"figure": {"text": figure.text, "start": figure.start_char, "end": figure.end_char}, "reason": reason, "rule": cue.id_ if cue is not None else None}
        )

    # -- helpers -------------------------------------------------------------

    @staticmethod
    def _evidence(sent: Span) -> tuple[int, int]:
        text = sent.text
        start = sent.start_char + (len(text) - len(text.lstrip()))
        end = sent.end_char - (len(text) - len(text.rstrip()))
        return start, end

    def _blocked(self, doc: Doc, figure: Span) -> Span | None:
        """The blocker that keeps the figure from being a fact, if any (the first in the group):
        one holding it ("aged 25"), one ending just before it with only qualifiers or space
        between ("Article 126"), one starting right after it ("95 years"), or a number shaped
        like a year that no cue counting people starts with ("у 2024 році", not "2080 військових")."""
        found = [
            self._inside.ranked(figure.start, figure.end),
            self._next.ranked(self._qualified_back[figure.start], figure.start),
            self._previous_blockers.ranked(figure.end, figure.end),
            None if figure.start in self._counted_from else self._year_shaped.ranked(figure.start, figure.end),
        ]
        found = [item for item in found if item is not None]
        return min(found, key=lambda item: item[0])[1] if found else None

    def _measure(self, doc: Doc, figure: Span, sent: Span, last: str | None) -> tuple[str | None, Span | None]:
        """What the figure counts (or ``None``: no fact), and the cue that decided it."""
        cues = self._cues("measures", sent)
        ordinal = figure._.info["kind"] == "ordinal"
        if figure._.info["percent"]:
            # a share can only be a torture rate
            cues = [c for c in cues if c.label_ in ("torture", "none", "people")]
        # a cue holding the figure wins; "released" is the generic transfer, so a more specific one goes first
        anchored = sorted((c for c in cues if _contains(c, figure)), key=lambda c: (c.label_ == "released", -len(c)))
        fallen = next((c for c in anchored if c.label_ == FALLEN), None)
        for cue in anchored:
            if cue.label_ in ("people", FALLEN):
                continue
            if cue.label_ == "none" or (ordinal and cue.label_ != "exchanges"):
                return None, cue
            return _measure_of(cue, last), cue
        if ordinal:
            return None, None  # an ordinal counts exchanges only when it stands with one
        column = self._column_measure(figure)
        if column is not None and not self._cell_names_a_measure(figure, cues):
            # a table's figure counts what its column's header says, not what the next cell's header or words say
            # ("Дата  Обмін №  Повернуто": 60 under "Обмін №" numbers the exchange, 25 under "Повернуто" its people)
            return _measure_of(column, last), column
        if figure._.info["kind"] == "swap" or figure._.info.get("paired"):
            # "1000 for 1000" counts people, unless the measure word nearest it is one for bodies ("«6000 на 6000» по телам"),
            # or, with none in its sentence, the sentence before spoke of bodies ("Bodies were exchanged: 17 July, 1000 for 19")
            named = [c for c in cues if c.label_ in MEASURES and distance(figure, c) <= SWAP_BODIES_WINDOW]
            nearest = min(named, key=lambda c: (distance(figure, c), c.start > figure.start), default=None)
            if nearest is not None and nearest.label_ == "bodies_returned":
                return "bodies_returned", nearest
            if nearest is None and figure._.info.get("paired") and "bodies_returned" in (last, self._previous_measure(doc, sent)):
                return "bodies_returned", None
            return "released", None
        # a count of exchanges ("the 69th exchange", "48 exchanges") belongs to its figure; a verb
        # phrase that holds a figure ("248 Russians released") is shared with the figures coordinated with it
        near = [
            c for c in cues
            if not _contains(c, figure)
            and c.label_ != "people"
            and not (c.label_ == "exchanges" and any(t._.in_figure for t in c))
            and distance(figure, c) <= WINDOWS["measures"]
        ]
        # a cue of another topic that holds another figure ("in 12 separate incidents") speaks for that figure only
        near = [c for c in near if not (c.label_ == "none" and any(t._.in_figure for t in c))]
        # an anaphor refers back: it counts for figures after it, or in its own phrase ("79 such killings"), not before
        near = [c for c in near if c.label_ not in ANAPHORS or c.start < figure.end + 2]
        # "civilians held in ..." / "1.200 ucranianos en poder de Rusia" describe the people a figure counts, which
        # another verb counts; such a phrase counts captives only alone
        own_people_end = max((c.end for c in anchored if c.label_ == "people"), default=None)
        weak = [c for c in near if c.label_ == WEAK_HELD or (c.label_ == "held" and c.start == own_people_end)]
        loose = [c for c in near if c not in weak] or near
        if not loose:
            if any(c.label_ == "exchanges" for c in cues):
                return "released", None  # "the 49th exchange: 230 people" counts the people of the exchange
            people = next((c for c in anchored if c.label_ == "people"), None)
            if last == "released" and people is not None and self._list_item(figure, people):
                # an item of a dated list of swaps ("14 April — 30 people: 22 soldiers and 8 civilians") counts
                # what the item right above it counted
                return "released", None
            previous = self._previous_sentence(sent)
            same_paragraph = previous is not None and self.index.same_paragraph(previous.start_char, sent.start_char)
            if people is not None and same_paragraph and not any(c.label_ == "none" for c in cues):
                told = self._previous_measure(doc, sent)
                if told in CONTINUED:
                    # "Let us start with the last exchange. The president spoke of 185 soldiers and 20 civilians."
                    return told, people
            answer = self._answer_to(figure, sent, last)
            return answer if answer[0] is not None else self._listed_under(figure, last)
        ranked = sorted(loose, key=lambda c: (distance(figure, c), c.start < figure.start))
        if ranked[0].label_ in MEASURES and any(t._.in_figure for t in ranked[0]):
            # a verb phrase that holds another figure ("638 had been freed") is that figure's: a cue of a measure free
            # of figures about as near wins ("... and 474 were still held")
            own = [
                c for c in ranked
                if c.label_ in MEASURES and not any(t._.in_figure for t in c) and distance(figure, c) <= distance(figure, ranked[0]) + OWN_CUE_SLACK
            ]
            ranked = own[:1] + ranked
        # an anaphor with nothing before it to refer to gives way to the next cue
        cue = next((c for c in ranked if c.label_ not in ANAPHORS or last is not None), ranked[0])
        measure = _measure_of(cue, last)
        people = any(c.label_ == "people" for c in anchored)
        if measure == "released" and (fallen is not None or (not people and any(c.label_ == "bodies_returned" for c in cues))):
            measure = "bodies_returned"  # a transfer verb in a sentence about bodies, or moving the fallen, moves bodies
        elif fallen is not None and measure != "bodies_returned":
            return None, fallen  # the fallen, not moved: a casualty figure
        return measure, cue

    def _list_item(self, figure: Span, people: Span) -> bool:
        """Whether ``figure`` and its ``people`` words make a dated list item ("14 квітня — 30 людей: 22
        військовослужбовці і 8 цивільних"): a line that opens with its day, the people named without a verb
        after them (a stop, a comma, a colon, a bracket or the line's end follows), and the figure before it on
        the same item or on the dated item right above."""
        if not self._dates.opens_with_date(figure):
            return False
        after = self._text[people.end_char : people.end_char + 40].lstrip(" ")
        n = bisect_left(self._figure_starts, figure.start)
        joined = n + 1 < len(self._figures) and self._figures[n + 1].start - people.end <= 1  # "22 військовослужбовці і 8 цивільних"
        if after and after[0] not in LIST_ITEM_ENDS and not joined:
            return False  # "6 June — 1,200 people joined a rally": a sentence, not an item
        if n == 0:
            return False
        before = self._figures[n - 1]
        line_start, _ = self.index.line_bounds(figure.start_char, figure.start_char)
        end_above = line_start  # the end of the last line above with words (blank lines skipped)
        while end_above > 0 and self._text[end_above - 1].isspace():
            end_above -= 1
        previous_start, _ = self.index.line_bounds(end_above, end_above)
        return before.start_char >= previous_start and self._dates.opens_with_date(before)

    def _qualifier(self, doc: Doc, figure: Span, rules: list[str]) -> str:
        """The qualifier ending right before the figure (only space between), the first in the group."""
        cue = self._qualifiers.first(self._blank_back[figure.start], figure.start)
        if cue is None:
            return "exact"
        rules.append(cue.id_)
        return cue.label_

    def _nearest(self, doc: Doc, concern: str, figure: Span, sent: Span, rules: list[str], skip: tuple[str, ...] = ()) -> str | None:
        """The label of the cue of ``concern`` that decides for ``figure`` (cues labelled in ``skip`` left out); its id goes to ``rules``."""
        cue = self._nearest_cue(concern, figure, sent, skip)
        if cue is None:
            return None
        rules.append(cue.id_)
        return cue.label_.removesuffix(FIRST)

    def _nearest_cue(
        self, concern: str, figure: Span, sent: Span, skip: tuple[str, ...] = (), besides: Span | None = None, window: int | None = None
    ) -> Span | None:
        """The cue of ``concern`` in ``sent`` that decides for ``figure``: one that contains it, else the nearest
        within the concern's window (then the longer, then the one after it); cues labelled in ``skip`` and cues
        overlapping ``besides`` left out; ``window`` (tokens) instead of the concern's."""
        window = WINDOWS[concern] if window is None else window
        best: Span | None = None
        best_key: tuple = ()
        candidates: list[tuple[tuple, Span]] = []
        # in a table, a cue in another cell of the row that holds figures of its own speaks for them ("146 + 8 жителей
        # Курской области" does not make the next column's 146 civilians); a cell of words labels its row ("Ukrainian
        # POWs, released"), and the header speaks through :meth:`SpanIndex.header_cues`
        cell = self.index.table_cell(figure.start_char)
        for cue in self._cues(concern, sent):
            if cell is not None and not self._speaks_in_table(cue, cell):
                continue
            if cue.label_.endswith(FIRST) and not self._first_figure(cue, figure):
                continue
            if cue.label_.endswith(AFTER) and cue.start >= figure.end:
                continue  # "Kyiv got 303 back; Moscow says it received as many": a subject of getting counts what follows it
            if concern in CLAUSE_BOUND and self._across_clauses(figure, cue):
                continue  # "17 October: 108 women; the Russian MoD spoke of 110 of its own": the side of the next clause
            if cue.label_ in skip or (besides is not None and cue.start < besides.end and besides.start < cue.end):
                continue
            gap = distance(figure, cue) + (AFTER_PENALTY.get(concern, 0) if cue.start >= figure.end else 0)
            if gap > window:
                continue
            key = (not _contains(cue, figure), gap, -len(cue), cue.start < figure.start)
            candidates.append((key, cue))
            if best is None or key < best_key:
                best, best_key = cue, key
        if concern == "nationalities" and best is not None and self._follows_another_figure(best, figure, sent):
            # a side cue that follows another figure of its clause is that figure's when one follows this figure
            # ("1000 тіл для України, 30 — для Росії"); else the figure is a part of the other ("110 граждан России,
            # среди них 72 моряка")
            figures = self.index.in_sentence("figures", sent)
            after = [
                (key, cue) for key, cue in candidates
                if cue.start >= figure.end and not any(figure.end <= other.start < cue.end for other in figures)
            ]
            if after:
                best = min(after, key=lambda item: item[0])[1]
        return best

    def _status(self, doc: Doc, figure: Span, sent: Span, rules: list[str]) -> str | None:
        """Planned or reported, from the nearest status cue. A noun of agreement or talks ("deal", "talks",
        "домовленості") gives way to the nearest other cue of the figure, so a done transfer told beside it is
        reported ("157 captives were swapped after talks in Abu Dhabi"). The cue that decides is cited."""
        cue = self._nearest_cue("status", figure, sent)
        if cue is None:
            return None
        if cue.label_ == AGREEMENT:
            # the status of a sentence: a done transfer told anywhere in it ("... was carried out on 9 June")
            other = self._nearest_cue("status", figure, sent, skip=(AGREEMENT,), besides=cue, window=len(sent))
            if other is not None:
                cue = other
        rules.append(cue.id_)
        return "planned" if cue.label_ == AGREEMENT else cue.label_

    def _said_by(self, figure: Span, sent: Span, rules: list[str]) -> str | None:
        """Who gives the figure: the known body nearest it in its sentence (the earlier on a tie); when its
        sentence names none and attributes it to no one else (a ``none`` cue: "according to Kyiv"), the
        last attribution of the sentence before, if no blank line stands between them; else ``None``."""
        cues = [c for c in self._cues("said_by", sent) if "said_by" not in CLAUSE_BOUND or not self._across_clauses(figure, c)]
        known = [c for c in cues if c.label_ != NO_BODY]
        if known:
            cue = min(known, key=lambda c: (distance(figure, c), c.start))
        elif cues:
            cue = cues[0]  # attributed to someone outside the known bodies
        else:
            previous = self._previous_sentence(sent)
            if previous is None or self.index.paragraph_break_before(sent.start_char) >= previous.start_char:
                return None  # no sentence before, or a paragraph ends between them
            before = self._cues("said_by", previous)
            if not before:
                return None
            cue = before[-1]
        rules.append(cue.id_)
        return None if cue.label_ == NO_BODY else cue.label_

    def _previous_cues(self, doc: Doc, sent: Span) -> dict:
        """The population and nationality the sentence before ``sent`` spoke of."""
        out: dict = {"population": None, "nationality": None}
        previous = self._previous_sentence(sent)
        if previous is None:
            return out
        for concern, key in (("populations", "population"), ("nationalities", "nationality")):
            cues = [cue for cue in self._cues(concern, previous) if cue.label_ not in SPEAKERS]
            out[key] = _side(cues[0]) if cues else None
        return out

    def _previous_measure(self, doc: Doc, sent: Span) -> str | None:
        """The measure the sentence before ``sent`` spoke of (for "79 such killings")."""
        previous = self._previous_sentence(sent)
        if previous is None:
            return None
        before = [c for c in self._cues("measures", previous) if c.label_ in MEASURES]
        return before[-1].label_ if before else None

    def _first_figure(self, cue: Span, figure: Span) -> bool:
        """Whether ``figure`` is the first figure inside ``cue`` (for ``@first`` labels)."""
        n = bisect_left(self._figure_starts, cue.start)
        inside = [f for f in self._figures[n : bisect_left(self._figure_starts, cue.end)] if f.end <= cue.end]
        return bool(inside) and inside[0].start == figure.start


def _side(cue: Span) -> str:
    """The label of a side or population cue without its scope ("RU@after" -> "RU", "pow@first" -> "pow")."""
    return cue.label_.removesuffix(FIRST).removesuffix(AFTER)


def _measure_of(cue: Span, last: str | None) -> str | None:
    """The measure a cue names; anaphors name the measure spoken of before."""
    if cue.label_ in ANAPHORS:
        return last
    if cue.label_ == WEAK_HELD:
        return "held"
    return cue.label_ if cue.label_ in MEASURES else None

