"""Server-side SVG charts of a review's key figures and its PRISMA flow.

The view turns findings and PRISMA stages into these dataclasses, geometry and
all; the templates (`_bar_chart.html`, `_prisma.html`) only draw them. Each
chart carries its own text equivalent (a table, or an ordered list) and a
sentence that says the numbers for its accessible name.
"""

import textwrap
from dataclasses import dataclass, field

from .models import FindingCategory, StageKind

CHART_WIDTH = 360  # drawn 1:1 on a phone (the content is ~358 px wide at 390 px)
BAR_AREA = 250  # width of 100 %
BAR_HEIGHT = 14
BAR_GAP = 4
LABEL_HEIGHT = 18
GROUP_GAP = 12
LEGEND_HEIGHT = 26
AXIS_HEIGHT = 22


@dataclass
class Bar:
    series: int
    x: float
    y: float
    width: float
    height: float
    text: str
    text_x: float
    text_y: float


@dataclass
class Group:
    label: str
    label_y: float
    bars: list


@dataclass
class Tick:
    x: float
    y1: float
    y2: float
    label: str
    label_y: float


@dataclass
class LegendItem:
    series: int
    name: str
    x: float
    y: float


@dataclass
class BarChart:
    id: str
    title: str
    summary: str  # the numbers in a sentence (the SVG's description)
    width: int
    height: int
    groups: list
    ticks: list
    legend: list
    columns: list  # text equivalent: column headers after the row label
    rows: list  # text equivalent: (label, [cell texts])
    notes: list = field(default_factory=list)


def share_chart(chart_id, title, series):
    """Horizontal bars of percentages. `series`: [(name, [findings])]; bars grouped by finding label."""
    labels = []
    for _, findings in series:
        for finding in findings:
            if finding.label not in labels:
                labels.append(finding.label)
    values = {(name, f.label): f for name, findings in series for f in findings}
    multiple = len(series) > 1
    y = LEGEND_HEIGHT if multiple else 4
    groups, rows, notes, said = [], [], [], []
    for label in labels:
        group = Group(label, y + 13, [])
        y += LABEL_HEIGHT
        cells = []
        for index, (name, _) in enumerate(series, start=1):
            finding = values.get((name, label))
            if finding is None:
                cells.append("not stated")
                continue
            mark = "*" if finding.is_derived else ""
            width = max(1.0, min(float(finding.value), 100.0) / 100 * BAR_AREA)
            first = name.split()[0]
            suffix = f" {first if first.isupper() else first.lower()}" if multiple else ""
            text = f"{finding.stated}{mark}{suffix}"  # the review's qualifier kept: "almost 67%"
            group.bars.append(Bar(index, 0, y, round(width, 1), BAR_HEIGHT, text, round(width + 5, 1), y + 11))
            y += BAR_HEIGHT + BAR_GAP
            cells.append(f"{finding.stated}{mark}")
            computed = " (computed here, not stated in the review)" if finding.is_derived else ""
            said.append(f"{label}{' in ' + name if multiple else ''} {finding.stated}{computed}")
            if finding.is_derived:
                notes.append(f"* {label}: {finding.note}.")
        y += GROUP_GAP - BAR_GAP
        groups.append(group)
        rows.append((label, cells))
    axis_top = LEGEND_HEIGHT - 4 if multiple else 0
    ticks = [Tick(p / 100 * BAR_AREA, axis_top, y, f"{p}%", y + 15) for p in (0, 50, 100)]
    legend = [LegendItem(i, name, (i - 1) * 150, 4) for i, (name, _) in enumerate(series, start=1)] if multiple else []
    return BarChart(
        id=chart_id,
        title=title,
        summary=f"{title}: {'; '.join(said)}.",
        width=CHART_WIDTH,
        height=int(y + AXIS_HEIGHT),
        groups=groups,
        ticks=ticks,
        legend=legend,
        columns=[name for name, _ in series],
        rows=rows,
        notes=list(dict.fromkeys(notes)),
    )


