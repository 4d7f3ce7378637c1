"""The cumulative cost chart: plain SVG that WeasyPrint can draw, with the options and the break-even;
each line told apart by a marker shape and its name at its end, in both directions."""

from dataclasses import replace
from decimal import Decimal as D
from xml.etree import ElementTree

from defusedxml.ElementTree import fromstring
from django.utils import translation

from sourcing.charts import MAX_VENDOR_LINES, cumulative_cost_chart, spread_labels
from sourcing.costs import VendorPrice, compare
from sourcing.rules import HybridPlan
from tests.sourcing.test_costs import SMALL, VENDOR_A, VENDOR_B

SVG = "{http://www.w3.org/2000/svg}"
PLAIN_ELEMENTS = {"svg", "title", "rect", "line", "polyline", "polygon", "circle", "text"}
FSI, PDI = "\u2068", "\u2069"
# In-house, hosted, hybrid and five vendors: eight lines, two pairs of them ending close together.
WITH_HYBRID = replace(
    SMALL, peak_extra_seats=4, peak_months=3, hybrid=HybridPlan(outsource_peaks=True, simple_share=20)
)
FIVE_VENDORS = [
    VendorPrice(1, "Harbor Premium Contact", D("640000")),
    VendorPrice(2, "Meridian Digital Care", D("600000")),
    VendorPrice(3, "Atlas Multilingual Services", D("602000")),
    VendorPrice(4, "Vistula Nearshore CX", D("520000")),
    VendorPrice(5, "Coral Coast Outsourcing", D("690000")),
]


def _tags(svg: str) -> set[str]:
    return {element.tag.removeprefix(SVG) for element in fromstring(svg).iter()}


def test_the_chart_is_plain_svg_with_one_line_per_option_each_named():
    svg = cumulative_cost_chart(compare(SMALL, [VENDOR_A, VENDOR_B]), "USD")
    assert _tags(svg) <= PLAIN_ELEMENTS  # no foreignObject, script or style
    assert "var(" not in svg and "<style" not in svg
    root = fromstring(svg)
    assert len(root.findall(f"{SVG}polyline")) == 4  # in-house, hosted, vendor A, vendor B
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"In-house", "Hosted (CCaaS)", "Vendor A", "Vendor B"} <= set(texts)
    assert "Year 3" in texts


def test_the_chart_marks_the_break_even_year():
    svg = cumulative_cost_chart(compare(SMALL, [VENDOR_A, VENDOR_B]), "USD")
    assert "Break-even: year 2" in svg  # in-house catches up with vendor B in year 2
    assert "In-house breaks even" in svg


def test_no_break_even_marker_when_in_house_never_catches_up():
    svg = cumulative_cost_chart(compare(SMALL, [VENDOR_A]), "USD")
    assert "Break-even" not in svg


def test_many_vendors_draw_the_cheapest_few_and_say_how_many_are_left_out():
    prices = [VendorPrice(n, f"Vendor {n:02d}", D(500_000 + n * 10_000)) for n in range(12)]
    svg = cumulative_cost_chart(compare(SMALL, prices), "USD")
    root = fromstring(svg)
    assert len(root.findall(f"{SVG}polyline")) == 2 + MAX_VENDOR_LINES
    assert f"+ {12 - MAX_VENDOR_LINES} more vendors in the table" in svg


def test_vendor_names_are_escaped():
    svg = cumulative_cost_chart(compare(SMALL, [VendorPrice(1, "<Evil & Co>", D(600000))]), "USD")
    assert "&lt;Evil &amp; Co&gt;" in svg
    ElementTree.fromstring(svg)  # still well-formed


def _number(value: str) -> float:
    return float(value)


def _shape(element) -> tuple:
    """What a reader sees of a marker: its kind and outline around its centre, wherever it is drawn."""
    tag = element.tag.removeprefix(SVG)
    if tag == "circle":
        return ("circle", ((_number(element.get("r")), 0.0),))
    if tag == "rect":
        return ("rect", ((_number(element.get("width")), _number(element.get("height"))),))
    points = [tuple(map(float, point.split(","))) for point in element.get("points").split()]
    cx = sum(x for x, _y in points) / len(points)
    cy = sum(y for _x, y in points) / len(points)
    return ("polygon", tuple((x - cx, y - cy) for x, y in points))


def _same(a: tuple, b: tuple) -> bool:
    """The same shape, to the tenth of a pixel the coordinates are written with."""
    return (
        a[0] == b[0]
        and len(a[1]) == len(b[1])
        and all(abs(p - q) < 0.3 for pa, pb in zip(a[1], b[1], strict=True) for p, q in zip(pa, pb, strict=True))
    )


