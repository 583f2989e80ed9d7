"""Charts as inline SVG, drawn on the server: no script, no CDN, works offline.

Every label is escaped here (names and titles come from articles); the
result is :class:`markupsafe.Markup`, so templates insert it as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from markupsafe import Markup, escape

#: colours of event statuses (affirming green/blue, negating red, others grey)
STATUS_COLOURS = {
    "held": "#1b7f3b",
    "planned": "#2b6cb0",
    "proposed": "#5a8dd6",
    "conditional": "#b7791f",
    "postponed": "#8a6d3b",
    "denied": "#c53030",
    "cancelled": "#9b2c2c",
}


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def timeline(
    points: Sequence[tuple[str, int]], unit: str, width: int = 720, height: int = 160
) -> Markup:
    """Statements over time: one point per day, or per week, month or year over
    longer spans, its height the number of statements. ``points`` are (first
    day of the unit, count), as :meth:`Store.actor_activity` gives them."""
    dated = [(d, n) for d, n in ((_day(s), n) for s, n in points) if d is not None]
    if not dated:
        return Markup('<p class="muted">No dated statements.</p>')
    pad_l, pad_r, pad_t, pad_b = 36, 12, 10, 28
    span = max((dated[-1][0] - dated[0][0]).days, 1)
    top = max(n for _, n in dated)
    plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b
    base = pad_t + plot_h
    label = "" if unit == "day" else f"{unit} of "

    parts = [
        f'<svg class="chart timeline" role="img" viewBox="0 0 {width} {height}"'
        f' width="100%" xmlns="http://www.w3.org/2000/svg" data-unit="{unit}">',
        f"<title>Statements over time, by {unit}, {len(dated)} points</title>",
        f'<line x1="{pad_l}" y1="{base}" x2="{width - pad_r}" y2="{base}" stroke="#999"/>',
        f'<line x1="{pad_l}" y1="{pad_t}" x2="{pad_l}" y2="{base}" stroke="#999"/>',
        f'<text x="{pad_l - 4}" y="{pad_t + 8}" text-anchor="end" font-size="10">{top}</text>',
        f'<text x="{pad_l - 4}" y="{base}" text-anchor="end" font-size="10">0</text>',
        f'<text x="{pad_l}" y="{height - 8}" font-size="10">{dated[0][0].isoformat()}</text>',
        f'<text x="{width - pad_r}" y="{height - 8}" text-anchor="end" font-size="10">'
        f"{dated[-1][0].isoformat()}</text>",
    ]
    for d, n in dated:
        if len(dated) == 1:
            cx = pad_l + plot_w / 2
        else:
            cx = pad_l + plot_w * (d - dated[0][0]).days / span
        cy = pad_t + plot_h - plot_h * n / top
        day = d.isoformat()
        parts.append(
            f'<line x1="{cx:.1f}" y1="{base}" x2="{cx:.1f}" y2="{cy:.1f}" stroke="#c3d3ea"/>'
            f'<circle class="point" cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="#2b6cb0"'
            f' data-date="{day}" data-count="{n}">'
            f"<title>{label}{day}: {n} statement{'s' if n != 1 else ''}</title></circle>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def bars(items: Sequence[tuple[str, int, str | None]], width: int = 720) -> Markup:
    """Horizontal bars (label, value, link): statement volume per actor."""
    if not items:
        return Markup('<p class="muted">Nothing yet.</p>')
    row, label_w, pad_r = 20, 200, 48
    top = max(v for _, v, _ in items) or 1
    height = row * len(items) + 4
    parts = [
        f'<svg class="chart bars" role="img" viewBox="0 0 {width} {height}" width="100%"'
        ' xmlns="http://www.w3.org/2000/svg"><title>Statements per actor</title>'
    ]
    for i, (label, value, href) in enumerate(items):
        y = i * row + 2
        w = (width - label_w - pad_r) * value / top
        text = f'<text x="{label_w - 6}" y="{y + 13}" text-anchor="end" font-size="12">'
        text += f"{escape(label[:32])}</text>"
        if href:
            text = f'<a href="{escape(href)}">{text}</a>'
        parts.append(text)
        parts.append(
            f'<rect class="bar" x="{label_w}" y="{y + 2}" width="{w:.1f}" height="{row - 6}"'
            f' fill="#2b6cb0"><title>{escape(label)}: {value}</title></rect>'
        )
        parts.append(f'<text x="{label_w + w + 4:.1f}" y="{y + 13}" font-size="11">{value}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def status_chart(statuses: Sequence[dict[str, object]], width: int = 720) -> Markup:
    """An event's story: one row per source, a marker per status at the date
    it was asserted (or the article's date), coloured by status."""
    rows: dict[str, list[tuple[dt.date, str]]] = {}
    for st in statuses:
        when = _day(str(st.get("asserted") or "")) or _day(str(st.get("published") or ""))
        if when is None:
            continue
        rows.setdefault(str(st.get("source") or "?"), []).append((when, str(st["status"])))
    if not rows:
        return Markup('<p class="muted">No dated statuses.</p>')
    days = [d for marks in rows.values() for d, _ in marks]
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    row, label_w, pad_r = 26, 180, 90
    height = row * len(rows) + 30
    plot_w = width - label_w - pad_r

    def x(d: dt.date) -> float:
        return label_w + (plot_w / 2 if first == last else plot_w * (d - first).days / span)

    parts = [
        f'<svg class="chart story" role="img" viewBox="0 0 {width} {height}" width="100%"'
        ' xmlns="http://www.w3.org/2000/svg"><title>Each source\'s status over time</title>'
    ]
    for i, (source, marks) in enumerate(rows.items()):
        y = i * row + 16
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 4}" text-anchor="end" font-size="12">'
            f"{escape(source[:28])}</text>"
            f'<line x1="{label_w}" y1="{y}" x2="{width - pad_r}" y2="{y}" stroke="#e2e2e2"/>'
        )
        for d, status in marks:
            colour = STATUS_COLOURS.get(status, "#718096")
            parts.append(
                f'<circle class="point" cx="{x(d):.1f}" cy="{y}" r="6" fill="{colour}">'
                f"<title>{escape(source)}: {escape(status)} ({d.isoformat()})</title></circle>"
                f'<text x="{x(d) + 9:.1f}" y="{y + 4}" font-size="10">{escape(status)}</text>'
            )
    parts.append(
        f'<text x="{label_w}" y="{height - 6}" font-size="10">{first.isoformat()}</text>'
        f'<text x="{width - pad_r}" y="{height - 6}" text-anchor="end" font-size="10">'
        f"{last.isoformat()}</text></svg>"
    )
    return Markup("".join(parts))
