"""From mentions to events: the facts that tell of one real-world occurrence, within and across documents.

An **event** is one exchange, one release outside an exchange, or one
handover of bodies. It is made only of facts of kind ``event`` with status
``reported``, of two families: ``transfer`` (measures ``released`` and
``exchanges``) and ``bodies`` (``bodies_returned``). Running totals, states
and period totals form series of their own (:mod:`powfacts.answers.timeline`) and are
never summed with events; planned transfers are left out.

- **One occurrence.** Facts of one family whose dates are the same day, or
  overlapping day ranges of at most :data:`EVENT_DAYS` days, are one event
  (within a document and across documents). Facts without a date are events
  of their own document only: one event per document, family and date text
  (a year-less "6 May" keeps its text), as a news story without a date
  usually tells of one exchange. Such an undated occurrence then joins the
  dated one whose numbers per side agree with its own (same or close to an
  "about", none disagreeing): one of its own document if any, else the only
  one among all documents; where several fit, it stays apart. Its mentions
  count for the whole of the dated event, and the event's day is its dated
  mentions' day. A per-side figure agrees with the UA and RU numbers of an
  occurrence that states them apart, and a figure of one population ("185
  soldiers each") with that population's part of a side's number (185
  soldiers and 20 civilians), not with the sum.
- **The document's date.** A mention dated only by its document's date (a
  headline over "yesterday's swap") joins the occurrence of its own story
  dated in the text on that day or in the :data:`EVENT_DAYS` days before,
  where exactly one agrees with its numbers; the text's day is the event's.
- **Exchange or release.** An exchange states both sides, a per-side figure
  or a number of exchanges, is named by its number in the series ("the
  48th exchange") or has a figure counted by a swap's word ("swapped 108
  women", "обміняли", "canjearon") though one side is told; else it is a
  release.
- **Sides.** An event has a figure for each side it names: ``UA``, ``RU``,
  ``each`` (a per-side figure, "1,000 for 1,000", which counts for both UA
  and RU) and ``-`` (a figure that names no side). A side's number is its
  stated total; where only parts are stated (military + civilian) it is
  their sum, marked ``derived`` and citing the parts; a total that is only a
  bound ("over 200") with exact parts that fit it (185 + 20) takes the parts'
  sum, also ``derived``. Parts are added only when stated in one sentence
  ("185 soldiers and 20 civilians"); a civilian figure stated apart is shown
  as a part of the military one but not added. Parts are shown under their total, never beside it.
  A pow figure at least a military and a civilian figure stated together
  (1,000 beside "270 soldiers and 120 civilians") is a total. A
  UA or RU side with no figure of its own takes the per-side figure, and so
  does a side whose own figure is below :data:`RIVAL_SHARE` of it (a day's
  or a group's figure, shown as a group).
- **Stages.** An exchange in stages (23–25 May, with figures for the 23rd and
  the 24th) has its figures compared per stage; a side's number is the
  figure of the whole range, else the sum of the stages (``derived``).
- **Sources.** Documents with the same title, or that share a near-identical
  sentence (a syndicated wire copy), are one source.
- **Conflicts** (:class:`EventConflict`): two figures for the same quantity
  (measure, side, population class, stage) of one event that cannot both
  hold, when each is its own source's main figure for it, or when within one
  source the smaller is at least :data:`RIVAL_SHARE` of the larger. A smaller
  figure below that share is read as a group among them ("nine of them
  officers"), not as a rival claim; a part is never compared with a total,
  nor a per-side figure with one side's figure. Neither is an item of a
  breakdown (a smaller figure listed in one sentence with another below
  the total, or smaller figures of one document that add up to it
  exactly), nor a round figure and its own bound ("200", "more than 200").

Everything is sorted, so the same facts always give the same events.
"""

from __future__ import annotations

import datetime as dt
import difflib
import hashlib
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from powfacts.facts.dates import period_bounds
from powfacts.facts.kinds import SWAP_RULE
from powfacts.facts.records import Fact

#: a measure's family: the facts of one family and one occurrence make one event
FAMILIES = {"released": "transfer", "exchanges": "transfer", "bodies_returned": "bodies"}
#: a stretch of days up to this long is one occurrence
EVENT_DAYS = 7
#: within one source, a smaller figure at least this share of the larger is a rival claim, below it a group among them
RIVAL_SHARE = 0.9
#: how far "about N" may stray from N
APPROXIMATE = 0.10
#: two sentences this similar (difflib ratio), of at least SYNDICATED_CHARS characters, mark a syndicated copy
SYNDICATED_RATIO = 0.9
SYNDICATED_CHARS = 60
SIDES = ("UA", "RU", "each", "-")
TOTAL_POPULATIONS = (None, "mixed")


# -- kinds of legacy records --------------------------------------------------------


def fact_kind(fact: Fact) -> str:
    """The fact's kind; for records written before kinds existed, decided as :func:`powfacts.facts.kinds.kind_of` would from its fields
    (their date-role cues are not on the record: re-extract them to have those counted)."""
    if fact.kind is not None:
        return fact.kind
    from powfacts.facts.kinds import kind_of

    ordinal = any(r.startswith("figure.ordinal") for r in fact.rules)
    date = {"start": fact.date.start, "end": fact.date.end} if fact.date else None
    return kind_of(fact.measure, fact.unit, ordinal, set(), date, planned=fact.status == "planned")


def is_ordinal(fact: Fact) -> bool:
    """An exchange's number in a series ("the 65th swap"), told by the rule that read the figure."""
    return fact.measure == "exchanges" and any(r.startswith("figure.ordinal") for r in fact.rules)


def told_as_swap(fact: Fact) -> bool:
    """A figure of people released in a sentence that names a swap ("swapped 108 women", "у рамках обміну
    повернули 84", "canjearon"): the swap's words are on the record as :data:`~powfacts.facts.kinds.SWAP_RULE`."""
    return fact.measure == "released" and SWAP_RULE in fact.rules


def makes_event(fact: Fact) -> bool:
    """Whether a fact tells of one occurrence that events count: kind ``event``, ``reported``, of a known family."""
    return fact.measure in FAMILIES and fact.status == "reported" and fact_kind(fact) == "event"


def side_of(fact: Fact) -> str:
    """``each`` for a per-side figure, else the nationality, else ``-``."""
    return "each" if fact.per_side else fact.nationality or "-"


