"""Markdown-style marks in plain text read as the words they mark.

Articles copied from a CMS or a chat often carry Markdown: ``**Russian
Foreign Ministry**``, ``Lavrov [told](#) NBC``, ``## Background``. A reader
sees the words, so the analysis and the stored text keep the words: links
become their text, emphasis marks and heading marks go. Nothing else is
touched (a lone asterisk or underscore stays).
"""

from __future__ import annotations

import re

_IMAGE_OR_LINK = re.compile(
    r"!?\[([^\]\n]{0,500})\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)"
)
_STRONG = re.compile(r"\*\*(?=\S)([^\n]+?)(?<=\S)\*\*|(?<!\w)__(?=\S)([^\n]+?)(?<=\S)__(?!\w)")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?=[^\s*])([^*\n]+?)(?<=[^\s*])\*(?![\w*])")
_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(?=\S)", re.MULTILINE)


def markdown_to_text(text: str) -> str:
    """``text`` with Markdown links, emphasis and heading marks read as their words."""
    if not any(mark in text for mark in ("](", "**", "__", "*", "#")):
        return text
    text = _IMAGE_OR_LINK.sub(r"\1", text)
    text = _STRONG.sub(lambda m: m[1] if m[1] is not None else m[2], text)
    text = _EMPHASIS.sub(r"\1", text)
    return _HEADING.sub("", text)
