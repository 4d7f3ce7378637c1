"""Addenda: procurement changes an open RFP's questionnaire one question at a time; the change is
logged with before and after, vendors are e-mailed and see a banner until they acknowledge it."""

from django.core import mail
from django.urls import reverse

from rfp.models import Addendum, AuditEntry, Question, QuestionType
from tests.factories import QuestionFactory


def issue(client, world, data, **target):
    url = reverse("vendors:issue_addendum", kwargs={"ref": world.rfp.reference})
    return client.post(url, {**{k: str(v) for k, v in target.items()}, **data}, follow=True)


def section_page(client, world, section) -> str:
    url = reverse("vendors:section", kwargs={"ref": world.rfp.reference, "section_id": section.pk})
    return client.get(url).content.decode()


def test_editing_a_question_logs_before_and_after_bumps_the_version_and_emails_vendors(world, login, paula, ana, ravi):
    question = world.questions[1]
    old_text = question.text
    issue(
        login(paula),
        world,
        {"summary": "Clarified the governance question.", "text": "Describe your weekly governance.", "guidance": ""},
        question=question.pk,
    )
    addendum = Addendum.objects.get()
    assert addendum.number == 1
    assert {"field": "text", "before": old_text, "after": "Describe your weekly governance."}.items() <= (
        addendum.changes[0].items()
    )
    world.rfp.refresh_from_db()
    assert world.rfp.questionnaire_version == 2
    question.refresh_from_db()
    assert question.text == "Describe your weekly governance."
    assert AuditEntry.objects.filter(action="addendum.issued", rfp=world.rfp).exists()
    recipients = {address for message in mail.outbox for address in message.to}
    assert {ana.email, ravi.email} <= recipients
    assert any("addendum 1" in message.subject for message in mail.outbox)


def test_vendors_see_the_banner_with_the_change_until_they_acknowledge(world, login, paula, ana, ravi):
    question = world.questions[1]
    old_text = question.text
    issue(
        login(paula),
        world,
        {"summary": "Reworded.", "text": "New wording.", "guidance": "Be brief."},
        question=question.pk,
    )
    client = login(ana)
    page = section_page(client, world, question.section)
    assert "Addendum 1 issued on" in page and "Reworded." in page
    assert old_text in page and "New wording." in page and "Be brief." in page
    client.post(reverse("vendors:acknowledge_addenda", kwargs={"ref": world.rfp.reference}))
    assert "Addendum 1 issued on" not in section_page(client, world, question.section)
    assert "Addendum 1 issued on" in section_page(login(ravi), world, question.section)  # each company acknowledges


def test_adding_a_question_appends_it_to_the_section(world, login, paula, ana):
    section = world.sections[1]
    issue(
        login(paula),
        world,
        {
            "summary": "Added weekend cover.",
            "text": "Which weekend hours can you cover?",
            "type": "multi_choice",
            "choices": "Saturday\nSunday\nPublic holidays",
            "required": "on",
            "guidance": "",
            "unit": "",
        },
        section=section.pk,
    )
    question = Question.objects.get(text="Which weekend hours can you cover?")
    assert question.section == section and question.type == QuestionType.MULTI_CHOICE
    assert question.choice_labels == ["Saturday", "Sunday", "Public holidays"]
    assert Addendum.objects.get().changes[0]["action"] == "add"
    assert "Which weekend hours can you cover?" in section_page(login(ana), world, section)


def test_an_addendum_that_changes_nothing_or_has_no_summary_is_refused(world, login, paula):
    question = world.questions[1]
    client = login(paula)
    page = issue(
        client,
        world,
        {"summary": "Nothing", "text": question.text, "guidance": question.guidance},
        question=question.pk,
    ).content.decode()
    assert "Nothing changed" in page
    issue(client, world, {"summary": "", "text": "Other", "guidance": ""}, question=question.pk)
    assert not Addendum.objects.exists()


def test_changed_choices_keep_their_points_and_invalidate_answers_that_no_longer_fit(world, login, paula, ana):
    question = QuestionFactory(
        section=world.sections[0],
        type=QuestionType.SINGLE_CHOICE,
        rubric=None,
        choices=[{"label": "Weekly", "points": 5}, {"label": "Monthly", "points": 3}, {"label": "Never", "points": 0}],
    )
    from tests.vendors.portal_data import answer

    answer(world.responses["vendor"], question, "Never", ana)
    issue(
        login(paula),
        world,
        {
            "summary": "Dropped 'Never'.",
            "text": question.text,
            "guidance": question.guidance,
            "choices": "Weekly\nMonthly\nQuarterly",
        },
        question=question.pk,
    )
    question.refresh_from_db()
    assert question.choices == [
        {"label": "Weekly", "points": 5},
        {"label": "Monthly", "points": 3},
        {"label": "Quarterly", "points": None},
    ]
    review = login(ana).get(reverse("vendors:review", kwargs={"ref": world.rfp.reference})).content.decode()
    assert "No longer valid after an addendum" in review


def test_evaluators_cannot_issue_addenda(world, login, omar):
    question = world.questions[1]
    reply = login(omar).post(
        reverse("vendors:issue_addendum", kwargs={"ref": world.rfp.reference}),
        {"question": question.pk, "summary": "x", "text": "y", "guidance": ""},
    )
    assert reply.status_code == 404
    assert not Addendum.objects.exists()
