"""What kind of figure a fact is: an event, a running total, a state or a total for a period.

The kind decides how a figure may be combined with others: events of the
same kind add up (the people returned in each exchange of a month), while a
running total ("6,422 returned since 2022", "the 71st exchange") and a state
("3,000 held as of ...") form series of their own and are never summed with
events. Decided once, when the fact is made, from what the text said:

- ``state``: how things stand on a date: people ``held`` or ``missing``, and
  any percentage (a torture rate);
- ``running_total``: a count from a start up to a date: an ordinal exchange
  ("the 71st swap"), a figure with an "in total" or "since ..." cue, one
  stated "as of" a date, an undated count of executions, deaths in custody
  or torture (which stands as of the document's date), or a range longer
  than a year;
- ``period_total``: a count for one stated month, year or longer stretch
  ("900 in 2024", "in March", "between December and May");
- ``event``: one occurrence: a figure of one day or of a few days named by
  day ("on 23 and 25 May"), an undated transfer, and any planned transfer.
"""

from __future__ import annotations

from powfacts.facts.dates import period_bounds

Kind = str
KINDS: tuple[str, ...] = ("event", "running_total", "state", "period_total")
#: measures that say how things stand
STATE_MEASURES = frozenset({"held", "missing"})
#: date-role labels that make a figure a count up to a date
TOTAL_ROLES = ("cumulative", "since", "as_of", "until")


#: the id of the measure rule of a swap's words ("swapped", "обмін", "canje"): a transfer whose sentence holds one
#: is an exchange though one side is told (read by :mod:`powfacts.answers.events`)
SWAP_RULE = "measure.released-swap"

#: a stretch of days named by day up to this long is one occurrence (an exchange in stages)
EVENT_DAYS = 7


def kind_of(measure: str, unit: str, ordinal: bool, roles: frozenset[str] | set[str], date: dict | None, planned: bool = False) -> Kind:
    """The kind of a figure (see the module docstring).

    ``roles`` are the labels of the date-role cues its date used
    (``since:2022-02-24`` counts as ``since``); ``date`` is its
    ``{"start", "end"}`` or None.

    >>> kind_of("released", "people", False, set(), {"start": "2025-05-06", "end": "2025-05-06"})
    'event'
    >>> kind_of("released", "people", False, {"since:2022-02-24"}, {"start": "2022-02-24", "end": "2025-06-01"})
    'running_total'
    >>> kind_of("released", "people", False, set(), {"start": "2024", "end": "2024"})
    'period_total'
    >>> kind_of("released", "people", False, set(), {"start": "2025-05-23", "end": "2025-05-25"})
    'event'
    >>> kind_of("held", "people", False, set(), None), kind_of("exchanges", "exchanges", True, set(), None)
    ('state', 'running_total')
    """
    if measure in STATE_MEASURES or unit == "percent":
        return "state"
    if ordinal or any(role.partition(":")[0] in TOTAL_ROLES for role in roles):
        return "running_total"
    if planned:
        return "event"  # a transfer not yet done: one occurrence, whatever period the plan names
    if date is None or date.get("end") is None:
        return "event" if measure in ("released", "exchanges", "bodies_returned") else "running_total"
    start, end = date.get("start"), date["end"]
    if start is None:
        return "running_total"  # stated as of a date, with no start of its own
    first, _ = period_bounds(start)
    _, last = period_bounds(end)
    days = (last - first).days
    if days == 0 or (len(start) == len(end) == 10 and days <= EVENT_DAYS):
        return "event"
    return "running_total" if days > 366 else "period_total"
