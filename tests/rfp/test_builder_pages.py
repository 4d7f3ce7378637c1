"""The builder's pages: the list, creating from the bank, the builder with live weights, the vendor
preview, sections, and their query counts."""

from datetime import UTC, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from config.text_rules import LONG_TEXT_MAX, SHORT_ANSWER_MAX
from rfp import services
from rfp.models import RFP, BankSection, MemberRole, Question, QuestionType, Section, Status
from tests.factories import MemberFactory, QuestionFactory, RFPFactory, make_questionnaire

pytestmark = pytest.mark.django_db


def detail_url(rfp) -> str:
    return reverse("rfp:detail", args=[rfp.reference])


def html(response) -> str:
    return response.content.decode()


# --- the list ----------------------------------------------------------------------------------


def test_the_list_shows_my_rfps_with_status_and_question_count(login, paula, draft_rfp):
    page = html(login(paula).get(reverse("rfp:list")))
    assert draft_rfp.reference in page
    assert "sl-status-draft" in page
    assert ">10</td>" in page
    assert "left" in page
    assert reverse("rfp:create") in page


def test_the_list_hides_rfps_i_am_not_a_member_of(login, piotr, draft_rfp):
    page = html(login(piotr).get(reverse("rfp:list")))
    assert draft_rfp.reference not in page
    assert "No RFI or RFP yet" in page


def test_an_evaluator_with_no_rfp_is_told_how_rfps_reach_them(login, omar):
    page = html(login(omar).get(reverse("rfp:list")))
    assert "procurement colleague adds you" in page
    assert reverse("rfp:create") not in page


def test_the_list_shows_deadlines_in_the_users_time_zone(login, paula, draft_rfp):
    paula.timezone = "Asia/Tokyo"
    paula.save()
    draft_rfp.deadline = timezone.datetime(2031, 3, 1, 12, 0, tzinfo=UTC)
    draft_rfp.save()
    page = html(login(paula).get(reverse("rfp:list")))
    assert "1 Mar 2031, 21:00" in page
    assert "Asia/Tokyo" in page


# --- create from the bank ----------------------------------------------------------------------


def create_data(**overrides) -> dict:
    data = {
        "kind": "RFP",
        "title": "Contact-center partner 2028",
        "buyer": "Northern Lights Telecom",
        "summary": "First-line customer service.",
        "channels": ["voice", "chat"],
        "volume_voice": "1200000",
        "volume_chat": "250000",
        "languages": "English, Polish ,english",
        "hours": "Mon-Sun 07:00-23:00",
        "sites": "Europe",
        "deadline": "2031-03-01T17:00",
        "currency": "eur",
        "sealed": "on",
        "technical_pass_mark": "70",
        "bank_sections": ["sla", "security", "pricing"],
    }
    return data | overrides


def test_the_create_page_loads_the_bank_and_ticks_every_section(login, paula):
    assert not BankSection.objects.exists()
    page = html(login(paula).get(reverse("rfp:create")))
    assert BankSection.objects.count() == 16
    assert page.count('name="bank_sections"') == 16
    assert page.count("checked") >= 16
    assert "10 questions" in page
    assert 'T17:00"' in page  # a default deadline three weeks ahead, end of the working day


def test_creating_from_the_bank_builds_a_draft_with_weights_totalling_100(login, paula):
    paula.timezone = "Europe/Warsaw"
    paula.save()
    response = login(paula).post(reverse("rfp:create"), create_data())
    rfp = RFP.objects.get(title="Contact-center partner 2028")
    assert response.status_code == 302
    assert response.url == detail_url(rfp)
    assert rfp.status == Status.DRAFT
    assert [s.weight for s in rfp.sections.order_by("order")] == [Decimal("25"), Decimal("25"), Decimal("50")]
    assert rfp.deadline == timezone.datetime(2031, 3, 1, 16, 0, tzinfo=UTC)  # 17:00 in Warsaw
    assert rfp.channels == ["voice", "chat"]
    assert rfp.yearly_volumes == {"voice": 1200000, "chat": 250000}
    assert rfp.languages == ["English", "Polish"]
    assert rfp.currency == "EUR"
    assert rfp.sealed and not rfp.two_envelope
    assert rfp.technical_pass_mark == Decimal("70")


def test_a_deadline_in_the_past_is_refused_and_nothing_is_created(login, paula):
    past = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    response = login(paula).post(reverse("rfp:create"), create_data(deadline=past))
    assert response.status_code == 200
    assert "The deadline must be in the future." in html(response)
    assert not RFP.objects.exists()