# -- data ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """One fact that an event is made of, with its citation and what it says."""

    fact: Fact
    source: str  # the source group's id (syndicated copies share one)
    role: str = ""  # total, part, group, stage, alternative, rival, ordinal, count

    def as_dict(self) -> dict:
        f = self.fact
        return {
            "fact": f.id,
            "path": f.source.path,
            "source": self.source,
            "measure": f.measure,
            "side": side_of(f),
            "population": f.population,
            "value": f.value,
            "low": f.low,
            "high": f.high,
            "qualifier": f.qualifier,
            "date": f.date.model_dump(include={"start", "end", "text", "basis"}) if f.date else None,
            "figure": f.figure.model_dump(),
            "evidence": f.evidence.model_dump(),
            "said_by": f.said_by,
            "role": self.role,
        }


@dataclass(frozen=True)
class Claim:
    """Mentions of one figure for one quantity: the same value, range and qualifier."""

    value: float | int | None
    low: float | int | None
    high: float | int | None
    qualifier: str
    mentions: tuple[Fact, ...]
    sources: frozenset[str]

    @property
    def population(self) -> str | None:
        pops = sorted({m.population or "" for m in self.mentions})
        return (pops[0] or None) if len(pops) == 1 else "mixed" if "mixed" in pops else (pops[-1] or None)

    @property
    def number(self) -> float:
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return math.nan

    def bounds(self) -> tuple[float, float, bool, bool]:
        """low, high, low open, high open: what the figure allows."""
        if self.value is not None:
            low = high = self.value
        elif self.low is not None and self.high is not None:
            low, high = self.low, self.high
        else:
            return -math.inf, math.inf, False, False
        q = self.qualifier
        if q == "approximately":
            return low * (1 - APPROXIMATE), high * (1 + APPROXIMATE), False, False
        if q in ("at_least", "more_than"):
            return low, math.inf, q == "more_than", False
        if q in ("at_most", "less_than"):
            return 0, high, False, q == "less_than"
        return low, high, False, False

    def fits(self, other: "Claim") -> bool:
        """Both figures can hold at once."""
        a, b = self.bounds(), other.bounds()
        return not (_below(a, b) or _below(b, a))

    def text(self) -> str:
        return claim_text(self.value, self.low, self.high, self.qualifier)

    def citations(self) -> list[str]:
        return [m.id for m in self.mentions]

    def as_dict(self) -> dict:
        return {
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "population": self.population,
            "mentions": self.citations(),
            "documents": sorted({m.source.path for m in self.mentions}),
        }


def _below(a: tuple, b: tuple) -> bool:
    return a[1] < b[0] or (a[1] == b[0] and (a[3] or b[2]))


@dataclass(frozen=True)
class Figure:
    """An event's number for one measure and side, with what it rests on.

    ``stated`` is the claim the number is (None when ``derived``); ``parts``
    the parts by population it is made of or shown above; ``groups`` smaller
    figures read as groups among them; ``alternatives`` other statements that
    fit it ("over 200" beside 230); ``from_each`` marks a UA or RU number
    taken from the per-side figure.
    """

    measure: str
    side: str
    value: float | int | None
    low: float | int | None
    high: float | int | None
    qualifier: str
    unit: str
    population: str | None
    derived: bool
    stated: Claim | None
    parts: tuple[Claim, ...] = ()
    stages: tuple[tuple[str, "Figure"], ...] = ()
    groups: tuple[Claim, ...] = ()
    alternatives: tuple[Claim, ...] = ()
    from_each: bool = False

    @property
    def number(self) -> float | None:
        if self.value is not None:
            return self.value
        if self.low is not None and self.high is not None:
            return (self.low + self.high) / 2
        return None

    def mentions(self) -> list[Fact]:
        """The facts the number rests on: its stated mentions, else its parts' or stages'."""
        if self.stated is not None:
            return list(self.stated.mentions)
        found = [m for part in self.parts for m in part.mentions]
        for _, stage in self.stages:
            found += stage.mentions()
        return found

    def documents(self) -> list[str]:
        return sorted({m.source.path for m in self.mentions()})

    def text(self) -> str:
        return claim_text(self.value, self.low, self.high, self.qualifier)

    def as_dict(self) -> dict:
        return {
            "measure": self.measure,
            "side": self.side,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "qualifier": self.qualifier,
            "unit": self.unit,
            "population": self.population,
            "derived": self.derived,
            "from_each_side": self.from_each,
            "stated": self.stated.as_dict() if self.stated else None,
            "mentions": [m.id for m in self.mentions()],
            "documents": self.documents(),
            "parts": [p.as_dict() for p in self.parts],
            "stages": [{"date": key, **stage.as_dict()} for key, stage in self.stages],
            "groups": [g.as_dict() for g in self.groups],
            "alternatives": [a.as_dict() for a in self.alternatives],
        }


@dataclass(frozen=True)
class Rival:
    """One side of a conflict: a figure and the facts that state it."""

    text: str
    facts: tuple[Fact, ...]

    @property
    def said_by(self) -> list[str | None]:
        """The bodies its facts are credited with (``None`` for a fact credited to no one), sorted."""
        return sorted({f.said_by for f in self.facts}, key=lambda who: who or "")

    def as_dict(self) -> dict:
        return {
            "figure": self.text,
            "said_by": self.said_by,
            "citations": [
                {"fact": f.id, "path": f.source.path, "said_by": f.said_by, "figure": f.figure.model_dump(), "evidence": f.evidence.model_dump()}
                for f in self.facts
            ],
        }


@dataclass(frozen=True)
class EventConflict:
    """Two figures for the same quantity of one event that cannot both hold."""

    id: str
    event: str
    measure: str
    side: str
    population: str
    date: str | None
    first: Rival
    second: Rival
    message: str

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "kind": "event",
            "event": self.event,
            "measure": self.measure,
            "side": self.side,
            "population": self.population,
            "date": self.date,
            "first": self.first.as_dict(),
            "second": self.second.as_dict(),
            "message": self.message,
        }


@dataclass(frozen=True)
class SourceGroup:
    """Documents that count as one source (one document, or syndicated copies)."""

    id: str
    documents: tuple[Fact, ...]  # one fact per document, for its source metadata

    @property
    def label(self) -> str:
        first = self.documents[0].source
        return first.outlet or first.title or first.path


