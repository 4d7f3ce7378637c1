"""Access-matrix cases for the evaluation URLs, and `prepare_evaluation`, which moves the world
RFP into evaluation with submitted bids, answers, an assignment and declarations."""

from django.core.files.base import ContentFile
from django.utils import timezone

from rfp.models import Status
from scoring.models import Assignment, ConflictDeclaration
from tests.access.matrix import FORM_ERRORS, Case, rfp_ref
from vendors.models import Answer, AnswerState, Attachment, ResponseStatus

PROCUREMENT = frozenset({"procurement"})
EVALUATOR = frozenset({"evaluator"})
RESULT_READERS = frozenset({"procurement", "executive"})
TEAM = frozenset({"procurement", "evaluator", "executive"})


def answer_value(question, quality: int = 3):
    """A plausible answer of some quality (0-5) for any question of the factories."""
    if question.type == "percentage":
        return 70.0 - 10 * quality
    if question.type == "number":
        return 100000.0 + 10000 * quality
    return f"We run practice {question.key} with evidence level {quality}."


def prepare_evaluation(world, *, declare: bool = True, assign: bool = True, status: str = Status.EVALUATION):
    """Submitted bids for both vendors, an answer to every question, Omar assigned to every
    section and cleared for both vendors, and one attachment, then the RFP in `status`."""
    if "answers" in world.extra:
        return world
    now = timezone.now()
    answers = {}
    for key, response in world.responses.items():
        response.status = ResponseStatus.SUBMITTED
        response.submitted_at = now - timezone.timedelta(hours=2 if key == "vendor" else 1)
        response.save()
        for question in world.questions:
            answers[(key, question.pk)] = Answer.objects.create(
                response=response,
                question=question,
                state=AnswerState.ANSWERED,
                value=answer_value(question, 4 if key == "vendor" else 2),
            )
    world.rfp.status = status
    if status != Status.OPEN:
        world.rfp.deadline = now - timezone.timedelta(minutes=30)  # an RFP closes only after its deadline
    world.rfp.save(update_fields=["status", "deadline"])
    evaluator = world.users["evaluator"]
    if assign:
        for section in world.sections:
            Assignment.objects.create(section=section, evaluator=evaluator, assigned_by=world.users["procurement"])
    if declare:
        for vendor in world.vendors.values():
            ConflictDeclaration.objects.create(rfp=world.rfp, evaluator=evaluator, vendor=vendor, conflict=False)
    human = [q for q in world.questions if not q.auto_rule]
    answer = answers[("vendor", human[0].pk)]
    attachment = Attachment(answer=answer, original_name="Northwind-Contact-ISO27001.pdf", size=9)
    attachment.file.save("x", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    world.extra.update(answers=answers, answer=answer, attachment=attachment, section=world.sections[0])
    return world


def _section(world) -> dict:
    return {"ref": world.rfp.reference, "section_id": world.extra["section"].pk}


def _answer(world) -> dict:
    return {"ref": world.rfp.reference, "answer_id": world.extra["answer"].pk}


CASES = [
    Case("scoring:overview", rfp_ref, allowed=TEAM, prepare=prepare_evaluation),
    Case("scoring:start", rfp_ref, allowed=PROCUREMENT, methods=("post",), prepare=prepare_evaluation),
    Case(
        "scoring:settings",
        rfp_ref,
        allowed=PROCUREMENT,
        methods=("post",),
        prepare=prepare_evaluation,
        data=lambda w: {"blind": "on", "aggregate": "mean", "price_direction": "lower_is_better"},
    ),
    Case(
        "scoring:assignments",
        rfp_ref,
        allowed=PROCUREMENT,
        methods=("post",),
        prepare=prepare_evaluation,
        data=lambda w: {"assign": [f"{s.pk}:{w.users['evaluator'].pk}" for s in w.sections]},
    ),
    Case("scoring:price_open", rfp_ref, allowed=PROCUREMENT, methods=("post",), prepare=prepare_evaluation),
    Case(
        "scoring:conflicts",
        rfp_ref,
        allowed=EVALUATOR,
        methods=("get", "post"),
        prepare=prepare_evaluation,
        expect=FORM_ERRORS,
    ),
    Case("scoring:section", _section, allowed=EVALUATOR, prepare=prepare_evaluation),
    Case("scoring:section_submit", _section, allowed=EVALUATOR, methods=("post",), prepare=prepare_evaluation),
    Case(
        "scoring:score",
        _answer,
        allowed=EVALUATOR,
        methods=("post",),
        prepare=prepare_evaluation,
        data=lambda w: {"points": "3", "comment": ""},
    ),
    Case(
        "scoring:consensus",
        _answer,
        allowed=PROCUREMENT,
        methods=("post",),
        prepare=prepare_evaluation,
        data=lambda w: {"points": "3", "reason": "Panel agreed after discussion."},
    ),
    Case(
        "scoring:attachment",
        lambda w: {"ref": w.rfp.reference, "attachment_id": w.extra["attachment"].pk},
        allowed=frozenset({"procurement", "evaluator"}),
        prepare=prepare_evaluation,
    ),
    Case("scoring:moderation", rfp_ref, allowed=PROCUREMENT, prepare=prepare_evaluation),
    Case("scoring:ranking", rfp_ref, allowed=RESULT_READERS, prepare=prepare_evaluation),
    Case(
        "scoring:what_if",
        rfp_ref,
        allowed=RESULT_READERS,
        methods=("post",),
        prepare=prepare_evaluation,
        data=lambda w: {f"w_{s.pk}": "30" for s in w.sections},
        expect={"post": 200},  # an htmx fragment with the re-ranked table
    ),
    Case(
        "scoring:ahp",
        rfp_ref,
        allowed=PROCUREMENT,
        methods=("get", "post"),
        prepare=prepare_evaluation,
        expect=FORM_ERRORS,
    ),
]
