"""Tests for onrecord.inputs (text, html, jsonl, dates): text, HTML, JSONL inputs and every
kind of bad input."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from onrecord.errors import InputError
from onrecord.inputs import jsonl, read_inputs, sample_paths
from onrecord.inputs.dates import parse_date, parse_dateline
from onrecord.inputs.html import parse_html_document
from onrecord.inputs.markdown import markdown_to_text
from onrecord.inputs.text import InputProblem, parse_text_document
from onrecord.records import Article

SEED = (
    Path(__file__).parents[1].parent
    / "shared/data/seed/moscowtimes-2025-08-22-lavrov-no-meeting-planned.txt"
)

BODY = (
    "The minister said on Tuesday that talks would resume next week.\n\n"
    '"We are ready to meet," she told reporters in the capital.\n'
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Minister Says Talks Will Resume Next Week | Example News</title>
  <meta property="og:title" content="Minister Says Talks Will Resume Next Week">
  <meta property="article:published_time" content="2024-03-14T09:30:00Z">
  <link rel="canonical" href="https://news.example.com/2024/03/14/talks-resume">
</head>
<body>
  <nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
  <article>
    <h1>Minister Says Talks Will Resume Next Week</h1>
    <p>The foreign minister said on Thursday that negotiations with the neighbouring
    government would resume next week in Geneva, after a pause of nearly two months.</p>
    <p>"We are ready to sit down again, and we expect the other side to come with
    concrete proposals," the minister told reporters at a briefing in the capital.</p>
    <p>Officials from both countries have met four times since January. The last round
    ended without agreement on the border crossings, according to a ministry statement.</p>
    <p>Analysts said the announcement signalled a change in tone, but warned that the
    main disagreements remained unresolved.</p>
  </article>
  <footer>Copyright 2024 Example News. All rights reserved.</footer>
</body>
</html>
"""


def articles(items: list[Article | InputError]) -> list[Article]:
    return [item for item in items if isinstance(item, Article)]


def errors(items: list[Article | InputError]) -> list[InputError]:
    return [item for item in items if isinstance(item, InputError)]


def read_one(path: Path, published: dt.date | None = None) -> Article | InputError:
    items = list(read_inputs([str(path)], published=published))
    assert len(items) == 1, items
    return items[0]


def read_article(path: Path, published: dt.date | None = None) -> Article:
    item = read_one(path, published)
    assert isinstance(item, Article), item
    return item


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-08-22", dt.date(2025, 8, 22)),
        ("August 22, 2025", dt.date(2025, 8, 22)),
        ("Aug. 22, 2025", dt.date(2025, 8, 22)),
        ("Aug 22 2025", dt.date(2025, 8, 22)),
        ("Sept. 5, 2025", dt.date(2025, 9, 5)),
        ("22 August 2025", dt.date(2025, 8, 22)),
        ("Friday, August 22, 2025", dt.date(2025, 8, 22)),
        ("Fri. 22nd Aug 2025", dt.date(2025, 8, 22)),
        ("2025-08-22T10:00:00Z", dt.date(2025, 8, 22)),
        ("  2025-08-22 ", dt.date(2025, 8, 22)),
    ],
)
def test_parse_date_accepts(text: str, expected: dt.date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("tomorrow", "unrecognised date 'tomorrow'"),
        ("22/08/2025", "expected YYYY-MM-DD"),
        ("2025-02-30", "invalid date '2025-02-30'"),
        ("", "unrecognised date"),
    ],
)
def test_parse_date_rejects_with_clear_message(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_date(text)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("August 22, 2025", dt.date(2025, 8, 22)),
        ("Published: Aug. 22, 2025", dt.date(2025, 8, 22)),
        ("August 22, 2025, 10:35 a.m.", dt.date(2025, 8, 22)),
        ("2025-08-22 14:05 GMT", dt.date(2025, 8, 22)),
        ("Lavrov said on August 22, 2025 that no meeting was planned.", None),
        ("The summit in 2025", None),
        ("February 30, 2025", None),
    ],
)
def test_parse_dateline_only_whole_lines(line: str, expected: dt.date | None) -> None:
    assert parse_dateline(line) == expected


# --------------------------------------------------------------------------- plain text


