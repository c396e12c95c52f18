"""Sentence typing: a linear model over TF-IDF word and character n-grams.

Two small models ship in ``eventwire/data/extract/`` (built by
``scripts/train_classifier.py``, stored as JSON + npz so nothing is unpickled):

* ``acled``: the 25 ACLED sub-event types plus ``none`` (no event), trained on
  template sentences written for this project (``training/templates.py``);
* ``plover``: the 16 PLOVER event types, trained on the PLOVER synthetic stories.

The ACLED label decides the PLOVER type and mode when the sentence is a
political-violence event (``ACLED_TO_PLOVER``); the PLOVER model answers for
everything else.  Models load once per process (``load_models`` is cached).
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources

import numpy as np

from ..config import Settings
from . import lexicon

NONE_LABEL = "none"
_SPACES = re.compile(r"\s\s+")
# A sentence with a statement verb is typed as the statement unless the model is this sure of an event.
STATEMENT_OVERRIDE = 0.8

# ACLED sub-event type -> (ACLED event type, PLOVER type, default PLOVER mode).
ACLED_TYPES: dict[str, tuple[str, str, str | None]] = {
    "Armed clash": ("Battles", "ASSAULT", "firearms"),
    "Government regains territory": ("Battles", "ASSAULT", None),
    "Non-state actor overtakes territory": ("Battles", "ASSAULT", None),
    "Chemical weapon": ("Explosions/Remote violence", "ASSAULT", "unconventional"),
    "Air/drone strike": ("Explosions/Remote violence", "ASSAULT", "aerial"),
    "Suicide bomb": ("Explosions/Remote violence", "ASSAULT", "suicide-attack"),
    "Shelling/artillery/missile attack": ("Explosions/Remote violence", "ASSAULT", "heavy-weapons"),
    "Remote explosive/landmine/IED": ("Explosions/Remote violence", "ASSAULT", "explosives"),
    "Grenade": ("Explosions/Remote violence", "ASSAULT", "explosives"),
    "Sexual violence": ("Violence against civilians", "ASSAULT", "sexual"),
    "Attack": ("Violence against civilians", "ASSAULT", "firearms"),
    "Abduction/forced disappearance": ("Violence against civilians", "ASSAULT", "abduct"),
    "Peaceful protest": ("Protests", "PROTEST", "demo"),
    "Protest with intervention": ("Protests", "PROTEST", "demo"),
    "Excessive force against protesters": ("Protests", "ASSAULT", "crowd-control"),
    "Violent demonstration": ("Riots", "PROTEST", "riot"),
    "Mob violence": ("Riots", "ASSAULT", "primitive"),
    "Agreement": ("Strategic developments", "AGREE", None),
    "Arrests": ("Strategic developments", "COERCE", "arrest"),
    "Change to group/activity": ("Strategic developments", "MOBILIZE", None),
    "Disrupted weapons use": ("Strategic developments", "ASSAULT", None),
    "Headquarters or base established": ("Strategic developments", "MOBILIZE", None),
    "Looting/property destruction": ("Strategic developments", "ASSAULT", "destroy"),
    "Non-violent transfer of territory": ("Strategic developments", "RETREAT", "withdraw"),
    "Other": ("Strategic developments", "ASSAULT", None),
}


@dataclass(frozen=True)
class Typing:
    """The classifier's answer for one sentence."""

    acled_sub_event_type: str  # best of the 25, even when the sentence is no event
    model_sub_type: str  # the model's own choice, before the weapon rules
    acled_event_type: str
    event_score: float  # probability that the sentence reports an ACLED event
    type_score: float  # probability of the chosen sub-type
    plover_type: str
    plover_mode: str | None


