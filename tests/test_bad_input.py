"""A folder of bad and awkward inputs: each bad one is reported once with its reason, the good ones still come through."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from eventwire.config import Settings
from eventwire.ingest import iter_articles
from eventwire.records import Rejected

GOOD = ("KABUL (AP) \u2014 Gunmen attacked a police checkpoint on the edge of the city on Sunday, "
        "killing {} officers, a police spokesman said.")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
MAX_FILE_BYTES = 200_000
MAX_ARTICLE_CHARS = 50_000


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bad")
    _write_folder(folder)
    settings = Settings().replace(max_file_bytes=MAX_FILE_BYTES, max_article_chars=MAX_ARTICLE_CHARS)
    rejected: list[Rejected] = []
    articles = list(iter_articles([str(folder), str(folder / "missing.txt")], settings, rejected.append))
    reasons = {(Path(r.path).name, r.reason) for r in rejected}
    return folder, articles, rejected, reasons


def _write_folder(folder: Path) -> None:
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\n \n", encoding="utf-8")
    (folder / "picture.txt").write_bytes(PNG + bytes(range(256)) * 4)
    (folder / "noise.txt").write_bytes(bytes(range(128, 256)) * 8)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    (folder / "tiny.txt").write_text("Blast in town.", encoding="utf-8")
    (folder / "furniture.txt").write_text("Subscribe to our newsletter\nAdvertisement\n\u00a9 2024 Outlet", encoding="utf-8")
    (folder / "blank.jsonl").write_text("\n \n\n", encoding="utf-8")
    lines = [
        json.dumps({"id": "r1", "text": GOOD.format("three"), "outlet": "AP", "published": "2023-05-07"}),
        '{"id": "r2", "text": "Gunmen attacked a checkpoi',
        json.dumps({"id": "r3", "title": "A record with a title but no text"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "r5", "text": "x" * (MAX_FILE_BYTES + 10)}),
        json.dumps({"id": "r6", "text": GOOD.format("four"), "published": "not a date"}),
    ]
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    nested = "<div>" * 10_000 + f"<p>{GOOD.format('two')}</p>" + "</div>" * 10_000
    (folder / "nested.html").write_text(f"<html><body>{nested}</body></html>", encoding="utf-8")
    shallow = f"<p>{GOOD.format('five')}</p>" + "<div>" * 10_000 + "<p>deep</p>" + "</div>" * 10_000
    (folder / "shallow_then_nested.html").write_text(f"<html><body>{shallow}</body></html>", encoding="utf-8")
    (folder / "latin1.txt").write_bytes(
        "PARIS (AFP) - La police a \u00e9vacu\u00e9 le caf\u00e9 pr\u00e8s de la place apr\u00e8s une alerte \u00e0 "
        "la bombe, a indiqu\u00e9 la pr\u00e9fecture.".encode("latin-1"))
    (folder / "cp1252.txt").write_bytes(
        "BEIRUT (Reuters) \u2013 The minister said: \u201cWe will respond\u201d after the strike on the caf\u00e9, "
        "and the army\u2019s chief agreed.".encode("cp1252"))
    (folder / "one_huge_line.txt").write_text("shelling " * 20_000, encoding="utf-8")
    (folder / "huge.txt").write_bytes(b"a" * (MAX_FILE_BYTES + 1))


def test_each_bad_input_is_named_once_with_its_reason(ingested):
    _, _, rejected, reasons = ingested
    expected = {
        ("empty.txt", "empty file"),
        ("blank.txt", "empty file"),
        ("picture.txt", "binary file, not text (PNG image)"),
        ("noise.txt", "undecodable bytes, not text in any known encoding"),
        ("scan.pdf", "unsupported file type .pdf"),
        ("tiny.txt", "too short (14 characters of text, minimum 40)"),
        ("furniture.txt", "nothing left after removing page furniture"),
        ("blank.jsonl", "empty file"),
        ("records.jsonl", "line 2: not valid JSON"),
        ("records.jsonl", "record 'r3' has no text"),
        ("records.jsonl", "line 4: expected a JSON object, got list"),
        ("records.jsonl", f"line 5: larger than {MAX_FILE_BYTES} bytes"),
        ("nested.html", "HTML nested deeper than 255 levels, no article text above that depth"),
        ("huge.txt", f"larger than {MAX_FILE_BYTES} bytes"),
        ("missing.txt", "no such file or folder"),
    }
    assert reasons == expected
    assert len(rejected) == len(expected)  # once each


def test_good_inputs_still_come_through(ingested):
    _, articles, _, _ = ingested
    by_name: dict[str, list] = {}
    for article in articles:
        by_name.setdefault(Path(article.source_path).name, []).append(article)
    assert set(by_name) == {"records.jsonl", "shallow_then_nested.html", "latin1.txt", "cp1252.txt", "one_huge_line.txt"}
    assert [a.id for a in by_name["records.jsonl"]] == ["r1", "r6"]
    r1, r6 = by_name["records.jsonl"]
    assert (r1.published, r1.published_source, r1.outlet) == ("2023-05-07", "record", "AP")
    assert r6.published is None and r6.published_source is None  # an unreadable date is dropped, not guessed
    assert "five officers" in by_name["shallow_then_nested.html"][0].text


def test_latin1_and_windows1252_are_repaired(ingested):
    _, articles, _, _ = ingested
    texts = {Path(a.source_path).name: a.text for a in articles}
    assert "la police a \u00e9vacu\u00e9 le caf\u00e9 pr\u00e8s" in texts["latin1.txt"].lower()
    assert texts["cp1252.txt"].startswith(
        "BEIRUT (Reuters) \u2013 The minister said: \"We will respond\" after the strike on the caf\u00e9, "
        "and the army's chief agreed.")


def test_one_huge_line_is_truncated_not_rejected(ingested):
    _, articles, _, _ = ingested
    (article,) = [a for a in articles if a.source_path.endswith("one_huge_line.txt")]
    assert 0 < len(article.text) <= MAX_ARTICLE_CHARS
    assert article.text.endswith("shelling")


def test_nothing_raises_for_odd_records(tmp_path):
    odd = [
        {"id": 7, "text": GOOD.format("six")},
        {"text": GOOD.format("seven")},
        {"id": "t", "text": 12},
        {"id": "u", "text": GOOD.format("eight"), "title": ["not", "text"], "published": 20230101},
    ]
    lines = [json.dumps(r) for r in odd] + ["[" * 100_000 + "]" * 100_000]
    path = tmp_path / "odd.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode("utf-8"))
    rejected: list[Rejected] = []
    articles = list(iter_articles([str(path)], Settings(), rejected.append))
    assert [r.reason for r in rejected] == ["record 't' has no text", "line 5: not valid JSON (nested too deeply)"]
    assert articles[0].id == "7"
    assert articles[1].id == articles[1].content_hash[:16]
    assert articles[2].title is None and articles[2].published is None


def test_a_json_file_and_stdin(tmp_path, monkeypatch):
    records = [{"id": "j1", "text": GOOD.format("nine")}, {"id": "j2"}]
    path = tmp_path / "batch.json"
    path.write_text(json.dumps({"articles": records}), encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"id": "j3", "text": ', encoding="utf-8")
    rejected: list[Rejected] = []
    articles = list(iter_articles([str(tmp_path)], Settings(), rejected.append))
    assert [a.id for a in articles] == ["j1"]
    assert {(Path(r.path).name, r.reason) for r in rejected} == {
        ("batch.json", "record 'j2' has no text"), ("broken.json", "not valid JSON")}
    stdin = io.TextIOWrapper(io.BytesIO((json.dumps(records[0]) + "\n").encode("utf-8")))
    monkeypatch.setattr("sys.stdin", stdin)
    assert [a.id for a in iter_articles(["-"], Settings(), rejected.append)] == ["j1"]
