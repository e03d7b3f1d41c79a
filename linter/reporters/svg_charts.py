"""Small bar charts as inline SVG markup, for the HTML report: no script, no library, escaped labels."""

from __future__ import annotations

from markupsafe import Markup, escape

BAR_COLOR = "#4a6fa5"


def bar_chart(bars: list[tuple[str, float, str]], title: str, width: int = 360, bar_height: int = 18) -> Markup:
    """Horizontal bars, one a row: (label, value, colour), the value written after each bar."""
    label_width, value_width = 110, 50
    top = max((value for _, value, _ in bars), default=0) or 1
    height = bar_height * len(bars) + 4
    rows = []
    for i, (label, value, color) in enumerate(bars):
        y = i * bar_height + 2
        length = (width - label_width - value_width) * value / top
        rows.append(
            f'<text x="{label_width - 6}" y="{y + bar_height - 5}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 2}" width="{length:.1f}" height="{bar_height - 4}" fill="{color}">'
            f"<title>{escape(label)}: {_number(value)}</title></rect>"
            f'<text x="{label_width + length + 4:.1f}" y="{y + bar_height - 5}">{_number(value)}</text>'
        )
    return _svg(width, height, title, "".join(rows))


def column_chart(
    values: list[float], title: str, labels: list[str] | None = None, width: int = 360, height: int = 90
) -> Markup:
    """Vertical columns in order (a histogram, or sentence lengths in reading order), each with a tooltip; the
    tallest column's value is written at the top left."""
    top = max(values, default=0) or 1
    step = width / max(1, len(values))
    columns = []
    for i, value in enumerate(values):
        column_height = (height - 14) * value / top
        tip = f"{escape(labels[i])}: {_number(value)}" if labels else _number(value)
        columns.append(
            f'<rect x="{i * step:.1f}" y="{height - column_height:.1f}" width="{max(step - 1, 0.5):.1f}" '
            f'height="{column_height:.1f}" fill="{BAR_COLOR}"><title>{tip}</title></rect>'
        )
    scale = f'<text x="0" y="10">max {_number(max(values, default=0))}</text>'
    return _svg(width, height, title, scale + "".join(columns))


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def _svg(width: int, height: int, title: str, body: str) -> Markup:
    return Markup(
        f'<svg class="chart" role="img" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>{body}</svg>'
    )
