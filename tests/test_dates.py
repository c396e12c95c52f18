"""Date finding and resolution: the grammar's rules, the seeds, event dates, and the TimeBank floor."""

from __future__ import annotations

import json

import pytest

from eventwire.config import Settings
from eventwire.records import Article, Mention, Span
from eventwire.resolve.dates import dates_records, event_date, find_dates

MONDAY = "2021-06-28"  # a Monday
WEDNESDAY = "2021-07-07"  # a Wednesday


def resolve(text: str, published: str | None, phrase: str) -> tuple[str, str]:
    """(value, precision) of the date whose span covers ``phrase``'s first occurrence."""
    at = text.index(phrase)
    for found in find_dates(text, published):
        if found.start <= at < found.end:
            return found.value, found.precision
    raise AssertionError(f"no date found at {phrase!r} in {[d.text for d in find_dates(text, published)]}")


@pytest.mark.parametrize("text, published, phrase, expected", [
    # weekdays: on or before publication, the same day when it matches
    ("Rebels attacked the town on Sunday.", MONDAY, "Sunday", ("2021-06-27", "day")),
    ("U.S. troops came under rocket attack Monday.", MONDAY, "Monday", ("2021-06-28", "day")),
    ("Earlier on Wednesday, the base was attacked by 14 rockets.", WEDNESDAY, "Wednesday", ("2021-07-07", "day")),
    ("Iran denied on Saturday the accusations.", WEDNESDAY, "Saturday", ("2021-07-03", "day")),
    ("Thursday's strike killed three.", WEDNESDAY, "Thursday", ("2021-07-01", "day")),
    ("Tuesday's airstrikes come after ten days of strikes.", "2024-01-23", "Tuesday", ("2024-01-23", "day")),
    ("Attacks have continued since last Monday.", WEDNESDAY, "last Monday", ("2021-06-28", "day")),
    ("Ministers will meet on Friday in Rome.", WEDNESDAY, "Friday", ("2021-07-09", "day")),
    ("The talks resume next Monday.", MONDAY, "next Monday", ("2021-07-05", "day")),
    # anchored on the last date: chains of "the previous day" / "the same day"
    ("Blinken spoke on June 28. The previous day, the Pentagon announced strikes.", MONDAY,
     "The previous day", ("2021-06-27", "day")),
    ("Drones hit Irbil on June 26. The same day, the PMF held a parade.", MONDAY,
     "The same day", ("2021-06-26", "day")),
    ("Militants fired rockets in February. The Pentagon said a rocket attack earlier that month killed one.",
     MONDAY, "that month", ("2021-02", "month")),
    ("Clashes broke out on June 20. Two days later, the army withdrew.", MONDAY, "Two days later",
     ("2021-06-22", "day")),
    # days of the month, with and without the year
    ("Late on June 28, a spokesman said troops were attacked.", MONDAY, "June 28", ("2021-06-28", "day")),
    ("Washington DC (UPI) Jan 23, 2024 - The United States struck.", None, "Jan 23, 2024", ("2024-01-23", "day")),
    ("The ceasefire began on 3 January.", "2021-01-10", "3 January", ("2021-01-03", "day")),
    ("Fighting resumed on Dec. 30.", "2021-01-02", "Dec. 30", ("2020-12-30", "day")),
    # months and years
    ("In February, the U.S. military launched air strikes.", MONDAY, "February", ("2021-02", "month")),
    ("At least five drone attacks since April.", MONDAY, "April", ("2021-04", "month")),
    ("Protests erupted in December.", MONDAY, "December", ("2020-12", "month")),
    ("Tensions escalated in January 2020 when a drone killed Soleimani.", MONDAY, "January 2020",
     ("2020-01", "month")),
    ("A rocket attack in December 2019 killed a contractor.", MONDAY, "December 2019", ("2019-12", "month")),
    ("The group was formed in 2014.", MONDAY, "2014", ("2014", "year")),
    ("A drone killed Soleimani near the airport last year.", MONDAY, "last year", ("2020", "year")),
    ("since Biden took over earlier this year.", MONDAY, "earlier this year", ("2021", "year")),
    ("since taking office five months ago.", MONDAY, "five months ago", ("2021-01", "month")),
    ("Clashes killed 12 last week.", MONDAY, "last week", ("2021-W25", "week")),
    ("Prices rose last month.", MONDAY, "last month", ("2021-05", "month")),
    ("the weekend U.S. air strikes", MONDAY, "weekend", ("2021-W25", "week")),
    # days relative to publication, and clock times taking the day in context
    ("As demonstrated by this evening's strikes, Biden acts.", MONDAY, "this evening", ("2021-06-28", "day")),
    ("the actions taken last night", MONDAY, "last night", ("2021-06-27", "day")),
    ("Gunmen killed two people yesterday.", MONDAY, "yesterday", ("2021-06-27", "day")),
    ("Marotto wrote on Twitter Sunday that at 7:44 p.m. local time forces were attacked.", MONDAY,
     "7:44 p.m.", ("2021-06-27", "day")),
    ("Rockets hit the base at dawn.", MONDAY, "dawn", ("2021-06-28", "day")),
])
def test_expression(text, published, phrase, expected):
    assert resolve(text, published, phrase) == expected


