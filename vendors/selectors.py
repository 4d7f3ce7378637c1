"""Reads for the vendor portal. Each returns what a page needs in a fixed number of queries, whatever
the number of questions, answers, files or vendors: data is loaded in bulk and assembled in Python."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Max, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from config.text_rules import isolate
from rfp.models import RFP, Addendum, Clarification, MemberRole, Question, QuestionType, Section, Status
from vendors.answer_values import clean_answer, shown_value
from vendors.models import (
    Answer,
    AnswerState,
    Attachment,
    Invitation,
    InvitationStatus,
    Response,
    ResponseStatus,
    Submission,
)

# --- one response, question by question -------------------------------------------------------------


@dataclass
class QuestionItem:
    """A question with this vendor's answer and files, as the answer and review pages show it."""

    question: Question
    answer: Answer | None
    attachments: list[Attachment] = field(default_factory=list)
    # Set when a buyer reads a reopened response: the values of the last submitted version.
    submitted: dict | None = None
    # Set by bid_sheet for a buyer: the price is still sealed for them, or free text is shown
    # through a rewrite (a blind evaluation replaces the vendor's name by its alias).
    sealed: bool = False
    rewrite: Any = None

    @property
    def state(self) -> str:
        if self.submitted is not None:
            return self.submitted.get("state", AnswerState.BLANK)
        return self.answer.state if self.answer else AnswerState.BLANK

    @property
    def value(self) -> Any:
        if self.submitted is not None:
            return self.submitted.get("value")
        return self.answer.value if self.answer else None

    @property
    def stored_comment(self) -> str:
        """The comment as the vendor wrote it: what the comment box edits and a submission keeps."""
        if self.submitted is not None:
            return self.submitted.get("comment", "")
        return self.answer.comment if self.answer else ""

    @property
    def comment(self) -> str:
        """The comment as a page shows it: isolated, so that a direction control in it cannot
        reorder the page around it (config.text_rules.isolate)."""
        if self.sealed:
            return ""
        text = self.stored_comment
        return isolate(self.rewrite(text) if self.rewrite else text)

    @property
    def version(self) -> int:
        return self.answer.version if self.answer else 0

    @property
    def is_answered(self) -> bool:
        return self.state == AnswerState.ANSWERED

    @property
    def is_not_applicable(self) -> bool:
        return self.state == AnswerState.NOT_APPLICABLE

    @property
    def display(self) -> str:
        """The answer as a page shows it: the vendor's text isolated, numbers and choices as they are."""
        if self.sealed:
            return ""
        text = shown_value(self.question.type, self.value)
        return self.rewrite(text) if self.rewrite else text

    @property
    def problem(self) -> str:
        """Why this answer stops a submission, or "" if it does not."""
        question = self.question
        if question.type == QuestionType.FILE:
            if question.required and not self.attachments:
                return _("Attach a file.")
            return ""
        if self.is_answered:
            try:
                clean_answer(question, self.value)
            except ValidationError as error:
                # An addendum changed the question after this answer was saved.
                return _("No longer valid after an addendum: %(reason)s") % {"reason": " ".join(error.messages)}
            return ""
        if question.required and not self.is_not_applicable:
            return _("Required answer missing.")
        return ""


@dataclass
class SectionItem:
    section: Section
    items: list[QuestionItem]

    @property
    def required(self) -> int:
        return sum(1 for item in self.items if item.question.required)

    @property
    def answered_required(self) -> int:
        return sum(1 for item in self.items if item.question.required and _counts_as_answered(item))

    @property
    def answered(self) -> int:
        return sum(1 for item in self.items if _counts_as_answered(item))

    @property
    def percent(self) -> int:
        return round(100 * self.answered_required / self.required) if self.required else 100

    @property
    def problems(self) -> list[QuestionItem]:
        return [item for item in self.items if item.problem]

    @property
    def is_complete(self) -> bool:
        return not self.problems


def _counts_as_answered(item: QuestionItem) -> bool:
    if item.question.type == QuestionType.FILE:
        return bool(item.attachments)
    return item.is_answered or item.is_not_applicable


