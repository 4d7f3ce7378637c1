"""How sure the ranking is of its leader, in words: the lead over the runner-up, the panel's
uncertainty (the evaluators' scores resampled) and the winner's robustness to the weights.

A **near tie** is stated when the 95% interval of the lead reaches zero, or when the leader
ranks first in fewer than ROBUSTNESS_FLOOR of the random weight variations. The ranking page,
the executive dashboard and the PDF all read it from here.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from scoring import engine
from scoring.selectors.ranking import RankedVendor, Ranking
from scoring.selectors.what_if import Robustness

# The leader should win at least three in four random variations of the weights.
ROBUSTNESS_FLOOR = 0.75


@dataclass(frozen=True)
class LeadConfidence:
    leader: RankedVendor
    rival: RankedVendor
    uncertainty: engine.LeadUncertainty | None
    robustness_share: float | None
    near_tie: bool
    sentence: str


def _points(value: float) -> str:
    return number_format(round(value, 2), decimal_pos=2)


def _percent(share: float) -> str:
    return number_format(round(100 * share), decimal_pos=0)


def lead_confidence(ranking: Ranking, robustness: Robustness | None = None) -> LeadConfidence | None:
    """The leader against the runner-up (valid bids only); None without two of them."""
    inputs, result = ranking.extra.get("inputs"), ranking.extra.get("engine_result")
    valid = [row for row in ranking.rows if not row.result.excluded and row.result.total is not None]
    if inputs is None or result is None or len(valid) < 2 or ranking.method != "wsm":
        return None
    leader, rival = valid[0], valid[1]
    uncertainty = engine.lead_uncertainty(
        inputs.sections, inputs.questions, inputs.vendors, inputs.answers, result, ranking.extra["config"]
    )
    share = None
    if robustness is not None:
        share = next((s for row, s in robustness.shares if row.result.vendor_id == leader.result.vendor_id), 0.0)
    near = engine.lead_is_near_tie(uncertainty, share, share_floor=ROBUSTNESS_FLOOR)
    near = near or (leader.result.total - rival.result.total) <= engine.TIE_TOLERANCE
    return LeadConfidence(leader, rival, uncertainty, share, near, _sentence(leader, rival, uncertainty, share, near))


def _sentence(leader, rival, uncertainty, share, near: bool) -> str:
    values = {
        "leader": leader.label,
        "rival": rival.label,
        "lead": _points(leader.result.total - rival.result.total),
    }
    if near:
        parts = [_("%(leader)s leads %(rival)s by only %(lead)s points.") % values]
    else:
        parts = [_("%(leader)s leads %(rival)s by %(lead)s points.") % values]
    if uncertainty is not None:
        parts.append(
            _(
                "Resampling the evaluators' scores %(n)s times puts the lead between %(low)s and %(high)s "
                "points (95%% interval); %(leader)s stays ahead in %(ahead)s%% of the resamples."
            )
            % (
                values
                | {
                    "n": number_format(uncertainty.resamples, force_grouping=True),
                    "low": _points(uncertainty.low),
                    "high": _points(uncertainty.high),
                    "ahead": _percent(uncertainty.leader_ahead),
                }
            )
        )
    if share is not None and share < ROBUSTNESS_FLOOR:
        parts.append(
            _("%(leader)s ranks first in only %(share)s%% of random variations of the weights.")
            % (values | {"share": _percent(share)})
        )
    if near:
        parts.append(_("Read the two bids side by side before choosing between them."))
    return " ".join(parts)