def review_charts(findings):
    """The overview's charts, from whichever key figures the review has (a chart without data is left out)."""
    shares = {}
    for finding in findings:
        if finding.is_share:
            shares.setdefault(finding.category, []).append(finding)
    specs = [
        (
            "chart-modality",
            "Imaging modality: clinical papers versus AI papers",
            [
                ("Clinical papers", shares.get(FindingCategory.MODALITY_CLINICAL, [])),
                ("AI papers", shares.get(FindingCategory.MODALITY_AI, [])),
            ],
        ),
        ("chart-tasks", "Primary task of the AI papers", [("Share of papers", shares.get(FindingCategory.TASKS, []))]),
        (
            "chart-maturity",
            "Maturity of the AI papers",
            [("Share of papers", shares.get(FindingCategory.MATURITY, []))],
        ),
        (
            "chart-data-origin",
            "Where the AI papers' data came from",
            [("Share of papers", shares.get(FindingCategory.DATA_ORIGIN, []))],
        ),
        (
            "chart-geography",
            "Countries that donated the data",
            [("Share of data sources", shares.get(FindingCategory.GEOGRAPHY, []))],
        ),
    ]
    charts = []
    for chart_id, title, series in specs:
        series = [(name, items) for name, items in series if items]
        if series:
            charts.append(share_chart(chart_id, title, series))
    return charts


# The PRISMA flow -----------------------------------------------------------------------------------

FLOW_WIDTH = 400
MAIN_X, MAIN_WIDTH = 4, 220
SIDE_X, SIDE_WIDTH = 246, 150
LINE_HEIGHT = 17
BOX_PADDING = 12
ROW_GAP = 34
CHAR_WIDTH = 7.0  # average width of a 13 px character, for wrapping


@dataclass
class FlowText:
    text: str
    x: float
    y: float
    is_count: bool = False
    is_query: bool = False


@dataclass
class FlowBox:
    stage: object
    x: float
    y: float
    width: float
    height: float
    lines: list
    url: str = ""

    @property
    def label(self):
        return " ".join(line.text for line in self.lines)

    @property
    def is_excluded(self):
        return self.stage.kind == StageKind.EXCLUDED

    @property
    def bottom(self):
        return self.y + self.height

    @property
    def centre(self):
        return self.x + self.width / 2


@dataclass
class FlowArrow:
    path: str
    head: str  # points of the arrowhead polygon


@dataclass
class Flow:
    title: str
    width: int
    height: int
    boxes: list
    arrows: list
    steps: list  # text equivalent: (kind label, sentence, url)


def _box(stage, x, y, width, url=""):
    chars = max(12, int((width - 2 * BOX_PADDING) / CHAR_WIDTH))
    noun, _, rest = stage.label.partition(" ")
    wrap = textwrap.TextWrapper(chars, break_on_hyphens=False)
    texts = [(f"{stage.count:,} {noun.lower()}", True, False)]
    texts += [(text, False, False) for text in wrap.wrap(rest)]
    texts += [(text, False, True) for text in wrap.wrap(f"“{stage.query}”" if stage.query else "")]
    lines = []
    line_y = y + BOX_PADDING + 12
    for text, is_count, is_query in texts:
        lines.append(FlowText(text, x + width / 2, line_y, is_count=is_count, is_query=is_query))
        line_y += LINE_HEIGHT
    height = 2 * BOX_PADDING + LINE_HEIGHT * len(texts) - 4
    return FlowBox(stage, x, y, width, height, lines, url)


def _arrow(points):
    """A polyline through `points` ending in an arrowhead at the last point (pointing down or right)."""
    path = "M " + " L ".join(f"{x:g} {y:g}" for x, y in points)
    (x0, _), (x1, y1) = points[-2], points[-1]
    if x1 == x0:  # down
        head = f"{x1 - 5:g},{y1 - 8:g} {x1 + 5:g},{y1 - 8:g} {x1:g},{y1:g}"
    else:  # right
        head = f"{x1 - 8:g},{y1 - 5:g} {x1 - 8:g},{y1 + 5:g} {x1:g},{y1:g}"
    return FlowArrow(path, head)