class _SectionTotals:
    """The whole response's counts, from its sections' (a sheet's or a progress's)."""

    @property
    def required(self) -> int:
        return sum(s.required for s in self.sections)

    @property
    def answered_required(self) -> int:
        return sum(s.answered_required for s in self.sections)

    @property
    def percent(self) -> int:
        return round(100 * self.answered_required / self.required) if self.required else 100


@dataclass
class ResponseSheet(_SectionTotals):
    """The whole questionnaire with one vendor's answers: five queries in all."""

    response: Response
    sections: list[SectionItem]

    @property
    def problems(self) -> list[tuple[SectionItem, QuestionItem]]:
        return [(s, item) for s in self.sections for item in s.problems]

    def section(self, section_id: int) -> SectionItem | None:
        return next((s for s in self.sections if s.section.pk == section_id), None)

    def neighbours(self, section_id: int) -> tuple[SectionItem | None, SectionItem | None]:
        ids = [s.section.pk for s in self.sections]
        index = ids.index(section_id)
        before = self.sections[index - 1] if index > 0 else None
        after = self.sections[index + 1] if index + 1 < len(ids) else None
        return before, after


def response_sheet(response: Response, use_last_submission: bool = False, revision=None) -> ResponseSheet:
    """Sections, questions, answers and files of a response.

    With `use_last_submission`, a response that was reopened after a submission shows the values
    of its last submitted version (what a buyer may rely on), not the vendor's unsubmitted edits.
    With `revision` (the response's place in an open best-and-final round), the vendor's revised
    answers stand in for the answers they revise: only the vendor's own pages pass it.
    """
    sections = list(Section.objects.filter(rfp_id=response.rfp_id).order_by("order", "id"))
    questions = list(Question.objects.filter(section__rfp_id=response.rfp_id).order_by("order", "id"))
    answers = {a.question_id: a for a in Answer.objects.filter(response=response).select_related("updated_by")}
    # Attachments hang off answers: map through the answers already loaded rather than a join per file.
    question_of_answer = {answer.pk: question_id for question_id, answer in answers.items()}
    if revision is not None:
        from negotiation.selectors import revisions_by_question

        answers |= revisions_by_question(revision)
    files: dict[int, list[Attachment]] = defaultdict(list)
    for attachment in Attachment.objects.filter(answer__response=response).order_by("uploaded_at", "id"):
        files[question_of_answer.get(attachment.answer_id, 0)].append(attachment)
    snapshot = None
    if use_last_submission and response.status != ResponseStatus.SUBMITTED:
        last = Submission.objects.filter(response=response).order_by("-number").first()
        snapshot = (last.snapshot or {}).get("answers", {}) if last else None
    by_section: dict[int, list[QuestionItem]] = defaultdict(list)
    for question in questions:
        submitted = snapshot.get(str(question.pk), {}) if snapshot is not None else None
        by_section[question.section_id].append(
            QuestionItem(
                question=question, answer=answers.get(question.pk), attachments=files[question.pk], submitted=submitted
            )
        )
    return ResponseSheet(response=response, sections=[SectionItem(s, by_section[s.pk]) for s in sections])


@dataclass(frozen=True)
class SectionProgress:
    section: Section
    required: int
    answered_required: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered_required / self.required) if self.required else 100


@dataclass(frozen=True)
class ResponseProgress(_SectionTotals):
    """The section navigation's counts without the questionnaire: what an autosave sends back."""

    sections: list[SectionProgress]

    def section(self, section_id: int) -> SectionProgress | None:
        return next((s for s in self.sections if s.section.pk == section_id), None)