@dataclass(frozen=True)
class Event:
    """One occurrence: an exchange, a release, or a handover of bodies, as every source tells it."""

    id: str
    type: str  # exchange, release, bodies
    start: str | None
    end: str | None
    date_text: str | None
    figures: tuple[Figure, ...]
    mentions: tuple[Mention, ...]
    sources: tuple[SourceGroup, ...]
    ordinals: tuple[Fact, ...] = ()
    conflicts: tuple[str, ...] = ()
    disagreeing: frozenset[str] = frozenset()  # paths of documents with a figure in a conflict that is not the event's

    @property
    def dated(self) -> bool:
        return self.start is not None and self.end is not None

    @property
    def ordinal(self) -> Fact | None:
        return max(self.ordinals, key=lambda f: (f.value or 0, f.id)) if self.ordinals else None

    def figure(self, measure: str, side: str) -> Figure | None:
        return next((f for f in self.figures if f.measure == measure and f.side == side), None)

    def number(self, measure: str, nationality: str | None = None) -> tuple[float | None, list[Figure]]:
        """What this event counts for a measure: one side's number (its own, else the per-side one), or both sides' sum.

        Without a nationality: UA + RU where either is known, else the figure that names no side.
        ``exchanges`` counts the stated number of exchanges, else one for an event of type exchange.
        """
        if measure == "exchanges":
            stated = self.figure("exchanges", "-")
            if stated is not None and stated.number is not None:
                return stated.number, [stated]
            return (1, []) if self.type == "exchange" else (None, [])
        if nationality is not None:
            figure = self.figure(measure, nationality)
            return (figure.number, [figure]) if figure is not None and figure.number is not None else (None, [])
        used = [f for f in (self.figure(measure, "UA"), self.figure(measure, "RU")) if f is not None and f.number is not None]
        if not used:
            unknown = self.figure(measure, "-")
            used = [unknown] if unknown is not None and unknown.number is not None else []
        return (sum(f.number for f in used), used) if used else (None, [])

    def documents(self) -> list[dict]:
        out = []
        for group in self.sources:
            for fact in group.documents:
                s = fact.source
                out.append(
                    {
                        "path": s.path,
                        "title": s.title,
                        "outlet": s.outlet,
                        "url": s.url,
                        "published": s.published,
                        "source": group.id,
                        "agrees": s.path not in self.disagreeing,
                    }
                )
        return sorted(out, key=lambda d: d["path"])

    def as_dict(self) -> dict:
        ordinal = self.ordinal
        return {
            "id": self.id,
            "type": self.type,
            "date": {"start": self.start, "end": self.end, "text": self.date_text} if (self.start or self.end or self.date_text) else None,
            "ordinal": None
            if ordinal is None
            else {"value": ordinal.value, "text": ordinal.figure.text, "fact": ordinal.id, "path": ordinal.source.path},
            "figures": [f.as_dict() for f in self.figures],
            "documents": self.documents(),
            "sources": [{"id": g.id, "label": g.label, "documents": sorted(f.source.path for f in g.documents)} for g in self.sources],
            "mentions": [m.as_dict() for m in self.mentions],
            "conflicts": list(self.conflicts),
        }


def claim_text(value, low, high, qualifier: str) -> str:
    """A figure as a reader says it: ``230``, ``more than 200``, ``15–20``."""
    words = {"exact": "", "approximately": "about ", "at_least": "at least ", "more_than": "more than ", "at_most": "up to ", "less_than": "almost "}
    if value is not None:
        number = _num(value)
    elif low is not None and high is not None:
        number = f"{_num(low)}–{_num(high)}"
    else:
        number = "?"
    return words.get(qualifier, "") + number


def _num(value: float | int) -> str:
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


# -- building -----------------------------------------------------------------------------


@dataclass
class Events:
    """The events of a set of facts, and their conflicts."""

    events: tuple[Event, ...]
    conflicts: tuple[EventConflict, ...]
    planned: tuple[Fact, ...] = ()


def build_events(facts: Iterable[Fact]) -> Events:
    """Group the facts into events, find their figures and conflicts (see the module docstring)."""
    unique = {(f.id, f.source.path): f for f in facts}
    facts = [unique[k] for k in sorted(unique)]
    members = [f for f in facts if makes_event(f)]
    planned = tuple(f for f in facts if f.measure in FAMILIES and f.status == "planned")
    groups = _join_undated(_occurrences(members))
    events: list[Event] = []
    conflicts: list[EventConflict] = []
    for group in groups:
        event, found = _event(group)
        events.append(event)
        conflicts += found
    events = _attach_ordinals(events, [f for f in facts if is_ordinal(f)])
    events.sort(key=_order)
    return Events(events=tuple(events), conflicts=tuple(sorted(conflicts, key=lambda c: (c.event, c.id))), planned=planned)


def _days(fact: Fact) -> tuple[dt.date, dt.date] | None:
    date = fact.date
    if date is None or date.start is None or date.end is None:
        return None
    first, last = period_bounds(date.start)[0], period_bounds(date.end)[1]
    if (last - first).days >= EVENT_DAYS:
        return None  # kinds.py calls it an event only up to 7 days; a longer stretch is no day to match on
    return first, last


def _occurrences(facts: list[Fact]) -> list[list[Fact]]:
    """Facts grouped into candidate occurrences: same family, overlapping day ranges; undated ones per document."""
    dated: dict[str, list[tuple[dt.date, dt.date, Fact]]] = defaultdict(list)
    undated: dict[tuple, list[Fact]] = defaultdict(list)
    for fact in facts:
        family = FAMILIES[fact.measure]
        days = _days(fact)
        if days is not None:
            dated[family].append((days[0], days[1], fact))
            continue
        text = fact.date.text if fact.date else None
        undated[(family, fact.source.sha256, fact.source.path, text or "")].append(fact)
    groups: list[list[Fact]] = []
    for family in sorted(dated):
        items = sorted(dated[family], key=lambda t: (t[0], t[1], t[2].id))
        current: list[Fact] = []
        end = None
        for first, last, fact in items:
            if current and first <= end:
                current.append(fact)
                end = max(end, last)
            else:
                if current:
                    groups.append(current)
                current, end = [fact], last
        if current:
            groups.append(current)
    groups += [undated[k] for k in sorted(undated)]
    return groups


