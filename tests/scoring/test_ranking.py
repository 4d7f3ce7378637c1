"""The ranking: the selector and `manage.py rank` agree with the engine; what-if re-ranks
without saving; AHP derives weights and refuses an inconsistent matrix unless overridden."""

import io
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from rfp.models import AuditEntry, Section, SectionKind, Status
from scoring import engine
from scoring.models import Consensus, Score, WeightDerivation
from scoring.selectors import ranking_for_rfp, what_if
from tests.factories import QuestionFactory, SectionFactory
from tests.scoring.access_cases import prepare_evaluation
from vendors.models import Answer, AnswerState


@pytest.fixture
def scored(world):
    """Both bids answered and scored by Omar (Northwind 4s, Bluepeak 2s), with a price section
    and a knockout that Bluepeak fails."""
    prepare_evaluation(world)
    for section in world.sections:
        section.weight = 40
        section.save(update_fields=["weight"])
    price = SectionFactory(rfp=world.rfp, kind=SectionKind.PRICE, weight=20, title="Price")
    price_q = QuestionFactory(section=price, type="number", is_price=True, rubric=None)
    knockout = QuestionFactory(
        section=world.sections[0],
        type="yes_no",
        rubric=None,
        scored=False,
        choices=[{"label": "Yes"}, {"label": "No"}],
        knockout={"op": "equals", "value": "Yes"},
        knockout_reason="No PCI DSS attestation",
    )
    now = timezone.now()
    for key, price_value, ko in (("vendor", 300000, "Yes"), ("rival", 150000, "No")):
        response = world.responses[key]
        Answer.objects.create(response=response, question=price_q, state=AnswerState.ANSWERED, value=price_value)
        Answer.objects.create(response=response, question=knockout, state=AnswerState.ANSWERED, value=ko)
    for (key, _qid), answer in world.extra["answers"].items():
        if not answer.question.auto_rule:
            points = 4 if key == "vendor" else 2
            Score.objects.create(answer=answer, evaluator=world.users["evaluator"], points=points, submitted_at=now)
    return world


def _independent_inputs(rfp):
    """Engine inputs built the plain way, row by row, to check the selector's fast path."""
    sections = list(rfp.sections.order_by("order", "id"))
    specs = [engine.SectionSpec(s.id, s.title, float(s.weight), s.kind) for s in sections]
    questions = [
        engine.QuestionSpec(
            q.id,
            q.section_id,
            float(q.weight),
            q.scored and not q.is_price and q.section.kind != "price",
            q.required,
            q.auto_rule,
            q.choices,
            q.knockout,
            q.knockout_reason,
        )
        for s in sections
        for q in s.questions.all()
    ]
    answers, vendors = [], []
    for response in rfp.responses.filter(status="submitted").select_related("vendor"):
        price = None
        for a in response.answers.all():
            scores = [(s.evaluator_id, s.points) for s in a.scores.filter(submitted_at__isnull=False)]
            consensus = Consensus.objects.filter(answer=a).values_list("points", flat=True).first()
            answers.append(engine.AnswerInput(response.vendor_id, a.question_id, a.state, a.value, scores, consensus))
            if a.question.is_price:
                price = a.value
        vendors.append(engine.VendorInput(response.vendor_id, response.vendor.name, price, response.submitted_at))
    return engine.rank(specs, questions, vendors, answers, engine.Config())


def test_the_selector_ranks_exactly_as_the_engine_does(scored):
    ranking = ranking_for_rfp(scored.rfp)
    expected = _independent_inputs(scored.rfp)
    assert not ranking.error
    assert [(v.vendor_id, v.rank, v.total, v.knocked_out) for v in ranking.result.vendors] == [
        (v.vendor_id, v.rank, v.total, v.knocked_out) for v in expected.vendors
    ]


def test_a_failed_knockout_ranks_the_vendor_last_with_the_reason(scored):
    ranking = ranking_for_rfp(scored.rfp)
    last = ranking.rows[-1]
    assert last.label == "Bluepeak BPO" and last.result.knocked_out
    assert last.result.knockout_reasons == ("No PCI DSS attestation",)