def response_progress(response: Response) -> ResponseProgress:
    """Required and answered-required questions per section, counted by the database in three
    queries: an autosave touches the answer it saves and reads these counts, never the whole
    questionnaire. Counts as :func:`response_sheet` does: a file question is answered by a file,
    any other by an answer or "not applicable"."""
    sections = list(Section.objects.filter(rfp_id=response.rfp_id).order_by("order", "id").only("id", "title", "order"))
    required = dict(
        Question.objects.filter(section__rfp_id=response.rfp_id, required=True)
        .values("section_id")
        .annotate(n=Count("id"))
        .values_list("section_id", "n")
    )
    answered = dict(
        Answer.objects.filter(response=response, question__required=True)
        .filter(
            (~Q(question__type=QuestionType.FILE) & Q(state__in=[AnswerState.ANSWERED, AnswerState.NOT_APPLICABLE]))
            | Q(question__type=QuestionType.FILE, attachments__isnull=False)
        )
        .values("question__section_id")
        .annotate(n=Count("question_id", distinct=True))
        .values_list("question__section_id", "n")
    )
    return ResponseProgress([SectionProgress(s, required.get(s.pk, 0), answered.get(s.pk, 0)) for s in sections])


def answer_snapshot(sheet: ResponseSheet) -> dict:
    """The JSON stored with a submission: every question's state, value, comment and files."""
    return {
        "questionnaire_version": sheet.response.rfp.questionnaire_version,
        "answers": {
            str(item.question.pk): {
                "key": item.question.key,
                "state": item.state,
                "value": item.value,
                "comment": item.stored_comment,
                "version": item.version,
                "attachments": [{"id": a.pk, "name": a.original_name, "size": a.size} for a in item.attachments],
            }
            for section in sheet.sections
            for item in section.items
        },
    }


def last_submission(response: Response) -> Submission | None:
    return Submission.objects.filter(response=response).select_related("submitted_by").order_by("-number").first()


def submissions(response: Response) -> QuerySet[Submission]:
    return Submission.objects.filter(response=response).select_related("submitted_by").order_by("-number")


# --- the vendor's dashboard --------------------------------------------------------------------------


@dataclass
class DashboardRow:
    invitation: Invitation
    response: Response | None
    required: int = 0
    answered_required: int = 0
    answered: int = 0
    submission_number: int | None = None
    clarifications: int = 0
    addenda: int = 0
    latest_addendum: int = 0
    round_entry: Any = None  # the company's place in an open best-and-final round

    @property
    def rfp(self) -> RFP:
        return self.invitation.rfp

    @property
    def percent(self) -> int:
        return round(100 * self.answered_required / self.required) if self.required else 0

    @property
    def deadline_soon(self) -> bool:
        left = self.rfp.deadline - timezone.now()
        return timedelta(0) < left < timedelta(hours=48)

    @property
    def unacknowledged_addenda(self) -> int:
        return max(0, self.latest_addendum - self.invitation.addenda_acknowledged)

    @property
    def status_key(self) -> str:
        if self.invitation.status == InvitationStatus.DECLINED:
            return "declined"
        if self.response and self.response.status == ResponseStatus.SUBMITTED:
            return "submitted"
        if self.submission_number:
            return "reopened"
        return "in_progress" if self.answered else "not_started"


