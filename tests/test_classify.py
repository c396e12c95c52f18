"""The sentence classifier: the record contract, the packaged model, and its held-out accuracy floor.

The floor lives in tests/baselines/classifier.json; it can only go down on
purpose (run ``eventwire eval classifier`` and update the file in the same commit).
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

from eventwire.config import Settings
from eventwire.eval import run_evaluation
from eventwire.extract.classify import ACLED_TYPES, classify_records

BASELINE = json.loads((Path(__file__).parent / "baselines" / "classifier.json").read_text())
TOLERANCE = 0.02
KEYS = {"id", "plover_type", "plover_mode", "acled_event_type", "acled_sub_event_type", "is_event", "score"}


def test_all_25_acled_sub_types_are_known():
    assert len(ACLED_TYPES) == 25
    assert {event for event, _, _ in ACLED_TYPES.values()} == {
        "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
        "Strategic developments"}


def test_records_contract_and_types():
    records = [
        {"id": "a", "text": "Warplanes bombed a market in Idlib, killing 11 people."},
        {"id": "b", "text": "The central bank kept interest rates unchanged on Thursday."},
        {"id": "c", "text": "Thousands marched peacefully in Nairobi against the new finance bill."},
        {"id": "d", "text": ""},
    ]
    out = {r["id"]: r for r in classify_records(records, Settings(batch_size=2))}
    assert set(out) == {"a", "b", "c", "d"} and all(set(r) == KEYS for r in out.values())
    assert out["a"]["is_event"] and out["a"]["acled_sub_event_type"] == "Air/drone strike"
    assert out["a"]["plover_type"] == "ASSAULT" and out["a"]["plover_mode"] == "aerial"
    assert not out["b"]["is_event"] and out["b"]["acled_sub_event_type"] in ACLED_TYPES
    assert out["c"]["acled_sub_event_type"] == "Peaceful protest"
    assert all(0.0 <= r["score"] <= 1.0 for r in out.values())


def test_weapon_words_decide_the_explosion_sub_type():
    records = [{"id": "1", "text": "A roadside bomb hit an army truck near Mopti, killing three soldiers."},
               {"id": "2", "text": "A man threw a grenade into a bar in Bujumbura, wounding nine."},
               {"id": "3", "text": "Artillery shells landed on a school in Kherson on Sunday."}]
    types = [r["acled_sub_event_type"] for r in classify_records(records, Settings())]
    assert types == ["Remote explosive/landmine/IED", "Grenade", "Shelling/artillery/missile attack"]


def test_packaged_model_is_small():
    folder = resources.files("eventwire.data.extract")
    total = sum((folder / name).stat().st_size if hasattr(folder / name, "stat") else
                len((folder / name).read_bytes()) for name in ("acled.json", "acled.npz", "plover.json", "plover.npz"))
    assert total < 5_000_000


def test_held_out_weighted_f1_does_not_fall_below_its_floor():
    figures = run_evaluation("classifier", None, Settings()).figures
    assert figures["sentences"] >= 250
    assert figures["weighted_f1"] >= BASELINE["weighted_f1"] - TOLERANCE, figures["weighted_f1"]
    assert figures["event_f1"] >= BASELINE["event_f1"] - TOLERANCE, figures["event_f1"]


def test_statements_get_their_plover_type_without_a_parse():
    records = [{"id": "1", "text": "The interior ministry denied that police had fired on the crowd."},
               {"id": "2", "text": "The opposition leader called on the army to return to its barracks."}]
    out = list(classify_records(records, Settings()))
    assert [r["plover_type"] for r in out] == ["REJECT", "REQUEST"]


def test_features_match_scikit_learn():
    """The packaged featurizer computes what scikit-learn's TfidfVectorizer computes at training time."""
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    from eventwire.extract.classify import load_models

    model = load_models().acled
    meta = json.loads((resources.files("eventwire.data.extract") / "acled.json").read_text(encoding="utf-8"))
    texts = ["Warplanes bombed a market in Idlib, killing 11 people.", "a b  c\tdé I", "",
             "The U.S.-led coalition's F-16 jets struck Kata'ib Hezbollah sites."]
    for block, params, vocabulary in zip(model.blocks, meta["vectorizers"], meta["vocabularies"]):
        reference = TfidfVectorizer(vocabulary=vocabulary, **dict(params, ngram_range=tuple(params["ngram_range"])))
        reference.idf_ = block.idf.astype(np.float64)
        expected = reference.transform(texts).toarray()
        for row, text in enumerate(texts):
            index, values = block.features(text)
            mine = np.zeros(expected.shape[1])
            mine[index - block.offset] = values
            assert np.allclose(mine, expected[row], atol=1e-5)


def test_sexual_violence_needs_a_word_for_it():
    from eventwire.extract.classify import type_sentences
    plain = ["Given the continuing wave of assaults by armed groups on foreign interests, the president "
             "ordered more action to deter such assaults.",
             "Gunmen assaulted villagers at the market and beat two of them."]
    assert all(t.acled_sub_event_type != "Sexual violence" for t in type_sentences(plain))
    cued = type_sentences(["Soldiers raped two women in the village, witnesses said."])
    assert cued[0].acled_sub_event_type == "Sexual violence"
