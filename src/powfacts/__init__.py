"""powfacts: dated, normalised, cited facts about prisoners of war from text.

>>> import powfacts
>>> [f.value for f in powfacts.extract_text("Russia and Ukraine swapped 95 prisoners of war each.")]
[95]
"""

from powfacts.api import extract_paths, extract_text
from powfacts.errors import InputError, PatternError, PowfactsError, UsageError


def load(lang: str = "en", patterns: str | None = None):
    """A spaCy pipeline for ``lang`` (``en``, ``uk``, ``ru``, ``es``): ``nlp(text)._.facts`` are the facts.

    ``patterns`` is a folder of your own rules (``<lang>/<concern>.jsonl``),
    added to the shipped ones as ``--patterns`` adds them.

    >>> nlp = load("uk")
    >>> [f.value for f in nlp("Україна повернула додому 84 захисників.")._.facts]
    [84]
    """
    from powfacts.pipeline import load as _load
    from powfacts.pipeline.rules import patterns_root, user_root

    return _load(lang, user_root(patterns_root(), patterns) if patterns else None)


def add_to(nlp, lang: str | None = None, patterns: str | None = None):
    """Add powfacts' components to your own spaCy pipeline ``nlp`` (after its own); returns it."""
    from powfacts.pipeline import add_to as _add_to
    from powfacts.pipeline.rules import patterns_root, user_root

    return _add_to(nlp, lang, user_root(patterns_root(), patterns) if patterns else None)


__version__ = "1.0.0"
__all__ = ["extract_text", "extract_paths", "load", "add_to", "PowfactsError", "InputError", "PatternError", "UsageError", "__version__"]
