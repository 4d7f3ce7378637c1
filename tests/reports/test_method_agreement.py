"""The weighted sum and TOPSIS explain each other: TOPSIS shows its distances and the sections
that keep each bid from the ideal, its chart is labelled with what it draws, and the ranking page,
the executive dashboard and the PDF say whether the two methods agree on the winner, and why not."""

import math
import re

import pytest
from django.urls import reverse

from reports.pdf import ReportRenderer
from scoring.engine import topsis, topsis_detail


def test_topsis_detail_gives_the_same_closeness_and_splits_the_distance_to_the_ideal_by_criterion():
    matrix, weights = [[90.0, 40.0], [60.0, 80.0], [70.0, 70.0]], [60.0, 40.0]
    detail = topsis_detail(matrix, weights)
    assert detail.closeness == topsis(matrix, weights)
    for i, shares in enumerate(detail.gap_shares):
        assert math.fsum(shares) == pytest.approx(1.0)
        assert detail.closeness[i] == pytest.approx(
            detail.to_anti_ideal[i] / (detail.to_ideal[i] + detail.to_anti_ideal[i])
        )
    # The first bid is best on the first criterion: all its distance to the ideal is the second's.
    assert detail.gap_shares[0] == pytest.approx((0.0, 1.0))
    assert topsis_detail([[50.0, 50.0], [50.0, 50.0]], [1, 1]).gap_shares == ((0.0, 0.0), (0.0, 0.0))


def _text(html: str, anchor: str) -> str:
    start = html.index(anchor)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html[start : start + 4000]))


# The evaluated tender: Harbor leads the weighted sum on quality; Vistula is nearer the best price.
DISAGREEMENT = (
    "The weighted sum puts Harbor Premium Contact first; TOPSIS puts Vistula Nearshore CX first and "
    "Harbor Premium Contact in place 2."
)


def test_the_ranking_page_says_the_methods_disagree_and_topsis_shows_why(evaluated, login, paula):
    client = login(paula)
    url = reverse("scoring:ranking", kwargs={"ref": evaluated.reference})
    wsm = client.get(url).content.decode()
    assert DISAGREEMENT in _text(wsm, 'id="method-agreement"')
    assert "?method=topsis#topsis-why" in wsm
    topsis_page = client.get(url + "?method=topsis").content.decode()
    why = _text(topsis_page, 'id="topsis-why"')
    assert "Why TOPSIS ranks this way" in why
    # Best closeness first, with its distances and the sections furthest from the best.
    assert re.search(r"Vistula Nearshore CX 70 0\.087 0\.202 Pricing \(\d+%\)", why), why
    assert re.search(r"Harbor Premium Contact 67 0\.104 0\.211 Pricing \(99%\)", why), why


def test_the_topsis_chart_draws_closeness_under_its_own_name(evaluated, login, paula):
    page = login(paula).get(reverse("scoring:ranking", kwargs={"ref": evaluated.reference}) + "?method=topsis")
    chart = page.content.decode().split('class="sl-chart sl-bars"')[1].split("</svg>")[0]
    assert "Closeness to the ideal × 100" in chart
    assert ">Price<" not in chart  # no price part: closeness is not a sum of parts
    # Each bar is as long as the number printed beside it (closeness x 100, scale 3 px a point).
    for width, label in re.findall(r'width="([\d.]+)" height="22"[^>]*><title>[^:]+: ([\d.]+)</title>', chart):
        assert float(width) == pytest.approx(3 * float(label), abs=0.2)


def test_the_dashboard_and_the_pdf_say_whether_the_methods_agree(evaluated, login, dana):
    page = login(dana).get(reverse("reports:dashboard", kwargs={"ref": evaluated.reference})).content.decode()
    assert DISAGREEMENT in _text(page, 'id="method-agreement"')
    html = ReportRenderer(evaluated, language="en").html()
    assert DISAGREEMENT in re.sub(r"\s+", " ", html)
