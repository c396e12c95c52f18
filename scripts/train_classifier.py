"""Build the packaged sentence classifiers in eventwire/data/extract/.

    python scripts/train_classifier.py [--plover-csv PATH] [--seed 13]

* ``acled``: 25 ACLED sub-event types + ``none``, from the template sentences in
  ``training/templates.py`` plus non-event sentences taken from the PLOVER
  synthetic stories of non-violent types (cooperation, aid, consultations);
* ``plover``: the 16 PLOVER types, from the PLOVER synthetic stories (title + text).

Everything is seeded, so two runs write the same files.  The hand-written
held-out set ``training/heldout.tsv`` is copied into the package for
``eventwire eval classifier`` and is never read for training.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import shutil
import sys
from pathlib import Path

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "eventwire" / "data" / "extract"
DEFAULT_CSV = ROOT.parent / "shared" / "reference" / "plover_synthetic_stories.csv"

WORD = {"analyzer": "word", "ngram_range": (1, 2), "sublinear_tf": True, "lowercase": True,
        "token_pattern": r"(?u)\b\w[\w'-]*\b"}
CHAR = {"analyzer": "char_wb", "ngram_range": (3, 5), "sublinear_tf": True, "lowercase": True}
NEGATIVE_TYPES = {"AID", "CONSULT", "COOPERATE", "SUPPORT", "ACCUSE", "REQUEST", "REJECT"}
VIOLENT = re.compile(r"kill|attack|bomb|strike|shell|rocket|missile|fire|clash|fight|protest|arrest|"
                     r"detain|wound|injur|dead|death|raid|troops|militant|seiz|captur|abduct|kidnap|"
                     r"riot|march|loot|burn|ceasefire|truce|deal|agree|explo|gun|shot|drone|violen", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


def read_stories(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def negative_sentences(stories: list[dict], rng: random.Random, per_type: int = 120) -> list[str]:
    """Sentences from non-violent PLOVER stories that name no violent happening (the ``none`` class)."""
    chosen: list[str] = []
    for label in sorted(NEGATIVE_TYPES):
        pool = []
        for story in stories:
            if story["label"] != label:
                continue
            for sentence in SENTENCE_END.split(story["text"].strip()):
                sentence = " ".join(sentence.split())
                if 40 <= len(sentence) <= 300 and not VIOLENT.search(sentence):
                    pool.append(sentence)
        pool = sorted(set(pool))
        rng.shuffle(pool)
        chosen.extend(pool[:per_type])
    return chosen


# PLOVER (type, mode) of a synthetic story -> the ACLED sub-type its opening sentence reports.
# Modes that map to several ACLED types (firearms, crowd-control, beat ...) are left out, and so are
# labour strikes, which would teach the model that "strike" means a walk-out.
PLOVER_TO_ACLED = {
    ("ASSAULT", "AERIAL"): "Air/drone strike", ("ASSAULT", "DRONE"): "Air/drone strike",
    ("ASSAULT", "SUICIDE-ATTACK"): "Suicide bomb", ("ASSAULT", "HEAVY-WEAPONS"): "Shelling/artillery/missile attack",
    ("ASSAULT", "EXPLOSIVES"): "Remote explosive/landmine/IED", ("ASSAULT", "SEXUAL"): "Sexual violence",
    ("ASSAULT", "ABDUCT"): "Abduction/forced disappearance", ("ASSAULT", "MASSACRE"): "Attack",
    ("ASSAULT", "EXECUTE"): "Attack", ("ASSAULT", "ASSASSINATE"): "Attack",
    ("ASSAULT", "DESTROY"): "Looting/property destruction", ("PROTEST", "DEMO"): "Peaceful protest",
    ("PROTEST", "RIOT"): "Violent demonstration",
    ("COERCE", "ARREST"): "Arrests", ("RETREAT", "CEASEFIRE"): "Agreement",
    ("MOBILIZE", "MILITIA"): "Change to group/activity", ("MOBILIZE", "WEAPONS"): "Change to group/activity",
}


def story_ledes(stories: list[dict]) -> list[tuple[str, str]]:
    """(opening sentence, ACLED sub-type) for synthetic stories whose PLOVER mode fixes the sub-type."""
    rows = []
    for story in stories:
        label = PLOVER_TO_ACLED.get((story["label"], story["mode"]))
        if label is None:
            continue
        first = " ".join(SENTENCE_END.split(story["text"].strip(), maxsplit=1)[0].split())
        if 30 <= len(first) <= 400:
            rows.append((first, label))
    return rows


def fit(texts: list[str], labels: list[str], vectorizers: list[dict], c: float, max_features: list[int],
        seed: int) -> tuple[dict, dict]:
    """Fit TF-IDF vectorizers and a logistic regression; return (meta JSON, arrays)."""
    fitted, blocks = [], []
    for params, cap in zip(vectorizers, max_features):
        vec = TfidfVectorizer(max_features=cap, dtype=np.float32, **params)
        blocks.append(vec.fit_transform(texts))
        fitted.append(vec)
    model = LogisticRegression(C=c, max_iter=3000, class_weight="balanced", random_state=seed)
    model.fit(hstack(blocks).tocsr(), labels)
    meta = {
        "classes": [str(c) for c in model.classes_],
        "vectorizers": [{k: (list(v) if isinstance(v, tuple) else v) for k, v in p.items()} for p in vectorizers],
        "vocabularies": [{term: int(i) for term, i in sorted(vec.vocabulary_.items())} for vec in fitted],
    }
    arrays = {f"idf{i}": vec.idf_.astype(np.float32) for i, vec in enumerate(fitted)}
    arrays["coef"] = model.coef_.astype(np.float16)
    arrays["intercept"] = model.intercept_.astype(np.float32)
    return meta, arrays


def save(name: str, meta: dict, arrays: dict) -> None:
    (OUT / f"{name}.json").write_text(json.dumps(meta, separators=(",", ":"), default=list), encoding="utf-8")
    np.savez_compressed(OUT / f"{name}.npz", **arrays)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--plover-csv", type=Path, default=DEFAULT_CSV)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    if not args.plover_csv.exists():
        parser.error(f"{args.plover_csv}: PLOVER synthetic stories not found")

    sys.path.insert(0, str(ROOT / "training"))
    import templates  # noqa: E402  (training/ is not part of the package)

    rng = random.Random(args.seed)
    stories = read_stories(args.plover_csv)
    rows = templates.generate(seed=args.seed)
    rows += story_ledes(stories)
    rows += [(sentence, "none") for sentence in negative_sentences(stories, rng)]
    texts, labels = [r[0] for r in rows], [r[1] for r in rows]
    OUT.mkdir(parents=True, exist_ok=True)
    save("acled", *fit(texts, labels, [WORD, CHAR], c=8.0, max_features=[12000, 20000], seed=args.seed))
    print(f"acled: {len(texts)} sentences, {len(set(labels))} labels")

    plover_texts = [f"{s['title']}. {s['text'][:1500]}" for s in stories]
    plover_labels = [s["label"] for s in stories]
    save("plover", *fit(plover_texts, plover_labels, [WORD], c=4.0, max_features=[15000], seed=args.seed))
    print(f"plover: {len(plover_texts)} stories, {len(set(plover_labels))} labels")

    shutil.copyfile(ROOT / "training" / "heldout.tsv", OUT / "heldout.tsv")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