def _side_numbers(facts: list[Fact]) -> dict[tuple, Claim]:
    """An occurrence's stated number per measure and side (``UA``, ``RU``, ``each``), as its event would give it,
    keyed ``(measure, side)``; and, keyed ``(measure, side, population)``, the parts by population of a side
    whose number is their sum (185 soldiers and 20 civilians) and the population of each stated number."""
    event, _ = _event(facts)
    numbers: dict[tuple, Claim] = {}
    for f in event.figures:
        if f.side not in ("UA", "RU", "each") or f.from_each:
            continue
        if f.value is not None:
            numbers[(f.measure, f.side)] = Claim(f.value, f.low, f.high, f.qualifier, (), frozenset())
            if f.stated is not None and f.stated.population not in TOTAL_POPULATIONS:
                numbers[(f.measure, f.side, f.stated.population)] = numbers[(f.measure, f.side)]
        if f.derived:
            for part in f.parts:
                if part.population not in TOTAL_POPULATIONS and part.value is not None:
                    numbers.setdefault((f.measure, f.side, part.population), Claim(part.value, part.low, part.high, part.qualifier, (), frozenset()))
    return numbers


def _as_sides(numbers: dict[tuple, Claim], other: dict[tuple, Claim]) -> dict[tuple, Claim]:
    """A per-side figure ("185 each") read as the UA and RU number where the other occurrence states a side (UA,
    RU or both) and no per-side figure of its own; a figure of one population is read against that population's part."""
    out: dict[tuple, Claim] = {}
    for key, claim in numbers.items():
        measure, side = key[0], key[1]
        if side == "each" and (measure, "each") not in other and {(measure, "UA"), (measure, "RU")} & set(other):
            for one in ("UA", "RU"):
                out.setdefault((measure, one, *key[2:]), claim)
        else:
            out[key] = claim
    return out


def _agree(undated: dict, dated: dict) -> bool:
    """An undated occurrence tells of a dated one: a number of a side they both state is the same (or close to an "about"),
    and no side both state disagrees. A side only one of them states (a stage's figure, a side told apart) is no objection.
    A per-side figure stands for both sides where the other states UA and RU apart; a figure of one population
    ("185 soldiers each") is compared with that population's part of the other's number (185 soldiers and 20
    civilians), not with the sum."""
    undated, dated = _as_sides(undated, dated), _as_sides(dated, undated)
    by_population = {k for k in set(undated) & set(dated) if len(k) == 3}
    covered = {k[:2] for k in by_population}
    shared = sorted(by_population | {k for k in set(undated) & set(dated) if len(k) == 2 and k not in covered})
    if not shared:
        return False
    if any(not undated[k].fits(dated[k]) for k in shared):
        return False
    return any("exact" in (undated[k].qualifier, dated[k].qualifier) and _close(undated[k], dated[k]) for k in shared)


def _close(a: Claim, b: Claim) -> bool:
    """Two numbers within :data:`APPROXIMATE` of each other (1,000 and "about 1,000"; not 185 and "more than 90")."""
    large = max(a.number, b.number)
    return large > 0 and abs(a.number - b.number) <= APPROXIMATE * large


def _join_undated(groups: list[list[Fact]]) -> list[list[Fact]]:
    """Undated occurrences joined to the dated occurrence that tells of the same exchange or handover.

    A story without a date often retells a swap that another mention dates:
    the headline of a dated story, or a later article about the same swap
    ("45 for 45"). An undated occurrence joins a dated one of the same
    family whose numbers agree with its own (:func:`_agree`): one of its own
    document when there is one, else the only one among all documents; where
    two or more agree ("1,000 bodies" fits many handovers), it stays apart.
    """
    dated = [g for g in groups if any(_days(f) is not None for f in g)]
    undated = [g for g in groups if all(_days(f) is None for f in g)]
    dated = _join_document_dated(dated)
    if not dated or not undated:
        return dated + undated
    numbers = [_side_numbers(g) for g in dated]
    joined: dict[int, list[Fact]] = {i: list(g) for i, g in enumerate(dated)}
    apart: list[list[Fact]] = []
    for group in undated:
        if any(f.date is not None and f.date.start for f in group):
            apart.append(group)  # a stretch longer than an event ("in May"): not a day to join on
            continue
        own = _side_numbers(group)
        family = FAMILIES[group[0].measure]
        docs = {f.source.path for f in group}
        fitting = [i for i, g in enumerate(dated) if FAMILIES[g[0].measure] == family and _agree(own, numbers[i])]
        same_doc = [i for i in fitting if docs & {f.source.path for f in dated[i]}]
        chosen = same_doc if same_doc else fitting
        if len(chosen) == 1:
            joined[chosen[0]] += group
        else:
            apart.append(group)
    return [joined[i] for i in sorted(joined)] + apart


def _document_dated(fact: Fact) -> bool:
    """A mention whose day is only its document's date (nothing in the text dated it)."""
    return fact.date is not None and fact.date.basis == "document"


def _document_dated_apart(dated: list[list[Fact]]) -> tuple[list[list[Fact]], list[list[list[Fact]]]]:
    """Occurrences with a mention dated in the text, and those dated only by their documents' date, the latter as
    their documents' parts (each may join the day its own story tells of, a day or two before the document)."""
    kept, loose = [], []
    for group in dated:
        if not all(_document_dated(f) for f in group):
            kept.append(group)  # a day the text tells: the document's date on that day is already where it belongs
            continue
        per_doc: dict[tuple, list[Fact]] = defaultdict(list)
        for f in group:
            per_doc[(f.source.path, f.source.sha256)].append(f)
        loose.append([per_doc[k] for k in sorted(per_doc)])
    return kept, loose


def _join_document_dated(dated: list[list[Fact]]) -> list[list[Fact]]:
    """Mentions dated only by their document's date joined to the day their own story tells of.

    A story published on 10 April about "yesterday's swap" may state one of
    its figures where no date is near ("four employees were handed over"):
    that figure takes the document's date, yet tells of the swap of the day
    before. It joins an occurrence of its own document dated in the text,
    ending on the document's date or in the :data:`EVENT_DAYS` days before,
    whose numbers agree with its own (:func:`_agree`), where exactly one
    does; otherwise it keeps the document's date.
    """
    told, loose = _document_dated_apart(dated)
    if not told or not loose:
        return dated
    numbers = [_side_numbers(g) for g in told]
    joined: dict[int, list[Fact]] = {i: list(g) for i, g in enumerate(told)}
    kept: list[list[Fact]] = []
    for parts in loose:
        left: list[Fact] = []  # the parts that join no day stay one occurrence, as before
        for group in parts:
            docs = {f.source.path for f in group}
            own = _side_numbers(group)
            family = FAMILIES[group[0].measure]
            last = max(_days(f)[1] for f in group)
            fitting = [
                i for i, g in enumerate(told)
                if FAMILIES[g[0].measure] == family and docs & {f.source.path for f in g}
                and _before(_group_days(g), last) and _agree(own, numbers[i])
            ]
            if len(fitting) == 1:
                joined[fitting[0]] += group
            else:
                left += group
        if left:
            kept.append(left)
    return [joined[i] for i in sorted(joined)] + kept


