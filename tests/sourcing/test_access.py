"""Who reaches a make-or-buy assessment beyond the access matrix: standalone assessments belong
to their owner alone, attached ones follow the RFP's team, vendors never see one."""

import pytest
from django.http import Http404
from django.urls import reverse

from rfp.models import MemberRole
from sourcing.access import get_assessment_for_user, rfps_open_to_attach
from tests.factories import MemberFactory, RFPFactory
from tests.sourcing.factories import AssessmentFactory


@pytest.fixture
def sketch(piotr):
    """Piotr's standalone assessment."""
    return AssessmentFactory(owner=piotr, title="Piotr's sketch")


def test_the_owner_reads_and_changes_a_standalone_assessment(piotr, sketch):
    assert get_assessment_for_user(piotr, sketch.pk, write=True) == (sketch, True)


@pytest.mark.parametrize("persona", ["paula", "omar", "dana", "ana"])
def test_nobody_else_sees_a_standalone_assessment(request, sketch, persona, login):
    user = request.getfixturevalue(persona)
    with pytest.raises(Http404):
        get_assessment_for_user(user, sketch.pk)
    client = login(user)
    for name in ("sourcing:detail", "sourcing:edit"):
        assert client.get(reverse(name, args=[sketch.pk])).status_code == 404
    assert client.post(reverse("sourcing:delete", args=[sketch.pk])).status_code == 404


def test_an_unknown_assessment_is_a_404_like_a_forbidden_one(paula):
    with pytest.raises(Http404):
        get_assessment_for_user(paula, 999_999)


def test_an_attached_assessment_follows_the_rfp_membership(paula, omar, dana, piotr, world):
    assessment = AssessmentFactory(rfp=world.rfp, owner=paula)
    assert get_assessment_for_user(paula, assessment.pk, write=True)[1] is True
    assert get_assessment_for_user(omar, assessment.pk)[1] is False
    assert get_assessment_for_user(dana, assessment.pk)[1] is False
    for user in (omar, dana):
        with pytest.raises(Http404):
            get_assessment_for_user(user, assessment.pk, write=True)
    with pytest.raises(Http404):
        get_assessment_for_user(piotr, assessment.pk)


def test_an_attached_assessment_stays_with_the_rfp_when_its_author_leaves_the_team(paula, piotr, world):
    assessment = AssessmentFactory(rfp=world.rfp, owner=piotr)  # piotr is not a member of the RFP
    with pytest.raises(Http404):
        get_assessment_for_user(piotr, assessment.pk)
    assert get_assessment_for_user(paula, assessment.pk)[0] == assessment


def test_vendor_users_never_see_an_assessment_not_even_their_own_rfps(ana, world):
    assessment = AssessmentFactory(rfp=world.rfp, owner=world.users["procurement"])
    with pytest.raises(Http404):
        get_assessment_for_user(ana, assessment.pk)


def test_only_rfps_the_user_runs_without_an_assessment_can_be_attached(paula, omar):
    free, taken, judged = RFPFactory(), RFPFactory(), RFPFactory()
    MemberFactory(rfp=free, user=paula, role=MemberRole.PROCUREMENT)
    MemberFactory(rfp=taken, user=paula, role=MemberRole.PROCUREMENT)
    MemberFactory(rfp=judged, user=paula, role=MemberRole.EVALUATOR)
    AssessmentFactory(rfp=taken, owner=paula)
    assert list(rfps_open_to_attach(paula)) == [free]
    assert not rfps_open_to_attach(omar).exists()


def test_an_evaluator_cannot_open_the_new_assessment_form(login, omar):
    assert login(omar).get(reverse("sourcing:create")).status_code == 404
