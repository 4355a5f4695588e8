"""Answers: what researchers ask of facts already written (events, timelines, conflicts, tables, the HTML report); reads records, never patterns."""