def _group_days(group: list[Fact]) -> tuple[dt.date, dt.date] | None:
    days = [d for d in (_days(f) for f in group if not _document_dated(f)) if d is not None]
    return (min(d[0] for d in days), max(d[1] for d in days)) if days else None


def _before(days: tuple[dt.date, dt.date] | None, last: dt.date) -> bool:
    """An occurrence that ends on ``last`` or in the :data:`EVENT_DAYS` days before it."""
    return days is not None and days[1] <= last and (last - days[1]).days < EVENT_DAYS


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _source_groups(facts: list[Fact]) -> list[SourceGroup]:
    """Documents of an event grouped into sources: same title, or a near-identical sentence."""
    docs: dict[str, Fact] = {}
    sentences: dict[str, set[str]] = defaultdict(set)
    for fact in facts:
        docs.setdefault(fact.source.path, fact)
        sentences[fact.source.path].add(_normal(fact.evidence.text))
    paths = sorted(docs)
    parent = {p: p for p in paths}

    def find(p: str) -> str:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    def union(a: str, b: str) -> None:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    for i, a in enumerate(paths):
        for b in paths[i + 1 :]:
            ta, tb = docs[a].source.title, docs[b].source.title
            if ta and tb and _normal(ta) == _normal(tb):
                union(a, b)
            elif docs[a].source.sha256 == docs[b].source.sha256 or _syndicated(sentences[a], sentences[b]):
                union(a, b)
    grouped: dict[str, list[Fact]] = defaultdict(list)
    for p in paths:
        grouped[find(p)].append(docs[p])
    out = []
    for root in sorted(grouped):
        members = tuple(sorted(grouped[root], key=lambda f: f.source.path))
        digest = hashlib.sha256("\n".join(f.source.sha256 for f in members).encode()).hexdigest()
        out.append(SourceGroup(id=f"s-{digest[:12]}", documents=members))
    return out


def _syndicated(first: set[str], second: set[str]) -> bool:
    for a in first:
        if len(a) < SYNDICATED_CHARS:
            continue
        for b in second:
            if len(b) < SYNDICATED_CHARS:
                continue
            if a == b or difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= SYNDICATED_RATIO:
                return True
    return False


def _claims(facts: list[Fact], source_of: dict[str, str]) -> list[Claim]:
    grouped: dict[tuple, list[Fact]] = defaultdict(list)
    for fact in facts:
        grouped[(fact.value, fact.low, fact.high, fact.qualifier)].append(fact)
    claims = []
    for (value, low, high, qualifier), members in grouped.items():
        members.sort(key=lambda f: (f.source.path, f.figure.start, f.id))
        claims.append(Claim(value, low, high, qualifier, tuple(members), frozenset(source_of[f.source.path] for f in members)))
    return sorted(claims, key=lambda c: (c.number if not math.isnan(c.number) else -1, c.qualifier, c.citations()))


def _first(claim: Claim) -> int:
    return min(m.figure.start for m in claim.mentions)


def _rank(claim: Claim, claims: list[Claim]) -> tuple:
    """Sources whose figures fit it (more first), then the earlier mention (a headline or lead before the details)."""
    support = set().union(*(c.sources for c in claims if c.fits(claim)))
    return (len(support), -_first(claim), claim.qualifier == "exact", claim.number, claim.citations())


def _head(claims: list[Claim]) -> Claim | None:
    """The figure a quantity is: the best supported, earliest; an exact figure that fits it rather than a bound ("230" for "over 200")."""
    if not claims:
        return None
    best = max(claims, key=lambda c: _rank(c, claims))
    if best.qualifier != "exact" or best.value is None:
        exact = [c for c in claims if c.qualifier == "exact" and c.value is not None and c.fits(best)]
        if exact:
            best = min(exact, key=lambda c: (_first(c), c.citations()))
    return best


@dataclass
class _Found:
    rivals: list[tuple[Claim, Claim]] = field(default_factory=list)
    groups: list[Claim] = field(default_factory=list)
    alternatives: list[Claim] = field(default_factory=list)


#: at most this many smaller figures of a document are tried as the parts a total is made of
PARTS_TRIED = 12


def _same_sentence(a: Fact, b: Fact) -> bool:
    return a.source.sha256 == b.source.sha256 and a.source.path == b.source.path and a.evidence.start == b.evidence.start


def _in_breakdown(claim: Claim, head: Claim, context: Sequence[Fact]) -> bool:
    """A smaller figure that is an item of a breakdown of the head, not a rival claim for it.

    - listed in one sentence with another figure of the event below the head
      ("132 men and eight women", "215 prisoners, 205 Ukrainians and 10
      foreigners", "94 of them ..., including 63");
    - or, with other smaller figures of its own document, adding up to the
      head exactly ("200 for the politician", "five commanders", "10
      foreigners" of 215).
    """
    if head.value is None or claim.value is None or head.qualifier != "exact" or claim.number >= head.number:
        return False
    mine = {(m.source.path, m.figure.start) for m in claim.mentions}
    heads = {(m.source.path, m.figure.start) for m in head.mentions}
    smaller = [
        f for f in context
        if f.value is not None and f.value < head.number and (f.source.path, f.figure.start) not in mine | heads
    ]
    for m in claim.mentions:
        if any(_same_sentence(m, f) and f.figure.start != m.figure.start for f in smaller):
            return True
    from itertools import combinations

    for path in sorted({m.source.path for m in claim.mentions}):
        items = sorted({(f.figure.start, f.value) for f in smaller if f.source.path == path})[:PARTS_TRIED]
        for size in (1, 2, 3):
            if any(claim.value + sum(v for _, v in combo) == head.value for combo in combinations(items, size)):
                return True
    return False


def _restated_bound(claim: Claim, head: Claim) -> bool:
    """One figure told twice, once as a round number and once as its bound ("200 freed", "more than 200 freed")."""
    values = {claim.value, claim.low, head.value, head.low} - {None}
    return len(values) == 1 and "exact" in (claim.qualifier, head.qualifier) and claim.sources & head.sources != frozenset()


