"""The question form: every field of a question, checked with the same rules as an import; a
question with a problem shows each problem and saves nothing."""

import pytest
from django.urls import reverse

from rfp import services
from rfp.forms import QuestionForm
from rfp.models import AuditEntry, BankQuestion, Question, QuestionType, Status

pytestmark = pytest.mark.django_db


def add_url(rfp, section) -> str:
    return reverse("rfp:question_add", args=[rfp.reference, section.pk])


def question_data(**overrides) -> dict:
    data = {
        "type": QuestionType.LONG_TEXT,
        "key": "gov-99",
        "text": "Describe your escalation path.",
        "guidance": "Name the roles on both sides.",
        "required": "on",
        "scored": "on",
        "weight": "2",
        "word_limit": "300",
        **{f"rubric_{level}": f"Level {level} answer" for level in range(6)},
    }
    return {k: v for k, v in (data | overrides).items() if v is not None}


@pytest.fixture
def section(draft_rfp):
    return draft_rfp.sections.order_by("order").first()


@pytest.fixture
def client(login, paula):
    return login(paula)


def post_new(client, draft_rfp, section, **overrides):
    return client.post(add_url(draft_rfp, section), question_data(**overrides))


def problems_on_page(response) -> str:
    assert response.status_code == 200, "the form should come back with its problems"
    return response.content.decode()


def test_a_rubric_scored_long_text_question_is_saved_with_every_field(client, draft_rfp, section):
    response = post_new(client, draft_rfp, section)
    question = Question.objects.get(key="gov-99")
    assert response.status_code == 302
    assert response.url.endswith(f"#question-{question.pk}")
    assert question.section == section
    assert question.word_limit == 300
    assert question.rubric == {str(level): f"Level {level} answer" for level in range(6)}
    assert question.auto_rule is None
    assert list(section.questions.order_by("order", "id"))[-1] == question
    assert AuditEntry.objects.filter(rfp=draft_rfp, action="question.saved").exists()


def test_choices_with_points_per_choice_are_parsed_from_lines(client, draft_rfp, section):
    post_new(
        client,
        draft_rfp,
        section,
        type=QuestionType.SINGLE_CHOICE,
        choices="Weekly review | 5\n\nMonthly review | 3\nNo review|0",
        rule_kind="choice_points",
        word_limit=None,
        **{f"rubric_{level}": "" for level in range(6)},
    )
    question = Question.objects.get(key="gov-99")
    assert question.choices == [
        {"label": "Weekly review", "points": 5},
        {"label": "Monthly review", "points": 3},
        {"label": "No review", "points": 0},
    ]
    assert question.auto_rule == {"kind": "choice_points"}
    assert question.word_limit is None


def test_bands_with_open_ends_and_a_minimum_knockout_are_saved(client, draft_rfp, section):
    post_new(
        client,
        draft_rfp,
        section,
        type=QuestionType.NUMBER,
        unit="references",
        rule_kind="bands",
        bands=" | 3 | 0\n3 | 5 | 4\n5 |  | 5",
        knockout_op="min",
        knockout_value="3",
        knockout_reason="Fewer than three references.",
        **{f"rubric_{level}": "" for level in range(6)},
    )
    question = Question.objects.get(key="gov-99")
    assert question.auto_rule == {
        "kind": "bands",
        "bands": [
            {"min": None, "max": 3, "points": 0},
            {"min": 3, "max": 5, "points": 4},
            {"min": 5, "max": None, "points": 5},
        ],
    }
    assert question.knockout == {"op": "min", "value": 3}
    assert question.knockout_reason == "Fewer than three references."
    assert question.unit == "references"


def test_a_yes_no_question_gets_yes_and_no_when_no_choice_is_typed(client, draft_rfp, section):
    post_new(
        client,
        draft_rfp,
        section,
        type=QuestionType.YES_NO,
        knockout_op="equals",
        knockout_value="Yes",
        knockout_reason="Must accept audits.",
    )
    question = Question.objects.get(key="gov-99")
    assert question.choice_labels == ["Yes", "No"]
    assert question.knockout == {"op": "equals", "value": "Yes"}


@pytest.mark.parametrize("weight", ["0", "-1"])
def test_a_question_weight_must_be_positive(client, draft_rfp, section, weight):
    page = problems_on_page(post_new(client, draft_rfp, section, weight=weight))
    assert "The weight must be a positive number." in page
    assert not Question.objects.filter(key="gov-99").exists()


def test_a_scored_question_without_rubric_or_rule_is_refused(client, draft_rfp, section):
    page = problems_on_page(post_new(client, draft_rfp, section, **{f"rubric_{level}": "" for level in range(6)}))
    assert "A scored question needs a 0-5 rubric or an auto-scoring rule." in page
    assert not Question.objects.filter(key="gov-99").exists()


def test_an_informational_question_needs_no_rubric(client, draft_rfp, section):
    post_new(client, draft_rfp, section, scored=None, **{f"rubric_{level}": "" for level in range(6)})
    assert Question.objects.get(key="gov-99").scored is False


def test_every_problem_is_listed_at_once(client, draft_rfp, section):
    page = problems_on_page(
        post_new(
            client,
            draft_rfp,
            section,
            type=QuestionType.MULTI_CHOICE,
            choices="Only one",
            rule_kind="choice_points",
            weight="0",
        )
    )
    assert "Points per choice need points on every choice." in page
    assert "A choice question needs at least two labelled choices." in page
    assert "The weight must be a positive number." in page
    assert not Question.objects.filter(key="gov-99").exists()


