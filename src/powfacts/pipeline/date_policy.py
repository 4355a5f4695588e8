"""When a figure happened: the date policy, in one place.

A figure takes its date, in this order (issue "Right in every field"):

1. **its own sentence** (a day an agreement cue holds, "the deal of 16
   May", is the agreement's and dates no figure): a date role there sets the bounds ("since the start
   of the full-scale war" starts on 2022-02-24, "since <date>" starts, "as of
   / by / until <date>" ends) unless a plain date stands nearer the figure
   than the role cues; a plain date of the sentence nearer the figure than
   to another figure is the figure's own; a period still running on the
   document's date ("this year") ends on it;
2. **its line**: a figure-less "as of <date>" sentence on the same line ends
   every figure of the line;
3. **its paragraph and heading**: a year told earlier in the paragraph, or in
   a heading line above it ("2024", or a numbered section that opens with
   its year: "4. 2024: the UAE channel"), places a year-less day or month in
   that year (``DatePolicy._resolved_dates``); a line that opens with its
   year or day ("2024 – 1,358 people in 11 exchanges.", "2025. The record
   year.", "• Friday, 23 May. In the first stage 390 ...") dates every figure
   of it that nothing in its sentence dates; a day standing alone on its
   line (a live blog's "Saturday 24 May") is the day its "today" and
   "on Friday" below count from;
4. **the document**, when nothing above dates it (the date is then
   *borrowed*): a planned transfer has no date; a count of executions, deaths
   in custody or torture falls in the period the report last stated ("the
   report covers 1 December 2024 to 31 May 2025"), unless another date came
   between, else, like a state (held, missing) or an "in total" figure, it
   stands as of the document's date; a transfer takes the day of the
   last exchange the story dated before it, else the document's date; and a
   borrowed date gives way to the date of the same figure stated elsewhere
   with one (:meth:`DatePolicy.fill_dates`).

The kinds of figure (event, running total, state, period total) follow from
the date and the cues that set it (:mod:`powfacts.facts.kinds`). Dates resolve
against the document's own date, never the clock (:mod:`powfacts.facts.dates`).
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span

from powfacts.facts.dates import WAR_START, past_reference, period_bounds, resolve, year_reference
from powfacts.pipeline.span_index import Containing, SpanIndex, distance

#: measures that state how things stand now, and counts of what befell captives (executions, deaths,
#: torture): without a date they hold as of the document date
CURRENT_STATE = {"held", "missing", "executions", "deaths_in_custody", "torture"}
#: counts of what befell captives: without a date of their own they fall in the stretch the report last stated for them
HARMS = {"executions", "deaths_in_custody", "torture"}
#: measures whose undated mentions belong to the exchange the story is about
EVENTS = {"released", "exchanges", "bodies_returned"}
#: the first day of the full-scale war: where a tally of transfers stated "by <date>" counts from
#: key of a fact whose date is borrowed from elsewhere in the document (not part of the record)
BORROWED = "_borrowed"
#: key of a fact whose figure is an ordinal ("the 71st exchange"; not part of the record)
ORDINAL = "_ordinal"
#: date kinds a year told earlier in the paragraph may place (relative dates count from the document's date)
PLACED_KINDS = ("day", "month", "day_range", "month_range")
_YEAR_IN = re.compile(r"(?<!\d)(19|20)\d\d(?!\d)")
#: the date rule of a year that opens its line or sentence ("2024 – ...", "2025. The record year.")
YEAR_OPENING = "date.year-opening"
#: days in a week: a weekday told after a day of its paragraph falls within the week from that day
WEEK = 7
#: date kinds that count from a day ("today", "on Friday"): a day heading above places them
RELATIVE_KINDS = ("relative_day", "weekday")
_WORDY = re.compile(r"[^\W_]")
#: the number of a chronicle's item before its day ("№53, 25 червня", "No. 53 – 25 June", "#53:")
_ITEM_NUMBER = re.compile(r"^\W*(?:№|No\.?|#)\s*\d+(?:-?\w{1,3})?\W*")
#: what closes a clause inside a sentence
_CLAUSE_BREAK = re.compile(r"[,;:]")
#: the date kind of a stretch of years up to a day ("over four years"; ``past_years@4``)
PAST_YEARS = "past_years"
#: measures that stand on a day (a stretch of years never dates them)
STANDING = {"held", "missing"}
#: what ends a sentence: a line that ends otherwise is a heading
SENTENCE_ENDS = ".!?;:"
#: a date heads the figure that follows it this close ("24 мая — еще 307": at most two tokens between)
HEADS = 2
#: a sentence with more figures than this is a table or a list, not a total and its parts
MOST_PARTS = 12
#: a heading is a short line: one this long or longer is prose, whatever it ends with
HEADING_CHARS = 100
#: a date longer than this many days is a stretch, not the day of an exchange (kinds.py: an event spans up to 7 days)
STRETCH_DAYS = 7


def _war_start(end: str) -> str | None:
    """Where a tally of transfers up to ``end`` counts from: the full-scale war's first day, if ``end`` is not before it.

    >>> _war_start("2025-06"), _war_start("2019-12-31")
    ('2022-02-24', None)
    """
    return WAR_START if end >= WAR_START[: len(end)] else None


def _range(start: str | None, end: str | None, span: Span | None, basis: str) -> dict:
    """A date record: its bounds, the date expression it was read from (text, offsets, rule) and its basis."""
    if span is None:
        return {"start": start, "end": end, "text": None, "basis": basis, "span": None, "rule": None}
    at = {"text": span.text, "start": span.start_char, "end": span.end_char}
    return {"start": start, "end": end, "text": span.text, "basis": basis, "span": at, "rule": span.id_ or None}


def _stretch(day: tuple[str, str, Span]) -> bool:
    """A date longer than one occurrence's few days (a stretch of months or years), not an exchange's day."""
    return (period_bounds(day[1])[1] - period_bounds(day[0])[0]).days > STRETCH_DAYS


class DatePolicy:
    """The dates of one document, resolved once, and the date of each of its figures."""

    def __init__(self, index: SpanIndex, languages: tuple[str, ...]):
        self.index = index
        self.languages = languages
        doc = index.doc
        self.published: dt.date | None = doc._.published
        roles = Containing(doc.spans["date_roles"])
        cues = [(span, roles.first(span.start, span.end)) for span in doc.spans["dates"]]
        #: the dates that say when something was said ("said last month that ..."): a figure's own date only where its
        #: sentence tells no other
        self._said = {span.start for span, cue in cues if cue is not None and cue.label_ == SAID}
        #: the dates told after a cue of an earlier exchange in their sentence ("the previous swap took place on 2 October")
        after: dict[int, int] = {}  # by sentence start: where the first such cue of the sentence ends
        for cue in doc.spans["date_roles"]:
            if cue.label_ == PREVIOUS:
                sentence = self.index.sentence_start(cue)
                after[sentence] = min(after.get(sentence, cue.end), cue.end)
        self._previous = {span.start for span, _ in cues if after.get(self.index.sentence_start(span), len(doc) + 1) <= span.start}
        self._subject_year = self._headline_year(cues)
        self.dates = self._resolved_dates(cues, self.published)
        self._dates_by_sentence: dict[int, list] = {}
        for item in self.dates:
            self._dates_by_sentence.setdefault(self.index.sentence_start(item[0]), []).append(item)
        self._as_of_lines = self._figureless_as_of(self.dates)
        self._line_as_of: dict[tuple[int, int], tuple[str, Span] | None] = {}
        self._openings = self._line_openings(doc, self.dates)
        #: the exchange days by sentence start; of them, an earlier exchange's told after the story's own (with its
        #: paragraph) and the headings'
        self._exchange_days, self._earlier_exchange, self._heading_days = self._exchange_days_of(doc, self.dates)
        self._exchange_starts = [start for start, _ in self._exchange_days]
        self._summed: dict[int, bool] = {}  # per sentence: whether "in total" there sums its parts
        self._periods = self._report_periods_of(doc, self.dates)
        self._period_starts = [start for start, _ in self._periods]
        #: where each date that places its text in time (not "today" or "on Friday") begins
        self._dated_at = {span.start_char: (span, resolved) for span, resolved, _ in self.dates}
        self._fixed_date_chars = [span.start_char for span, resolved, _ in self.dates if span.label_.partition("@")[0] not in RELATIVE_KINDS]
        #: every single day told "at" (not a role's bound), in the order their spans end: what "that day" refers back to
        self._single_days = sorted(
            ((resolved[0], span) for span, resolved, role in self.dates if role == "at" and resolved and len(resolved[0]) == 10 and resolved[0] == resolved[1]),
            key=lambda told: told[1].end_char,
        )
        self._single_day_ends = [span.end_char for _, span in self._single_days]
        self._numbered = self._latest_exchange_day()

    def date_of(self, figure: Span, sent: Span, measure: str, status: str, rules: list[str]) -> tuple[dict | None, bool]:
        """The date range of a figure (``{"start", "end", "text"}`` or None) and whether it is borrowed.

        The ids of the role rules used are appended to ``rules``.
        """
        found, borrowed = self._date_of(figure, sent, measure, status, rules)
        if status == "planned" and found is not None and self._before_document(found["end"]):
            return None, borrowed  # a day before the document's is when the plan was made ("in November, 1,200 were promised")
        if status == "reported" and found is not None:
            found = self._in_the_past(found)
        return found, borrowed

    def _in_the_past(self, found: dict) -> dict:
        """What is reported as done has happened by the document's date: a year-less day placed in the weeks after
        it (a piece of 30 December on "3 January, 230 came home") is the one before it."""
        if self.published is None or found["span"] is None or found["end"] is None or found["end"] <= self.published.isoformat():
            return found
        span, placed = self._dated_at.get(found["span"]["start"], (None, None))
        if span is None or span.label_.partition("@")[0] not in PLACED_KINDS or _YEAR_IN.search(span.text):
            return found
        resolved = resolve(span.text, span.label_, past_reference(self.published), self.languages)
        if resolved is None:
            return found
        if found["start"] != (placed or (None,))[0]:
            return {**found, "end": resolved[1]}  # "since the invasion ... as of Jan. 2": the date ends what started before
        return {**found, "start": resolved[0], "end": resolved[1]}

    def _before_document(self, end: str | None) -> bool:
        """Whether a date ending on ``end`` lies before the document's date (at ``end``'s precision)."""
        if end is None or self.published is None:
            return False
        return end < self.published.isoformat()[: len(end)]

    def _date_of(self, figure: Span, sent: Span, measure: str, status: str, rules: list[str]) -> tuple[dict | None, bool]:
        """The date a figure takes by the order at the top of this module (a plan's is then checked by :meth:`date_of`)."""
        before = bisect_left(self._exchange_starts, sent.start) - 1
        line = self.index.line_bounds(sent.start_char, sent.start_char)
        # a stretch of years ("over four years, 70 exchanges") is continued only by the sentences of its own line;
        # past it, the story's last dated day is what an undated figure continues
        paragraph = self.index.paragraph_break_before(sent.start_char)
        while before >= 0 and self._passed_over(self._exchange_days[before], line[0], paragraph):
            before -= 1
        context = self._exchange_days[before][1] if before >= 0 else None
        found = self._date(self.index.doc, figure, sent, measure, status, self.dates, self.published, context, rules)
        if not found[1] or (measure not in EVENTS and measure not in CURRENT_STATE):
            return found
        same = next((cue for cue in self.index.in_sentence("date_roles", sent) if cue.label_ in (SAME_DAY, THEN)), None)
        if same is not None:
            told = self._day_told_before(same)
            if told is not None:  # "That day 95 came home", "that day she said 20 remain": the day the text last named
                rules.append(same.id_)
                if same.label_ == THEN:
                    # "Тогда 1 тыс. тел": the day is read back, so the figure lends it to no twin told elsewhere
                    return _range(told[0], told[0], told[1], "borrowed"), True
                return _range(told[0], told[0], told[1], "text"), False
        return found

    def _day_told_before(self, cue: Span) -> tuple[str, Span] | None:
        """The last single day told before ``cue`` in its paragraph or the sentence before it, and its date span."""
        n = bisect_right(self._single_day_ends, cue.start_char) - 1
        if n < 0:
            return None
        day, span = self._single_days[n]
        before = self.index.previous_sentence(self.index.sentence(cue))
        if self.index.same_paragraph(span.start_char, cue.start_char) or (before is not None and before.start_char <= span.start_char):
            return day, span
        return None

    def opens_with_date(self, span: Span) -> bool:
        """Whether the line holding ``span`` opens with a year or a day ("14 квітня — 30 людей", "• 2024: ...")."""
        return self.index.line_bounds(span.start_char, span.start_char)[0] in self._openings

    @staticmethod
    def fill_dates(facts: list[dict]) -> list[dict]:
        """A figure with no date of its own takes the date of the same figure stated elsewhere with one
        (a headline "177 POWs died in captivity" above "Since the start of the invasion, 177 ...")."""
        twins: dict[tuple, dict] = {}
        for other in facts:
            if not other.get(BORROWED) and other["date"]:
                twins.setdefault((other["measure"], other["value"], other["low"], other["high"]), other)
        for fact in facts:
            if not fact.get(BORROWED) or fact["status"] == "planned":
                continue  # a plan has only the date its own sentence gives
            twin = twins.get((fact["measure"], fact["value"], fact["low"], fact["high"]))
            told = fact["date"]
            if twin is not None and told is not None and told["basis"] == "borrowed" and (told["end"] or "") > (twin["date"]["end"] or ""):
                continue  # the story's exchange, later than the same figure told of an earlier one, is what it continues
            if twin is not None:
                fact["date"] = {**twin["date"], "basis": "borrowed"}
                fact["rules"] = sorted(set(fact["rules"]) | {"document.date"})
        return facts

    @staticmethod
    def end_ordinals_at_their_exchange(facts: list[dict], published: dt.date | None) -> list[dict]:
        """An exchange's number in the series whose count runs to the document's date ends instead on the day of the
        transfer its own sentence tells ("... said 150 service members and seven civilians had returned [5 February],
        and called it Ukraine's 71st exchange since the full-scale invasion"): the count is of that exchange."""
        if published is None:
            return facts
        days: dict[int, set[str]] = {}  # by sentence: the single days of its reported transfers
        for other in facts:
            told = other["date"]
            if other["measure"] == "released" and other["status"] == "reported" and told and told["start"] == told["end"] and len(told["start"] or "") == 10:
                days.setdefault(other["evidence"]["start"], set()).add(told["start"])
        for fact in facts:
            date = fact["date"]
            if not fact[ORDINAL] or fact["measure"] != "exchanges" or not date or date["end"] != published.isoformat():
                continue
            told_days = days.get(fact["evidence"]["start"], set())
            if len(told_days) == 1 and (day := next(iter(told_days))) < published.isoformat() and (date["start"] or "") <= day:
                fact["date"] = {**date, "end": day}
                fact["rules"] = sorted(set(fact["rules"]) | {"document.date-of-its-exchange"})
        return facts

    @staticmethod
    def date_by_stages(facts: list[dict]) -> list[dict]:
        """A swap told as a whole without a day ("the '500 for 500' agreed in Geneva") takes the days of its stages when
        the text tells them: consecutive days, at most :data:`STAGE_DAYS` apart, whose transfers of the same measure add
        up to its figure (200 on 5 March and 300 on 6 March: 5 to 6 March)."""
        days: dict[tuple[str, str], dict[str, list[int]]] = {}
        for fact in facts:
            date = fact["date"]
            if fact["status"] == "reported" and date and date["start"] == date["end"] and len(date["start"] or "") == 10:
                days.setdefault((fact["measure"], fact["unit"]), {}).setdefault(date["start"], []).append(fact["value"])
        for fact in facts:
            if fact["date"] is not None or fact["value"] is None or (fact["measure"], fact["unit"]) not in days:
                continue
            stages = _stages(days[(fact["measure"], fact["unit"])], fact["value"])
            if stages is not None:
                fact["date"] = {"start": stages[0], "end": stages[1], "text": None, "basis": "borrowed", "span": None, "rule": None}
                fact["rules"] = sorted(set(fact["rules"]) | {"document.date-of-stages"})
        return facts

    def _resolved_dates(self, cues: list[tuple[Span, Span | None]], published: dt.date | None) -> list[tuple[Span, tuple[str, str] | None, str]]:
        """Every date span (with the role cue that holds it, if any) with its resolution and its role ("at" unless a
        role cue holds it)."""
        doc = self.index.doc
        out = []
        # the years an undated text states with a day or month of what happened in it ("on 17 March 2022"; not "in
        # 2022", nor where a count starts: "since March 2022")
        stated = [] if published is not None else [
            int(m.group(0)) for span, cue in cues
            if cue is None and span.label_.partition("@")[0] in PLACED_KINDS
            for m in _YEAR_IN.finditer(span.text)
        ]
        latest = max(stated) if stated else None
        # "2 октября прошлого года", "in August last year": a relative year right after a year-less day or month gives
        # that day its year, and is no date of its own
        years_of = self._relative_years_after(cues, published)
        block, year = -1, None
        heading_day: dt.date | None = None
        last_day: dt.date | None = None  # the last day told in the paragraph
        for span, cue in cues:
            if years_of.get(span.start, 0) is None:
                continue  # the relative year that placed the day before it
            role = "at"
            if cue is not None:
                role, span._.info = cue.label_, cue.id_  # the role rule, cited by the facts that use it
                role = "at" if role == SAID else role  # the day of a statement is a day told, for what reads days
            here = self.index.paragraph_break_before(span.start_char)
            if here != block:
                # a new paragraph: no year told yet in it, but a heading above may name one ("2024 рік")
                block, year, last_day = here, self.index.heading_year_before(span.start_char), None
            reference = published
            kind = span.label_.partition("@")[0]
            if year is not None and published is not None and year < published.year and kind in PLACED_KINDS and not _YEAR_IN.search(span.text):
                # "In 2024 ... On 3 January, the 49th exchange": a year told earlier in the paragraph places the day
                reference = year_reference(year)
            elif year is None and self._subject_year is not None and kind in PLACED_KINDS and not _YEAR_IN.search(span.text):
                # "How Ukraine and Russia counted their swaps in 2024" (published in January 2025): "3 January" is of 2024
                reference = year_reference(int(self._subject_year[0]))
            elif published is None and kind in PLACED_KINDS and not _YEAR_IN.search(span.text) and (year or latest):
                # an undated text: a year it states places its year-less days, the paragraph's first, else its latest
                reference = year_reference(year or latest)
            if span.start in years_of:
                reference = year_reference(years_of[span.start])  # type: ignore[arg-type]
            if kind in RELATIVE_KINDS and heading_day is not None:
                reference = heading_day  # "today" under a live blog's "Saturday 24 May" is that Saturday
            elif kind == "weekday" and last_day is not None and (published is None or last_day < published):
                # "on 5 and 6 March ... On the Thursday, 200 came home": the weekday of the week the paragraph told
                reference = last_day + dt.timedelta(days=WEEK - 1)
            resolved = resolve(span.text, span.label_, reference, self.languages)
            if kind == "day" and resolved is not None and published is not None and self._day_heading(doc, span):
                heading_day = dt.date.fromisoformat(resolved[0])
            if kind in ("day", "day_range", "weekday_day") and resolved is not None and len(resolved[0]) == 10 and role == "at":
                last_day = dt.date.fromisoformat(resolved[0])
            if resolved is not None and role == "at" and span.label_.partition("@")[0] in ("year", "month", "day") and _YEAR_IN.search(span.text):
                year = int(resolved[0][:4])
            out.append((span, resolved, role))
        return self._anchor_stretches(out)

    def _relative_years_after(self, cues: list[tuple[Span, Span | None]], published: dt.date | None) -> dict[int, int | None]:
        """By the first token of each date span: the year a relative year right after a year-less day or month gives it
        ("2 октября прошлого года" said in 2026: 2025), and ``None`` for that relative year, which dates nothing itself.
        Empty without the document's date."""
        if published is None:
            return {}
        relative = {span.start: span for span, _ in cues if span.label_.partition("@")[0] == "relative_year"}
        years: dict[int, int | None] = {}
        for span, _ in cues:
            after = relative.get(span.end)
            if after is None or span.label_.partition("@")[0] not in PLACED_KINDS or _YEAR_IN.search(span.text):
                continue
            resolved = resolve(after.text, after.label_, published, self.languages)
            if resolved is not None and len(resolved[0]) == 4:
                years[span.start], years[after.start] = int(resolved[0]), None
        return years

    def _anchor_stretches(self, dates: list) -> list:
        """A stretch of years ends on the date its sentence states, where it states one ("in March 2025 the bodies
        returned over three years numbered 7,000": three years up to March 2025), else on the document's date."""
        out = []
        for span, resolved, role in dates:
            if span.label_.startswith(PAST_YEARS):
                sentence = self.index.sentence_start(span)
                others = [
                    (distance(span, o), o_resolved[1]) for o, o_resolved, o_role in dates
                    if o is not span and o_resolved and o_role in ("at", "as_of", "until")
                    and not o.label_.startswith(PAST_YEARS) and self.index.sentence_start(o) == sentence
                ]
                if others:
                    anchor = min(others)[1]
                    resolved = resolve(span.text, span.label_, period_bounds(anchor)[1], self.languages)
                    if resolved is not None:  # as precise as the date it ends on ("over three years" to March 2025: 2022-03 to 2025-03)
                        resolved = (resolved[0][: len(anchor)], anchor)
            out.append((span, resolved, role))
        return out

    def _date(self, doc, figure, sent, measure, status, dates, published, context, rules) -> tuple[dict | None, bool]:
        """The date range of a figure, and whether it is borrowed (the sentence itself gives none).

        - role cues set the bounds: a fixed start ("since the start of the
          full-scale war"), "since <date>" the start, "as of"/"by"/"until
          <date>" the end; a plain date of the sentence fills the missing
          bound when it falls inside ("Of the 177 cases as of December 2024,
          109 occurred in 2024"); a total without an end ends on the
          document date;
        - a plain date nearer to the figure than any role cue is the
          figure's own date ("the sixth this year ... since the start of
          the war"); one that cannot be resolved leaves the date null;
        - a figure-less "as of <date>" sentence of the same paragraph ends
          every figure of the paragraph;
        - else a planned figure has no date;
        - else held, missing, executions, deaths in custody, torture and "in total"
          figures stand as of the document date;
        - else released, exchanges and bodies take the day of the last
          exchange the story dated, or the document date.
        """
        start = end = None
        used: Span | None = None  # the date expression the bounds were read from
        at: list[tuple[Span, tuple[str, str] | None]] = []
        cumulative = False
        since: Span | None = None  # the cue or date the start was read from
        bound_distance = 10**6
        bound_rules: list[str] = []
        cues = self.index.in_sentence("date_roles", sent)
        asides = [(c.start, c.end) for c in cues if c.label_ == "aside"]
        for cue in cues:
            role, _, iso = cue.label_.partition(":")
            if role == "since" and iso and any(a <= cue.start and cue.end <= b for a, b in asides):
                continue  # "the largest transfer since the full-scale invasion": a record, no count's start
            if role == "since" and iso and not self._ordinals_start(cue, figure):
                start, since = iso, cue
                bound_distance = min(bound_distance, distance(figure, cue))
                rules.append(cue.id_)
            elif role == "cumulative" and not self._sums_its_parts(sent) and figure._.info["kind"] != "swap":
                # a swap formula ("144 for 144") is one exchange, whatever total its sentence also tells
                cumulative = True
                rules.append(cue.id_)
        fixed = start is not None
        for span, resolved, role in self._dates_by_sentence.get(sent.start, ()):
            if role == "since" and not span.label_.endswith("_range"):  # "from 23 to 25 May" is one date
                if resolved and not fixed:
                    start, used, since = resolved[0], span, span
                    bound_distance = min(bound_distance, distance(figure, span))
                    bound_rules.append(span._.info)
            elif role in ("agreed", "aside"):
                # the day a deal was struck ("agreed in Istanbul on 16 May") is not the figure's; nor is a stretch
                # that only measures a gap ("the first meeting in three years")
                continue
            elif span.label_.startswith(PAST_YEARS) and measure in STANDING:
                continue  # how many are held or missing stands on a day, whatever stretch the sentence looks back over
            elif role in ("as_of", "until"):
                # "as of 2 March, 6,422 had come home, and as of 6 March, 6,922": each figure ends on its nearest
                if resolved and (used is None or end is None or distance(figure, span) < distance(figure, used)):
                    end, used = resolved[1], span
                    bound_distance = min(bound_distance, distance(figure, span))
                    bound_rules.append(span._.info)
            else:
                at.append((span, resolved))
        if start is None and not cumulative and any(a[0].start not in self._said for a in at):
            # "said last month that 2,310 were freed in 2025"; a total since a start ends on the day it was said
            at = [a for a in at if a[0].start not in self._said]
        nearest = self._own_date(figure, at)
        if nearest is not None and published is not None and nearest[1] is not None:
            span, (first, last) = nearest
            if published.isoformat().startswith(last) and len(last) < 10:
                # a period still running on the document's date ("this year", "so far in 2025") ends on it
                nearest = (span, (first, published.isoformat()))
                at = [nearest if a[0] is span else a for a in at]
        paragraph_end = self._paragraph_as_of(doc, sent, dates)
        # "said on 13 December 2024 that 177 executions had been confirmed since the start of the full-scale invasion":
        # the war's start told after the figure, with no other figure between, is its count's start, and the date told
        # before the figure its end, a day, month or year ("У грудні 2025 року омбудсман заявив, що ..."); so is the
        # war's start told between that date and the figure ("2 грудня ... заявляв, що з початку повномасштабної війни
        # звільнено 1331")
        day_then_start = (
            fixed and since is not None and nearest is not None and nearest[1] is not None and nearest[1][0] > start
            and nearest[0].end <= figure.start
            and self._starts_its_count(figure, since, nearest[0])
        )
        # a plain date nearer than the role cues is the figure's own, unless it only restates the start
        own_date = (
            nearest is not None
            and distance(figure, nearest[0]) < bound_distance
            and not (start is not None and nearest[1] is not None and nearest[1][0] <= start)
            and not self._nearer_to_another_figure(nearest[0], figure)
            # "206 have died since February 2022, officials said in May 2025": a later date ends the figure's own count
            and not (
                since is not None and not fixed and nearest[1] is not None and nearest[1][0] > start
                and not self._nearer_to_another_figure(since, figure)
            )
            and not day_then_start
        )
        if (start is not None or end is not None) and not own_date:
            rules.extend(bound_rules)
            inside = [
                a for a in at
                if a[1] and (start is None or a[1][0] > start) and (end is None or a[1][0] <= end)
                and (
                    distance(figure, a[0]) < bound_distance
                    # "In February 2025 the mission said it had recorded 79 executions since August 2024": the later
                    # date of the sentence ends the count, wherever it stands
                    or (start is not None and end is None and not fixed and not self._nearer_to_another_figure(a[0], figure))
                )
            ]
            if day_then_start and end is None:
                end, used = nearest[1][1], nearest[0]  # type: ignore[index]
            if inside:
                span, resolved = min(inside, key=lambda a: distance(figure, a[0]))
                if end is None:
                    end = resolved[1]
                elif start is None:
                    start = resolved[0]
            if end is None and paragraph_end is not None:
                end, used = paragraph_end
            if end is None and start is not None and measure in EVENTS and status != "planned" and self._continues(context, sent) and context[0] >= start:
                # "On Wednesday 207 came home: the 50th exchange since February 2022" ends on that Wednesday
                end, used = context[1], context[2]
            if end is None and start is not None and figure._.info["kind"] == "ordinal" and status != "planned":
                # "the 49th exchange": the count ends with the exchange it numbers, the story's exchange day
                if self._numbered is not None and self._numbered[0] >= start:
                    end, used = self._numbered[1], self._numbered[2]
            if end is None:
                end = published.isoformat() if published else None
            elif start is None and measure in EVENTS and status != "planned":
                # "By 30 December, 1,358 had come home in 2024" starts in 2024; "By 2 October, 808 people
                # had come home" is a tally since the full-scale war began
                before = [a for a in at if a[1] and a[1][0] <= end and not self._nearer_to_another_figure(a[0], figure)]
                start = min(before, key=lambda a: distance(figure, a[0]))[1][0] if before else _war_start(end)
            return _range(start, end, used, "text" if used is not None or start is not None else "document"), False
        if nearest is not None and cumulative and self._dates_a_later_part(nearest[0], figure):
            nearest = None  # "3,956 in all, 1,358 of them this year": the year is the part's, not the total's
        if nearest is not None:
            span, resolved = nearest
            if resolved is None:
                return None, False
            stage = self._stage_day(figure, sent, span, resolved) if measure in EVENTS else None
            if stage is not None:
                return _range(stage, stage, span, "text"), False
            end = resolved[1]
            if paragraph_end is not None and len(resolved[0]) < len("YYYY-MM-DD") and period_bounds(paragraph_end[0])[1] >= period_bounds(resolved[1])[1]:
                end = paragraph_end[0]  # a month or year of the figure's own runs to the line's "as of"; a day is its own
            return _range(resolved[0], end, span, "text"), False
        if paragraph_end is not None:
            return _range(None, paragraph_end[0], paragraph_end[1], "text"), False
        opening = self._openings.get(self.index.line_bounds(sent.start_char, sent.start_char)[0])
        if opening is not None and status != "planned" and not cumulative and measure not in CURRENT_STATE:
            return _range(opening[0], opening[1], opening[2], "text"), False
        if opening is not None and status != "planned" and cumulative and measure in EVENTS:
            # "31 January. The 50th swap ... Kyiv puts the total freed at 3,035": a running total up to the line's day
            return _range(_war_start(opening[1]), opening[1], opening[2], "text"), False
        # nothing in the sentence dates the figure: what follows is borrowed from elsewhere in the document
        if status == "planned":
            return None, True  # a transfer not yet done has no date but the one its own sentence gives
        if measure in HARMS and not cumulative:
            period = bisect_left(self._period_starts, sent.start) - 1
            named = any(cue.label_ == REPORT_PERIOD for cue in self.index.in_sentence("date_roles", sent))
            if period >= 0 and (named or not self._dated_since(self._periods[period][1][2], sent.start_char)):
                # "14 were killed during the reporting period": the report's period, though its dateline stands between
                # "The report covers 1 December 2024 to 31 May 2025. ... The Mission documented the deaths of 11 POWs."
                first, last, span = self._periods[period][1]
                return _range(first, last, span, "borrowed"), True
        if (measure in STANDING or measure in HARMS) and not cumulative:
            told = self._told_before(sent, figures=measure in HARMS)
            if told is not None:
                # "At the end of January the ombudsman gave new figures. Of them, 452 were still sought.": a state
                # told under a day of the sentence before stands on that day
                return _range(None, told[1][1], told[0], "borrowed"), True
        if measure in CURRENT_STATE or cumulative:
            # "In total, 58 exchanges have taken place": a tally of transfers since the full-scale war began
            if published is None:
                return None, True
            if cumulative and measure in ("released", "exchanges") and self._numbered is not None:
                # "In total, 3,956 have come home" in a story of the exchange of the day before: counted up to that exchange
                return _range(_war_start(self._numbered[0]), self._numbered[1], self._numbered[2], "borrowed"), True
            start = _war_start(published.isoformat()) if cumulative and measure in EVENTS else None
            return _range(start, published.isoformat(), None, "document"), True
        if measure in EVENTS:
            if context is not None:
                return _range(context[0], context[1], context[2], "borrowed"), True
            if self._subject_year is not None:
                # "Ombudsman: 1,851 came home in 2025" (published in January 2026): what it tells without a day is of 2025
                year, span = self._subject_year
                return _range(year, year, span, "borrowed"), True
            if published is not None:
                iso = published.isoformat()
                return _range(iso, iso, None, "document"), True
        return None, True

    def _headline_year(self, cues: list[tuple[Span, Span | None]]) -> tuple[str, Span] | None:
        """The one year a headline names when it is the year before the document's ("Results of 2025", "Как обменивались
        пленными в 2024 году", published in January 2025): the year the whole document reviews. The headline is every
        line above the first line of prose (one of at least :data:`HEADING_CHARS` characters that ends a sentence);
        a year a role cue holds ("since 2022") is no subject."""
        if self.published is None:
            return None
        text = self.index.text
        top = 0
        while top < len(text):
            end = text.find("\n", top)
            end = len(text) if end < 0 else end
            core = text[top:end].strip().rstrip("»\"”'")
            if len(core) >= HEADING_CHARS and core.endswith(tuple(SENTENCE_ENDS)):
                break
            top = end + 1
        years: dict[str, Span] = {}
        for span, cue in cues:
            if span.start_char >= top or span.label_.partition("@")[0] != "year" or cue is not None:
                continue
            resolved = resolve(span.text, span.label_, None, self.languages)
            if resolved:
                years.setdefault(resolved[0], span)
        if len(years) != 1:
            return None
        year, span = next(iter(years.items()))
        return (year, span) if int(year) == self.published.year - 1 else None

    def _line_openings(self, doc: Doc, dates) -> dict[int, tuple[str, str, Span]]:
        """The lines (by their first character) that open with a year ("2024 – ...", "2025. The record year.") or a
        day or stretch of days ("• Friday, 23 May. ...", "▪ 23–25 травня. ..."), only bullets, punctuation or a weekday
        before it: ``(start, end, text)``."""
        found: dict[int, tuple[str, str, Span]] = {}
        weekdays: list[Span] = []
        for span, resolved, role in dates:
            kind = span.label_.partition("@")[0]
            if kind == "weekday":
                weekdays.append(span)
            if not resolved or role != "at" or not (span.id_.startswith(YEAR_OPENING) or kind in ("day", "day_range")):
                continue
            line = self.index.line_bounds(span.start_char, span.end_char)[0]
            before = self.index.text[line : span.start_char]
            for weekday in weekdays[-1:]:
                if weekday.start_char >= line:
                    before = before.replace(weekday.text, "")
            before = _ITEM_NUMBER.sub("", before)  # "№53, 25 червня. ...": a chronicle's numbered item
            if line not in found and not _WORDY.search(before):
                found[line] = (resolved[0], resolved[1], span)
        return found

    def _day_heading(self, doc: Doc, span: Span) -> bool:
        """Whether a day stands alone on its line ("Saturday 24 May", "Friday, 23 May 2025"): a live blog's heading."""
        start, end = self.index.line_bounds(span.start_char, span.end_char)
        rest = self.index.text[start : span.start_char] + " " + self.index.text[span.end_char : end]
        return not any(c.isdigit() for c in rest) and len(rest.split()) <= 1

    def _stage_day(self, figure: Span, sent: Span, span: Span, resolved: tuple[str, str]) -> str | None:
        """The day of one stage of a swap told over days ("23–25 May ... 390, 307 and 303"): the figures after the
        stretch, outside brackets, are as many as its days and take them in turn; a figure in brackets is a part of
        the one before it ("390 (270 soldiers and 120 civilians)")."""
        first, last = resolved
        if len(first) != 10 or len(last) != 10 or first == last or _stretch(resolved + (span,)):
            return None
        days = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days + 1
        text = self.index.text
        # in a table, the stages are the figures of the figure's own cell ("390 / 307 / 303"), not the other columns
        cell = self.index.table_cell(figure.start_char) or (0, len(text))
        stages = [
            other for other in self.index.in_sentence("figures", sent)
            if other.start >= span.end and other._.info["kind"] != "ordinal"  # "on the first day" counts no one
            and cell[0] <= other.start_char < cell[1]
            and text[span.end_char : other.start_char].count("(") <= text[span.end_char : other.start_char].count(")")
        ]
        if len(stages) != days or figure.start < span.end:
            return None
        values = [stage._.info.get("value") for stage in stages]
        if None not in values and values[0] == sum(values[1:]):
            return None  # "23–25 May: 1,000 for 1,000, 880 soldiers and 120 civilians" is a total and its parts
        head = sum(1 for stage in stages if stage.start <= figure.start)
        return (dt.date.fromisoformat(first) + dt.timedelta(days=head - 1)).isoformat()

    def _ordinals_start(self, cue: Span, figure: Span) -> bool:
        """Whether a start ("since the full-scale invasion") counts the ordinal of an exchange nearer to it than the
        figure ("eight civilians came home in what it called the 68th exchange since the start of the war")."""
        if figure._.info["kind"] == "ordinal":
            return False
        own = distance(figure, cue)
        return any(
            other._.info["kind"] == "ordinal" and figure.start < other.start < cue.start and distance(other, cue) < own
            for other in self.index.in_sentence("figures", self.index.sentence(figure))
        )

    def _sums_its_parts(self, sent: Span) -> bool:
        """Whether "in total" sums the parts its sentence lists ("150 soldiers and 7 civilians, 157 in all"): the
        total of one transfer and its parts, not a tally since the war began."""
        if sent.start not in self._summed:
            values = [f._.info["value"] for f in self.index.in_sentence("figures", sent) if f._.info["kind"] == "cardinal" and f._.info["value"]]
            self._summed[sent.start] = len(values) <= MOST_PARTS and any(
                sum(parts[i:j]) == total
                for n, total in enumerate(values)
                for parts in [values[:n] + values[n + 1 :]]
                for i in range(len(parts))
                for j in range(i + 2, len(parts) + 1)
            )
        return self._summed[sent.start]

    def _own_date(self, figure: Span, at: list) -> tuple | None:
        """The plain date of the sentence that is the figure's: the nearest one, but not a date after it that heads
        another figure ("23 May: 390 (270 soldiers and 120 civilians), 24 May: 307": 120 came home on 23 May)."""
        if not at:
            return None
        own = [a for a in at if not (a[0].start > figure.start and self._heads_another_figure(a[0], figure))]
        return min(own or at, key=lambda a: (distance(figure, a[0]), a[0].start < figure.start))

    def _heads_another_figure(self, date: Span, figure: Span) -> bool:
        """Whether a date after a figure, past a break (a comma), leads the figure after it, whose date it is
        ("120 civilians, 24 May — another 307")."""
        text = self.index.text
        if not _CLAUSE_BREAK.search(text[figure.end_char : date.start_char]):
            return False  # "1,000 on 17 July, 1,000 on 19 August": a date its figure reaches without a break is its own
        # a comma right after the date leads into its figure ("; el domingo, otros 303")
        return any(
            other.start >= date.end and distance(other, date) <= HEADS
            and not _CLAUSE_BREAK.search(text[date.end_char : other.start_char].lstrip().removeprefix(","))
            for other in self.index.in_sentence("figures", self.index.sentence(figure))
        )

    def _dates_a_later_part(self, date: Span, figure: Span) -> bool:
        """Whether a date after a figure, past a break, follows another figure (which stands nearer to it): the date
        of that part ("вже повернуто 3956 людей, з них 1358 — цьогоріч")."""
        if date.start < figure.end or not _CLAUSE_BREAK.search(self.index.text[figure.end_char : date.start_char]):
            return False
        return self._figure_between(figure, date)

    def _starts_its_count(self, figure: Span, since: Span, day: Span) -> bool:
        """Whether the start cue ``since`` follows ``figure`` with no other figure between them; or stands between
        ``day`` and ``figure`` with no other figure from the day to the figure ("2 грудня президент заявляв, що з
        початку повномасштабної війни звільнено 1331 людину")."""
        if since.start >= figure.end:
            return not self._figure_between(figure, since)
        return day.end <= since.start and since.end <= figure.start and not self._figure_between(day, figure)

    def _figure_between(self, figure: Span, after: Span) -> bool:
        """Whether another figure of the sentence stands between ``figure`` and the span ``after`` it."""
        return any(figure.end <= other.start and other.end <= after.start for other in self.index.in_sentence("figures", self.index.sentence(figure)))

    def _nearer_to_another_figure(self, date: Span, figure: Span) -> bool:
        """Whether a date stands nearer to another figure of its sentence ("1,358 this year ... 3,956 since 2022")."""
        own = distance(figure, date)
        sent = self.index.sentence(figure)
        # a figure that counts nothing powfacts records ("79 executions in 24 incidents since August 2024") owns no date
        uncounted = [(c.start_char, c.end_char) for c in self.index.in_sentence("measures", sent) if c.label_ == "none"]
        return any(
            distance(other, date) < own
            for other in self.index.in_sentence("figures", sent)
            if other is not figure and not any(a <= other.start_char and other.end_char <= b for a, b in uncounted)
        )

    def _passed_over(self, told: tuple[int, tuple[str, str, Span]], line: int, paragraph: int) -> bool:
        """Whether an exchange day told before a sentence (on the line starting at ``line``, in ``paragraph``) is no
        day it continues: a stretch of prose on an earlier line, or an earlier exchange's day of another paragraph."""
        start, day = told
        if _stretch(day) and day[2].start_char < line and start not in self._heading_days:
            return True
        return self._earlier_exchange.get(start, paragraph) != paragraph

    def _exchange_days_of(self, doc: Doc, dates) -> tuple[list[tuple[int, tuple[str, str, Span]]], dict[int, int], set[int]]:
        """For each sentence that speaks of an exchange and names a day: ``(sentence start, (start, end, date span))``;
        with, by sentence start, the paragraph of each day of an earlier exchange told after a later one of its
        paragraph, and the starts of the days that are headings.

        Later undated mentions of the exchange take that day ("On 6 May ... .
        Another 45 had been returned ...").
        """
        events: dict[int, list[Span]] = {}
        for cue in doc.spans["measures"]:
            if cue.label_ in EVENTS:
                events.setdefault(self.index.sentence_start(cue), []).append(cue)
        best: dict[int, tuple[tuple[bool, int], tuple[str, str, Span]]] = {}
        for span, resolved, role in dates:
            start = self.index.sentence_start(span)
            if role == "at" and resolved and len(resolved[0]) == 10 and start in events:
                # of several days in the sentence, the one nearest a word of the exchange ("KYIV, Oct 3 - ... swapped on Thursday");
                # a day before a stretch of years ("Today, 11 March, ... over four years, 70 exchanges")
                day = (resolved[0], resolved[1], span)
                gap = (_stretch(day), min(distance(cue, span) for cue in events[start]))
                if start not in best or gap < best[start][0]:
                    best[start] = (gap, day)
        days = {start: day for start, (_, day) in best.items()}
        earlier: dict[int, int] = {}
        headings: set[int] = set()
        latest: dict[int, str] = {}  # per paragraph: the latest exchange day told in it
        for start, day in sorted(days.items()):
            paragraph = self.index.paragraph_break_before(day[2].start_char)
            if day[2].start in self._previous and day[0] < latest.get(paragraph, ""):
                # "Today's swap ... The previous one took place on 2 October. [new paragraph] 157 came home": the day of
                # the earlier exchange dates its own paragraph only
                earlier[start] = paragraph
            latest[paragraph] = max(latest.get(paragraph, ""), day[0])
        openings = list(self._openings.items())
        for span, resolved, role in dates:
            if resolved and role == "at" and span.label_.partition("@")[0] == "month":
                line = self.index.line_bounds(span.start_char, span.end_char)[0]
                if not _WORDY.search(self.index.text[line : span.start_char]):
                    openings.append((line, (resolved[0], resolved[1], span)))  # "September 2022" heading a section
        for line, (first, last, span) in openings:
            end = self.index.line_bounds(span.start_char, span.end_char)[1]
            heading = self.index.text[line:end].rstrip()
            if len(first) >= len("YYYY-MM") and heading[-1:] not in SENTENCE_ENDS and len(heading) <= HEADING_CHARS:
                # "■ 3 January, Wednesday. The largest swap of the war": a heading that opens with a day dates the story
                # below it; so does a month's ("September 2022" over "Kyiv: 215 came home")
                start = self.index.sentence_start(span)
                if start not in days:
                    days[start] = (first, last, span)
                    headings.add(start)
        return sorted(days.items()), earlier, headings

    def _report_periods_of(self, doc: Doc, dates) -> list[tuple[int, tuple[str, str, Span]]]:
        """The stretches a report states for its counts of executions, deaths in custody or torture: ``(sentence
        start, (start, end, date span))`` for each sentence that names such a stretch ("the period from 1 December
        2024 to 31 May 2025") or dates such a count over one ("32 executions from December to February")."""
        harms: set[int] = {self.index.sentence_start(cue) for cue in doc.spans["measures"] if cue.label_ in HARMS}
        found: dict[int, tuple[str, str, Span]] = {}
        for span, resolved, role in dates:
            if not resolved or role not in ("at", "period") or resolved[0] == resolved[1]:
                continue
            start = self.index.sentence_start(span)
            if (role == "period" or start in harms) and _stretch(resolved + (span,)) and start not in found:
                found[start] = (resolved[0], resolved[1], span)
        return sorted(found.items())

    def _continues(self, context: tuple[str, str, Span] | None, sent: Span) -> bool:
        """Whether a sentence continues the story of an exchange told on a day of its own paragraph, before the
        document's date (the running total told with that exchange ends on its day)."""
        if context is None or len(context[1]) != 10 or _stretch(context):
            return False
        if self.published is not None and context[1] >= self.published.isoformat():
            return False
        return self.index.same_paragraph(context[2].start_char, sent.start_char)

    def _latest_exchange_day(self) -> tuple[str, str, Span] | None:
        """The day of the exchange a story's ordinal numbers: its latest exchange day, when it is a single day at most
        :data:`NUMBERED_DAYS` before the document's date (one on the document's date leaves the count ending there)."""
        if self.published is None:
            return None
        today = self.published.isoformat()
        days = [
            day for _, day in self._exchange_days
            if len(day[0]) == 10 and not _stretch(day) and not (day[1] == today and self._day_heading(self.index.doc, day[2]))
        ]  # the page's own date on a line of its own under a headline is no exchange's day
        if not days:
            return None
        latest = max(days, key=lambda day: day[1])
        if latest[1] >= today or (self.published - dt.date.fromisoformat(latest[1])).days > NUMBERED_DAYS:
            return None  # an exchange long before the page is not the one the page numbers (that one is undated)
        return latest

    def _dated_since(self, span: Span, char: int) -> bool:
        """Whether another date (not a relative one) stands between ``span`` and ``char``: the text has moved on."""
        n = bisect_left(self._fixed_date_chars, span.end_char)
        return n < len(self._fixed_date_chars) and self._fixed_date_chars[n] < char

    def _figureless_as_of(self, dates) -> tuple[list[int], list[tuple[str, Span]]]:
        """The resolved "as of" dates of sentences without a figure: their first characters, and (end, date span)."""
        chars, found = [], []
        for span, resolved, role in dates:
            if role == "as_of" and resolved and not self.index.in_sentence("figures", self.index.sentence(span)):
                chars.append(span.start_char)
                found.append((resolved[1], span))
        return chars, found

    def _told_before(self, sent: Span, figures: bool = False) -> tuple[Span, tuple[str, str]] | None:
        """The last plain date of the sentence before ``sent`` in its paragraph, when that sentence has no figure (or,
        with ``figures``, has some: a report's findings told over two sentences) and the date lies before the
        document's: the day a state told without one of its own was told on."""
        previous = self.index.previous_sentence(sent)
        if previous is None or not self.index.same_paragraph(previous.start_char, sent.start_char):
            return None
        if not figures and self.index.in_sentence("figures", previous):
            return None  # a sentence with figures of its own tells what happened then ("On 5 February 150 came home. 8,000 remain held."), not when what follows was said
        found = [
            (span, resolved) for span, resolved, role in self._dates_by_sentence.get(previous.start, ())
            if resolved and role == "at" and span.label_.partition("@")[0] not in RELATIVE_KINDS and not span.label_.startswith(PAST_YEARS)
        ]
        if not found or not self._before_document(found[-1][1][1]):
            return None
        return found[-1]

    def _paragraph_as_of(self, doc: Doc, sent: Span, dates) -> tuple[str, Span] | None:
        """An "as of" date stated in a figure-less sentence of the same line (never the figure's own sentence, which has a figure)."""
        line = self.index.line_bounds(sent.start_char, sent.end_char)
        if line not in self._line_as_of:
            chars, found = self._as_of_lines
            n = bisect_left(chars, line[0])
            self._line_as_of[line] = found[n] if n < len(chars) and chars[n] < line[1] else None
        return self._line_as_of[line]


#: the role of "that day", "того ж дня": the day the text last named
SAME_DAY = "same_day"
#: the role of "then" opening a sentence ("Тоді", "Тогда"): like "that day", but the day read back is borrowed
THEN = "then"
#: the role of the day a statement was made ("said last month", "сообщил в январе")
SAID = "said"
#: the role of the noun of an earlier exchange ("the previous swap", "попередній обмін")
PREVIOUS = "previous"
#: the role of the report's own period named without its dates ("during the reporting period")
REPORT_PERIOD = "report_period"

#: how many days before the document an exchange day can be the one the story's ordinal numbers ("the 49th exchange")
NUMBERED_DAYS = 7

#: how many days the stages of one swap may span
STAGE_DAYS = 7


def _stages(by_day: dict[str, list[int]], total: int) -> tuple[str, str] | None:
    """The first and last of two or more consecutive told days whose largest transfer below ``total`` adds up to it.

    >>> _stages({"2026-03-05": [200], "2026-03-06": [300, 2], "2025-10-02": [185]}, 500)
    ('2026-03-05', '2026-03-06')
    >>> _stages({"2026-03-05": [200], "2026-03-20": [300]}, 500) is None
    True
    """
    told = sorted((day, max((v for v in values if v is not None and v < total), default=0)) for day, values in by_day.items())
    for first in range(len(told)):
        added = 0
        for last in range(first, len(told)):
            span = dt.date.fromisoformat(told[last][0]) - dt.date.fromisoformat(told[first][0])
            if span.days > STAGE_DAYS or told[last][1] == 0:
                break
            added += told[last][1]
            if added == total and last > first:
                return told[first][0], told[last][0]
            if added > total:
                break
    return None