def _sort_out(head: Claim, claims: list[Claim], context: Sequence[Fact] = ()) -> _Found:
    """The other claims of one quantity: alternatives that fit the head, rival claims, groups among them.

    A figure below the head that is an item of its breakdown (:func:`_in_breakdown`) is a
    group among them, never a rival; a bound on the head's own round number from the same
    source (:func:`_restated_bound`) is an alternative.
    """
    found = _Found()
    tops = {}
    for source in set().union(*(c.sources for c in claims)):
        own = [c for c in claims if source in c.sources]
        tops[source] = _head(own)
    for claim in claims:
        if claim is head:
            continue
        if claim.fits(head) or _restated_bound(claim, head):
            found.alternatives.append(claim)
            continue
        if _in_breakdown(claim, head, context):
            found.groups.append(claim)
            continue
        own_top = any(tops[s] is claim for s in claim.sources - head.sources)
        small, large = sorted((claim.number, head.number))
        close = large > 0 and small / large >= RIVAL_SHARE
        if own_top or close:
            found.rivals.append((head, claim))
        else:
            found.groups.append(claim)
    return found


def _side_figure(
    measure: str, side: str, facts: list[Fact], source_of: dict[str, str], unit: str, context: Sequence[Fact] = ()
) -> tuple[Figure | None, list[tuple[Claim, Claim, str]]]:
    """One stage's number for one measure and side, and the rival claims found (with the population class)."""
    totals = [f for f in facts if f.population in TOTAL_POPULATIONS]
    pows = [f for f in facts if f.population == "pow"]
    civilians = [f for f in facts if f.population == "civilian"]
    total_values = {f.value for f in totals if f.value is not None}
    if not civilians:
        totals, pows = totals + pows, []
    else:
        restated = [f for f in pows if f.value is not None and f.value in total_values]  # "230 Ukrainians" and "230 prisoners"
        totals += restated
        pows = [f for f in pows if f not in restated]
        pairs = _pairs(_claims(pows, source_of), _claims(civilians, source_of))
        promoted = [f for f in pows if f.value is not None and any(f.value >= p.number + c.number for _, _, p, c in pairs if p.value != f.value)]
        totals += promoted
        pows = [f for f in pows if f not in promoted]
    rivals: list[tuple[Claim, Claim, str]] = []
    heads: dict[str, Claim | None] = {}
    sorted_out: dict[str, _Found] = {}
    for name, members in (("total", totals), ("pow", pows), ("civilian", civilians)):
        claims = _claims(members, source_of)
        head = _head(claims)
        heads[name] = head
        if head is not None:
            sorted_out[name] = found = _sort_out(head, claims, context)
            rivals += [(a, b, name) for a, b in found.rivals]
    parts = tuple(h for h in (heads["pow"], heads["civilian"]) if h is not None)
    together = _stated_together(_claims(pows, source_of), _claims(civilians, source_of))
    if together is not None:
        parts = together
    total = heads["total"]
    groups = tuple(g for found in sorted_out.values() for g in found.groups)
    alternatives = tuple(sorted_out["total"].alternatives) if "total" in sorted_out else ()
    if total is None and not parts:
        return None, rivals
    summable = together is not None
    parts_exact = summable and all(p.value is not None and p.qualifier == "exact" for p in parts)
    parts_sum = sum(p.value for p in parts) if parts_exact else None
    if total is not None:
        bound_only = total.qualifier != "exact" or total.value is None
        if bound_only and parts_sum is not None and total.fits(Claim(parts_sum, None, None, "exact", (), frozenset())):
            figure = Figure(measure, side, parts_sum, None, None, "exact", unit, "mixed", True, None, parts, groups=groups, alternatives=(total, *alternatives))
        else:
            figure = Figure(measure, side, total.value, total.low, total.high, total.qualifier, unit, total.population, False, total, parts, groups=groups, alternatives=alternatives)
    elif summable:
        value = sum(p.number for p in parts)
        qualifier = "exact" if all(p.qualifier == "exact" for p in parts) else next(p.qualifier for p in parts if p.qualifier != "exact")
        figure = Figure(measure, side, value, None, None, qualifier, unit, "mixed", True, None, parts, groups=groups)
    else:
        only = parts[0]  # the military figure; a civilian one stated apart is shown as a part, not added
        figure = Figure(measure, side, only.value, only.low, only.high, only.qualifier, unit, only.population, False, only, parts[1:], groups=groups)
    return figure, rivals


def _pairs(pows: list[Claim], civilians: list[Claim]) -> list[tuple]:
    """Military and civilian figures stated in one sentence ("185 soldiers and 20 civilians"): (distance, rank, pow, civilian)."""
    pairs = []
    for p in pows:
        for c in civilians:
            distances = [
                abs(a.figure.start - b.figure.start)
                for a in p.mentions
                for b in c.mentions
                if a.source.sha256 == b.source.sha256 and a.evidence.start == b.evidence.start
            ]
            if distances:
                pairs.append((min(distances), (_rank(p, pows), _rank(c, civilians)), p, c))
    return pairs


def _stated_together(pows: list[Claim], civilians: list[Claim]) -> tuple[Claim, Claim] | None:
    """The military and civilian figures stated side by side in one sentence, the nearest pair; or None."""
    pairs = _pairs(pows, civilians)
    if not pairs:
        return None
    best = min(pairs, key=lambda t: (t[0], _first(t[2]), t[2].citations(), t[3].citations()))
    return best[2], best[3]


def _stage_key(fact: Fact) -> str:
    d = fact.date
    if d is None or d.start is None:
        return ""
    # a date open at its end (a total since 2022-02-24 in a text with no date of its own) is its start
    return d.start if d.end is None or d.start == d.end else f"{d.start}/{d.end}"


def _key_days(key: str) -> tuple[dt.date, dt.date] | None:
    if not key:
        return None
    start, _, end = key.partition("/")
    return period_bounds(start)[0], period_bounds(end or start)[1]