def test_a_linear_rule_on_a_text_question_is_refused(client, draft_rfp, section):
    page = problems_on_page(
        post_new(client, draft_rfp, section, rule_kind="linear", linear_worst="120", linear_best="20")
    )
    assert "Bands and linear rules apply only to number and percentage questions." in page


def test_a_linear_rule_needs_two_numbers(client, draft_rfp, section):
    page = problems_on_page(
        post_new(client, draft_rfp, section, type=QuestionType.NUMBER, rule_kind="linear", linear_worst="slow")
    )
    assert page.count("Enter a number.") == 2


@pytest.mark.parametrize(
    ("bands", "message"),
    [
        ("abc", "Line 1: write"),
        ("0 | 10 | 9", "points from 0 to 5"),
        ("20 | 10 | 3", "min below max"),
        ("", "Give at least one band."),
    ],
)
def test_unreadable_bands_are_pointed_out(client, draft_rfp, section, bands, message):
    page = problems_on_page(
        post_new(client, draft_rfp, section, type=QuestionType.NUMBER, rule_kind="bands", bands=bands)
    )
    assert message in page
    assert not Question.objects.filter(key="gov-99").exists()


def test_choice_points_outside_0_to_5_are_refused(client, draft_rfp, section):
    page = problems_on_page(
        post_new(client, draft_rfp, section, type=QuestionType.SINGLE_CHOICE, choices="A | 7\nB | x")
    )
    assert "Line 1: write “Label | points” with points from 0 to 5." in page
    assert "Line 2:" in page


def test_a_knockout_needs_a_reason_and_a_number_for_at_least(client, draft_rfp, section):
    page = problems_on_page(
        post_new(client, draft_rfp, section, type=QuestionType.NUMBER, knockout_op="min", knockout_value="many")
    )
    assert "Say why a vendor that fails this requirement is excluded." in page
    assert "Enter the number a vendor must reach." in page


def test_a_knockout_value_must_be_one_of_the_choices(client, draft_rfp, section):
    page = problems_on_page(
        post_new(
            client,
            draft_rfp,
            section,
            type=QuestionType.YES_NO,
            knockout_op="equals",
            knockout_value="Maybe",
            knockout_reason="Must say yes.",
        )
    )
    assert "The knockout&#x27;s passing answer must be one of the choices." in page


def test_at_least_applies_only_to_numbers(client, draft_rfp, section):
    page = problems_on_page(
        post_new(client, draft_rfp, section, knockout_op="min", knockout_value="3", knockout_reason="x")
    )
    assert "apply only to number and percentage questions" in page


def test_half_a_rubric_is_refused(client, draft_rfp, section):
    page = problems_on_page(post_new(client, draft_rfp, section, rubric_4="", rubric_5=""))
    assert "Describe all six rubric levels (0 to 5), or none of them." in page


def test_a_key_already_used_in_the_rfp_is_refused(client, draft_rfp, section):
    taken = draft_rfp.sections.order_by("order").last().questions.first().key
    page = problems_on_page(post_new(client, draft_rfp, section, key=taken))
    assert "Another question of this RFP already uses this key." in page


def test_the_add_form_suggests_a_free_key(client, draft_rfp, section):
    page = client.get(add_url(draft_rfp, section)).content.decode()
    assert f'value="{section.key}-06"' in page


def test_editing_a_question_keeps_its_key_and_changes_its_text(client, draft_rfp, section):
    question = section.questions.order_by("order").last()
    url = reverse("rfp:question_edit", args=[draft_rfp.reference, question.pk])
    response = client.post(url, question_data(key=question.key, text="Changed text"))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.text == "Changed text"


def form_data_from(form: QuestionForm) -> dict:
    """What a browser posts back for an unchanged form."""
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(value)
    return data


def test_every_bank_question_survives_the_form_unchanged(paula, draft_rfp, client):
    """The form can show and save back every kind of question the bank holds."""
    services.bank_load()
    rfp = services.rfp_create_from_bank(
        by=paula,
        section_keys=None,
        **{name: getattr(draft_rfp, name) for name in services.RFP_FIELDS},
    )
    fields = ["type", "text", "guidance", "required", "scored", "weight", "unit", "word_limit", "choices"]
    fields += ["rubric", "auto_rule", "knockout", "knockout_reason", "benchmark", "is_price"]
    questions = list(Question.objects.filter(section__rfp=rfp))
    assert len(questions) == BankQuestion.objects.count()
    for question in questions:
        before = {name: getattr(question, name) for name in fields}
        data = form_data_from(QuestionForm(rfp=rfp, question=question))
        response = client.post(reverse("rfp:question_edit", args=[rfp.reference, question.pk]), data)
        assert response.status_code == 302, (question.key, response.context["form"].errors)
        question.refresh_from_db()
        assert {name: getattr(question, name) for name in fields} == before, question.key


def test_questions_of_an_open_rfp_cannot_be_added(client, draft_rfp, section):
    draft_rfp.status = Status.OPEN
    draft_rfp.save()
    response = post_new(client, draft_rfp, section)
    assert response.status_code == 302
    assert not Question.objects.filter(key="gov-99").exists()


def test_deleting_a_question_asks_first(client, draft_rfp, section):
    question = section.questions.first()
    url = reverse("rfp:question_delete", args=[draft_rfp.reference, question.pk])
    assert "Delete this question?" in client.get(url).content.decode()
    client.post(url)
    assert not Question.objects.filter(pk=question.pk).exists()
    assert AuditEntry.objects.filter(rfp=draft_rfp, action="question.deleted").exists()
