"""`manage.py insights_evaluate`: the engine against the hand-labelled sets, as a table of
precision and recall per kind of finding, per language and overall, for each labelling; then how
far the two labellers of the development set agree."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from insights import labelled_set


class Command(BaseCommand):
    help = _("Measure answer intelligence against the labelled sets: precision and recall per kind and language.")

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--labelling",
            choices=[*labelled_set.SETS, "all"],
            default="all",
            help=_("which labelling to measure against (default: each in turn)"),
        )
        parser.add_argument("--mistakes", action="store_true", help=_("list every missed or false finding"))
        parser.add_argument("--strict", action="store_true", help=_("exit non-zero when a goal is missed"))

    def handle(self, *args, **options) -> None:
        chosen = labelled_set.SETS if options["labelling"] == "all" else (options["labelling"],)
        missed = []
        for labelling in chosen:
            self.stdout.write(_("Labelling: %(name)s") % {"name": labelling})
            outcomes = labelled_set.evaluate_all(labelling=labelling)
            self._table(outcomes)
            if options["mistakes"]:
                for answer_id, kind, what, reason in outcomes[-1].mistakes:
                    self.stdout.write(f"{answer_id}  {kind}  {what}  ({reason})")
            missed += [f"{labelling}: {item}" for item in labelled_set.goals_missed(outcomes)]
            self.stdout.write("")
        if "second" in chosen:
            self._agreement()
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

    def _table(self, outcomes) -> None:
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
        self._rows(rows, left=(0, 2))

    def _agreement(self) -> None:
        self.stdout.write(_("Agreement of the two labellers of the development set:"))
        header = [_("kind"), _("answers"), _("both"), _("first only"), _("second only"), "kappa"]
        rows = [header] + [
            [a.kind, str(a.answers), str(a.both), str(a.first_only), str(a.second_only), labelled_set.shown(a.kappa)]
            for a in labelled_set.agreement()
        ]
        self._rows(rows, left=(0,))
        self.stdout.write("")

    def _rows(self, rows: list[list[str]], left: tuple) -> None:
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            self.stdout.write(
                "  ".join(
                    cell.ljust(width) if i in left else cell.rjust(width)
                    for i, (cell, width) in enumerate(zip(row, widths, strict=True))
                )
            )
