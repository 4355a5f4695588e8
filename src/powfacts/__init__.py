"""powfacts: dated, normalised, cited facts about prisoners of war from text.

>>> import powfacts
>>> [f.value for f in powfacts.extract_text("Russia and Ukraine swapped 95 prisoners of war each.")]
[95]
"""

from .api import extract_paths, extract_text
from .errors import InputError, PatternError, PowfactsError, UsageError

__version__ = "1.0.0"
__all__ = ["extract_text", "extract_paths", "PowfactsError", "InputError", "PatternError", "UsageError", "__version__"]
