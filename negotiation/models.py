"""Best-and-final-offer (BAFO) rounds: after the first evaluation, procurement asks some vendors to
revise their offers by a new deadline, and the panel re-scores only what changed.

An app of its own because a round crosses the others' boundaries (a vendor's answers, the panel's
scores, the ranking) and keeps its own history: what each vendor had offered when the round opened,
its revisions while the round was open, and the scores set aside because the answer they judged
changed.

Sealing holds by construction: revisions are written to `Revision` rows, never to the answers that
the buyer's pages, the ranking and the reports read. When the round closes, the revisions of the
vendors who submitted them replace their answers in one transaction; until then every buyer reads
the offer of the previous round.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vendors.models import AnswerContent


class Round(models.Model):
    rfp = models.ForeignKey("rfp.RFP", on_delete=models.CASCADE, related_name="rounds")
    # The first evaluation is round 1; the first best-and-final round is number 2.
    number = models.PositiveIntegerField(_("round"))
    deadline = models.DateTimeField(_("deadline"))
    # Besides the price, which may always change: the sections vendors may revise.
    section_ids = models.JSONField(_("sections open to revision"), default=list, blank=True)
    note = models.TextField(_("note to the vendors"), blank=True)
    opened_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    opened_at = models.DateTimeField(_("opened"), default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # The ranking as it stood when the round opened, by vendor id: what round N+1 is compared with.
    baseline = models.JSONField(_("ranking when the round opened"), default=dict, blank=True)
    # Filled when the round closes: each answer whose content changed, with its content before and
    # after ({"answer", "question", "response", "before", "after"}), so the earlier round stays readable.
    changes = models.JSONField(_("answers changed in this round"), default=list, blank=True)

    class Meta:
        ordering = ["rfp", "number"]
        constraints = [models.UniqueConstraint(fields=["rfp", "number"], name="one_round_number_per_rfp")]
        verbose_name = _("best-and-final round")
        verbose_name_plural = _("best-and-final rounds")

    def __str__(self) -> str:
        return f"Round {self.number} of RFP {self.rfp_id}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    @property
    def changed_answer_ids(self) -> set[int]:
        return {change["answer"] for change in self.changes}


class Participant(models.Model):
    """A vendor asked to revise its offer in a round, and whether it submitted a revision."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="participants")
    response = models.ForeignKey("vendors.Response", on_delete=models.CASCADE, related_name="round_entries")
    submitted_at = models.DateTimeField(_("revision submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["round", "response__vendor__name"]
        constraints = [models.UniqueConstraint(fields=["round", "response"], name="one_entry_per_round")]
        verbose_name = _("round participant")
        verbose_name_plural = _("round participants")

    def __str__(self) -> str:
        return f"{self.response} in round {self.round.number}"


class Revision(AnswerContent):
    """A vendor's revised answer in an open round: an answer's content, kept apart from it."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="revisions")
    question = models.ForeignKey("rfp.Question", on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["participant", "question"], name="one_revision_per_question")]
        verbose_name = _("revised answer")
        verbose_name_plural = _("revised answers")

    def __str__(self) -> str:
        return f"revision of question {self.question_id} by participant {self.participant_id}"


class SetAsideScore(models.Model):
    """A score (or a consensus) that judged an answer's earlier content. The answer changed in the
    round, so the score stops counting and the panel scores the new content; this row keeps it."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="set_aside_scores")
    answer = models.ForeignKey("vendors.Answer", on_delete=models.CASCADE, related_name="set_aside_scores")
    evaluator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    is_consensus = models.BooleanField(_("consensus score"), default=False)
    points = models.PositiveSmallIntegerField(_("points"))
    comment = models.TextField(_("comment or reason"), blank=True)

    class Meta:
        ordering = ["round", "answer", "is_consensus", "evaluator"]
        verbose_name = _("set-aside score")
        verbose_name_plural = _("set-aside scores")

    def __str__(self) -> str:
        return f"{self.points}/5 set aside on answer {self.answer_id} in round {self.round.number}"
