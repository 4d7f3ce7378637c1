"""`manage.py insights_evaluate`: the engine against the hand-labelled set, as a table of
precision and recall per kind of finding, per language and overall."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from insights import labelled_set


class Command(BaseCommand):
    help = _("Measure answer intelligence against the labelled set: precision and recall per kind and language.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--mistakes", action="store_true", help=_("list every missed or false finding"))
        parser.add_argument("--strict", action="store_true", help=_("exit non-zero when a goal is missed"))

    def handle(self, *args, **options) -> None:
        outcomes = labelled_set.evaluate_all()
        header = [_("language"), _("answers"), _("kind"), "TP", "FP", "FN", _("precision"), _("recall")]
        rows = [header]
        for outcome in outcomes:
            for kind, score in outcome.scores.items():
                rows.append(
                    [
                        outcome.language,
                        str(outcome.answers),
                        kind,
                        str(score.true_positive),
                        str(score.false_positive),
                        str(score.false_negative),
                        labelled_set.shown(score.precision),
                        labelled_set.shown(score.recall),
                    ]
                )
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        for row in rows:
            self.stdout.write(
                "  ".join(
                    cell.ljust(width) if i in (0, 2) else cell.rjust(width)
                    for i, (cell, width) in enumerate(zip(row, widths, strict=True))
                )
            )
        if options["mistakes"]:
            for answer_id, kind, what, reason in outcomes[-1].mistakes:
                self.stdout.write(f"{answer_id}  {kind}  {what}  ({reason})")
        missed = labelled_set.goals_missed(outcomes)
        goals = _("Goals: precision >= %(precision).2f and recall >= %(recall).2f for each kind in each language") % {
            "precision": labelled_set.PRECISION_GOAL,
            "recall": labelled_set.RECALL_GOAL,
        }
        self.stdout.write(goals)
        if not missed:
            self.stdout.write(_("All goals met."))
            return
        self.stdout.write(_("Missed: %(missed)s") % {"missed": "; ".join(missed)})
        if options["strict"]:
            raise CommandError(_("%(count)d goals missed") % {"count": len(missed)})