def test_seed_layout() -> None:
    article = read_article(SEED)
    assert article.id == "moscowtimes-2025-08-22-lavrov-no-meeting-planned"
    assert article.title == "Lavrov Says 'No Meeting Planned' Between Putin and Zelensky"
    assert article.published == dt.date(2025, 8, 22)
    assert article.url == (
        "https://www.themoscowtimes.com/2025/08/22/"
        "lavrov-says-no-meeting-planned-between-putin-and-zelensky-a90330"
    )
    assert article.origin == str(SEED)
    # the text is the file minus the trailing "Original url:" block, stripped
    assert article.text.startswith(article.title)
    assert "Original url" not in article.text
    assert article.text == article.text.strip()
    assert article.text.endswith("he said.")
    raw = SEED.read_text(encoding="utf-8").replace("\r\n", "\n")
    # Markdown marks ("**Russian Foreign Ministry**", "[told](#)") are read as their words
    assert markdown_to_text(raw.strip()).startswith(article.text)
    assert "**" not in article.text and "](#)" not in article.text


def test_published_argument_overrides_detected_date() -> None:
    article = read_article(SEED, published=dt.date(2025, 8, 23))
    assert article.published == dt.date(2025, 8, 23)


@pytest.mark.parametrize(
    "date_line",
    ["August 22, 2025", "Aug. 22, 2025", "22 August 2025", "2025-08-22", "Friday, August 22, 2025"],
)
def test_seed_layout_date_lines(tmp_path: Path, date_line: str) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"\n\nTalks to Resume\n\n{date_line}\n\n{BODY}", encoding="utf-8")
    article = read_article(path)
    assert article.title == "Talks to Resume"
    assert article.published == dt.date(2025, 8, 22)
    assert article.text.startswith("Talks to Resume\n\n" + date_line)


@pytest.mark.parametrize(
    "url_block",
    [
        "Original url:\n\n<https://example.com/a?b=1>\n",
        "Original url:\nhttps://example.com/a?b=1",
        "Original URL: https://example.com/a?b=1\n\n",
        "original url: <https://example.com/a?b=1>",
    ],
)
def test_original_url_block(tmp_path: Path, url_block: str) -> None:
    path = tmp_path / "story.txt"
    path.write_text(f"Talks to Resume\n\nAugust 22, 2025\n\n{BODY}\n{url_block}", encoding="utf-8")
    article = read_article(path)
    assert article.url == "https://example.com/a?b=1"
    assert article.text.endswith("in the capital.")
    assert "riginal" not in article.text


