"""Charts as inline SVG, drawn on the server: no script, no CDN, works offline.

Each chart is drawn twice, for a wide and a narrow screen (CSS shows one),
so that its words stay readable on a phone. Time axes have ticks at a unit
that suits the span (days, Mondays, months, years); a single day is drawn
as a day, not a point between two equal dates.

Every label is escaped here (names and titles come from articles); the
result is :class:`markupsafe.Markup`, so templates insert it as it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from markupsafe import Markup, escape

from onrecord.present.dates import MONTHS, month_label

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
#: the two sizes each chart is drawn at (viewBox widths), and their font sizes
SIZES = {"wide": (720, 11), "narrow": (360, 11)}
#: the length of each binning unit in days (for the width of a bar)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def _day(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat((value or "")[:10])
    except ValueError:
        return None


def _unit_end(start: dt.date, unit: str) -> dt.date:
    """The first day after the unit (day, week, month, year) that starts at ``start``."""
    if unit == "month":
        return (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    if unit == "year":
        return start.replace(year=start.year + 1, month=1, day=1)
    return start + dt.timedelta(days=_UNIT_DAYS.get(unit, 1))


def ticks(first: dt.date, last: dt.date, most: int = 8) -> list[tuple[dt.date, str]]:
    """Dates to mark on an axis from ``first`` to ``last`` and their labels: days,
    Mondays, months (every 1, 2, 3 or 6) or years (every 1, 2, 5, 10, …), the
    finest of these giving at most ``most`` ticks."""
    span = (last - first).days
    if span <= most:
        return [(first + dt.timedelta(days=i), _short(first + dt.timedelta(days=i)))
                for i in range(span + 1)]  # fmt: skip
    for weeks in (1, 2):
        if span / (7 * weeks) <= most:
            monday = first + dt.timedelta(days=-first.weekday() % 7)
            out = []
            while monday <= last:
                out.append((monday, _short(monday)))
                monday += dt.timedelta(days=7 * weeks)
            return out
    for months in (1, 2, 3, 6):
        if span / (30.4 * months) <= most:
            start = first.replace(day=1)
            if start < first:
                start = _unit_end(start, "month")
            out = []
            while start <= last:
                if (start.month - 1) % months == 0:
                    label = month_label(start) if start.month == 1 else MONTHS[start.month - 1]
                    out.append((start, label))
                start = _unit_end(start, "month")
            if out and all(" " not in label for _, label in out):
                out[0] = (out[0][0], month_label(out[0][0]))  # say the year once
            return out
    step = 1
    while (last.year - first.year) / step > most:
        step = {1: 2, 2: 5}.get(step, step * 2 if str(step).startswith("5") else step * 5 // 2)
    years = range(first.year + 1, last.year + 1)
    return [(dt.date(y, 1, 1), str(y)) for y in years if y % step == 0]


def _short(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]}"


def _both(draw: Callable[[int, int, str], str]) -> Markup:
    """The chart drawn at each size, in one wrapper (CSS shows one of them)."""
    return Markup(
        '<div class="chart-box">'
        + "".join(draw(width, font, size) for size, (width, font) in SIZES.items())
        + "</div>"
    )


def _axis(x: Callable[[dt.date], float], first: dt.date, last: dt.date, y: float, top: float,
          right: float, font: int, most: int) -> list[str]:  # fmt: skip
    parts = [f'<line x1="{x(first):.1f}" y1="{y}" x2="{right:.1f}" y2="{y}" stroke="#999"/>']
    for d, label in ticks(first, last, most):
        px = x(d)
        parts.append(
            f'<line class="tick" x1="{px:.1f}" y1="{top}" x2="{px:.1f}" y2="{y + 4}"'
            f' stroke="#eef0f3"/><text x="{px:.1f}" y="{y + 6 + font}" text-anchor="middle"'
            f' font-size="{font}">{escape(label)}</text>'
        )
    return parts


def timeline(points: Sequence[tuple[str, int]], unit: str) -> Markup:
    """Statements over time: a bar per day, or per week, month or year over
    longer spans, its height the number of statements. ``points`` are (first
    day of the unit, count), as :meth:`Store.actor_activity` gives them."""
    dated = [(d, n) for d, n in ((_day(s), n) for s, n in points) if d is not None]
    if not dated:
        return Markup('<p class="muted">No dated statements.</p>')
    first, last = dated[0][0], _unit_end(dated[-1][0], unit)
    if (last - first).days < 7:  # a day or a few: a week around them, so a day is a day
        pad = (7 - (last - first).days) // 2
        first, last = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)
    top = max(n for _, n in dated)
    # each bar's days from the axis start, and its label: the same at both sizes
    of = "" if unit == "day" else f"{unit} of "
    bars_at = [
        ((d - first).days, (_unit_end(d, unit) - first).days, n,
         f'data-date="{d.isoformat()}" data-count="{n}"><title>{of}'
         f"{d.isoformat()}: {n} statement{'s' if n != 1 else ''}</title></rect>")
        for d, n in dated
    ]  # fmt: skip

    def draw(width: int, font: int, size: str) -> str:
        pad_l, pad_r, pad_t, pad_b = 30, 10, 10, 22 + font
        height = 150 if size == "wide" else 130
        plot_w, plot_h = width - pad_l - pad_r, height - pad_t - pad_b
        base = pad_t + plot_h
        span = max((last - first).days, 1)

        def x(d: dt.date) -> float:
            return pad_l + plot_w * (d - first).days / span

        parts = [
            f'<svg class="chart timeline {size}" role="img" viewBox="0 0 {width} {height}"'
            f' width="100%" xmlns="http://www.w3.org/2000/svg" data-unit="{unit}">',
            f"<title>Statements per {unit}, {len(dated)} {unit}s with statements</title>",
            f'<text x="{pad_l - 4}" y="{pad_t + font}" text-anchor="end" font-size="{font}">'
            f"{top}</text>",
            f'<text x="{pad_l - 4}" y="{base}" text-anchor="end" font-size="{font}">0</text>',
            *_axis(x, first, last, base, pad_t, width - pad_r, font, 8 if size == "wide" else 4),
        ]
        scale = plot_w / span
        for start, end, n, rest in bars_at:
            x0 = pad_l + start * scale
            w = max((end - start) * scale - 1, 2.5)
            h = max(plot_h * n / top, 1.5)
            parts.append(
                f'<rect class="point" x="{x0:.1f}" y="{base - h:.1f}" width="{w:.1f}"'
                f' height="{h:.1f}" fill="#2b6cb0" {rest}'
            )
        parts.append("</svg>")
        return "".join(parts)

    return _both(draw)


def bars(items: Sequence[tuple[str, int, str | None]]) -> Markup:
    """Horizontal bars (label, value, link): statement volume per actor."""
    if not items:
        return Markup('<p class="muted">Nothing yet.</p>')
    top = max(v for _, v, _ in items) or 1

    def draw(width: int, font: int, size: str) -> str:
        row, pad_r = font + 10, 40
        label_w = 200 if size == "wide" else 130
        chars = 30 if size == "wide" else 19
        height = row * len(items) + 4
        parts = [
            f'<svg class="chart bars {size}" role="img" viewBox="0 0 {width} {height}"'
            ' width="100%" xmlns="http://www.w3.org/2000/svg"><title>Statements per actor</title>'
        ]
        for i, (label, value, href) in enumerate(items):
            y = i * row + 2
            w = (width - label_w - pad_r) * value / top
            short = label if len(label) <= chars else label[: chars - 1] + "…"
            text = f'<text x="{label_w - 6}" y="{y + font + 2}" text-anchor="end"'
            text += f' font-size="{font}">{escape(short)}<title>{escape(label)}</title></text>'
            if href:
                text = f'<a href="{escape(href)}">{text}</a>'
            parts.append(text)
            parts.append(
                f'<rect class="bar" x="{label_w}" y="{y + 3}" width="{w:.1f}" height="{row - 6}"'
                f' fill="#2b6cb0"><title>{escape(label)}: {value}</title></rect>'
                f'<text x="{label_w + w + 4:.1f}" y="{y + font + 2}" font-size="{font}">'
                f"{value}</text>"
            )
        parts.append("</svg>")
        return "".join(parts)

    return _both(draw)


def status_chart(statuses: Sequence[dict[str, object]]) -> Markup:
    """An event's story: a lane per source, in the order they first spoke of
    it, a marker per status at the day it was asserted (or the article's
    day), coloured by status; a time axis with ticks below."""
    lanes: dict[str, list[tuple[dt.date, str]]] = {}
    for st in statuses:
        when = _day(str(st.get("asserted") or "")) or _day(str(st.get("published") or ""))
        if when is None:
            continue
        lanes.setdefault(str(st.get("source") or "?"), []).append((when, str(st["status"])))
    if not lanes:
        return Markup('<p class="muted">No dated statuses.</p>')
    order = sorted(lanes, key=lambda s: (min(d for d, _ in lanes[s]), s))
    days = [d for marks in lanes.values() for d, _ in marks]
    first, last = min(days), max(days)
    if (last - first).days < 6:
        pad = (6 - (last - first).days) // 2 + 1
        first, last = first - dt.timedelta(days=pad), last + dt.timedelta(days=pad)

    def draw(width: int, font: int, size: str) -> str:
        wide = size == "wide"
        label_w = 180 if wide else 8  # narrow: the source's name above its lane
        pad_r = 80 if wide else 60
        row = 28 if wide else 40
        top = 10
        height = top + row * len(order) + 14 + font
        plot_w = width - label_w - pad_r
        span = max((last - first).days, 1)

        def x(d: dt.date) -> float:
            return label_w + plot_w * (d - first).days / span

        parts = [
            f'<svg class="chart story {size}" role="img" viewBox="0 0 {width} {height}"'
            ' width="100%" xmlns="http://www.w3.org/2000/svg">'
            "<title>Each source's status over time</title>"
        ]
        base = top + row * len(order)
        parts += _axis(x, first, last, base, top, width - pad_r, font, 7 if wide else 4)
        for i, source in enumerate(order):
            y = top + i * row + (row // 2 if wide else row - 12)
            name = source if len(source) <= (28 if wide else 44) else source[:27] + "…"
            if wide:
                parts.append(f'<text x="{label_w - 8}" y="{y + 4}" text-anchor="end"'
                             f' font-size="{font}">{escape(name)}</text>')  # fmt: skip
            else:
                parts.append(f'<text x="{label_w}" y="{y - 10}" font-size="{font}"'
                             f' font-weight="600">{escape(name)}</text>')  # fmt: skip
            parts.append(
                f'<line x1="{label_w}" y1="{y}" x2="{width - pad_r}" y2="{y}" stroke="#e2e2e2"/>'
            )
            for d, status in sorted(lanes[source]):
                colour = STATUS_COLOURS.get(status, "#718096")
                parts.append(
                    f'<circle class="point" cx="{x(d):.1f}" cy="{y}" r="6" fill="{colour}">'
                    f"<title>{escape(source)}: {escape(status)} ({d.isoformat()})</title></circle>"
                    f'<text x="{x(d) + 9:.1f}" y="{y + 4}" font-size="{font - 1}">'
                    f"{escape(status)}</text>"
                )
        parts.append("</svg>")
        return "".join(parts)

    return _both(draw)
