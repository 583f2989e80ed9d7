"""Tests for onrecord.inputs.feeds and .warc: RSS/Atom feeds and WARC archives as inputs."""

from __future__ import annotations

import datetime as dt
import gzip
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from onrecord.errors import InputError
from onrecord.inputs import read_inputs
from onrecord.inputs.feeds import parse_feed, parse_feed_date
from onrecord.inputs.html import html_to_text
from onrecord.inputs.text import stable_id
from onrecord.records import Article

# --------------------------------------------------------------------------- fixtures

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel>
  <title>Example News</title>
  <link>https://news.example.com/</link>
  <description>World news</description>
  <item>
    <title>Minister Says Talks Will Resume &amp; Border Stays Open</title>
    <link>https://news.example.com/2024/03/14/talks-resume</link>
    <guid isPermaLink="false">urn:example:talks-resume</guid>
    <pubDate>Thu, 14 Mar 2024 23:30:00 -0500</pubDate>
    <description><![CDATA[<p>The foreign minister said on Thursday that negotiations
      would resume next week in Geneva.</p>
      <p>&ldquo;We are ready to sit down again,&rdquo; the minister told reporters.</p>
      <script>alert('x')</script>]]></description>
  </item>
  <item>
    <title>Port Strike Ends After Three Days</title>
    <link>https://news.example.com/port-strike-ends</link>
    <description>Dock workers return to work.</description>
    <content:encoded><![CDATA[<h2>Deal reached</h2><div>Dock workers at the
      city's main port returned to work on Friday.<br>The union said the deal
      met its demands.</div>]]></content:encoded>
  </item>
  <item>
    <title>Photo of the day</title>
    <link>https://news.example.com/photo-of-the-day</link>
    <pubDate>Fri, 15 Mar 2024 08:00:00 GMT</pubDate>
  </item>
</channel>
</rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Example Wire</title>
  <id>urn:example:wire</id>
  <updated>2024-03-16T12:00:00Z</updated>
  <entry>
    <title type="html">Court &lt;em&gt;Upholds&lt;/em&gt; Ruling</title>
    <id>tag:example.com,2024:court-ruling</id>
    <link rel="alternate" href="https://wire.example.com/court-ruling"/>
    <published>2024-03-16T01:15:00+09:00</published>
    <updated>2024-03-17T10:00:00Z</updated>
    <content type="html">&lt;p&gt;The supreme court upheld the ruling on Saturday.&lt;/p&gt;
      &lt;p&gt;The government said it would comply.&lt;/p&gt;</content>
  </entry>
  <entry>
    <title>Election Date Set</title>
    <id>tag:example.com,2024:election-date</id>
    <link rel="alternate" href="https://wire.example.com/election-date"/>
    <updated>2024-03-18T09:00:00Z</updated>
    <summary type="text">The electoral commission set the vote for June 2.

It said results would follow within a week.</summary>
  </entry>
</feed>
"""

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
  <url><loc>https://news.example.com/</loc></url>
</urlset>
"""

PARAGRAPHS_A = [
    "The foreign minister said on Thursday that negotiations with the neighbouring "
    "government would resume next week in Geneva, after a pause of nearly two months.",
    '"We are ready to sit down again, and we expect the other side to come with '
    'concrete proposals," the minister told reporters at a briefing in the capital.',
    "Officials from both countries have met four times since January. The last round "
    "ended without agreement on the border crossings, according to a ministry statement.",
    "Analysts said the announcement signalled a change in tone, but warned that the "
    "main disagreements remained unresolved.",
]
PARAGRAPHS_B = [
    "Dock workers at the city's main container port returned to work on Friday after a "
    "three-day strike that left dozens of ships waiting at anchor outside the harbour.",
    "The union said the agreement, reached late on Thursday after talks mediated by the "
    "labour ministry, met its main demands on pay and overtime for night shifts.",
    '"This is a fair deal for the people who keep this port running," the union\'s '
    "general secretary told a rally outside the terminal gates.",
    "The port authority said it expected the backlog of vessels to be cleared by the "
    "middle of next week, and that no cargo had been lost during the stoppage.",
]