@pytest.mark.parametrize("text, phrase, expected", [
    ("In mid-April, fighting resumed.", "mid-April", "2023-04"),  # the verb after the date is past
    ("On Thursday, the council will meet.", "Thursday", "2024-03-14"),  # ... or future
    ("Between Jan. 1 and Jan. 15, 2,000 people fled.", "Jan. 15", "2024-01-15"),
    ("The court ruled Monday that he must leave by April 2.", "April 2", "2024-04-02"),
    ("Since October 7, more than 100 attacks were recorded.", "October 7", "2023-10-07"),
    ("The editorial of Monday, Oct. 28 said so.", "Monday, Oct. 28", "2024-10-28"),  # not 2023
])
def test_tense_and_calendar_pick_the_year(text, phrase, expected):
    assert resolve(text, "2024-03-13", phrase)[0] == expected


def test_numbers_that_are_not_years():
    text = "UN Security Council Resolution 1701 and Flight 2019; the 2014-2016 war."
    assert [d.value for d in find_dates(text, MONDAY)] == ["2014", "2016"]


def test_may_the_verb_is_not_a_month():
    assert find_dates("Officials said the group may strike again.", MONDAY) == []
    assert resolve("The vote was held in May.", MONDAY, "May") == ("2021-05", "month")


def test_counts_are_not_years():
    assert find_dates("Some 2000 troops and $2015 in cash arrived.", MONDAY) == []


def test_spans_are_offsets_into_the_text():
    text = "On Sunday, rockets hit. In February, drones struck."
    for found in find_dates(text, MONDAY):
        assert text[found.start:found.end] == found.text


def test_without_publication_relative_dates_are_left_out():
    dates = find_dates("Rebels attacked on Sunday. In January 2020 a drone struck.", None)
    assert [(d.text, d.value) for d in dates] == [("January 2020", "2020-01")]


def test_publication_inferred_from_byline():
    text = "By RFE/RL June 28, 2021\n\nThe previous week was calm. On Sunday, strikes hit the border."
    sunday = next(d for d in find_dates(text, None) if d.text == "Sunday")
    assert (sunday.value, sunday.inferred) == ("2021-06-27", True)
    assert not next(d for d in find_dates(text, None) if d.text == "June 28, 2021").inferred


def test_later_dateline_starts_its_own_reference_day():
    first = "Fighting continued. " * 40
    text = first + "\nBaghdad (AFP) March 3, 2024 - Rockets hit the base on Sunday."
    sunday = next(d for d in find_dates(text, "2024-02-28") if d.text == "Sunday")
    assert sunday.value == "2024-03-03"


@pytest.mark.parametrize("text", ["", "   ", "\x00\x01", "Monday" * 1000, "31 February 2020", "13:99 p.m."])
def test_messy_text_never_raises(text):
    find_dates(text, MONDAY)
    find_dates(text, "not a date")


def test_dates_records_shape():
    out = list(dates_records([{"id": "a", "text": "Rockets hit on Sunday.", "published": MONDAY},
                              {"id": "b", "text": "No date here."}], Settings()))
    assert out[0] == {"id": "a", "dates": [{"text": "Sunday", "start": 15, "end": 21,
                                            "value": "2021-06-27", "precision": "day"}]}
    assert out[1] == {"id": "b", "dates": []}


# --- event dates ---------------------------------------------------------------------------------

def _mention(text: str, sentence: str, trigger: str, background: bool = False) -> Mention:
    start = text.index(sentence)
    at = text.index(trigger, start)
    return Mention(id="m", article_id="a", sentence=Span(sentence, start, start + len(sentence)),
                   trigger=Span(trigger, at, at + len(trigger)), plover_type="ASSAULT", background=background)


def _event(text: str, sentence: str, trigger: str, background: bool = False, published=MONDAY, doc=None):
    article = Article(id="a", text=text, published=published)
    mention = _mention(text, sentence, trigger, background)
    return event_date(mention, article, doc, find_dates(text, published, doc))


def test_event_takes_date_of_its_sentence():
    text = "U.S. troops came under rocket attack Monday, one day after strikes."
    assert _event(text, text, "attack").value == "2021-06-28"


def test_event_told_as_so_many_days_after_is_dated_before_its_clause():
    text = "U.S. troops came under rocket attack Monday, one day after planes struck the border."
    assert _event(text, text, "attack").value == "2021-06-28"
    assert _event(text, text, "struck").value == "2021-06-27"
    text = "The group warned on Monday that it would respond, two days after a strike killed four people."
    assert _event(text, text, "killed").value == "2021-06-26"
    text = "A strike killed four people, officials said, two weeks after the talks."
    assert _event(text, text, "killed").value == MONDAY  # the phrase comes after the trigger: not its time


def test_event_takes_date_from_previous_sentence_in_paragraph():
    text = "Late on June 27, rockets were fired at the base. Two personnel were injured in the attack."
    date = _event(text, "Two personnel were injured in the attack.", "injured")
    assert (date.value, date.inferred) == ("2021-06-27", False)


