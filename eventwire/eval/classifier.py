"""Held-out scores of the sentence classifier over the 25 ACLED sub-event types.

The held-out sentences (``label<TAB>sentence`` lines; ``none`` for no event)
were written separately from the training templates and are never trained on.
The packaged copy is used unless ``path`` names another file in that format.
"""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Optional

from ..config import Settings
from ..errors import EventwireError
from . import Report, format_table

HAS_DEFAULT_DATA = True


def read_heldout(path: Optional[str]) -> list[tuple[str, str]]:
    """(label, sentence) pairs from ``path`` or the packaged held-out set."""
    if path is None:
        text = (resources.files("eventwire.data.extract") / "heldout.tsv").read_text(encoding="utf-8")
    else:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise EventwireError(f"{path}: cannot read the held-out set ({exc.strerror})") from None
    pairs = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        label, sep, sentence = line.partition("\t")
        if not sep:
            raise EventwireError(f"{path or 'heldout.tsv'}:{number}: expected LABEL<TAB>SENTENCE")
        pairs.append((label.strip(), sentence.strip()))
    return pairs


def evaluate(path: Optional[str], settings: Settings, **options) -> Report:
    """Per-type precision/recall/F1, weighted F1 over the 25 sub-types, and event detection F1."""
    from ..extract.classify import classify_records

    pairs = read_heldout(path)
    records = ({"id": str(i), "text": sentence} for i, (_, sentence) in enumerate(pairs))
    predicted = [r["acled_sub_event_type"] if r["is_event"] else "none" for r in classify_records(records, settings)]
    gold = [label for label, _ in pairs]
    figures: dict[str, float | int] = {"sentences": len(gold)}
    tp, fp, fn = Counter(), Counter(), Counter()
    for g, p in zip(gold, predicted):
        if g == p:
            tp[g] += 1
        else:
            fp[p] += 1
            fn[g] += 1
    support = Counter(gold)
    weighted, total = 0.0, 0
    rows: list[tuple[str, object]] = []
    for label in sorted(support):
        precision = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        recall = tp[label] / support[label]
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append((label, f"P {precision:.2f}  R {recall:.2f}  F1 {f1:.2f}  n={support[label]}"))
        figures[f"precision/{label}"], figures[f"recall/{label}"] = round(precision, 4), round(recall, 4)
        if label != "none":
            weighted += f1 * support[label]
            total += support[label]
    figures["weighted_f1"] = round(weighted / total, 4) if total else 0.0
    is_event = [(g != "none", p != "none") for g, p in zip(gold, predicted)]
    etp = sum(1 for g, p in is_event if g and p)
    eprec = etp / max(1, sum(1 for _, p in is_event if p))
    erec = etp / max(1, sum(1 for g, _ in is_event if g))
    figures["event_f1"] = round(2 * eprec * erec / (eprec + erec), 4) if eprec + erec else 0.0
    figures["accuracy"] = round(sum(tp.values()) / max(1, len(gold)), 4)
    rows += [("weighted F1 (25 types)", figures["weighted_f1"]), ("event detection F1", figures["event_f1"]),
             ("accuracy (26 labels)", figures["accuracy"]), ("sentences", len(gold))]
    return Report(figures=figures, text=format_table(rows, "classifier: held-out ACLED sub-event types"))
