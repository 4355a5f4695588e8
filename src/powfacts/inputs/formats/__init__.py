"""Turn the bytes of one file into text, one module a job.

- :mod:`.sniff`: which format a file is, by its content (magic bytes, markup), not its name;
- :mod:`.encodings`: which text encoding its bytes are in;
- :mod:`.html`: an HTML page's main text and metadata;
- :mod:`.pdf`: a PDF's text in reading order, with the offset where each page starts.

Nothing here prints; every problem is an :class:`~powfacts.errors.InputError`
of one line, ``"<path>: <reason>"``.
"""

from __future__ import annotations

import logging

# Libraries that log warnings on odd inputs: keep them off stderr unless the
# application configures logging (the CLI reports problems itself).
for _name in ("trafilatura", "htmldate", "courlan", "justext", "pypdf", "charset_normalizer"):
    logging.getLogger(_name).addHandler(logging.NullHandler())