def test_rank_json_prints_one_object_matching_the_engine(scored):
    out = io.StringIO()
    call_command("rank", scored.rfp.reference, format="json", stdout=out)
    data = json.loads(out.getvalue())
    expected = _independent_inputs(scored.rfp)
    assert set(data) == {"rfp", "method", "provisional", "vendors"}
    assert data["rfp"] == scored.rfp.reference and data["method"] == "wsm"
    assert [v["vendor"] for v in data["vendors"]] == [v.name for v in expected.vendors]
    for line, result in zip(data["vendors"], expected.vendors, strict=True):
        assert set(line) == {
            "vendor",
            "rank",
            "total",
            "technical",
            "price_score",
            "sections",
            "knocked_out",
            "knockout_reasons",
            "flags",
        }
        assert line["total"] == round(result.total, 2)
        assert line["rank"] == result.rank
        assert line["knockout_reasons"] == list(result.knockout_reasons)
        assert set(line["sections"]) == {s.title for s in scored.rfp.sections.all()}
        assert 0 <= line["total"] <= 100


def test_rank_table_and_topsis_run(scored):
    out = io.StringIO()
    call_command("rank", scored.rfp.reference, method="topsis", stdout=out)
    assert "Northwind Contact" in out.getvalue() and "method=topsis" in out.getvalue()


@pytest.mark.parametrize(
    "options, message",
    [({"format": "xml"}, "Unknown format"), ({"method": "ahp"}, "Unknown method")],
)
def test_rank_refuses_bad_options_with_one_line(scored, options, message):
    with pytest.raises(CommandError, match=message) as error:
        call_command("rank", scored.rfp.reference, stdout=io.StringIO(), **options)
    assert "\n" not in str(error.value)


def test_rank_of_an_unknown_reference_fails(db):
    with pytest.raises(CommandError, match="No RFP"):
        call_command("rank", "RFP-1999-999", stdout=io.StringIO())


def test_rank_from_the_command_line_exits_non_zero_with_one_line():
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "manage.py", "rank", "NOPE-1", "--format", "json", "--bogus"],
        cwd=root,
        capture_output=True,
        text=True,
        env={"DEBUG": "1", "PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:////tmp/shortlist-test-rank.sqlite3"},
        timeout=60,
    )
    assert done.returncode != 0
    assert len(done.stderr.strip().splitlines()) == 1
    assert done.stdout == ""


def test_what_if_reranks_without_saving(scored, login):
    ranking = ranking_for_rfp(scored.rfp)
    price_id = next(s.id for s in ranking.sections if s.is_price)
    weights = [100.0 if s.id == price_id else 0.0 for s in ranking.sections]
    rows = what_if(ranking, weights)
    # Price only: the cheaper Bluepeak scores higher but stays below as knocked out.
    assert [r.row.label for r in rows] == ["Northwind Contact", "Bluepeak BPO"]
    before = list(Section.objects.order_by("id").values_list("weight", flat=True))
    response = login(scored.users["executive"]).post(
        reverse("scoring:what_if", kwargs={"ref": scored.rfp.reference}),
        {f"w_{s.id}": ("100" if s.id == price_id else "0") for s in ranking.sections},
    )
    assert response.status_code == 200 and "Effective weights" in response.content.decode()
    assert list(Section.objects.order_by("id").values_list("weight", flat=True)) == before


def test_what_if_refuses_nonsense_weights_with_a_message(scored, login):
    client = login(scored.users["procurement"])
    url = reverse("scoring:what_if", kwargs={"ref": scored.rfp.reference})
    for value in ("abc", "-5", "nan"):
        response = client.post(url, {f"w_{s.id}": value for s in scored.rfp.sections.all()})
        assert response.status_code == 200
        assert "alert" in response.content.decode()
    response = client.post(url, {f"w_{s.id}": "0" for s in scored.rfp.sections.all()})
    assert "above zero" in response.content.decode()