def test_a_volume_for_a_channel_not_in_scope_is_refused(login, paula):
    response = login(paula).post(reverse("rfp:create"), create_data(volume_sms="1000"))
    assert "did not tick that channel" in html(response)
    assert not RFP.objects.exists()


def test_a_bad_currency_and_a_missing_title_are_shown_on_the_form(login, paula):
    response = login(paula).post(reverse("rfp:create"), create_data(currency="euro", title=""))
    page = html(response)
    assert "three-letter ISO code" in page
    assert "This field is required." in page
    assert not RFP.objects.exists()


def test_settings_are_edited_on_a_draft(login, paula, draft_rfp):
    draft_rfp.created_by = paula  # as rfp_create sets it; full_clean requires it
    draft_rfp.save()
    data = create_data(title="Renamed", kind="RFI")
    data.pop("bank_sections")
    response = login(paula).post(reverse("rfp:edit", args=[draft_rfp.reference]), data)
    assert response.status_code == 302
    draft_rfp.refresh_from_db()
    assert draft_rfp.title == "Renamed"
    assert draft_rfp.yearly_volumes == {"voice": 1200000, "chat": 250000}


def test_settings_of_an_open_rfp_are_frozen(login, paula, draft_rfp):
    draft_rfp.status = Status.OPEN
    draft_rfp.save()
    response = login(paula).get(reverse("rfp:edit", args=[draft_rfp.reference]), follow=True)
    assert "changes only through an addendum" in html(response)


# --- the builder -------------------------------------------------------------------------------


def test_the_builder_shows_sections_questions_badges_and_the_weight_total(login, paula, draft_rfp):
    question = Question.objects.filter(section__rfp=draft_rfp).last()
    question.knockout = {"op": "answered"}
    question.knockout_reason = "No answer."
    question.save()
    page = html(login(paula).get(detail_url(draft_rfp)))
    for section in draft_rfp.sections.all():
        assert f'id="section-{section.pk}"' in page
        assert 'name="weight"' in page
    assert "sl-badge knockout" in page
    assert "sl-badge auto" in page
    assert "What was your annual agent attrition last year?" in page
    assert "100 / 100" in page
    assert "Section weights total exactly 100." in page
    assert "Ready to publish." in page


def test_an_evaluator_reads_the_builder_without_any_control(login, omar, draft_rfp):
    MemberFactory(rfp=draft_rfp, user=omar, role=MemberRole.EVALUATOR)
    page = html(login(omar).get(detail_url(draft_rfp)))
    assert "What was your annual agent attrition last year?" in page
    assert 'name="weight"' not in page
    assert 'name="direction"' not in page
    assert "Add a question" not in page
    assert reverse("rfp:publish", args=[draft_rfp.reference]) not in page
    assert "only procurement members of the team can change it" in page


def test_an_open_rfp_is_read_only_with_a_note_about_addenda(login, paula, draft_rfp):
    draft_rfp.status = Status.OPEN
    draft_rfp.save()
    page = html(login(paula).get(detail_url(draft_rfp)))
    assert 'name="weight"' not in page
    assert "Changes after publication go through addenda" in page


def weight_post(client, section, value, **headers):
    url = reverse("rfp:section_weight", args=[section.rfp.reference, section.pk])
    return client.post(url, {"weight": value}, **headers)


def test_changing_a_weight_saves_it_and_answers_with_the_red_total(login, paula, draft_rfp):
    section = draft_rfp.sections.order_by("order").first()
    response = weight_post(login(paula), section, "38", HTTP_HX_REQUEST="true")
    page = html(response)
    section.refresh_from_db()
    assert section.weight == Decimal("38")
    assert "88 / 100" in page
    assert "12 points short of 100" in page
    assert "is-bad" in page
    assert f'id="toc-weight-{section.pk}"' in page and "hx-swap-oob" in page
    assert "Section weights total 88; they must total 100." in page


def test_a_total_over_100_says_by_how_much(login, paula, draft_rfp):
    section = draft_rfp.sections.order_by("order").first()
    page = html(weight_post(login(paula), section, "57.5", HTTP_HX_REQUEST="true"))
    assert "7.5 points over 100" in page