def _lines(svg: str) -> list[dict]:
    """Each option's line: its colour, where it ends, the shapes of the markers in its colour and
    the labels drawn just after its end."""
    root = fromstring(svg)
    markers = [e for e in root.iter() if e.tag in (f"{SVG}circle", f"{SVG}rect", f"{SVG}polygon")]
    lines = []
    for polyline in root.iter(f"{SVG}polyline"):
        colour = polyline.get("stroke")
        end_x, end_y = map(float, polyline.get("points").split()[-1].split(","))
        lines.append(
            {
                "colour": colour,
                "end": (end_x, end_y),
                "shapes": [_shape(m) for m in markers if m.get("fill") == colour],
            }
        )
    return lines


def _labels(svg: str) -> dict[str, tuple[float, float]]:
    """Every text of the chart (isolates taken out) at its position."""
    root = fromstring(svg)
    return {
        t.text.replace(FSI, "").replace(PDI, ""): (float(t.get("x")), float(t.get("y")))
        for t in root.iter(f"{SVG}text")
    }


def test_each_of_eight_lines_has_its_own_marker_shape_at_every_year():
    comparison = compare(WITH_HYBRID, FIVE_VENDORS)
    svg = cumulative_cost_chart(comparison, "USD")
    assert _tags(svg) <= PLAIN_ELEMENTS
    lines = _lines(svg)
    assert len(lines) == 8
    for line in lines:
        first = line["shapes"][0]
        assert all(_same(first, shape) for shape in line["shapes"]), f"one marker shape on {line['colour']}"
        # One marker at each year, and one more beside the line's name.
        assert len(line["shapes"]) == comparison.years + 1
    for i, line in enumerate(lines):
        for other in lines[i + 1 :]:
            assert not _same(line["shapes"][0], other["shapes"][0]), "no two lines share a marker shape"
    assert len({line["colour"] for line in lines}) == 8


def test_each_line_is_named_at_its_end_and_the_names_do_not_overlap():
    comparison = compare(WITH_HYBRID, FIVE_VENDORS)
    svg = cumulative_cost_chart(comparison, "USD")
    labels = _labels(svg)
    names = [o.label for o in comparison.options]
    assert len(names) == 8 and set(names) <= set(labels)
    ends = dict(zip(names, (line["end"] for line in _lines(svg)), strict=True))
    for name in names:
        x, _y = labels[name]
        assert 0 < x - ends[name][0] < 60, f"{name} is named just after the end of its line"
    # Meridian and Atlas end 2,000 a year apart: their names are nudged apart, a line of text
    # at least, and every name keeps the order of the line ends from top to bottom.
    heights = sorted(labels[name][1] for name in names)
    assert min(b - a for a, b in zip(heights, heights[1:], strict=False)) >= 13
    by_end = sorted(names, key=lambda name: ends[name][1])
    assert by_end == sorted(names, key=lambda name: labels[name][1])
    assert abs(labels["Meridian Digital Care"][1] - labels["Atlas Multilingual Services"][1]) >= 13


def test_nudging_keeps_labels_near_their_lines_and_inside_the_plot():
    assert spread_labels([50, 100, 150], 16, 0, 300) == [50, 100, 150], "apart already: unmoved"
    placed = spread_labels([100, 101, 102], 16, 0, 300)
    assert placed == sorted(placed) and placed[1] - placed[0] >= 16 and placed[2] - placed[1] >= 16
    assert abs(sum(placed) / 3 - 101) < 1e-9, "a crowded group is centred where it wants to be"
    assert spread_labels([295, 296, 297], 16, 0, 300)[-1] <= 300, "pushed up from the bottom edge"
    assert spread_labels([0, 1, 2], 16, 10, 300)[0] >= 10


def test_right_to_left_labels_read_in_their_own_direction_and_the_note_sits_on_the_start_side():
    hebrew = [VendorPrice(1, "שירות לקוחות (CX) 24", D("600000")), VENDOR_B]
    with translation.override("he"):
        svg = cumulative_cost_chart(compare(SMALL, hebrew), "USD")
    root = fromstring(svg)
    texts = {t.text: t for t in root.iter(f"{SVG}text")}
    # A browser lays the name out right to left (isolated, first strong letter), a Latin name
    # stays as it is; anchors stay physical: the chart is drawn left to right in every language.
    assert f"{FSI}שירות לקוחות (CX) 24{PDI}" in texts
    assert "Vendor B" in texts
    assert root.get("direction") == "ltr"
    name = texts[f"{FSI}שירות לקוחות (CX) 24{PDI}"]
    assert name.get("text-anchor") == "start"
    note = next(t for t in root.iter(f"{SVG}text") if t.get("font-size") == "11" and t.get("text-anchor") == "end")
    with translation.override("he"):
        left_to_right = cumulative_cost_chart(compare(SMALL, hebrew), "USD", rtl=False)
    note_ltr = next(t for t in fromstring(left_to_right).iter(f"{SVG}text") if t.text == note.text)
    assert float(note.get("x")) > float(note_ltr.get("x")), "the footnote moves to the right, where RTL reading starts"