def article_page(title: str, paragraphs: list[str], published: str | None) -> bytes:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title} | Example News</title>
<meta property="og:title" content="{title}">{meta}</head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1>
{body}
</article><footer>Copyright Example News</footer></body></html>
""".encode()


EMPTY_PAGE = b"""<!DOCTYPE html><html><head><title>Subscribe</title></head>
<body><nav><a href="/">Home</a></nav><div><a href="/login">Log in</a></div></body></html>
"""
NOT_FOUND_PAGE = (
    b"<!DOCTYPE html><html><head><title>Not found</title></head><body>"
    + (b"<p>Sorry, the page you were looking for could not be found on this server.</p>" * 5)
    + b"</body></html>"
)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))

URL_A = "https://news.example.com/world/talks-resume"
URL_B = "https://news.example.com/business/port-strike-ends"
URL_EMPTY = "https://news.example.com/subscribe"


def write_warc(path: Path, *, gz: bool) -> list[int]:
    """A WARC with: warcinfo, 2 articles, a PNG, a 404 page, a page with no article.

    Returns the byte offset at which each record starts.
    """
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    offsets: list[int] = []

    def add(record: object) -> None:
        offsets.append(buf.tell())
        writer.write_record(record)

    add(writer.create_warcinfo_record(path.name, {"software": "test"}))

    def response(url: str, status: str, content_type: str, payload: bytes, date: str) -> None:
        headers = StatusAndHeaders(
            status,
            [("Content-Type", content_type), ("Content-Length", str(len(payload)))],
            protocol="HTTP/1.1",
        )
        add(
            writer.create_warc_record(
                url,
                "response",
                payload=io.BytesIO(payload),
                length=len(payload),  # a known length: no unclosed temporary file
                http_headers=headers,
                warc_headers_dict={"WARC-Date": date},
            )
        )

    html = "text/html; charset=utf-8"
    page_a = article_page("Minister Says Talks Will Resume", PARAGRAPHS_A, "2024-03-14T09:30:00Z")
    page_b = article_page("Port Strike Ends After Three Days", PARAGRAPHS_B, None)
    response(URL_A, "200 OK", html, page_a, "2024-03-20T10:00:00Z")
    response(URL_B, "200 OK", html, page_b, "2024-03-21T11:00:00Z")
    response(
        "https://news.example.com/logo.png", "200 OK", "image/png", PNG, "2024-03-21T11:00:01Z"
    )
    response(
        "https://news.example.com/gone",
        "404 Not Found",
        html,
        NOT_FOUND_PAGE,
        "2024-03-21T11:00:02Z",
    )
    response(URL_EMPTY, "200 OK", html, EMPTY_PAGE, "2024-03-21T11:00:03Z")
    path.write_bytes(buf.getvalue())
    return offsets


def read_all(*paths: Path, published: dt.date | None = None) -> list[Article | InputError]:
    return list(read_inputs([str(p) for p in paths], published=published))


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# --------------------------------------------------------------------------- HTML to text


def test_html_to_text_paragraphs_entities_and_scripts() -> None:
    html = "<p>One &amp; two\n  three</p><script>var x = 1;</script><div>Four<br>five</div>x"
    assert html_to_text(html) == "One & two three\n\nFour\n\nfive\n\nx"


def test_feed_date_is_the_date_as_written() -> None:
    assert parse_feed_date("Thu, 14 Mar 2024 23:30:00 -0500") == dt.date(2024, 3, 14)
    assert parse_feed_date("2024-03-16T01:15:00+09:00") == dt.date(2024, 3, 16)
    assert parse_feed_date("not a date") is None


# --------------------------------------------------------------------------- feeds


def test_rss_entries(tmp_path: Path) -> None:
    path = write(tmp_path / "news.rss", RSS)
    items = read_all(path, published=dt.date(2024, 3, 1))
    assert [type(i) for i in items] == [Article, Article, InputError]
    first, second, error = items
    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.title == "Minister Says Talks Will Resume & Border Stays Open"
    assert first.url == "https://news.example.com/2024/03/14/talks-resume"
    assert first.published == dt.date(2024, 3, 14)  # the feed's own date wins
    assert first.text == (
        "The foreign minister said on Thursday that negotiations would resume next week "
        "in Geneva.\n\n\u201cWe are ready to sit down again,\u201d the minister told reporters."
    )
    assert "alert" not in first.text
    assert first.id == stable_id("feed", "urn:example:talks-resume")
    assert first.origin == f"{path}#entry 1"
    # full content (content:encoded) is preferred over the description
    assert second.text == (
        "Deal reached\n\nDock workers at the city's main port returned to work on Friday."
        "\n\nThe union said the deal met its demands."
    )
    assert second.published == dt.date(2024, 3, 1)  # no date: the argument fills it
    assert second.id == stable_id("feed", "https://news.example.com/port-strike-ends")
    assert isinstance(error, InputError)
    assert error.origin == f"{path}#entry 3"
    assert "no text" in error.reason


def test_atom_entries(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.atom", ATOM)
    items = read_all(path)
    assert all(isinstance(i, Article) for i in items), items
    court, election = items
    assert isinstance(court, Article) and isinstance(election, Article)
    assert court.title == "Court Upholds Ruling"
    assert court.url == "https://wire.example.com/court-ruling"
    assert court.published == dt.date(2024, 3, 16)  # published before updated, local date
    assert court.text == (
        "The supreme court upheld the ruling on Saturday.\n\nThe government said it would comply."
    )
    assert election.published == dt.date(2024, 3, 18)  # only <updated>
    assert election.text == (
        "The electoral commission set the vote for June 2.\n\n"
        "It said results would follow within a week."
    )
    assert election.origin == f"{path}#entry 2"


def test_feed_ids_are_stable_across_reads(tmp_path: Path) -> None:
    rss = write(tmp_path / "news.rss", RSS)
    atom = write(tmp_path / "wire.atom", ATOM)
    first = [i.id for i in read_all(rss, atom) if isinstance(i, Article)]
    second = [i.id for i in read_all(rss, atom) if isinstance(i, Article)]
    assert first == second
    assert len(set(first)) == 4
    assert all(i.startswith("feed-") and len(i) == len("feed-") + 12 for i in first)


def test_xml_is_read_only_if_it_is_a_feed(tmp_path: Path) -> None:
    feed = write(tmp_path / "feed.xml", ATOM)
    sitemap = write(tmp_path / "sitemap.xml", SITEMAP)
    items = read_all(feed, sitemap)
    assert [type(i) for i in items] == [Article, Article, InputError]
    error = items[-1]
    assert isinstance(error, InputError)
    assert error.origin == str(sitemap)
    assert error.reason == "not an RSS/Atom feed"


@pytest.mark.parametrize("content", [b"", b"just some text, not a feed\n", b"\x00\x01\x02"])
def test_not_a_feed(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.rss"
    path.write_bytes(content)
    [item] = read_all(path)
    assert isinstance(item, InputError)
    assert item.origin == str(path)


def test_feed_without_entries() -> None:
    from onrecord.inputs.text import InputProblem

    empty = b'<rss version="2.0"><channel><title>T</title></channel></rss>'
    with pytest.raises(InputProblem, match="no entries"):
        parse_feed(empty)


# --------------------------------------------------------------------------- WARC


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_articles(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    write_warc(path, gz=name.endswith(".gz"))
    items = read_all(path, published=dt.date(2000, 1, 1))
    assert [type(i) for i in items] == [Article, Article, InputError]
    a, b, error = items
    assert isinstance(a, Article) and isinstance(b, Article) and isinstance(error, InputError)

    assert a.url == URL_A
    assert a.title == "Minister Says Talks Will Resume"
    assert a.published == dt.date(2024, 3, 14)  # the page's own date
    assert a.text.split("\n\n")[-4:] == PARAGRAPHS_A
    assert a.id == stable_id("warc", URL_A)
    assert a.origin == f"{path}#record 2"

    assert b.url == URL_B
    assert b.title == "Port Strike Ends After Three Days"
    assert b.published == dt.date(2024, 3, 21)  # no date in the page: the capture date
    assert "returned to work on Friday after a three-day strike" in b.text
    assert b.origin == f"{path}#record 3"

    # record 4 is a PNG and record 5 a 404: skipped; record 6 has no article
    assert error.origin == f"{path}#record 6"
    assert "no article text" in error.reason


def test_warc_ids_are_stable_across_reads(tmp_path: Path) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, gz=True)
    first = [i.id for i in read_all(path) if isinstance(i, Article)]
    second = [i.id for i in read_all(path) if isinstance(i, Article)]
    assert first == second == [stable_id("warc", URL_A), stable_id("warc", URL_B)]
    # a second capture of the same page in the same run gets a distinct id
    again = [i.id for i in read_all(path, path) if isinstance(i, Article)]
    assert again == [*first, f"{first[0]}-2", f"{first[1]}-2"]


def test_truncated_warc_gz_yields_good_records_then_an_error(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    offsets = write_warc(whole, gz=True)
    data = whole.read_bytes()
    # cut in the middle of the 4th record (the PNG), after both articles
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: (offsets[3] + offsets[4]) // 2])
    items = read_all(cut)
    assert [type(i) for i in items] == [Article, Article, InputError]
    assert [i.url for i in items[:2] if isinstance(i, Article)] == [URL_A, URL_B]
    error = items[-1]
    assert isinstance(error, InputError)
    assert error.origin == str(cut)
    assert "truncated" in error.reason


def test_truncated_plain_warc(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc"
    offsets = write_warc(whole, gz=False)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(whole.read_bytes()[: offsets[2] + 300])  # inside the second article
    items = read_all(cut)
    assert [type(i) for i in items] == [Article, InputError]
    assert items[-1].origin == str(cut)


@pytest.mark.parametrize(
    "content", [b"", b"this is not a web archive\n", gzip.compress(b"not a warc either\n")]
)
def test_not_a_warc(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(content)
    [item] = read_all(path)
    assert isinstance(item, InputError)
    assert item.origin == str(path)


# --------------------------------------------------------------------------- directories


def test_directory_walk_reads_feeds_and_warcs(tmp_path: Path) -> None:
    write(tmp_path / "a-news.rss", RSS)
    write_warc(tmp_path / "b-crawl.warc.gz", gz=True)
    write(tmp_path / "c-note.txt", "Headline\n\nA short note that is the body of the article.\n")
    (tmp_path / "d-image.png").write_bytes(PNG)
    items = read_all(tmp_path)
    origins = [i.origin for i in items]
    assert origins == [
        f"{tmp_path / 'a-news.rss'}#entry 1",
        f"{tmp_path / 'a-news.rss'}#entry 2",
        f"{tmp_path / 'a-news.rss'}#entry 3",
        f"{tmp_path / 'b-crawl.warc.gz'}#record 2",
        f"{tmp_path / 'b-crawl.warc.gz'}#record 3",
        f"{tmp_path / 'b-crawl.warc.gz'}#record 6",
        str(tmp_path / "c-note.txt"),
    ]
    ids = [i.id for i in items if isinstance(i, Article)]
    assert len(ids) == len(set(ids)) == 5