def prisma_flow(stages, included_url):
    """Boxes and arrows: identified side by side, then down the main column, exclusions to the side."""
    stages = list(stages)
    identified = [s for s in stages if s.kind == StageKind.IDENTIFIED]
    if not identified:
        return None
    rest = [s for s in stages if s.kind != StageKind.IDENTIFIED]
    boxes, arrows = [], []
    gap = 20
    width = (FLOW_WIDTH - 2 * MAIN_X - gap * (len(identified) - 1)) / len(identified)
    top = [_box(s, MAIN_X + i * (width + gap), 4, width) for i, s in enumerate(identified)]
    height = max(box.height for box in top)
    for box in top:
        box.height = height
    boxes += top
    y = 4 + height + ROW_GAP
    main_centre = MAIN_X + MAIN_WIDTH / 2
    previous = None  # the last box of the main column
    pending_exclusion = None
    for stage in rest:
        if stage.kind == StageKind.EXCLUDED:
            pending_exclusion = stage
            continue
        url = included_url if stage.kind == StageKind.INCLUDED else ""
        if pending_exclusion is not None and previous is not None:
            side = _box(pending_exclusion, SIDE_X, previous.bottom + ROW_GAP / 2, SIDE_WIDTH)
            middle = side.y + side.height / 2
            arrows.append(_arrow([(main_centre, middle), (SIDE_X, middle)]))
            boxes.append(side)
            y = side.bottom + ROW_GAP / 2
            pending_exclusion = None
        box = _box(stage, MAIN_X, y, MAIN_WIDTH, url)
        if previous is None:
            for source in top:
                middle_y = source.bottom + ROW_GAP / 2
                arrows.append(_arrow([(source.centre, source.bottom), (source.centre, middle_y),
                                      (main_centre, middle_y), (main_centre, box.y)]))  # fmt: skip
        else:
            arrows.append(_arrow([(main_centre, previous.bottom), (main_centre, box.y)]))
        boxes.append(box)
        previous = box
        y = box.bottom + ROW_GAP
    title = flow_title(identified, next((s for s in stages if s.kind == StageKind.INCLUDED), None))
    return Flow(
        title, FLOW_WIDTH, int(max(b.bottom for b in boxes) + 6), boxes, arrows, prisma_steps(stages, included_url)
    )


def flow_title(identified, included):
    """The flow's title, with the numbers the review states only: each search's records (their sum is
    computed, so it is not announced as the review's), and the records included."""
    counts = [f"{stage.count:,}" for stage in identified]
    found = counts[0] if len(counts) == 1 else f"{', '.join(counts[:-1])} and {counts[-1]}"
    number = {2: "two", 3: "three", 4: "four"}.get(len(counts), str(len(counts)))
    searches = "records identified" if len(counts) == 1 else f"records identified by {number} searches"
    return f"PRISMA flow: {found} {searches}" + (f", {included.count:,} included" if included else "")


def prisma_arithmetic(stages):
    """What the flow implies but the review does not state, each marked as computed:
    [{"label", "value", "formula"}] (the records of all searches together, the duplicates removed)."""
    identified = [s.count for s in stages if s.kind == StageKind.IDENTIFIED]
    deduplicated = next((s.count for s in stages if s.kind == StageKind.DEDUPLICATED), None)
    if len(identified) < 2 and deduplicated is None:
        return []
    total = sum(identified)
    computed = []
    if len(identified) > 1:
        formula = " + ".join(f"{n:,}" for n in identified)
        computed.append({"label": "Records identified by the searches together", "value": total, "formula": formula})
    if deduplicated is not None:
        formula = f"{total:,} − {deduplicated:,}"
        computed.append({"label": "Duplicates removed", "value": total - deduplicated, "formula": formula})
    return computed


def prisma_steps(stages, included_url):
    """The flow as sentences, with the arithmetic between the steps, each result marked as computed."""
    steps = []
    identified = [s.count for s in stages if s.kind == StageKind.IDENTIFIED]
    identified_total, found = sum(identified), " + ".join(f"{n:,}" for n in identified)
    current = None
    for stage in stages:
        text = f"{stage.count:,} {stage.label[:1].lower()}{stage.label[1:]}"
        if stage.query:
            text += f" (search: {stage.query})"
        if stage.kind == StageKind.DEDUPLICATED:
            text += (
                f" (computed here: {found} − {stage.count:,} = {identified_total - stage.count:,} duplicates;"
                " the review does not state it)"
            )
            current = stage.count
        elif stage.kind == StageKind.EXCLUDED and current is not None:
            text += f" (computed here: {current:,} − {stage.count:,} = {current - stage.count:,} remain)"
            current -= stage.count
        url = included_url if stage.kind == StageKind.INCLUDED else ""
        steps.append((stage.get_kind_display(), text, url))
    return steps
