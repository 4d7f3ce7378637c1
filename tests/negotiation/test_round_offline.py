"""A vendor in a best-and-final round revises with the offline workbook: the workbook carries its
revisions, a price change goes to the round (sealed like the online one), and a change to a section
the round does not open is refused with the row and the reason, saving nothing."""

import pytest

from negotiation.models import Revision
from tests.negotiation.test_rounds import VISTULA, answer, open_round, response_of, revise
from tests.vendors.offline_support import answer_cell, exported, fill
from vendors import offline


def test_a_workbook_revision_goes_to_the_round_and_the_buyer_still_reads_the_old_price(tender, paula, vistula_manager):
    open_round(tender, paula, names=(VISTULA,), sections=("turnover",))
    revise(tender, vistula_manager, VISTULA, "turnover-03", "Revised online first.")
    response = response_of(tender, VISTULA)
    workbook = exported(response)
    assert answer_cell(workbook, "turnover-03").value == "Revised online first."  # the revision, not the answer
    check = offline.apply_workbook(
        response=response, content=fill(workbook, {"pricing-01": 1500000}), by=vistula_manager
    )
    assert [change.question.key for change in check.changes] == ["pricing-01"]
    revision = Revision.objects.get(participant__response=response, question__key="pricing-01")
    assert revision.value == 1_500_000.0
    assert answer(tender, VISTULA, "pricing-01").value == 3_420_000.0


def test_a_workbook_change_outside_the_round_is_refused_and_nothing_is_saved(tender, paula, vistula_manager):
    open_round(tender, paula, names=(VISTULA,), sections=("turnover",))
    response = response_of(tender, VISTULA)
    content = fill(exported(response), {"pricing-01": 1500000, "security-02": "A rewritten security answer."})
    with pytest.raises(offline.WorkbookRefused) as refused:
        offline.apply_workbook(response=response, content=content, by=vistula_manager)
    problems = " ".join(refused.value.check.problems)
    assert "(security-02): this round lets you revise the price and: Agent attrition and workforce." in problems
    assert not Revision.objects.filter(participant__response=response).exists()