def test_plain_text_without_header(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text(f"Talks to Resume\n\n{BODY}", encoding="utf-8")
    article = read_article(path)
    assert article.title == "Talks to Resume"
    assert article.published is None
    assert article.url is None
    dated = read_article(path, published=dt.date(2024, 1, 2))
    assert dated.published == dt.date(2024, 1, 2)


@pytest.mark.parametrize(
    ("content", "title"),
    [
        (BODY, None),  # the first line is a sentence, not a headline
        ("Just one line about the talks", None),  # nothing after it
        ("x" * 250 + "\n\n" + BODY, None),  # too long for a title
        ("Dateline First?\n\n" + BODY, "Dateline First?"),
    ],
)
def test_title_heuristic(content: str, title: str | None) -> None:
    assert parse_text_document(content.strip()).title == title


def test_text_normalization_and_offsets(tmp_path: Path) -> None:
    path = tmp_path / "crlf.txt"
    path.write_bytes(
        b"\xef\xbb\xbfTalks\r\n\r\nAugust 22, 2025\r\rShe said: \xe2\x80\x9cYes.\xe2\x80\x9d\r\n"
    )
    article = read_article(path)
    assert article.text == "Talks\n\nAugust 22, 2025\n\nShe said: “Yes.”"
    start = article.text.index("“")
    assert article.text[start : start + 6] == "“Yes.”"
    assert article.published == dt.date(2025, 8, 22)


# --------------------------------------------------------------------------- HTML


def test_html_article(tmp_path: Path) -> None:
    path = tmp_path / "talks.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    article = read_article(path)
    assert article.id == "talks"
    assert article.title == "Minister Says Talks Will Resume Next Week"
    assert article.published == dt.date(2024, 3, 14)
    assert article.url == "https://news.example.com/2024/03/14/talks-resume"
    assert "We are ready to sit down again" in article.text
    assert "Copyright" not in article.text
    assert "<p>" not in article.text
    assert "\n\n" in article.text  # paragraphs kept apart


def test_html_sniffed_in_txt_and_published_override(tmp_path: Path) -> None:
    path = tmp_path / "saved-page.txt"
    path.write_text(HTML_PAGE, encoding="utf-8")
    article = read_article(path, published=dt.date(2024, 3, 15))
    assert article.title == "Minister Says Talks Will Resume Next Week"
    assert article.published == dt.date(2024, 3, 15)


@pytest.mark.parametrize(
    "page",
    [
        "<!DOCTYPE html><html><head><title>Empty</title></head><body></body></html>",
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav></body></html>",
    ],
)
def test_html_without_article(tmp_path: Path, page: str) -> None:
    path = tmp_path / "empty.html"
    path.write_text(page, encoding="utf-8")
    item = read_one(path)
    assert isinstance(item, InputError)
    assert str(item).startswith(f"{path}: no article text found in HTML")


def test_parse_html_document_is_pure() -> None:
    doc = parse_html_document(HTML_PAGE)
    assert doc.published == dt.date(2024, 3, 14)
    with pytest.raises(InputProblem):
        parse_html_document("<html><body></body></html>")


# --------------------------------------------------------------------------- JSONL


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps(
            {"id": "a", "text": "  Kept exactly.\r\nSecond line. ", "published": "2024-05-01"}
        ),
        "",
        "{not json",
        json.dumps({"text": "No id here.", "title": "T", "url": "https://example.com/x"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "c", "text": ""}),
        json.dumps({"id": "d"}),
        json.dumps({"id": "e", "text": "Bad date.", "published": "01/05/2024"}),
        json.dumps({"id": "f", "text": "Datetime.", "published": "2024-05-02T08:00:00+02:00"}),
        "   ",
        json.dumps({"id": "g", "text": "Uses the default date."}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([path], published=dt.date(2000, 1, 1)))

    good = articles(items)
    assert [a.id for a in good] == ["a", "batch-4", "f", "g"]
    assert good[0].text == "  Kept exactly.\r\nSecond line. "  # used exactly as given
    assert good[0].published == dt.date(2024, 5, 1)  # the record's own date wins
    assert good[0].origin == f"{path}:1"
    assert (good[1].title, good[1].url) == ("T", "https://example.com/x")
    assert good[2].published == dt.date(2024, 5, 2)
    assert good[3].published == dt.date(2000, 1, 1)  # filled in from the argument

    bad = {e.origin: e.reason for e in errors(items)}
    assert list(bad) == [f"{path}:{n}" for n in (3, 5, 6, 7, 8)]
    assert bad[f"{path}:3"].startswith("invalid JSON")
    assert bad[f"{path}:5"] == "expected a JSON object, got array"
    assert '"text" is empty' in bad[f"{path}:6"]
    assert '"text" is missing' in bad[f"{path}:7"]
    assert "'01/05/2024'" in bad[f"{path}:8"]
    # articles and errors come out in line order
    assert [i.origin for i in items] == [f"{path}:{n}" for n in (1, 3, 4, 5, 6, 7, 8, 9, 11)]


def test_jsonl_invalid_utf8_line_continues(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b'{"text": "fine"}\n{"text": "caf\xe9"}\n{"text": "also fine"}\n')
    items = list(read_inputs([path]))
    assert [type(i) for i in items] == [Article, InputError, Article]
    assert str(items[1]) == f"{path}:2: not valid UTF-8: byte 0xe9 at byte offset 30"


def test_json_file_object_and_array(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"text": "Single record."}), encoding="utf-8")
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": "First."}, {"text": ""}]), encoding="utf-8")
    items = list(read_inputs([one, many]))
    assert isinstance(items[0], Article) and items[0].id == "one"
    assert isinstance(items[1], Article) and items[1].origin == f"{many}[0]"
    assert isinstance(items[2], InputError) and items[2].origin == f"{many}[1]"


# --------------------------------------------------------------------------- bad input


def _make_too_large(path: Path) -> None:
    with path.open("wb") as handle:  # sparse: never read, the size check comes first
        handle.truncate(20_000_000)


