"""The published JSON Schema of ``analyze --json`` output, and a validator."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

import jsonschema


@cache
def analysis_schema() -> dict[str, Any]:
    text = resources.files("onrecord").joinpath("data/analysis.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def validate_analysis(record: dict[str, Any]) -> None:
    """Raise ``jsonschema.ValidationError`` unless ``record`` fits the contract,
    and ``ValueError`` if a span does not lie inside the text."""
    jsonschema.Draft202012Validator(analysis_schema()).validate(record)
    n = len(record["text"])
    for span in _spans(record):
        if not 0 <= span[0] <= span[1] <= n:
            raise ValueError(f"span {span} outside the text (length {n})")


def _spans(record: dict[str, Any]) -> list[list[int]]:
    out = []
    for e in record["entities"]:
        out += e["mentions"]
    for s in record["statements"]:
        out += s["content"]["spans"] + s.get("quotes", [])
        for key in ("date_span",):
            if s.get(key):
                out.append(s[key])
        if s["speaker"]["span"]:
            out.append(s["speaker"]["span"])
        if s["cue"]:
            out.append(s["cue"]["span"])
    out += [t["span"] for t in record["timexes"]]
    for ev in record.get("events", []):
        out += ev["mentions"]
        for st in ev["statuses"]:
            out += [st["trigger"], st["evidence"]]
            if st["condition"]:
                out.append(st["condition"]["span"])
    out += [m["span"] for m in record.get("event_mentions", [])]
    return out
