"""The demo's decision: the evaluated RFI's shortlist, published and promoted into RFP-2027-002.

`seed_demo_shortlist(rfi, by)` is called by seed_demo after the evaluation is scored. It goes
through the same services as the pages, so the audit log and the e-mails read as in real use.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from reports import selectors, services
from rfp.models import RFP, Status
from scoring import engine

DEMO_RFP_REFERENCE = "RFP-2027-002"
SHORTLIST_SIZE = 3
DEADLINE_DAYS = 28


def demo_rationale(rfi: RFP, count: int = SHORTLIST_SIZE) -> str:
    """A rationale written from the ranking itself, as procurement would write it."""
    ranking = selectors.report_ranking(rfi)
    detail = selectors.answer_detail(ranking)
    sections = selectors.flag_sections(ranking, detail)
    chosen = [row for row in ranking.rows if not row.result.excluded][:count]
    names = ", ".join(f"{row.label} ({number_format(round(row.result.total, 1), decimal_pos=1)})" for row in chosen)
    lines = [
        _("We shortlist %(names)s: the best totals among the valid responses, with no failed mandatory requirement.")
        % {"names": names}
    ]
    for row in ranking.rows:
        if row.result.knocked_out:
            lines.append(
                _("%(vendor)s is excluded: %(reasons)s")
                % {"vendor": row.label, "reasons": "; ".join(row.result.knockout_reasons)}
            )
        elif row not in chosen and engine.FLAG_ABNORMALLY_LOW in row.result.flags:
            flags = selectors.risk_flags(detail.for_vendor(row.result.vendor_id), sections)
            areas = list(dict.fromkeys(flag.section.lower() for flag in flags))[:2]
            if areas:
                lines.append(
                    _(
                        "%(vendor)s has the lowest price, but it is abnormally low against the other bids, and its "
                        "answers on %(areas)s break the benchmarks."
                    )
                    % {"vendor": row.label, "areas": _join(areas)}
                )
            else:
                lines.append(
                    _("%(vendor)s has the lowest price, but it is abnormally low against the other bids.")
                    % {"vendor": row.label}
                )
    lines.append(_("The RFP stage will test pricing, transition plans and references with these vendors only."))
    return "\n\n".join(lines)


def _join(items: list[str]) -> str:
    if len(items) == 1:
        return items[0]
    return _("%(items)s and %(last)s") % {"items": ", ".join(items[:-1]), "last": items[-1]}


def seed_demo_shortlist(rfi: RFP, by) -> RFP:
    """Shortlist the top three valid vendors of the demo RFI with a rationale, publish it (the RFI
    becomes decided) and promote it into the draft RFP-2027-002 with the shortlisted vendors
    invited. Returns the promoted RFP; running it again returns the one already promoted."""
    existing = RFP.objects.filter(source_rfp=rfi).order_by("created_at").first()
    if existing is not None:
        return existing
    if rfi.status == Status.EVALUATION:
        ranking = selectors.report_ranking(rfi)
        services.shortlist_save(
            rfp=rfi,
            by=by,
            vendor_ids=selectors.suggest_top(ranking, SHORTLIST_SIZE),
            rationale=demo_rationale(rfi),
        )
        services.shortlist_publish(rfp=rfi, by=by)
        rfi.refresh_from_db()
    deadline = (timezone.now() + timedelta(days=DEADLINE_DAYS)).replace(minute=0, second=0, microsecond=0)
    return services.shortlist_promote(
        rfp=rfi,
        by=by,
        deadline=deadline,
        title=_("%(title)s: request for proposal") % {"title": rfi.title},
        questions=services.QUESTIONS_FROM_SOURCE,
        reference=DEMO_RFP_REFERENCE,
    )