def test_bringing_the_total_back_to_100_turns_it_green(login, paula, draft_rfp):
    client = login(paula)
    section = draft_rfp.sections.order_by("order").first()
    weight_post(client, section, "20", HTTP_HX_REQUEST="true")
    page = html(weight_post(client, section, "50", HTTP_HX_REQUEST="true"))
    assert "is-good" in page
    assert "exactly 100" in page


@pytest.mark.parametrize("value", ["-3", "abc", "250", ""])
def test_a_bad_weight_is_refused_and_the_old_one_kept(login, paula, draft_rfp, value):
    section = draft_rfp.sections.order_by("order").first()
    response = weight_post(login(paula), section, value, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "text-danger" in html(response)
    section.refresh_from_db()
    assert section.weight == Decimal("50")


def test_without_htmx_a_weight_change_redirects_back_to_its_section(login, paula, draft_rfp):
    section = draft_rfp.sections.order_by("order").first()
    response = weight_post(login(paula), section, "30")
    assert response.status_code == 302
    assert response.url.endswith(f"#section-{section.pk}")


def test_the_move_buttons_reorder_sections_and_questions(login, paula, draft_rfp):
    client = login(paula)
    first, second = draft_rfp.sections.order_by("order", "id")
    client.post(reverse("rfp:section_move", args=[draft_rfp.reference, first.pk]), {"direction": "down"})
    assert list(draft_rfp.sections.order_by("order", "id")) == [second, first]
    q1, q2 = list(first.questions.order_by("order", "id"))[:2]
    client.post(reverse("rfp:question_move", args=[draft_rfp.reference, q2.pk]), {"direction": "up"})
    assert list(first.questions.order_by("order", "id"))[:2] == [q2, q1]


def test_a_move_without_a_direction_changes_nothing(login, paula, draft_rfp):
    before = list(draft_rfp.sections.order_by("order", "id"))
    response = login(paula).post(
        reverse("rfp:section_move", args=[draft_rfp.reference, before[0].pk]), {"direction": "sideways"}, follow=True
    )
    assert "Choose to move up or down." in html(response)
    assert list(draft_rfp.sections.order_by("order", "id")) == before


# --- sections ----------------------------------------------------------------------------------


def test_a_new_section_gets_a_key_from_its_title(login, paula, draft_rfp):
    url = reverse("rfp:section_add", args=[draft_rfp.reference])
    response = login(paula).post(url, {"title": "Data protection annex", "kind": "technical", "weight": "0"})
    section = draft_rfp.sections.get(title="Data protection annex")
    assert response.status_code == 302
    assert section.key == "data-protection-annex"
    assert section.order == 2 or section.order > draft_rfp.sections.exclude(pk=section.pk).count() - 1


def test_a_section_key_used_twice_is_refused(login, paula, draft_rfp):
    taken = draft_rfp.sections.first().key
    url = reverse("rfp:section_add", args=[draft_rfp.reference])
    response = login(paula).post(url, {"title": "Again", "key": taken, "kind": "technical", "weight": "0"})
    assert "Another section of this RFP already uses this key." in html(response)
    assert draft_rfp.sections.count() == 2


def test_deleting_a_section_asks_first_then_deletes_its_questions(login, paula, draft_rfp):
    client = login(paula)
    section = draft_rfp.sections.first()
    url = reverse("rfp:section_delete", args=[draft_rfp.reference, section.pk])
    assert "Its 5 questions are deleted with it." in html(client.get(url))
    client.post(url)
    assert not Section.objects.filter(pk=section.pk).exists()
    assert Question.objects.filter(section__rfp=draft_rfp).count() == 5


# --- the vendor preview ------------------------------------------------------------------------


def test_the_preview_shows_what_vendors_see_and_no_scoring(login, paula, draft_rfp):
    section = draft_rfp.sections.first()
    section.description = "How you run the account."
    section.save()
    QuestionFactory(
        section=section,
        key="sla-credits",
        type=QuestionType.YES_NO,
        choices=[{"label": "Yes", "points": 5}, {"label": "No", "points": 0}],
        rubric=None,
        auto_rule={"kind": "choice_points"},
        knockout={"op": "equals", "value": "Yes"},
        knockout_reason="Vendor refuses service credits.",
        benchmark="10-15% of the fee at risk",
        weight=3,
    )
    page = html(login(paula).get(reverse("rfp:preview", args=[draft_rfp.reference])))
    assert "Give evidence." in page  # guidance
    assert "How you run the account." in page
    assert "Mandatory requirement" in page
    assert 'type="radio" name="sla-credits"' in page
    assert 'type="number"' in page and 'max="100"' in page  # the percentage question
    assert "Up to" not in page or "words" in page
    for secret in ("Level 3", "Vendor refuses service credits.", "10-15% of the fee", "weight", "Knockout"):
        assert secret not in page.split('class="sl-vendor-view"')[1], secret


def test_the_preview_renders_every_answer_type_with_its_widget(login, paula, draft_rfp):
    section = draft_rfp.sections.first()
    choices = [{"label": label, "points": None} for label in ("A", "B", "C")]
    many = [{"label": f"Option {n}", "points": None} for n in range(8)]
    specs = [
        ("q-single", QuestionType.SINGLE_CHOICE, {"choices": choices}, 'type="radio" name="q-single"'),
        ("q-select", QuestionType.SINGLE_CHOICE, {"choices": many}, '<select class="form-select sl-answer-select"'),
        ("q-multi", QuestionType.MULTI_CHOICE, {"choices": choices}, 'type="checkbox" name="q-multi"'),
        ("q-number", QuestionType.NUMBER, {"unit": "agents"}, ">agents</span>"),
        ("q-date", QuestionType.DATE, {}, 'type="date" name="q-date"'),
        ("q-short", QuestionType.SHORT_TEXT, {}, f'type="text" maxlength="{SHORT_ANSWER_MAX}" name="q-short"'),
        ("q-long", QuestionType.LONG_TEXT, {"word_limit": 250}, "Up to 250 words."),
        ("q-long-box", QuestionType.LONG_TEXT, {}, f'maxlength="{LONG_TEXT_MAX}" name="q-long-box"'),
        ("q-file", QuestionType.FILE, {}, 'type="file" name="q-file"'),
    ]
    for key, qtype, extra, _marker in specs:
        QuestionFactory(section=section, key=key, type=qtype, **extra)
    page = html(login(paula).get(reverse("rfp:preview", args=[draft_rfp.reference])))
    for key, _qtype, _extra, marker in specs:
        assert marker in page, key


def test_the_widget_include_shows_a_stored_answer(draft_rfp):
    from django.template.loader import render_to_string

    question = QuestionFactory(
        section=draft_rfp.sections.first(),
        key="channels",
        type=QuestionType.MULTI_CHOICE,
        choices=[{"label": "Voice", "points": None}, {"label": "Chat", "points": None}],
    )
    markup = render_to_string(
        "rfp/_question_widget.html",
        {"question": question, "answer_value": ["Chat"], "name": "answer-7", "disabled": True},
    )
    assert 'name="answer-7" id="answer-7-2" value="Chat" checked disabled' in markup
    assert 'value="Voice" disabled' in markup


# --- query counts ------------------------------------------------------------------------------


def queries_for(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url_name", ["rfp:detail", "rfp:preview"])
def test_builder_and_preview_run_the_same_queries_for_10_and_200_questions(login, paula, url_name):
    small, large = RFPFactory(), RFPFactory()
    for rfp in (small, large):
        MemberFactory(rfp=rfp, user=paula, role=MemberRole.PROCUREMENT)
    make_questionnaire(small, sections=2, questions_per_section=5)
    make_questionnaire(large, sections=4, questions_per_section=50)
    assert Question.objects.filter(section__rfp=large).count() == 200
    client = login(paula)
    client.get(reverse(url_name, args=[small.reference]))  # warm the session
    assert queries_for(client, reverse(url_name, args=[small.reference])) == queries_for(
        client, reverse(url_name, args=[large.reference])
    )


def test_the_list_runs_the_same_queries_for_one_and_many_rfps(login, paula):
    client = login(paula)
    first = RFPFactory()
    MemberFactory(rfp=first, user=paula)
    client.get(reverse("rfp:list"))
    one = queries_for(client, reverse("rfp:list"))
    for _ in range(15):
        rfp = RFPFactory()
        MemberFactory(rfp=rfp, user=paula)
        make_questionnaire(rfp, sections=1, questions_per_section=2)
    assert queries_for(client, reverse("rfp:list")) == one


def test_the_bank_page_runs_a_fixed_number_of_queries(login, paula):
    services.bank_load()
    client = login(paula)
    client.get(reverse("rfp:bank"))
    # Four for the page, two for the session when its idle expiry moves on (at most once a minute).
    assert queries_for(client, reverse("rfp:bank")) <= 8
