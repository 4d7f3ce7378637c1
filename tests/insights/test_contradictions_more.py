"""Contradictions stated the way bids state them: agents on a shift against the seats, shifts
whose length is written in words, a promise of every contractual target against a lost contract,
and a PCI DSS claim whose file answer shows what was sent instead."""

import pytest

from insights import data
from insights.engine import CONTRADICTION, AnswerInput, analyse
from insights.engine.contradictions import HOURS_RANGE, _hours


def run(*answers):
    return analyse(data.bank_questions().values(), answers, data.expectations(), data.relations())


def contradictions(*answers):
    return [f for f in run(*answers).findings if f.kind == CONTRADICTION]


@pytest.mark.parametrize(
    "text",
    [
        "Peak staffing is 120 agents logged in on the 09:00 to 17:00 day shift, all working from the Cork centre "
        "with no home working.",
        "בשעות השיא, 18:00 עד 22:00, יהיו 120 נציגים מחוברים במשמרת, כולם באתר; איננו מציעים עבודה מהבית.",
    ],
)
def test_more_agents_on_a_shift_than_seats_is_a_contradiction_quoting_both(text):
    agents = AnswerInput(1, "V", "pricing-04", text=text)
    seats = AnswerInput(2, "V", "location-03", value=85)
    [finding] = contradictions(agents, seats)
    assert (finding.code, finding.params) == ("agents_at_once_exceed_seats", {"agents": 120, "seats": 85})
    assert set(finding.answer_ids) == {1, 2}
    assert finding.evidence[1].text == "85"


@pytest.mark.parametrize(
    "text",
    [
        "Peak staffing is 80 agents logged in on the day shift, all working from the Cork centre.",  # fits
        "Peak staffing is 120 agents logged in on the day shift.",  # where they sit is not said
        "Peak staffing could reach 120 agents on the day shift if volumes double, all on site.",  # conditional
        "Across all clients, 400 agents are logged in at the peak, all working from the Cork centre.",  # the site
    ],
)
def test_agents_on_a_shift_that_fit_or_may_not_sit_there_are_not_flagged(text):
    seats = AnswerInput(2, "V", "location-03", value=85)
    assert not contradictions(AnswerInput(1, "V", "pricing-04", text=text), seats)


def test_two_nine_hour_shifts_written_in_arabic_words_do_not_cover_a_promised_day():
    claim = AnswerInput(1, "V", "location-04", text="ويتيح لنا الموقع تقديم الخدمة على مدار الساعة طوال أيام الأسبوع.")
    shifts = AnswerInput(2, "V", "pricing-04", text="نفترض تشغيل ورديتين من تسع ساعات، سبعة أيام في الأسبوع.")
    [finding] = contradictions(claim, shifts)
    assert finding.code == "round_the_clock"
    assert "ورديتين من تسع ساعات" in finding.evidence[1].text


def test_a_clock_range_to_twenty_hundred_is_twelve_hours():
    assert _hours(HOURS_RANGE.search("from 08:00 to 20:00 on weekdays")) == 12


def test_every_contractual_target_met_against_a_contract_lost_for_missed_months():
    claim = AnswerInput(
        1, "V", "sla-07", text="Over the last 36 months we have met every contractual service level on every account."
    )
    lost = AnswerInput(
        2, "V", "references-04", text="In 2023 a client did not renew after we missed the 80/20 service level."
    )
    [finding] = contradictions(claim, lost)
    assert finding.code == "claim_always_met"
    arabic = AnswerInput(3, "W", "sla-07", text="ونفخر بأننا لم نُخلّ بأي مؤشر أداء تعاقدي لدى أي عميل منذ عام 2016.")
    dropped = AnswerInput(4, "W", "continuity-05", text="انخفض مستوى الخدمة إلى 52% لمدة سبعة أسابيع.")
    [finding] = contradictions(arabic, dropped)
    assert finding.code == "claim_always_met"


def test_a_pci_claim_flags_the_file_answer_too_and_a_product_named_pci_is_no_claim():
    claim = AnswerInput(1, "V", "security-04", value="Yes", text="We hold a PCI DSS attestation; the AOC is attached.")
    files = AnswerInput(2, "V", "security-02", attachments=("ISO27001_Certificate.pdf",))
    [finding] = contradictions(claim, files)
    assert finding.answer_ids == (1, 2)
    assert finding.evidence[1].text == "ISO27001_Certificate.pdf"
    product = AnswerInput(3, "W", "security-05", text="نستخدم خدمة PCI Pal السحابية لإخفاء أرقام البطاقات.")
    assert not contradictions(product)
