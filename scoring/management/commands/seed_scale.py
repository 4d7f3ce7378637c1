"""python manage.py seed_scale --vendors N --questions M --evaluators K [--reference REF]

Benchmark data: one RFP in evaluation with N submitted bids, M questions in nine sections (eight
technical, one price), K evaluators who scored and submitted every human-scored answer. Built
with bulk_create in a few dozen statements, so 200 x 400 x 5 takes seconds, not hours. Running it
again with the same reference replaces that RFP and its vendors.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from accounts.models import Role, User
from rfp.models import RFP, MemberRole, Question, QuestionType, RFPMember, Section, SectionKind, Status
from scoring.models import Assignment, ConflictDeclaration, Score
from vendors.models import Answer, AnswerState, Response, ResponseStatus, Vendor

TECHNICAL_SECTIONS = [
    "Communication of needs and goals",
    "Flexibility and innovation",
    "Agent attrition and workforce",
    "Management oversight",
    "Language and culture",
    "SLA and KPI consistency",
    "Cybersecurity",
    "Business continuity",
]
RUBRIC = {str(p): f"Anchor {p}" for p in range(6)}
BATCH = 5000


class Command(BaseCommand):
    help = "Create a large RFP in evaluation (vendors x questions x evaluators) for benchmarks."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--vendors", type=int, default=200)
        parser.add_argument("--questions", type=int, default=400)
        parser.add_argument("--evaluators", type=int, default=5)
        parser.add_argument("--reference", default=None, help="Default: SCALE-<vendors>x<questions>x<evaluators>.")

    def handle(self, *args, vendors: int, questions: int, evaluators: int, reference: str | None, **options):
        if vendors < 1 or questions < 10 or evaluators < 1:
            raise CommandError("Give at least 1 vendor, 10 questions and 1 evaluator.")
        reference = reference or f"SCALE-{vendors}x{questions}x{evaluators}"
        rfp = build_scale_rfp(vendors=vendors, questions=questions, evaluators=evaluators, reference=reference)
        scores = Score.objects.filter(answer__response__rfp=rfp).count()
        self.stdout.write(
            f"{reference}: {vendors} vendors, {questions} questions, {evaluators} evaluators, {scores} scores"
        )


@transaction.atomic
def build_scale_rfp(*, vendors: int, questions: int, evaluators: int, reference: str, seed: int = 42) -> RFP:
    """The benchmark RFP, built in bulk. Also used by tests to compare pages at two sizes."""
    rng = random.Random(seed)
    prefix = reference.lower()
    RFP.objects.filter(reference=reference).delete()
    Vendor.objects.filter(slug__startswith=f"{prefix}-").delete()

    password = make_password(None)
    owner, _created = User.objects.get_or_create(
        username=f"{prefix}-procurement", defaults={"role": Role.PROCUREMENT, "password": password}
    )
    panel = []
    for k in range(evaluators):
        user, _created = User.objects.get_or_create(
            username=f"{prefix}-evaluator-{k + 1}",
            defaults={"role": Role.EVALUATOR, "password": password, "first_name": "Evaluator", "last_name": str(k + 1)},
        )
        panel.append(user)
    rfp = RFP.objects.create(
        reference=reference,
        kind="RFP",
        title=f"Scale test: {vendors} vendors x {questions} questions",
        deadline=timezone.now() - timedelta(days=3),
        status=Status.EVALUATION,
        two_envelope=False,  # the benchmarks rank with prices in play
        created_by=owner,
    )
    RFPMember.objects.bulk_create(
        [RFPMember(rfp=rfp, user=owner, role=MemberRole.PROCUREMENT)]
        + [RFPMember(rfp=rfp, user=u, role=MemberRole.EVALUATOR) for u in panel]
    )
    sections = Section.objects.bulk_create(
        [
            Section(rfp=rfp, key=f"s{i}", title=title, weight=Decimal("10"), order=i)
            for i, title in enumerate(TECHNICAL_SECTIONS)
        ]
        + [Section(rfp=rfp, key="price", title="Price", kind=SectionKind.PRICE, weight=Decimal("20"), order=99)]
    )
    technical, price_section = sections[:-1], sections[-1]
    question_rows = [
        Question(
            section=price_section,
            key="price",
            text="Total price for three years",
            type=QuestionType.NUMBER,
            is_price=True,
            rubric=None,
            order=1,
        )
    ]
    for n in range(questions - 1):
        section = technical[n % len(technical)]
        question_rows.append(_question(n, section, rng))
    question_rows = Question.objects.bulk_create(question_rows)

    now = timezone.now()
    vendor_rows = Vendor.objects.bulk_create(
        [Vendor(name=f"{reference} vendor {i + 1:03d}", slug=f"{prefix}-{i + 1:03d}") for i in range(vendors)]
    )
    responses = Response.objects.bulk_create(
        [
            Response(rfp=rfp, vendor=v, status=ResponseStatus.SUBMITTED, submitted_at=now - timedelta(minutes=i))
            for i, v in enumerate(vendor_rows)
        ]
    )
    quality = {r.pk: rng.uniform(0.2, 0.95) for r in responses}
    answers = [
        _answer(response, question, quality[response.pk], rng) for response in responses for question in question_rows
    ]
    Answer.objects.bulk_create(answers, batch_size=BATCH)

    Assignment.objects.bulk_create(
        [Assignment(section=s, evaluator=u, assigned_by=owner, submitted_at=now) for s in technical for u in panel]
    )
    ConflictDeclaration.objects.bulk_create(
        [ConflictDeclaration(rfp=rfp, evaluator=u, vendor=v, conflict=False) for u in panel for v in vendor_rows]
    )
    human = {q.pk for q in question_rows if q.rubric and not q.auto_rule}
    answer_rows = Answer.objects.filter(response__rfp=rfp, question_id__in=human, state=AnswerState.ANSWERED)
    scores = []
    for answer_id, response_id in answer_rows.values_list("id", "response_id").iterator(chunk_size=BATCH):
        base = quality[response_id] * 5
        for user in panel:
            points = max(0, min(5, round(base + rng.uniform(-0.8, 0.8))))
            scores.append(
                Score(answer_id=answer_id, evaluator=user, points=points, comment="", updated_at=now, submitted_at=now)
            )
        if len(scores) >= BATCH * 4:
            Score.objects.bulk_create(scores, batch_size=BATCH)
            scores = []
    Score.objects.bulk_create(scores, batch_size=BATCH)
    return rfp


def _question(n: int, section: Section, rng: random.Random) -> Question:
    kind = n % 4
    common = {"section": section, "key": f"q{n + 1}", "text": f"Question {n + 1}", "order": n + 2}
    if kind == 3:
        return Question(
            type=QuestionType.PERCENTAGE,
            rubric=None,
            auto_rule={"kind": "linear", "worst": 80, "best": 20},
            **common,
        )
    if n == 0:
        return Question(
            type=QuestionType.YES_NO,
            choices=[{"label": "Yes", "points": 5}, {"label": "No", "points": 0}],
            auto_rule={"kind": "choice_points"},
            knockout={"op": "equals", "value": "Yes"},
            knockout_reason="No ISO 27001 certificate covering the proposed sites",
            rubric=None,
            **common,
        )
    return Question(type=QuestionType.LONG_TEXT, rubric=RUBRIC, **common)


def _answer(response: Response, question: Question, quality: float, rng: random.Random) -> Answer:
    if question.is_price:
        return Answer(
            response=response, question=question, state=AnswerState.ANSWERED, value=round(5e6 * (1.5 - quality))
        )
    roll = rng.random()
    if roll < 0.02 and not question.knockout:
        return Answer(response=response, question=question, state=AnswerState.BLANK, value=None)
    if question.type == QuestionType.YES_NO:
        return Answer(
            response=response, question=question, state=AnswerState.ANSWERED, value="Yes" if roll < 0.97 else "No"
        )
    if question.type == QuestionType.PERCENTAGE:
        return Answer(
            response=response, question=question, state=AnswerState.ANSWERED, value=round(80 - 60 * quality, 1)
        )
    return Answer(response=response, question=question, state=AnswerState.ANSWERED, value="A practice, described.")
