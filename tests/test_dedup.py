"""Near-duplicate detection: syndicated copies found, like stories kept apart, earliest copy chosen."""

from __future__ import annotations

import random

from eventwire.fuse.dedup import MAX_DISTANCE, fingerprint, hamming, near_duplicates
from eventwire.records import Article

WIRE = (
    "KIRKUK, Iraq - A roadside bomb struck a police patrol on the highway south of Kirkuk on Tuesday "
    "morning, killing three officers and wounding five others, the provincial police chief said. "
    "The device was hidden in a pile of rubble beside the road near the village of Taza and went off "
    "as the second vehicle of the convoy passed shortly after seven o'clock. Ambulances took the wounded "
    "to the general hospital in the city, where doctors said two of them were in a critical condition. "
    "No group claimed responsibility for the attack, but security officials blamed remnants of the "
    "Islamic State group, which still carries out sporadic raids in the rural areas between Kirkuk and "
    "Salahuddin provinces. The police chief said forces had sealed off the area and begun searching "
    "nearby farms for the men who planted the bomb. It was the third attack on security forces in the "
    "province this month. Last week gunmen opened fire on an army checkpoint west of Hawija, wounding "
    "two soldiers, and a similar bomb damaged an electricity pylon near Dibis without causing casualties. "
    "Local officials have repeatedly asked Baghdad to send more troops to guard the highway, which links "
    "the oil city with the capital and carries heavy lorry traffic day and night."
)

OTHER_BOMBING = (
    "MOSUL, Iraq - A car bomb exploded outside a crowded market in western Mosul on Friday evening, "
    "killing eleven civilians and injuring more than twenty, according to the Nineveh health directorate. "
    "Witnesses said the explosion set several shops on fire and shattered windows along the street. "
    "Civil defence teams worked through the night to pull survivors from the rubble of a collapsed "
    "building. The provincial governor declared three days of mourning and ordered an inquiry into how "
    "the vehicle passed through checkpoints at the entrance of the district. Residents said the market "
    "had reopened only a year ago after reconstruction. Security officials said they suspected a sleeper "
    "cell of militants but gave no further details, and no group has said it carried out the bombing. "
    "The attack was the deadliest in the city for more than two years and drew condemnation from the "
    "prime minister, who promised to hunt down those responsible and to reinforce security in markets."
)


def _edited(text: str) -> str:
    """A syndicated copy: agency byline added, two words changed, last clause trimmed."""
    text = text.replace("three officers", "3 officers").replace("Tuesday morning", "Tuesday")
    return "By our correspondent. " + text.rsplit(",", 1)[0] + "."


def test_fingerprint_is_16_hex_digits_and_deterministic():
    value = fingerprint(WIRE)
    assert len(value) == 16 and int(value, 16) >= 0
    assert value == fingerprint(WIRE)
    assert fingerprint("") == "0" * 16
    assert fingerprint("\x00 \ufffd ,,, ") == "0" * 16


def test_light_edit_is_close_and_other_story_is_far():
    assert hamming(fingerprint(WIRE), fingerprint(_edited(WIRE))) <= MAX_DISTANCE
    assert hamming(fingerprint(WIRE), fingerprint(OTHER_BOMBING)) > 2 * MAX_DISTANCE


def test_copy_points_to_the_earliest_and_other_story_is_left_alone():
    articles = {
        "b-copy": Article(id="b-copy", text=_edited(WIRE), published="2024-03-06"),
        "a-original": Article(id="a-original", text=WIRE, published="2024-03-05"),
        "c-other": Article(id="c-other", text=OTHER_BOMBING, published="2024-03-05"),
    }
    assert near_duplicates(articles) == {"b-copy": "a-original"}


def test_earliest_is_by_date_then_id_and_undated_comes_last():
    articles = {
        "z": Article(id="z", text=WIRE, published="2024-03-04"),
        "a": Article(id="a", text=_edited(WIRE), published=None),
        "m": Article(id="m", text=WIRE + " Updated.", published="2024-03-04"),
    }
    assert near_duplicates(articles) == {"a": "m", "z": "m"}


def test_works_from_stored_fingerprints_when_text_is_empty():
    articles = {
        "1": Article(id="1", text="", fingerprint=fingerprint(WIRE)),
        "2": Article(id="2", text="", fingerprint=fingerprint(_edited(WIRE))),
        "3": Article(id="3", text="", fingerprint=fingerprint(OTHER_BOMBING)),
        "4": Article(id="4", text="", fingerprint=None),
        "5": Article(id="5", text="", fingerprint="not hex"),
    }
    assert near_duplicates(articles) == {"2": "1"}


def test_short_or_empty_texts_are_never_duplicates():
    articles = {str(i): Article(id=str(i), text="Breaking news.") for i in range(3)}
    articles["e"] = Article(id="e", text="")
    assert near_duplicates(articles) == {}


def test_banded_lookup_finds_a_pair_at_the_distance_limit_among_many():
    rng = random.Random(7)
    values = [rng.getrandbits(64) for _ in range(50_000)]
    flipped = values[0]
    for bit in rng.sample(range(64), MAX_DISTANCE):
        flipped ^= 1 << bit
    values.append(flipped)
    articles = {f"{i:06d}": Article(id=f"{i:06d}", text="", fingerprint=f"{v:016x}") for i, v in enumerate(values)}
    found = near_duplicates(articles)
    assert found.get(f"{len(values) - 1:06d}") == "000000"