BAD_FILES: list[tuple[str, bytes | None, str]] = [
    ("missing.txt", None, "no such file or directory"),
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n\t \n", "empty file (only whitespace)"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
    ("controls.txt", bytes(range(1, 9)) * 20 + b"abc", "binary file (mostly control characters)"),
    ("latin1.txt", b"Caf\xe9 society said hello", "not valid UTF-8: byte 0xe9 at byte offset 3"),
    ("bom-only.txt", b"\xef\xbb\xbf", "empty file (only whitespace)"),
    ("url-only.txt", b"Original url:\n<https://example.com/>\n", "no article text"),
    ("empty.jsonl", b"\n\n", "empty file (no JSON records)"),
    ("binary.jsonl", b'{"text": "x"}\n\x00\x01', "binary file (contains NUL bytes)"),
    ("broken.json", b'{"text": ', "invalid JSON"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES)
def test_bad_input_gives_one_error_naming_the_file(
    tmp_path: Path, name: str, content: bytes | None, reason: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    item = read_one(path)
    assert isinstance(item, InputError)
    assert item.origin == str(path)
    assert str(item).startswith(f"{path}: ")
    assert reason in item.reason
    assert "\n" not in str(item)


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    _make_too_large(path)
    item = read_one(path)
    assert isinstance(item, InputError)
    assert str(item) == f"{path}: too large (20.0 MB > 10 MB limit)"


def test_too_large_jsonl_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jsonl, "MAX_INPUT_SIZE", 1_000_000)
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "a" * 1_500_000}) + "\n", encoding="utf-8")
    item = read_one(path)
    assert isinstance(item, InputError)
    assert str(item) == f"{path}:1: text too large (1.5 MB > 1 MB limit)"


def test_batch_continues_past_bad_files(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(f"Talks to Resume\n\n{BODY}", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    items = list(read_inputs([tmp_path / "nope.txt", good, empty, good]))
    assert [type(i).__name__ for i in items] == ["InputError", "Article", "InputError", "Article"]
    assert [a.id for a in articles(items)] == ["good", "good-2"]  # ids stay unique


# --------------------------------------------------------------------------- directories


def test_directory_recursion(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "b").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "z.txt").write_text("Zed\n\nBody text here.", encoding="utf-8")
    (root / "a.txt").write_text("Ay\n\nBody text here.", encoding="utf-8")
    (root / "b" / "a.txt").write_text("Nested\n\nBody text here.", encoding="utf-8")
    (root / "b" / "c.jsonl").write_text('{"id": "j", "text": "JSON text."}\n', encoding="utf-8")
    (root / ".hidden.txt").write_text("Hidden\n\nBody.", encoding="utf-8")
    (root / ".git" / "x.txt").write_text("Git\n\nBody.", encoding="utf-8")
    (root / "notes.csv").write_text("a,b\n", encoding="utf-8")
    (root / "output.json").write_text('{"text": "not an input"}', encoding="utf-8")
    items = list(read_inputs([root]))
    assert all(isinstance(i, Article) for i in items), items
    got = [(Path(i.origin).relative_to(root).as_posix(), i.id) for i in articles(items)]
    assert got == [("a.txt", "a"), ("b/a.txt", "a-2"), ("b/c.jsonl:1", "j"), ("z.txt", "z")]


def test_empty_directory(tmp_path: Path) -> None:
    (tmp_path / "readme.md").write_text("not an input", encoding="utf-8")
    item = read_one(tmp_path)
    assert isinstance(item, InputError)
    assert str(item).startswith(f"{tmp_path}: directory has no input files")


# --------------------------------------------------------------------------- samples


def test_samples_bundled_and_parse() -> None:
    paths = sample_paths()
    assert len(paths) >= 6
    assert all(p.suffix == ".txt" for p in paths)
    attribution = (paths[0].parent / "ATTRIBUTION.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in attribution
    assert "MEANTIME" in attribution
    items = list(read_inputs(paths))
    assert len(articles(items)) == len(paths), errors(items)
    for article in articles(items):
        assert article.published is not None
        assert article.title and article.text.startswith(article.title)
        assert article.url and article.url.startswith("https://en.wikinews.org/wiki/")
        assert f"`{Path(article.origin).name}`" in attribution
        assert " said" in article.text or " told" in article.text