def vendor_dashboard(user) -> list[DashboardRow]:
    """Every RFP the user's company was invited to, with progress and counts, and any open
    best-and-final round the company is asked to take part in: eight queries."""
    invitations = list(
        Invitation.objects.filter(vendor_id=user.company_id)
        .exclude(rfp__status=Status.DRAFT)
        .select_related("rfp")
        .order_by("rfp__deadline", "rfp__reference")
    )
    if not invitations:
        return []
    rfp_ids = [i.rfp_id for i in invitations]
    responses = {r.rfp_id: r for r in Response.objects.filter(vendor_id=user.company_id, rfp_id__in=rfp_ids)}
    required = dict(
        Question.objects.filter(section__rfp_id__in=rfp_ids, required=True)
        .values_list("section__rfp_id")
        .annotate(n=Count("id"))
    )
    answered = {
        row["response_id"]: row
        for row in Answer.objects.filter(response__in=responses.values())
        .filter(Q(state=AnswerState.ANSWERED) | Q(state=AnswerState.NOT_APPLICABLE))
        .values("response_id")
        .annotate(total=Count("id"), required=Count("id", filter=Q(question__required=True)))
    }
    numbers = dict(
        Submission.objects.filter(response__in=responses.values()).values_list("response_id").annotate(n=Max("number"))
    )
    clarifications = dict(
        Clarification.objects.filter(rfp_id__in=rfp_ids)
        .filter(Q(published_at__isnull=False) | Q(vendor_id=user.company_id))
        .values_list("rfp_id")
        .annotate(n=Count("id"))
    )
    addenda = {
        row["rfp_id"]: row
        for row in Addendum.objects.filter(rfp_id__in=rfp_ids)
        .values("rfp_id")
        .annotate(n=Count("id"), last=Max("number"))
    }
    from negotiation.models import Participant

    rounds = {
        entry.response_id: entry
        for entry in Participant.objects.filter(
            response__in=responses.values(), round__closed_at__isnull=True
        ).select_related("round")
    }
    rows = []
    for invitation in invitations:
        response = responses.get(invitation.rfp_id)
        counts = answered.get(response.pk, {}) if response else {}
        rows.append(
            DashboardRow(
                invitation=invitation,
                response=response,
                required=required.get(invitation.rfp_id, 0),
                answered_required=min(counts.get("required", 0), required.get(invitation.rfp_id, 0)),
                answered=counts.get("total", 0),
                submission_number=numbers.get(response.pk) if response else None,
                clarifications=clarifications.get(invitation.rfp_id, 0),
                addenda=addenda.get(invitation.rfp_id, {}).get("n", 0),
                latest_addendum=addenda.get(invitation.rfp_id, {}).get("last") or 0,
                round_entry=rounds.get(response.pk) if response else None,
            )
        )
    return rows


# --- addenda and clarifications ----------------------------------------------------------------------


def addenda(rfp: RFP) -> QuerySet[Addendum]:
    return Addendum.objects.filter(rfp=rfp).select_related("created_by").order_by("-number")


def unacknowledged_addenda(invitation: Invitation) -> list[Addendum]:
    return list(
        Addendum.objects.filter(rfp_id=invitation.rfp_id, number__gt=invitation.addenda_acknowledged).order_by("number")
    )


def vendor_clarifications(rfp: RFP, vendor) -> QuerySet[Clarification]:
    """Published questions from anyone (shown without the asker) and this company's own others."""
    return (
        Clarification.objects.filter(rfp=rfp)
        .filter(Q(published_at__isnull=False) | Q(vendor=vendor))
        .select_related("question")
        .order_by("-published_at", "-asked_at")
    )


def buyer_clarifications(rfp: RFP) -> QuerySet[Clarification]:
    return (
        Clarification.objects.filter(rfp=rfp)
        .select_related("vendor", "asked_by", "answered_by", "question")
        .order_by("published_at", "-asked_at")
    )


# --- the buyer's view of invitations and submissions -------------------------------------------------


@dataclass
class InvitationRow:
    invitation: Invitation
    response: Response | None
    submission_number: int | None
    readable: bool = False  # whether the reader may open this bid (vendors.bid_view decides)

    @property
    def is_submitted(self) -> bool:
        return bool(self.response and self.response.status == ResponseStatus.SUBMITTED)

    @property
    def awaiting_submission(self) -> bool:
        return not self.is_submitted and self.invitation.status != InvitationStatus.DECLINED


def invitation_rows(rfp: RFP) -> list[InvitationRow]:
    """Who was invited, who declined (and why), who submitted and when: three queries."""
    invitations = list(
        Invitation.objects.filter(rfp=rfp).select_related("vendor", "invited_by").order_by("vendor__name")
    )
    responses = {r.vendor_id: r for r in Response.objects.filter(rfp=rfp)}
    numbers = dict(Submission.objects.filter(response__rfp=rfp).values_list("response_id").annotate(n=Max("number")))
    rows = []
    for invitation in invitations:
        response = responses.get(invitation.vendor_id)
        rows.append(InvitationRow(invitation, response, numbers.get(response.pk) if response else None))
    return rows


