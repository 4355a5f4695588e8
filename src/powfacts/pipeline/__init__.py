"""The pipeline: the spaCy ``nlp`` for a language, its tokenizer and prefilter, the rule files, and the components.

>>> from powfacts import pipeline
>>> pipeline.load("en").pipe_names[-1]
'powfacts_facts'
"""

from powfacts.pipeline.nlp import CUE_CONCERNS, add_to, annotate, build, load, screen

__all__ = ["CUE_CONCERNS", "add_to", "annotate", "build", "load", "screen"]
