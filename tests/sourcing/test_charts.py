"""The cumulative cost chart: plain SVG that WeasyPrint can draw, with the options and the break-even."""

from decimal import Decimal as D
from xml.etree import ElementTree

from defusedxml.ElementTree import fromstring

from sourcing.charts import MAX_VENDOR_LINES, cumulative_cost_chart
from sourcing.costs import VendorPrice, compare
from tests.sourcing.test_costs import SMALL, VENDOR_A, VENDOR_B

SVG = "{http://www.w3.org/2000/svg}"
PLAIN_ELEMENTS = {"svg", "title", "rect", "line", "polyline", "circle", "text"}


def _tags(svg: str) -> set[str]:
    return {element.tag.removeprefix(SVG) for element in fromstring(svg).iter()}


def test_the_chart_is_plain_svg_with_one_line_per_option_and_a_legend():
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