def notification_addresses(rfp: RFP) -> list[str]:
    """Everyone on the vendor side who should hear about this RFP: the invitation contacts and the
    users of every company that has not declined."""
    invitations = Invitation.objects.filter(rfp=rfp).exclude(status=InvitationStatus.DECLINED)
    contacts = list(invitations.values_list("email", flat=True))
    from accounts.models import User

    users = list(
        User.objects.filter(company__invitations__in=invitations, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )
    return sorted({address.lower() for address in contacts + users})


def awaiting_submission(rfp: RFP) -> list[tuple[Invitation, list[str]]]:
    """The invited companies that have neither declined nor submitted, each with the addresses
    to remind: the invitation's contact and the company's active users. Two queries."""
    from accounts.models import User

    submitted = Response.objects.filter(rfp=rfp, status=ResponseStatus.SUBMITTED).values("vendor_id")
    invitations = list(
        Invitation.objects.filter(rfp=rfp)
        .exclude(status=InvitationStatus.DECLINED)
        .exclude(vendor_id__in=submitted)
        .select_related("vendor")
        .order_by("vendor__name")
    )
    users = defaultdict(set)
    people = User.objects.filter(company_id__in=[i.vendor_id for i in invitations], is_active=True).exclude(email="")
    for company_id, email in people.values_list("company_id", "email"):
        users[company_id].add(email.lower())
    return [(i, sorted(users[i.vendor_id] | {i.email.lower()})) for i in invitations]


def procurement_addresses(rfp: RFP) -> list[str]:
    from accounts.models import User

    return list(
        User.objects.filter(rfp_memberships__rfp=rfp, rfp_memberships__role=MemberRole.PROCUREMENT, is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
    )


# --- one bid, as a buyer may read it ----------------------------------------------------------------


@dataclass
class BidSheet:
    """A submitted response cut down to what one buyer may read (vendors.bid_view decides)."""

    response: Response
    label: str
    sections: list[SectionItem]
    hidden_sections: int
    blind: bool

    @property
    def prices_shown(self) -> list[QuestionItem]:
        """The price answers on the page, unsealed: reading them is written in the audit log."""
        return [
            item
            for s in self.sections
            for item in s.items
            if item.question.is_price and not item.sealed and (item.value is not None or item.attachments)
        ]


def bid_sheet(response: Response, rule) -> BidSheet:
    """The sections the rule lets this reader see, prices sealed where the envelope is closed,
    and in a blind evaluation the vendor's name replaced by its alias in text and file names."""
    from scoring.selectors import bidders, blind_file_name, redact

    sheet = response_sheet(response, use_last_submission=True)
    bidder = next((b for b in bidders(response.rfp) if b.response_id == response.pk), None)
    blind = rule.blind and bidder is not None
    sections = [s for s in sheet.sections if rule.may_read_section(s.section.pk)]
    for section_item in sections:
        for item in section_item.items:
            item.sealed = rule.is_price_content(item.question) and not rule.price_visible(response.pk)
            if item.sealed:
                item.attachments = []
            if blind:
                item.rewrite = lambda text, who=bidder: redact(text, who)
            for position, attachment in enumerate(item.attachments, 1):
                attachment.shown_name = (
                    blind_file_name(position, attachment.original_name) if blind else attachment.original_name
                )
    return BidSheet(
        response=response,
        label=bidder.alias if blind else response.vendor.name,
        sections=sections,
        hidden_sections=len(sheet.sections) - len(sections),
        blind=blind,
    )


def shown_file_name(attachment: Attachment, *, blind: bool) -> str:
    """The name a buyer sees for a bid's file: in a blind evaluation "Attachment n" (its place
    among the files of its answer), which cannot carry the vendor's name."""
    if not blind:
        return attachment.original_name
    from scoring.selectors import blind_file_name

    siblings = list(
        Attachment.objects.filter(answer_id=attachment.answer_id)
        .order_by("uploaded_at", "id")
        .values_list("id", flat=True)
    )
    return blind_file_name(siblings.index(attachment.pk) + 1, attachment.original_name)
