"""Creating and editing an assessment through the form: good input saves, bad input explains
itself and changes nothing."""

import pytest
from django.urls import reverse

from rfp.models import AuditEntry, MemberRole
from sourcing.models import Assessment
from tests.factories import MemberFactory, RFPFactory
from tests.sourcing.factories import AssessmentFactory

GOOD = {
    "title": "Make or buy: customer service",
    "currency": "EUR",
    "seats": "40",
    "peak_extra_seats": "0",
    "peak_months": "0",
    "free_space_seats": "40",
    "complexity": "medium",
    "knowledge": "moderate",
    "simple_share": "10",
    "rhythm": "permanent",
    "hours": "office",
    "channels": ["voice", "chat"],
    "languages": "English, Polish",
    "data_sensitivity": "moderate",
    "proven_model": "on",
    "years": "5",
    "fte_per_seat": "1.2",
    "agent_salary": "38,000",
    "benefits_rate": "25 %",
    "agents_per_team_leader": "10",
    "team_leader_salary": "52000",
    "attrition_rate": "40",
    "replacement_cost": "10000",
    "hiring_training_cost": "5000",
    "management_overhead_rate": "15",
    "space_cost_per_seat_year": "6000",
    "fit_out_per_seat": "3000",
    "equipment_per_seat": "2000",
    "telephony_setup_per_seat": "1500",
    "software_per_seat_year": "1200",
    "ccaas_per_seat_month": "150",
    "vendor_management_fte": "1.5",
    "vendor_manager_salary": "70000",
    "benchmark_price_per_seat_year": "40000",
    "yearly_increase": "0",
}


def test_procurement_creates_a_standalone_assessment_and_lands_on_it(login, paula):
    response = login(paula).post(reverse("sourcing:create"), GOOD)
    assessment = Assessment.objects.get()
    assert response.status_code == 302 and response.url == reverse("sourcing:detail", args=[assessment.pk])
    assert assessment.owner == paula and assessment.rfp is None
    assert assessment.agent_salary == 38000  # "38,000" read as a number
    assert assessment.benefits_rate == 25  # "25 %" too
    assert assessment.languages == ["English", "Polish"]
    assert assessment.channels == ["voice", "chat"]
    assert AuditEntry.objects.filter(action="sourcing.assessment_created").exists()


def test_procurement_attaches_an_assessment_to_its_rfp_once(login, paula):
    rfp = RFPFactory(currency="PLN")
    MemberFactory(rfp=rfp, user=paula, role=MemberRole.PROCUREMENT)
    client = login(paula)
    assert client.post(reverse("sourcing:create"), {**GOOD, "rfp": rfp.pk}).status_code == 302
    assert Assessment.objects.get().rfp == rfp
    again = client.post(reverse("sourcing:create"), {**GOOD, "rfp": rfp.pk})
    assert again.status_code == 200 and Assessment.objects.count() == 1
    assert "Select a valid choice" in again.content.decode()


def test_an_rfp_the_user_does_not_run_cannot_be_attached(login, paula, piotr):
    rfp = RFPFactory()
    MemberFactory(rfp=rfp, user=piotr, role=MemberRole.PROCUREMENT)
    response = login(paula).post(reverse("sourcing:create"), {**GOOD, "rfp": rfp.pk})
    assert response.status_code == 200 and not Assessment.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("seats", "-4", "A contact center needs at least one seat."),
        ("seats", "0", "A contact center needs at least one seat."),
        ("seats", "forty", "Seats must be a whole number, such as 40."),
        ("seats", "", "Enter seats."),
        ("years", "0", "Compare over 1 to 5 years."),
        ("years", "6", "Compare over 1 to 5 years."),
        ("agent_salary", "a lot", "Agent salary a year must be a number, such as 38000."),
        ("agent_salary", "-100", "Enter an amount of zero or more."),
        ("attrition_rate", "-5", "Enter a percentage of zero or more."),
        ("simple_share", "120", "A share is between 0 and 100%."),
        ("peak_extra_seats", "-1", "Extra seats in peaks cannot be negative."),
        ("fte_per_seat", "0", "Enter at least 0.1 FTE per seat."),
        ("currency", "dollars", "Enter a three-letter currency code, such as USD or EUR."),
    ],
)
def test_bad_numbers_get_a_clear_message_and_nothing_is_saved(login, paula, field, value, message):
    response = login(paula).post(reverse("sourcing:create"), {**GOOD, field: value})
    html = response.content.decode()
    assert response.status_code == 200
    assert message in html
    assert "Nothing was saved" in html
    assert not Assessment.objects.exists()


def test_peaks_need_the_seasonal_rhythm_and_the_seasonal_rhythm_needs_peaks(login, paula):
    client = login(paula)
    peaks_but_permanent = client.post(
        reverse("sourcing:create"), {**GOOD, "peak_extra_seats": "10", "peak_months": "3"}
    )
    assert "set the peak seats and months to 0" in peaks_but_permanent.content.decode()
    seasonal_without_peaks = client.post(reverse("sourcing:create"), {**GOOD, "rhythm": "permanent_seasonal"})
    assert "say how many extra seats the peaks need" in seasonal_without_peaks.content.decode()
    assert not Assessment.objects.exists()


def test_editing_saves_the_change_and_logs_what_changed(login, paula):
    assessment = AssessmentFactory(owner=paula, seats=40)
    response = login(paula).post(reverse("sourcing:edit", args=[assessment.pk]), {**GOOD, "seats": "55"})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.seats == 55
    entry = AuditEntry.objects.get(action="sourcing.assessment_updated")
    assert entry.before["seats"] == 40 and entry.after["seats"] == 55


def test_a_bad_edit_leaves_the_saved_assessment_untouched(login, paula):
    assessment = AssessmentFactory(owner=paula, seats=40, years=5)
    response = login(paula).post(reverse("sourcing:edit", args=[assessment.pk]), {**GOOD, "seats": "-3", "years": "0"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "A contact center needs at least one seat." in html and "Compare over 1 to 5 years." in html
    assessment.refresh_from_db()
    assert (assessment.seats, assessment.years) == (40, 5)
    assert not AuditEntry.objects.filter(action="sourcing.assessment_updated").exists()


def test_the_edit_form_shows_languages_as_text_and_money_in_the_currency(login, paula):
    assessment = AssessmentFactory(owner=paula, languages=["English", "Arabic"], currency="PLN")
    html = login(paula).get(reverse("sourcing:edit", args=[assessment.pk])).content.decode()
    assert 'value="English, Arabic"' in html
    assert "Agent salary a year (PLN)" in html


def test_deleting_an_assessment_removes_it_and_logs_it(login, paula):
    assessment = AssessmentFactory(owner=paula)
    response = login(paula).post(reverse("sourcing:delete", args=[assessment.pk]))
    assert response.status_code == 302 and not Assessment.objects.exists()
    assert AuditEntry.objects.filter(action="sourcing.assessment_deleted").exists()


def test_a_link_from_an_rfp_preselects_it_on_the_new_assessment_form(login, paula):
    rfp = RFPFactory(reference="RFI-2027-321", title="Customer care 2028", currency="EUR")
    MemberFactory(rfp=rfp, user=paula, role=MemberRole.PROCUREMENT)
    html = login(paula).get(reverse("sourcing:create") + "?rfp=RFI-2027-321").content.decode()
    assert f'<option value="{rfp.pk}" selected>' in html
    assert "Make or buy: Customer care 2028" in html