def test_the_dashboard_shows_heat_map_knockouts_flags_and_robustness(scored, login):
    page = login(scored.users["procurement"]).get(reverse("scoring:ranking", kwargs={"ref": scored.rfp.reference}))
    html = page.content.decode()
    assert "sl-heatmap" in html and "<svg" in html
    assert "No PCI DSS attestation" in html
    assert "Fewer than two vendors are in the running" in html  # Bluepeak is knocked out


def _ahp_post(client, rfp, sections, judgements, action="apply", override=False):
    data = {"s": [s.id for s in sections], "action": action}
    pairs = [(i, j) for i in range(len(sections)) for j in range(i + 1, len(sections))]
    for (i, j), value in zip(pairs, judgements, strict=True):
        data[f"pair_{i}_{j}"] = value
    if override:
        data["override"] = "on"
    return client.post(reverse("scoring:ahp", kwargs={"ref": rfp.reference}), data)


@pytest.fixture
def three_sections(world):
    world.rfp.status = Status.DRAFT  # weights are derived while drafting, before vendors bid
    world.rfp.save(update_fields=["status"])
    third = SectionFactory(rfp=world.rfp, weight=0, title="Security")
    for section, weight in zip(world.sections, (30, 30, 40), strict=True):
        section.weight = weight
        section.save(update_fields=["weight"])
    return [*world.sections[:2], third]


def test_ahp_applies_consistent_weights_and_logs_them(world, login, three_sections):
    client = login(world.users["procurement"])
    response = _ahp_post(client, world.rfp, three_sections, ["1", "1/2", "1/2"])
    assert response.status_code == 302
    weights = [
        float(w)
        for w in Section.objects.filter(pk__in=[s.pk for s in three_sections])
        .order_by("order", "id")
        .values_list("weight", flat=True)
    ]
    assert sum(weights) == pytest.approx(100)
    assert weights == pytest.approx([25, 25, 50], abs=0.01)
    derivation = WeightDerivation.objects.get()
    assert derivation.random_index_source == "Saaty 1980" and not derivation.overridden
    assert AuditEntry.objects.filter(action="evaluation.weights_applied").exists()


def test_ahp_refuses_an_inconsistent_matrix_unless_overridden(world, login, three_sections):
    client = login(world.users["procurement"])
    inconsistent = ["9", "1/9", "9"]  # A >> B, C >> A, B >> C: a cycle
    before = list(Section.objects.order_by("id").values_list("weight", flat=True))
    response = _ahp_post(client, world.rfp, three_sections, inconsistent)
    assert response.status_code == 200 and "inconsistent" in response.content.decode()
    assert list(Section.objects.order_by("id").values_list("weight", flat=True)) == before
    response = _ahp_post(client, world.rfp, three_sections, inconsistent, override=True)
    assert response.status_code == 302
    assert WeightDerivation.objects.get().overridden


def test_ahp_weights_cannot_be_applied_once_vendors_can_bid(world, login, three_sections):
    world.rfp.status = Status.EVALUATION
    world.rfp.save(update_fields=["status"])
    before = list(Section.objects.order_by("id").values_list("weight", flat=True))
    response = _ahp_post(login(world.users["procurement"]), world.rfp, three_sections, ["1", "1/2", "1/2"])
    assert response.status_code == 200
    assert "Weights are fixed once the RFP is published" in response.content.decode()
    assert list(Section.objects.order_by("id").values_list("weight", flat=True)) == before


def test_ahp_shares_out_only_the_weight_of_the_compared_sections(world, login, three_sections):
    client = login(world.users["procurement"])
    first_two = three_sections[:2]
    _ahp_post(client, world.rfp, first_two, ["3"])
    weights = dict(Section.objects.values_list("id", "weight"))
    assert weights[three_sections[2].id] == Decimal("40")
    assert weights[first_two[0].id] == Decimal("45") and weights[first_two[1].id] == Decimal("15")


def test_ahp_calculate_shows_the_cr_and_changes_nothing(world, login, three_sections):
    client = login(world.users["procurement"])
    response = _ahp_post(client, world.rfp, three_sections, ["1", "1/2", "1/2"], action="preview")
    assert response.status_code == 200
    assert "Consistency ratio" in response.content.decode()
    assert not WeightDerivation.objects.exists()
