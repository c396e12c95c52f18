"""Ingest on the seed articles, the shipped examples and small hand-written fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from eventwire.config import Settings
from eventwire.ingest import iter_articles
from eventwire.ingest.clean import clean_units, split_units
from eventwire.ingest.dateline import parse_byline, parse_date_value, parse_dateline
from eventwire.ingest.encoding import repair_text
from eventwire.records import Article, Rejected

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
FIXTURES = REPO / "tests" / "fixtures" / "ingest"
EXAMPLES = REPO / "examples"
SEEDS = SHARED / "corpus" / "seeds"

needs_shared = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seed corpus not present")


def ingest(*paths: Path | str, settings: Settings | None = None) -> tuple[list[Article], list[Rejected]]:
    rejected: list[Rejected] = []
    articles = list(iter_articles([str(p) for p in paths], settings or Settings(), rejected.append))
    return articles, rejected


def seed_file(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def check_spans(article: Article) -> None:
    assert article.paragraphs, article.id
    for span in article.paragraphs:
        assert article.text[span.start:span.end] == span.text
    assert "\n\n".join(span.text for span in article.paragraphs) == article.text


# --- the seeds -------------------------------------------------------------------------------


@needs_shared
def test_seed_boilerplate_lines_are_gone():
    gold = yaml.safe_load((SHARED / "gold" / "seeds.yaml").read_text(encoding="utf-8"))
    assert gold["boilerplate"]
    for item in gold["boilerplate"]:
        articles, rejected = ingest(seed_file(item["doc"]))
        assert articles and not rejected
        for piece in item["text"].split(" / "):
            piece = piece.rstrip(". ").strip() if piece.endswith("...") else piece.strip()
            for article in articles:
                assert piece not in article.text, (item["doc"], piece)
                assert piece != article.title


@needs_shared
def test_seed_000_dateline_is_parsed_and_kept_at_the_start():
    (article,), _ = ingest(seed_file("000"))
    assert article.dateline is not None
    assert article.dateline.place.casefold() == "sulaimani"
    assert article.dateline.agency == "ESTA"
    assert article.dateline.date is None
    assert article.text.startswith(article.dateline.text)
    # no date anywhere in the text: never guessed
    assert article.published is None and article.published_source is None


@needs_shared
def test_seed_004_holds_two_stories():
    articles, rejected = ingest(seed_file("004"))
    assert not rejected
    assert len(articles) == 2
    afp, upi = articles
    assert afp.title is None and afp.published is None
    assert afp.text.startswith("Since the start of the Israel-Hamas war")
    assert "UPI" not in afp.text
    assert upi.title == "U.S. stages retaliatory airstrikes in Iraq against Iranian-backed militias"
    assert upi.dateline.agency == "UPI" and upi.dateline.place == "Washington DC"
    assert (upi.published, upi.published_source) == ("2024-01-23", "dateline")
    assert upi.text.startswith("Washington DC (UPI) Jan 23, 2024 - The United States carried out airstrikes")
    assert upi.id != afp.id
    for article in articles:
        check_spans(article)


@needs_shared
def test_seed_headlines_and_bylines():
    (rferl,), _ = ingest(seed_file("001"))
    assert rferl.title == "U.S. Defends Strikes Against Iran-Backed Militias In Iraq-Syria Border Area"
    assert (rferl.published, rferl.published_source) == ("2021-06-28", "byline")
    assert rferl.text.startswith("The United States has defended weekend U.S. air strikes")
    (reuters,), _ = ingest(seed_file("003"))
    assert reuters.title == "US airstrikes in Iraq, Syria hit Iran-backed militia facilities"
    assert not reuters.text.rstrip().endswith("Reuters")
    (ap,), _ = ingest(seed_file("002"))
    assert ap.title is None
    assert not ap.text.rstrip().endswith("(AP)")


@needs_shared
def test_seeds_jsonl_keeps_record_ids_outlets_and_dates():
    records = [json.loads(line) for line in (SHARED / "corpus" / "seeds.jsonl").read_text(encoding="utf-8").splitlines()]
    articles, rejected = ingest(SHARED / "corpus" / "seeds.jsonl")
    assert not rejected
    by_id = {article.id: article for article in articles}
    for record in records:
        article = by_id[record["id"]]
        assert article.outlet == record["outlet"]
        assert (article.published, article.published_source) == (record["published"], "record")
        assert article.url == record.get("url")
        assert article.source_path.endswith("seeds.jsonl")
    second = by_id["004_f5c7942e44b7ceb8#2"]
    assert (second.published, second.published_source) == ("2024-01-23", "dateline")
    assert len(articles) == len(records) + 1


@needs_shared
def test_the_same_story_as_file_and_record_has_one_content_hash():
    from_files, _ = ingest(SEEDS)
    from_records, _ = ingest(SHARED / "corpus" / "seeds.jsonl")
    assert sorted(a.content_hash for a in from_files) == sorted(a.content_hash for a in from_records)
    # ids without a record id are the content hash: stable across runs
    again, _ = ingest(SEEDS)
    assert [a.id for a in again] == [a.id for a in from_files]
    assert all(a.id == a.content_hash[:16] for a in from_files)


@needs_shared
def test_concatenated_wire_stories_are_split_after_the_agency_tag(tmp_path):
    joined = tmp_path / "joined.txt"
    joined.write_text(seed_file("002").read_text(encoding="utf-8") + "\n" + seed_file("003").read_text(encoding="utf-8"),
                      encoding="utf-8")
    articles, _ = ingest(joined)
    assert [a.title for a in articles] == [None, "US airstrikes in Iraq, Syria hit Iran-backed militia facilities"]


# --- the examples the README demo runs on -----------------------------------------------------


def test_examples_read_cleanly():
    articles, rejected = ingest(EXAMPLES)
    assert not rejected
    assert 5 <= len(articles) <= 7
    assert {Path(a.source_path).suffix for a in articles} == {".txt", ".html", ".jsonl"}
    for article in articles:
        assert article.title and article.published and article.dateline, article.id
        check_spans(article)
    html = next(a for a in articles if a.source_path.endswith(".html"))
    assert (html.published, html.published_source, html.outlet) == ("2025-03-11", "html", "Euphrates Post")
    for furniture in ("Privacy", "All rights reserved", "Subscribe", "Opinion", "Basra residents"):
        assert furniture not in html.text
    kirkuk = next(a for a in articles if "kirkuk" in a.source_path)
    assert (kirkuk.published, kirkuk.published_source) == ("2025-03-12", "byline")
    for furniture in ("Home | Iraq", "Share this", "Advertisement", "Related Stories", "Roadside bomb", "Copyright"):
        assert furniture not in kirkuk.text


# --- fixtures written for these tests ------------------------------------------------------------


def test_html_date_comes_only_from_declared_metadata():
    (undated,), rejected = ingest(FIXTURES / "undated_page.html")
    assert not rejected
    # the footer says "Copyright 2023": that is not a publication date
    assert undated.published is None and undated.published_source is None
    assert undated.title == "Curfew imposed in Gao after market attack"
    assert "Copyright" not in undated.text and "Niger\n" not in undated.text
    assert undated.dateline.place == "GAO, Mali"
    (dated,), _ = ingest(FIXTURES / "jsonld_page.html")
    assert (dated.published, dated.published_source) == ("2024-08-14", "html")
    assert dated.outlet == "Dnipro Ledger"
    assert "Grain exports" not in dated.text


def test_agency_tag_then_headline_starts_a_new_story():
    articles, _ = ingest(FIXTURES / "two_stories.txt")
    assert [a.title for a in articles] == [
        "Gunmen kill three at checkpoint in Burkina Faso's east",
        "Niger junta extends state of emergency in Tillaberi",
    ]
    assert articles[0].dateline.place == "FADA N'GOURMA, Burkina Faso"
    assert "(AFP)" not in articles[0].text.replace(articles[0].dateline.text, "")
    assert articles[1].dateline is None and articles[1].published is None


def test_a_subheading_does_not_split_a_story():
    (article,), _ = ingest(FIXTURES / "subheading.txt")
    assert article.title == "Aid convoy reaches besieged town after three weeks"
    assert "\n\nFighting continues\n\n" in article.text


def test_hard_wrapped_text_is_joined_into_paragraphs():
    (article,), _ = ingest(FIXTURES / "wrapped.txt")
    assert len(article.paragraphs) == 3
    assert "police station in the Somali capital" in article.text
    assert article.dateline.agency == "AP"


def test_long_text_is_cut_at_a_paragraph():
    paragraphs = [f"Paragraph {n} says that the fighting went on through the night near the river." for n in range(50)]
    settings = Settings().replace(max_article_chars=1000)
    from eventwire.ingest.readers import RawInput, build_articles

    (article,) = build_articles(RawInput(text="\n\n".join(paragraphs), path="x.txt"), settings)
    assert len(article.text) <= 1000
    assert article.text == "\n\n".join(paragraphs[: len(article.paragraphs)])


def test_folders_are_walked_in_sorted_order_and_hidden_files_skipped(tmp_path):
    body = "The army said its troops repelled an attack on an outpost near the border on {} night."
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(body.format("Monday"), encoding="utf-8")
    (tmp_path / "a.txt").write_text(body.format("Sunday"), encoding="utf-8")
    (tmp_path / "c.txt").write_text(body.format("Tuesday"), encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(body.format("Friday"), encoding="utf-8")
    articles, rejected = ingest(tmp_path)
    assert not rejected
    assert [Path(a.source_path).relative_to(tmp_path).as_posix() for a in articles] == ["a.txt", "b/2.txt", "c.txt"]


# --- the pieces ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "line, place, agency, day",
    [
        ("BAGHDAD (Reuters) - Iraqi forces said", "BAGHDAD", "Reuters", None),
        ("Washington DC (UPI) Jan 23, 2024 -", "Washington DC", "UPI", "2024-01-23"),
        ("BEIRUT, June 27 (Reuters) - Israeli jets struck", "BEIRUT", "Reuters", None),
        ("KYIV, Ukraine (AP) \u2014 Russian drones hit", "KYIV, Ukraine", "AP", None),
        ("MOSUL, Iraq \u2014 A bomb exploded", "MOSUL, Iraq", None, None),
        ("ANKARA, 12 June 2023 (AA) \u2013 Turkish jets", "ANKARA", "AA", "2023-06-12"),
        ("BAGHDAD, March 10, 2025 (Gulf Dispatch) \u2014 Three rockets", "BAGHDAD", "Gulf Dispatch", "2025-03-10"),
        ("NAIROBI, Kenya (AP) _ Rescuers dug", "NAIROBI, Kenya", "AP", None),
        ("By Jane Roe. BOSTON (Reuters) - A judge", "BOSTON", "Reuters", None),
    ],
)
def test_datelines(line, place, agency, day):
    dateline, end = parse_dateline(line)
    assert (dateline.place, dateline.agency, dateline.date) == (place, agency, day)
    assert line.startswith(dateline.text) and end >= len(dateline.text)


@pytest.mark.parametrize(
    "line",
    [
        "Kirby said the airstrikes were defensive - and proportionate.",
        "US airstrikes in Iraq, Syria hit Iran-backed militia facilities",
        "The Pentagon (DoD) said on Monday that strikes went ahead.",
        "Iran - which denies involvement - said nothing.",
    ],
)
def test_not_datelines(line):
    assert parse_dateline(line) is None


def test_bylines():
    assert parse_byline("By RFE/RL June 28, 2021") == ("By RFE/RL June 28, 2021", "2021-06-28")
    assert parse_byline("By Karwan Aziz") == ("By Karwan Aziz", None)
    assert parse_byline("Published: 12 March 2025")[1] == "2025-03-12"
    assert parse_byline("By Sunday, the army had withdrawn from the town.") is None
    assert parse_byline("Sky News Updated: 5 May 2010 14:02")[1] == "2010-05-05"
    assert parse_byline("May 2, 2013 | 5:03pm")[1] == "2013-05-02"
    assert parse_byline("June 27, 2021 was the day the strikes began.") is None


def test_date_values():
    assert parse_date_value("2021-06-28T23:30:00-04:00") == "2021-06-28"
    assert parse_date_value("Mon, 28 Jun 2021 10:00:00 GMT") == "2021-06-28"
    assert parse_date_value("June 28, 2021") == "2021-06-28"
    assert parse_date_value("June 28") is None
    assert parse_date_value("2021-02-30") is None
    assert parse_date_value("yesterday") is None


def test_repair_fixes_mojibake_and_straightens_quotes():
    broken = "Iraq\u2019s army \u2013 at the caf\u00e9".encode("utf-8").decode("cp1252")
    assert broken == "Iraq\u00e2\u20ac\u2122s army \u00e2\u20ac\u201c at the caf\u00c3\u00a9"
    assert repair_text(broken) == "Iraq's army \u2013 at the caf\u00e9"
    assert repair_text("\u201cWe will respond,\u201d he said.") == '"We will respond," he said.'
    assert repair_text("caf\u00c3\u00a9\u00a0au\u200blait") == "caf\u00e9 aulait"
    assert repair_text("Tom&nbsp;&amp;&#160;Jerry\r\nAT&T\tok") == "Tom & Jerry\nAT&T ok"


def test_boilerplate_patterns_are_general_and_keep_news():
    lines = [
        "Sign up for our weekly newsletter",
        "[ advertisement ]",
        "Follow us on Telegram",
        "Please make a donation to keep our reporting free!",
        "Copyright 2024 Some Outlet Ltd.",
        "Additional reporting by Jane Doe in Beirut; Editing by John Roe",
        "Source: www.example.org/story/123",
        "Smoke rises over the port after the strike on Tuesday. (AP Photo/Jane Doe)",
        "Home \u203a World \u203a Middle East",
        "The group's newsletter said the fighters would not sign up for the ceasefire talks.",
        "Follow-up talks are expected to bring updates on the prisoner exchange, officials said.",
    ]
    kept = [unit.text for unit in clean_units(split_units("\n".join(lines)))]
    assert kept == lines[-2:]


def test_related_links_are_dropped_and_the_next_story_kept():
    articles, rejected = ingest(FIXTURES / "related_links_page.txt")
    assert not rejected
    assert [a.title for a in articles] == [
        "Militants attack army post in Sinai, two soldiers killed",
        "Tunisian coast guard recovers bodies off Sfax",
    ]
    assert all("Related Links" not in a.text and "Archive" not in a.text for a in articles)
    assert (articles[1].published, articles[1].published_source) == ("2024-02-02", "dateline")
    assert articles[0].published is None


def test_a_caption_before_the_dateline_is_not_a_story():
    from eventwire.ingest.readers import RawInput, build_articles

    text = (
        "Firefighters work at the site of the blast in the city centre on Friday, March 1, 2024. (AP Photo/Jane Doe)\n\n"
        "LAGOS, Nigeria (AP) \u2014 A gas tanker exploded on a busy road in Lagos on Friday, killing at least six people.\n\n"
        "Emergency officials said the fire spread to a dozen vehicles before it was put out."
    )
    (article,) = build_articles(RawInput(text=text, path="caption.txt"), Settings())
    assert article.dateline.place == "LAGOS, Nigeria"
    assert "AP Photo" not in article.text


def test_a_headline_after_a_link_list_is_kept_with_its_dateline_line():
    from eventwire.ingest.readers import RawInput, build_articles

    text = (FIXTURES / "related_links_page.txt").read_text(encoding="utf-8").replace(
        "SFAX, Tunisia (TAP) Feb 2, 2024 - ", "SFAX, Tunisia (TAP) Feb 2, 2024 -\n")
    articles = list(build_articles(RawInput(text=text, path="page.txt"), Settings()))
    assert articles[1].title == "Tunisian coast guard recovers bodies off Sfax"
    assert articles[1].text.startswith("SFAX, Tunisia (TAP) Feb 2, 2024 - The Tunisian coast guard")


def test_page_title_loses_the_site_name_only():
    from eventwire.ingest.html import read_page

    body = "<p>" + "Shelling hit the town overnight, officials said on Monday morning. " * 3 + "</p>"
    page = read_page(f"<html><head><title>Shelling hits Kherson villages overnight | Dnipro Ledger</title></head>"
                     f"<body>{body}</body></html>")
    assert page.title == "Shelling hits Kherson villages overnight"
    page = read_page(f"<html><head><title>Iraq - Syria border</title></head><body>{body}</body></html>")
    assert page.title == "Iraq - Syria border"