class NgramFeatures:
    """TF-IDF features over word or character n-grams, computed as scikit-learn's TfidfVectorizer does.

    Re-implemented (a few lines) so that loading a model does not import
    scikit-learn, which takes seconds; tests check the two agree.
    """

    def __init__(self, params: dict, vocabulary: dict[str, int], idf: np.ndarray, offset: int):
        self.analyzer = params["analyzer"]
        self.low, self.high = params["ngram_range"]
        self.lowercase = params.get("lowercase", True)
        self.sublinear = params.get("sublinear_tf", False)
        self.token = re.compile(params.get("token_pattern") or r"(?u)\b\w\w+\b")
        self.vocabulary = vocabulary
        self.idf = idf.astype(np.float32)
        self.offset = offset

    def ngrams(self, text: str) -> list[str]:
        if self.lowercase:
            text = text.lower()
        if self.analyzer == "char_wb":
            return self._char_wb(text)
        tokens = self.token.findall(text)
        grams = list(tokens) if self.low == 1 else []
        for n in range(max(2, self.low), self.high + 1):
            grams += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
        return grams

    def _char_wb(self, text: str) -> list[str]:
        grams = []
        for word in _SPACES.sub(" ", text).split():
            word = f" {word} "
            for n in range(self.low, self.high + 1):
                if len(word) <= n:
                    grams.append(word)  # as scikit-learn: a short word counts once, longer n skipped
                    break
                grams += [word[i:i + n] for i in range(len(word) - n + 1)]
        return grams

    def features(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Column indices (offset into the full feature space) and l2-normalised TF-IDF values."""
        counts = Counter(i for i in map(self.vocabulary.get, self.ngrams(text)) if i is not None)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        index = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        tf = np.fromiter(counts.values(), dtype=np.float32, count=len(counts))
        if self.sublinear:
            tf = 1.0 + np.log(tf)
        values = tf * self.idf[index]
        values /= np.linalg.norm(values) or 1.0
        return index + self.offset, values


class LinearTextModel:
    """TF-IDF (word and/or char n-grams) followed by a multinomial logistic regression."""

    def __init__(self, meta: dict, arrays: dict[str, np.ndarray]):
        self.classes: list[str] = meta["classes"]
        self.blocks: list[NgramFeatures] = []
        offset = 0
        for i, params in enumerate(meta["vectorizers"]):
            vocabulary = meta["vocabularies"][i]
            self.blocks.append(NgramFeatures(params, vocabulary, arrays[f"idf{i}"], offset))
            offset += len(vocabulary)
        self.coef = arrays["coef"].astype(np.float32).T  # features x classes
        self.intercept = arrays["intercept"].astype(np.float32)

    def predict_proba(self, texts: list[str]) -> np.ndarray:
        """Class probabilities, one row per text (an empty list gives an empty array)."""
        scores = np.tile(self.intercept, (len(texts), 1))
        for row, text in enumerate(texts):
            for block in self.blocks:
                index, values = block.features(text)
                if len(index):
                    scores[row] += values @ self.coef[index]
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return exp / exp.sum(axis=1, keepdims=True)


@dataclass(frozen=True)
class Models:
    acled: LinearTextModel
    plover: LinearTextModel


def _load_model(name: str) -> LinearTextModel:
    folder = resources.files("eventwire.data.extract")
    meta = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    with (folder / f"{name}.npz").open("rb") as handle:
        arrays = dict(np.load(handle))
    return LinearTextModel(meta, arrays)


@functools.lru_cache(maxsize=1)
def load_models() -> Models:
    """Both packaged models, loaded on first use in a process and reused."""
    return Models(acled=_load_model("acled"), plover=_load_model("plover"))


def type_sentences(texts: list[str]) -> list[Typing]:
    """Type each sentence: best ACLED sub-type, event probability, PLOVER type and mode."""
    models = load_models()
    acled = models.acled.predict_proba(texts)
    none_index = models.acled.classes.index(NONE_LABEL)
    # the PLOVER model only answers for sentences that are no ACLED event
    unsure = [i for i, row in enumerate(acled) if row[none_index] > 0.5]
    plover_types = dict(zip(unsure, models.plover.predict_proba([texts[i] for i in unsure]).argmax(axis=1)))
    nonviolent = [i for i, c in enumerate(models.acled.classes) if c in lexicon.NONVIOLENT_TYPES]
    sexual = models.acled.classes.index("Sexual violence") if "Sexual violence" in models.acled.classes else None
    results = []
    for position, (text, row) in enumerate(zip(texts, acled)):
        event_probs = row.copy()
        event_probs[none_index] = -1.0
        if lexicon.KILLING.search(text):
            event_probs[nonviolent] = -1.0
        if sexual is not None and not lexicon.SEXUAL.search(text):
            event_probs[sexual] = -1.0
        best = int(event_probs.argmax())
        sub_type = lexicon.refine_sub_type(models.acled.classes[best], text)
        event_type, ptype, pmode = ACLED_TYPES[sub_type]
        event_score = float(1.0 - row[none_index])
        if position in plover_types:
            ptype = lexicon.statement_type(text) or models.plover.classes[int(plover_types[position])]
            pmode = None
        else:
            pmode = lexicon.refine_mode(ptype, pmode, text)
        results.append(Typing(sub_type, models.acled.classes[best], event_type, event_score, float(row[best]),
                              ptype, pmode))
    return results


def classify_records(records: Iterable[dict], settings: Settings) -> Iterator[dict]:
    """``{id, text}`` in; ``{id, plover_type, plover_mode, acled_event_type, acled_sub_event_type,
    is_event, score}`` out.

    Records are typed in batches of ``settings.batch_size`` (the models are
    vectorised, so a batch costs little more than one record).  No spaCy parse is
    needed: the text is typed as a whole.
    """
    batch: list[dict] = []
    size = max(1, settings.batch_size)
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield from _classify_batch(batch, settings)
            batch = []
    if batch:
        yield from _classify_batch(batch, settings)


def _classify_batch(batch: list[dict], settings: Settings) -> Iterator[dict]:
    texts = [str(record.get("text") or "") for record in batch]
    for record, text, typing in zip(batch, texts, type_sentences(texts)):
        is_event = typing.event_score >= settings.min_event_score
        plover_type, plover_mode = typing.plover_type, typing.plover_mode
        statement = lexicon.statement_type(text)
        if statement and typing.event_score < STATEMENT_OVERRIDE:
            # "the ministry denied that police fired on the crowd" reports a denial, not a shooting
            is_event, plover_type, plover_mode = False, statement, None
        yield {
            "id": record.get("id"),
            "plover_type": plover_type,
            "plover_mode": plover_mode,
            "acled_event_type": typing.acled_event_type,
            "acled_sub_event_type": typing.acled_sub_event_type,
            "is_event": is_event,
            "score": round(typing.event_score if is_event else 1.0 - typing.event_score, 4),
        }
