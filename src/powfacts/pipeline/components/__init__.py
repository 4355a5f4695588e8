"""The pipeline components, one a module. Importing this package registers every factory."""

from powfacts.pipeline.components import cues, dates, facts, figures, lines, published  # noqa: F401  (registers factories)

__all__ = ["cues", "dates", "facts", "figures", "lines", "published"]
