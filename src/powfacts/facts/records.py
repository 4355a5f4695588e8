"""The record powfacts writes: one fact, its citation and its provenance.

The fact fields are exactly those of the annotation guideline
(``../shared/corpus/GUIDELINES.md``); ``id``, ``evidence``, ``source`` and
``rules`` say where the fact came from.
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Measure = Literal[
    "released",
    "exchanges",
    "executions",
    "deaths_in_custody",
    "bodies_returned",
    "held",
    "missing",
    "torture",
]
MEASURES: tuple[str, ...] = Measure.__args__  # type: ignore[attr-defined]
Unit = Literal["people", "bodies", "exchanges", "percent"]
Qualifier = Literal["exact", "approximately", "at_least", "more_than", "at_most", "less_than"]
Status = Literal["reported", "planned"]
Population = Literal["pow", "civilian", "mixed"]
Nationality = Literal["UA", "RU"]
Kind = Literal["event", "running_total", "state", "period_total"]
#: who gives a figure where the text says so: Ukraine's Coordination Headquarters for the Treatment of POWs, its
#: ombudsman, its president or his office, its defence intelligence (HUR); Russia's Ministry of Defence, its ombudsman,
#: the Kremlin or its president; the UN human rights monitoring mission or OHCHR; the ICRC; Amnesty International; Human Rights Watch
SaidBy = Literal[
    "ua_coordination_hq",
    "ua_ombudsman",
    "ua_president",
    "ua_intelligence",
    "ru_defence_ministry",
    "ru_ombudsman",
    "ru_president",
    "un_monitoring",
    "icrc",
    "amnesty",
    "hrw",
]
SAID_BY: tuple[str, ...] = SaidBy.__args__  # type: ignore[attr-defined]
QUALIFIERS: tuple[str, ...] = Qualifier.__args__  # type: ignore[attr-defined]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]
POPULATIONS: tuple[str, ...] = Population.__args__  # type: ignore[attr-defined]
NATIONALITIES: tuple[str, ...] = Nationality.__args__  # type: ignore[attr-defined]

UNIT_OF_MEASURE: dict[str, str] = {
    "released": "people",
    "exchanges": "exchanges",
    "executions": "people",
    "deaths_in_custody": "people",
    "bodies_returned": "bodies",
    "held": "people",
    "missing": "people",
    "torture": "people",
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Span(_Model):
    """Characters of the document: ``text == document[start:end]``."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)


DateBasis = Literal["text", "document", "borrowed"]


class DateRange(_Model):
    """The time a figure refers to, as ISO dates cut to the text's precision, and where it came from.

    ``start``/``end`` look like ``2025``, ``2025-05`` or ``2025-05-06``;
    ``text`` is the date expression the range was read from.
    """

    start: str | None
    end: str | None
    text: str | None = None
    basis: DateBasis | None = Field(
        default=None,
        description="text: read from the figure's own sentence, line, paragraph or heading; document: the document's date; borrowed: taken from another mention (the exchange the story continues, the same figure stated elsewhere); null in records of powfacts before 1.2",
    )
    span: Span | None = Field(default=None, description="the characters of the date expression used (in the text, or at the mention borrowed from); null when there is none")
    rule: str | None = Field(default=None, description="the id of the date rule that read the date expression, or null")


DocumentFormat = Literal["text", "html", "pdf"]


class Source(_Model):
    """Where the document came from, what it is, and which document date was used.

    ``url``, ``title`` and ``outlet`` come from a ``--manifest`` row, else
    from the document's own metadata (an HTML page's, a PDF's title), and are
    ``null`` where neither says.
    """

    path: str
    sha256: str = Field(description="sha256 of the document's text (UTF-8), the text offsets index into")
    published: str | None = Field(
        default=None, description="the document date used to resolve dates (ISO day), or null"
    )
    language: str = Field(default="en", description="the language whose patterns read the document")
    url: str | None = Field(default=None, description="where the document was published, or null")
    title: str | None = Field(default=None, description="the document's title, or null")
    outlet: str | None = Field(default=None, description="who published it (site, agency, body), or null")
    format: DocumentFormat = Field(default="text", description="what the file was: text, html or pdf")
    encoding: str | None = Field(default=None, description="the text encoding the file was decoded from (Python codec name); null for PDF")
    page: int | None = Field(default=None, ge=1, description="the PDF page the figure stands on; null for other formats")


class Fact(_Model):
    """One mention of a figure that counts something in one measure."""

    id: str = Field(description="stable: derived from the document sha256, figure offsets and measure")
    measure: Measure
    value: float | int | None
    low: float | int | None = None
    high: float | int | None = None
    unit: Unit
    qualifier: Qualifier = "exact"
    per_side: bool = False
    status: Status = "reported"
    population: Population | None = None
    nationality: Nationality | None = None
    date: DateRange | None = None
    kind: Kind | None = Field(
        default=None,
        description="event (one occurrence), running_total (a count from a start up to a date), state (held, missing, a rate), period_total (a count for one stated period); null in records of powfacts before 1.1",
    )
    said_by: SaidBy | None = Field(
        default=None,
        description="the body that gives the figure where the text says so (its own sentence, else the sentence before it in the paragraph): "
        + ", ".join(SAID_BY)
        + "; null where the text does not say (and in records written before the field existed)",
    )
    figure: Span
    evidence: Span = Field(description="the sentence the fact came from")
    source: Source
    rules: list[str] = Field(description="ids of the patterns that produced the fact")

    def to_json(self) -> str:
        """One JSON line, keys in a fixed order, no trailing newline."""
        return json.dumps(self.model_dump(mode="json"), ensure_ascii=False)


def fact_id(sha256: str, start: int, end: int, measure: str) -> str:
    """A stable id for a fact.

    >>> fact_id("ab" * 32, 10, 15, "released")
    'f-20e9aad22d3b'
    """
    digest = hashlib.sha256(f"{sha256}:{start}:{end}:{measure}".encode()).hexdigest()
    return f"f-{digest[:12]}"


def record_schema() -> dict:
    """The JSON Schema of one output record."""
    return Fact.model_json_schema()
