"""python manage.py rank REF [--format json|table] [--method wsm|topsis]

Ranks the submitted bids of an RFP with the same selector as the dashboard. JSON prints exactly
one object (the README gives its shape); bad input exits non-zero with a one-line reason.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError, CommandParser

from rfp.models import RFP
from scoring.selectors import METHODS, ranking_for_rfp

FORMATS = ("json", "table")


class Command(BaseCommand):
    help = "Rank the submitted bids of an RFP (json or table; weighted sum or TOPSIS)."
    # The system checks would import every page's code (openpyxl, the report views) to check the
    # URLs: a third of the command's time, for nothing it uses. `manage.py check` runs them.
    requires_system_checks: list = []

    def create_parser(self, prog_name: str, subcommand: str, **kwargs) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)

        def one_line_error(message: str) -> None:  # argparse would print the usage as well
            sys.stderr.write(f"rank: {message}\n")
            sys.exit(2)

        parser.error = one_line_error
        return parser

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("reference", help="The RFP's reference, e.g. RFI-2027-001.")
        # Checked by hand rather than with argparse choices, whose error spans several lines.
        parser.add_argument("--format", default="table", help="json or table (default).")
        parser.add_argument("--method", default="wsm", help="wsm (weighted sum, default) or topsis.")

    def handle(self, *args, reference: str, format: str, method: str, **options) -> None:
        if format not in FORMATS:
            raise CommandError(f"Unknown format {format!r}: use json or table.")
        if method not in METHODS:
            raise CommandError(f"Unknown method {method!r}: use wsm or topsis.")
        rfp = RFP.objects.filter(reference=reference).first()
        if rfp is None:
            raise CommandError(f"No RFP with the reference {reference!r}.")
        ranking = ranking_for_rfp(rfp, method=method)
        if ranking.error:
            raise CommandError(" ".join(f"Cannot rank {reference}: {ranking.error}".split()))
        if format == "json":
            self.stdout.write(json.dumps(ranking.as_json(), ensure_ascii=False))
        else:
            self.stdout.write(self._table(ranking))

    def _table(self, ranking) -> str:
        data = ranking.as_json()
        width = max([len(v["vendor"]) for v in data["vendors"]] + [6])
        title = f"{data['rfp']}  method={data['method']}"
        if data["provisional"]:
            title += "  PROVISIONAL (answers still to score)"
        if ranking.price_sealed:
            title += "  price envelope sealed"
        lines = [title, f"{'Rank':>4}  {'Vendor':<{width}}  {'Total':>6}  {'Tech':>6}  {'Price':>6}  Notes"]
        for v in data["vendors"]:
            notes = [f"knocked out: {'; '.join(v['knockout_reasons'])}"] if v["knocked_out"] else []
            notes += v["flags"]
            lines.append(
                f"{v['rank']:>4}  {v['vendor']:<{width}}  {_cell(v['total'])}  {_cell(v['technical'])}  "
                f"{_cell(v['price_score'])}  {', '.join(notes)}"
            )
        if not data["vendors"]:
            lines.append("No submitted bid.")
        return "\n".join(lines)


def _cell(value) -> str:
    return f"{'-':>6}" if value is None else f"{value:6.2f}"