def _event(facts: list[Fact]) -> tuple[Event, list[EventConflict]]:
    sources = _source_groups(facts)
    source_of = {f.source.path: g.id for g in sources for f in g.documents}
    told = [f for f in facts if not _document_dated(f)] if any(_days(f) is not None and not _document_dated(f) for f in facts) else facts
    told_ids = {f.id for f in told}
    key_of = {f.id: _stage_key(f) if f.id in told_ids else "" for f in facts}  # a document's date is no stage of a day the text tells
    keys = sorted(set(key_of.values()), key=lambda k: (_key_days(k) or (dt.date.min, dt.date.min), k))
    spans = {k: _key_days(k) for k in keys}
    main = max(keys, key=lambda k: ((spans[k][1] - spans[k][0]).days if spans[k] else -1, k))
    stage_of = {f.id: key_of[f.id] or main for f in facts}  # an undated mention joined to a dated event tells of all of it
    family = FAMILIES[facts[0].measure]
    starts = [f.date.start for f in told if f.date and f.date.start]  # a day the text tells wins over a document's date
    ends = [f.date.end for f in told if f.date and f.date.end]
    start = min(starts, key=lambda s: period_bounds(s)[0]) if starts else None
    end = max(ends, key=lambda s: period_bounds(s)[1]) if ends else None
    texts = sorted({f.date.text for f in facts if f.date and f.date.text})
    digest = hashlib.sha256(json.dumps(sorted((f.source.sha256, f.figure.start, f.figure.end, f.measure) for f in facts)).encode()).hexdigest()
    event_id = f"e-{digest[:12]}"
    figures: list[Figure] = []
    rivals: list[tuple[str, str, str, str, Claim, Claim]] = []
    by_quantity: dict[tuple[str, str], dict[str, list[Fact]]] = defaultdict(lambda: defaultdict(list))
    for fact in facts:
        by_quantity[(fact.measure, side_of(fact))][stage_of[fact.id]].append(fact)
    for (measure, side) in sorted(by_quantity, key=lambda q: (q[0], SIDES.index(q[1]))):
        stages = by_quantity[(measure, side)]
        unit = stages[next(iter(stages))][0].unit
        per_stage: dict[str, Figure] = {}
        for key in sorted(stages):
            context = [f for f in facts if f.measure == measure]
            figure, found = _side_figure(measure, side, stages[key], source_of, unit, context)
            rivals += [(measure, side, population, key, a, b) for a, b, population in found]
            if figure is not None:
                per_stage[key] = figure
        if not per_stage:
            continue
        if main in per_stage or len(per_stage) == 1:
            figure = per_stage.get(main) or next(iter(per_stage.values()))
            others = tuple((k, f) for k, f in sorted(per_stage.items()) if f is not figure)
            figures.append(_with_stages(figure, others, derived=figure.derived))
        else:
            stage_items = sorted(per_stage.items())
            days = [spans[k] for k, _ in stage_items]
            disjoint = all(a is not None and b is not None and a[1] < b[0] for a, b in zip(days, days[1:]))
            if disjoint and all(f.number is not None for _, f in stage_items):
                value = sum(f.number for _, f in stage_items)
                figures.append(Figure(measure, side, value, None, None, "exact", unit, None, True, None, stages=tuple(stage_items)))
            else:
                largest = max(stage_items, key=lambda kf: (kf[1].number or 0, kf[0]))[1]
                figures.append(_with_stages(largest, tuple(kf for kf in stage_items if kf[1] is not largest), derived=largest.derived))
    each = {f.measure: f for f in figures if f.side == "each"}
    for measure, per_side in each.items():
        for side in ("UA", "RU"):
            own = next((f for f in figures if f.measure == measure and f.side == side), None)
            if own is None:
                figures.append(_replace_side(per_side, side))
            elif _group_of_each(own, per_side):
                figures.remove(own)
                figures.append(_replace_side(per_side, side, groups=(*own.groups, own.stated, *own.alternatives)))
    figures.sort(key=lambda f: (f.measure, SIDES.index(f.side)))
    if family == "bodies":
        kind = "bodies"
    else:
        released_sides = {f.side for f in figures if f.measure == "released"}
        swap = (
            "each" in released_sides
            or {"UA", "RU"} <= released_sides
            or any(f.measure == "exchanges" or told_as_swap(f) for f in facts)
        )
        kind = "exchange" if swap else "release"
    conflicts = []
    disagreeing: set[str] = set()
    for measure, side, population, key, first, second in rivals:
        when = key.replace("/", " → ") or (texts[0] if texts else None)
        shown = population if population != "total" else (first.population if first.population == second.population else None)
        what = f"{measure} {side if side != 'each' else 'each side'}{' ' + shown if shown else ''}"
        message = (
            f"{what}{' on ' + when if when else ''}: {first.text()} ({_cited(first)}) "
            f"against {second.text()} ({_cited(second)})"
        )
        cid = hashlib.sha256(f"{event_id}:{first.citations()}:{second.citations()}".encode()).hexdigest()
        conflicts.append(
            EventConflict(
                id=f"c-{cid[:12]}", event=event_id, measure=measure, side=side, population=population, date=key or None,
                first=Rival(first.text(), first.mentions), second=Rival(second.text(), second.mentions), message=message,
            )
        )
        disagreeing |= {m.source.path for m in second.mentions} - {m.source.path for m in first.mentions}
    mentions = tuple(Mention(f, source_of[f.source.path], _role(f, figures)) for f in sorted(facts, key=lambda f: (f.source.path, f.figure.start, f.id)))
    event = Event(
        id=event_id, type=kind, start=start, end=end, date_text=texts[0] if texts and not start else None,
        figures=tuple(figures), mentions=mentions, sources=tuple(sources),
        conflicts=tuple(sorted(c.id for c in conflicts)), disagreeing=frozenset(disagreeing),
    )
    return event, conflicts


def _cited(claim: Claim) -> str:
    """Where a figure is stated, and by whom where the text says: ``a.txt, b.txt; said by ua_coordination_hq``."""
    where = ", ".join(sorted({m.source.path for m in claim.mentions}))
    who = sorted({m.said_by for m in claim.mentions if m.said_by})
    return f"{where}; said by {', '.join(who)}" if who else where


def _with_stages(figure: Figure, stages: tuple, derived: bool) -> Figure:
    from dataclasses import replace

    return replace(figure, stages=stages, derived=derived)


def _replace_side(figure: Figure, side: str, groups: tuple = ()) -> Figure:
    from dataclasses import replace

    return replace(figure, side=side, from_each=True, groups=(*figure.groups, *groups) if groups else figure.groups)


def _group_of_each(own: Figure, per_side: Figure) -> bool:
    """A side's own stated figure well below the per-side figure ("303 returned" on the last day of "1,000 each"):
    a group among them, so the side counts the per-side figure."""
    return (
        own.stated is not None and not own.derived and not own.parts and own.number is not None
        and per_side.number is not None and own.number < RIVAL_SHARE * per_side.number
    )