def test_current_event_without_date_falls_back_to_publication_marked_inferred():
    text = "Rockets hit the base.\nTwo people were hurt."
    date = _event(text, "Two people were hurt.", "hurt")
    assert (date.value, date.precision, date.inferred) == (MONDAY, "day", True)


def test_background_never_gets_publication_day():
    text = "The group has attacked U.S. bases before."
    assert _event(text, text, "attacked", background=True) is None
    text = "Rockets hit the base today."
    assert _event(text, text, "hit", background=True) is None


def test_background_keeps_its_month():
    text = "In February, the U.S. military launched air strikes on the border."
    date = _event(text, text, "strikes", background=True)
    assert (date.value, date.precision) == ("2021-02", "month")


def test_period_bound_is_not_the_event_day():
    text = "Militias carried out at least five drone attacks since April."
    date = _event(text, text, "attacks")
    assert (date.value, date.inferred) == (MONDAY, True)


def test_parse_picks_the_date_governing_the_trigger():
    from eventwire.nlp import load_nlp

    text = ("On Sunday the rebels, who had been quiet for weeks during the talks, shelled the town, "
            "officials said Monday.")
    assert _event(text, text, "shelled").value == MONDAY  # nearest by characters
    assert _event(text, text, "shelled", doc=load_nlp()(text)).value == "2021-06-27"


# --- the seeds ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def seeds(seeds_jsonl) -> dict[str, dict]:
    records = [json.loads(line) for line in seeds_jsonl.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {record["id"][:3]: record for record in records}


@pytest.mark.parametrize("seed, phrase, expected", [
    ("000", "Earlier on Wednesday", ("2021-07-07", "day")),
    ("000", "On June 27", ("2021-06-27", "day")),
    ("000", "since last Monday", ("2021-06-28", "day")),
    ("001", "Late on June 28", ("2021-06-28", "day")),
    ("001", "The previous day", ("2021-06-27", "day")),
    ("001", "The same day", ("2021-06-26", "day")),
    ("001", "In February", ("2021-02", "month")),
    ("001", "In April", ("2021-04", "month")),
    ("001", "in January 2020", ("2020-01", "month")),
    ("001", "in December 2019", ("2019-12", "month")),
    ("002", "attack Monday", ("2021-06-28", "day")),
    ("002", "Sunday’s attacks", ("2021-06-27", "day")),
    ("002", "at 7:44 p.m. local time", ("2021-06-28", "day")),
    ("002", "last year", ("2020", "year")),
    ("002", "earlier this year", ("2021", "year")),
    ("003", "on Sunday", ("2021-06-27", "day")),
    ("003", "five months ago", ("2021-01", "month")),
    ("004", "on Saturday", ("2024-01-20", "day")),
    ("004", "attack Sunday", ("2024-01-21", "day")),
    ("004", "Tuesday's airstrikes", ("2024-01-23", "day")),
    ("004", "On Monday, the United States", ("2024-01-22", "day")),
])
def test_seed_dates(seeds, seed, phrase, expected):
    record = seeds[seed]
    text = record["text"]
    at = text.index(phrase)
    covering = [d for d in find_dates(text, record["published"]) if at <= d.start < at + len(phrase)]
    assert covering, f"nothing found in {phrase!r}"
    assert (covering[0].value, covering[0].precision) == expected


# --- the TimeBank floor ---------------------------------------------------------------------------

def test_timebank_floor(shared, at_least_baseline):
    from eventwire.eval.timebank import evaluate

    gold = shared / "eval" / "timebank"
    if not gold.is_dir():
        pytest.skip("TimeBank is not in ../shared/eval")
    figures = evaluate(str(gold), Settings()).figures
    at_least_baseline(figures, "timebank")


def test_future_mention_takes_a_later_day_and_no_fallback():
    text = "Ministers will meet in Rome on Friday."
    article = Article(id="a", text=text, published=WEDNESDAY)
    mention = _mention(text, text, "meet")
    mention.modality = "future"
    assert event_date(mention, article, None, find_dates(text, WEDNESDAY)).value == "2021-07-09"
    other = "Ministers will meet in Rome."
    mention = _mention(other, other, "meet")
    mention.modality = "future"
    assert event_date(mention, Article(id="a", text=other, published=WEDNESDAY), None, []) is None


def test_headline_date_is_not_taken_for_publication():
    text = "Remembering the attack of September 11, 2001\nOn Sunday, crowds gathered."
    assert [d.text for d in find_dates(text, None)] == ["September 11, 2001"]


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_calendar_edges_do_not_raise(published):
    find_dates("Five years ago, next year, last month, on Monday, June 27, the previous day.", published)


def test_dateline_day_is_not_the_event_day():
    text = "Washington DC (UPI) Jan 23, 2024 - The United States carried out airstrikes in Iraq on Tuesday."
    date = _event(text, text, "carried", published="2024-01-23")  # nearer the dateline by characters
    assert date.text == "Tuesday"
