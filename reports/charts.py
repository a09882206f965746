"""SVG charts drawn on the server: the same markup goes on the dashboard and into the PDF.

Presentation attributes only (no ``style=``): the screen's CSP forbids inline styles, and WeasyPrint does
not pass the body font into SVG text, so the font is named on the ``<svg>`` root.
"""

from collections.abc import Sequence
from html import escape

from django.utils.formats import number_format
from django.utils.safestring import SafeString, mark_safe

from .aggregation import Bar

FONT = "Liberation Sans, Arial, Helvetica, sans-serif"
BAR_COLOUR = "#0b3a6e"
TEXT_COLOUR = "#1f2933"
GRID_COLOUR = "#c9d3df"


def _n(value: int) -> str:
    return number_format(value, force_grouping=True)


def _truncate(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def horizontal_bars(
    bars: Sequence[Bar],
    *,
    title: str,
    width: int = 640,
    label_chars: int = 34,
    row: int = 22,
    font_size: int = 12,
) -> SafeString:
    """One row per bar, label on the left and the value after the bar; readable on a phone and on paper."""
    top, label_w, value_w = 8, min(260, 7 * label_chars), 56
    height = top * 2 + row * max(len(bars), 1)
    plot_w = width - label_w - value_w
    peak = max((bar.value for bar in bars), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        f'font-family="{FONT}" font-size="{font_size}" fill="{TEXT_COLOUR}">',
        f"<title>{escape(title)}</title>",
    ]
    for i, bar in enumerate(bars):
        y = top + i * row
        w = round(plot_w * bar.value / peak, 1)
        baseline = y + row / 2 + 4
        label = escape(_truncate(bar.label, label_chars))
        parts.append(f'<text x="{label_w - 6}" y="{baseline}" text-anchor="end">{label}</text>')
        parts.append(f'<rect x="{label_w}" y="{y + 3}" width="{max(w, 0.5)}" height="{row - 6}" fill="{BAR_COLOUR}"/>')
        parts.append(f'<text x="{label_w + w + 5}" y="{baseline}">{_n(bar.value)}</text>')
    parts.append(f'<line x1="{label_w}" y1="{top}" x2="{label_w}" y2="{height - top}" stroke="{GRID_COLOUR}"/>')
    parts.append("</svg>")
    return mark_safe("".join(parts))


def columns(bars: Sequence[Bar], *, title: str, width: int = 640, height: int = 220, font_size: int = 11) -> SafeString:
    """Vertical columns over time (activities per month), the month under each column."""
    left, bottom, top = 8, 34, 18
    count = max(len(bars), 1)
    slot = (width - left * 2) / count
    plot_h = height - bottom - top
    peak = max((bar.value for bar in bars), default=0) or 1
    font_size = font_size if count <= 12 else font_size - 2
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}" role="img" aria-label="{escape(title)}" '
        f'font-family="{FONT}" font-size="{font_size}" fill="{TEXT_COLOUR}">',
        f"<title>{escape(title)}</title>",
        f'<line x1="{left}" y1="{height - bottom}" x2="{width - left}" y2="{height - bottom}" stroke="{GRID_COLOUR}"/>',
    ]
    for i, bar in enumerate(bars):
        x = left + i * slot
        h = round(plot_h * bar.value / peak, 1)
        bar_w = max(slot * 0.6, 2)
        cx = x + slot / 2
        parts.append(
            f'<rect x="{round(cx - bar_w / 2, 1)}" y="{round(height - bottom - h, 1)}" width="{round(bar_w, 1)}" '
            f'height="{max(h, 0.5)}" fill="{BAR_COLOUR}"/>'
        )
        label_y = round(height - bottom - h - 4, 1)
        parts.append(f'<text x="{round(cx, 1)}" y="{label_y}" text-anchor="middle">{_n(bar.value)}</text>')
        if count <= 18 or i % max(count // 12, 1) == 0:
            parts.append(
                f'<text x="{round(cx, 1)}" y="{height - bottom + 14}" text-anchor="middle">{escape(bar.label)}</text>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))


UNIT_CHART_LIMIT = 25


def summary_charts(figures, *, screen: bool = False) -> dict[str, SafeString | bool]:
    """The three charts of a summary: per month, per kind, and the units with the most activities.

    The per-unit chart keeps to the 25 busiest units so that it fits on one A4 page; the table under it
    lists every unit. On screen the charts are narrower with larger text, so that they stay legible when a
    phone scales them down.
    """
    from django.utils.translation import gettext as _

    size = {"width": 420, "font_size": 13} if screen else {}
    bar_size = {**size, "label_chars": 26} if screen else {}
    unit_bars = sorted(figures.by_unit, key=lambda bar: -bar.value)[:UNIT_CHART_LIMIT]
    return {
        "by_month": columns(figures.by_month, title=_("Kegiatan per bulan"), **size),
        "by_kind": horizontal_bars(figures.by_kind, title=_("Kegiatan per jenis"), **bar_size),
        "by_unit": horizontal_bars(unit_bars, title=_("Kegiatan per desa binaan"), row=20 if screen else 18, **bar_size)
        if unit_bars
        else mark_safe(""),
        "by_unit_truncated": len(figures.by_unit) > UNIT_CHART_LIMIT,
    }