def _role(fact: Fact, figures: list[Figure]) -> str:
    for figure in figures:
        if figure.from_each:
            if any(fact in g.mentions for g in figure.groups):
                return "group"
            continue
        if figure.stated is not None and fact in figure.stated.mentions:
            return "total"
        if any(fact in p.mentions for p in figure.parts):
            return "part"
        if any(fact in a.mentions for a in figure.alternatives):
            return "alternative"
        if any(fact in g.mentions for g in figure.groups):
            return "group"
        for _, stage in figure.stages:
            if fact in stage.mentions():
                return "stage"
    return "other"


def _attach_ordinals(events: list[Event], ordinals: list[Fact]) -> list[Event]:
    """Give each exchange its number in the series ("the 65th"), from an ordinal in a document that tells of it."""
    from dataclasses import replace

    attached: dict[str, list[Fact]] = defaultdict(list)
    for ordinal in ordinals:
        candidates = []
        for event in events:
            if event.type == "bodies":
                continue
            same_doc = [m.fact for m in event.mentions if m.fact.source.sha256 == ordinal.source.sha256 and m.fact.source.path == ordinal.source.path]
            if not same_doc:
                continue
            d = ordinal.date
            if d is not None and d.start and d.end and event.dated and len(d.start) == 10:
                o_first, o_last = period_bounds(d.start)[0], period_bounds(d.end)[1]
                e_first, e_last = period_bounds(event.start)[0], period_bounds(event.end)[1]
                if (o_last - o_first).days <= EVENT_DAYS and (o_last < e_first or e_last < o_first):
                    continue
            distance = min(abs(m.evidence.start - ordinal.evidence.start) for m in same_doc)
            candidates.append((distance, event.id))
        if candidates:
            attached[min(candidates)[1]].append(ordinal)
    # an exchange's number in the series ("the 48th exchange") makes the transfer it names an exchange, even where
    # the story tells only one side's number
    return [
        replace(e, ordinals=tuple(sorted(attached[e.id], key=lambda f: f.id)), type="exchange") if e.id in attached else e
        for e in events
    ]


def _order(event: Event) -> tuple:
    if event.dated:
        return (0, period_bounds(event.start)[0], period_bounds(event.end)[1], event.id)
    return (1, dt.date.min, dt.date.min, event.mentions[0].fact.source.path, event.mentions[0].fact.figure.start, event.id)


# -- answers -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """One row of an answer: a month or a year, the sum over its events, and what it rests on."""

    period: str
    value: float | int
    events: tuple[tuple[Event, float | int, tuple[Figure, ...]], ...]

    @property
    def sources(self) -> list[str]:
        return sorted({g.label for e, _, _ in self.events for g in e.sources})

    def as_dict(self) -> dict:
        return {
            "period": self.period,
            "value": self.value,
            "events": [
                {"event": e.id, "date": {"start": e.start, "end": e.end}, "value": v, "derived": any(f.derived or f.from_each for f in figs),
                 "sources": sorted(g.label for g in e.sources)}
                for e, v, figs in self.events
            ],
            "sources": self.sources,
        }


@dataclass(frozen=True)
class Answer:
    """Sums over events, per period; the events without a date apart."""

    measure: str
    nationality: str | None
    by: str
    since: str | None
    until: str | None
    periods: tuple[Period, ...]
    undated: tuple[tuple[Event, float | int, tuple[Figure, ...]], ...]

    def as_dict(self) -> dict:
        return {
            "question": {"measure": self.measure, "nationality": self.nationality, "by": self.by, "since": self.since, "until": self.until},
            "periods": [p.as_dict() for p in self.periods],
            "total": sum(p.value for p in self.periods),
            "undated": [
                {"event": e.id, "date_text": e.date_text, "value": v, "documents": sorted({m.fact.source.path for m in e.mentions})}
                for e, v, _ in self.undated
            ],
        }


def parse_bound(text: str | None, name: str) -> tuple[dt.date, dt.date] | None:
    """``--since``/``--until``: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    from powfacts.errors import UsageError

    if text is None:
        return None
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise UsageError(f"invalid {name} {text!r}: expected YYYY, YYYY-MM or YYYY-MM-DD")
    try:
        return period_bounds(text)
    except ValueError as exc:
        raise UsageError(f"invalid {name} {text!r}: {exc}") from None


def answer(
    events: Sequence[Event], measure: str = "released", nationality: str | None = None, by: str = "month",
    since: str | None = None, until: str | None = None,
) -> Answer:
    """Per month or year, the sum over events of one measure (and side), each event counted once; events with no date apart."""
    from powfacts.errors import UsageError

    if by not in ("month", "year"):
        raise UsageError(f"unknown --by {by!r} (one of: month, year)")
    low = parse_bound(since, "--since")
    high = parse_bound(until, "--until")
    periods: dict[str, list] = defaultdict(list)
    undated = []
    for event in events:
        value, figures = event.number(measure, nationality)
        if value is None:
            continue
        if not event.dated:
            undated.append((event, value, tuple(figures)))
            continue
        first = period_bounds(event.start)[0]
        if (low and first < low[0]) or (high and first > high[1]):
            continue
        label = first.isoformat()[: 7 if by == "month" else 4]
        periods[label].append((event, value, tuple(figures)))
    rows = tuple(Period(k, _tidy(sum(v for _, v, _ in periods[k])), tuple(periods[k])) for k in sorted(periods))
    return Answer(measure, nationality, by, since, until, rows, tuple(undated))


def _tidy(value: float | int) -> float | int:
    return int(value) if float(value).is_integer() else value


def event_summary(event: Event) -> str:
    """An event's figures in a few words: ``released UA 205 (185 pow + 20 civilian); released each side 1,000``."""
    parts = []
    for figure in event.figures:
        if figure.from_each:
            continue
        side = "each side" if figure.side == "each" else "no side named" if figure.side == "-" else figure.side
        text = f"{figure.measure} {side} {figure.text()}"
        if figure.parts:
            text += " (" + " + ".join(f"{p.text()} {p.population or ''}".strip() for p in figure.parts) + (")" if figure.derived else ", parts)")
        elif figure.stages:
            text += " (" + " + ".join(f"{s.text()} on {k}" for k, s in figure.stages) + ")"
        parts.append(text)
    ordinal = event.ordinal
    if ordinal is not None:
        parts.append(f"ordinal {ordinal.figure.text}")
    return "; ".join(parts)
