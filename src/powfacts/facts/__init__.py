"""Facts: the typed record of a fact, its kind, and the pure functions that normalise figures and dates (no spaCy, no files, no clock)."""
