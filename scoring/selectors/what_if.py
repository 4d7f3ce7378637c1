"""What-if weights, normalised slider weights and the robustness of the winner in words.

Nothing is read from the database and nothing is saved: everything works on a
:class:`~scoring.selectors.ranking.Ranking` already built by ``ranking_for_rfp``.
"""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from scoring import engine
from scoring.selectors.ranking import RankedVendor, Ranking, SectionColumn


@dataclass(frozen=True)
class WhatIfRow:
    row: RankedVendor
    rank: int
    total: float | None
    technical: float | None
    moved: int  # places gained (+) or lost (-) against the saved weights


def what_if(ranking: Ranking, weights: list[float]) -> list[WhatIfRow]:
    """Re-rank from the section matrix with other weights (totalling 100): nothing is saved,
    envelopes and exclusions stay as they are."""
    outcome = engine.rank_from_section_scores(
        ranking.section_matrix(),
        weights,
        technical=[not s.is_price for s in ranking.sections],
        excluded=[row.result.excluded for row in ranking.rows],
        names=[row.result.name for row in ranking.rows],
        submitted_at=[row.bidder.submitted_at for row in ranking.rows],
    )
    rows = [
        WhatIfRow(
            row=ranking.rows[i],
            rank=outcome.ranks[i],
            total=outcome.totals[i],
            technical=outcome.technical[i],
            moved=ranking.rows[i].result.rank - outcome.ranks[i],
        )
        for i in range(len(ranking.rows))
    ]
    return sorted(rows, key=lambda r: r.rank)


def normalised_weights(raw: list[float]) -> list[float]:
    """Slider positions scaled to total 100 (the sliders need not add up)."""
    total = sum(raw)
    if total <= 0:
        raise ValueError(_("At least one section needs a weight above zero."))
    scaled = [100.0 * w / total for w in raw]
    scaled[-1] += 100.0 - sum(scaled)  # float dust
    return scaled


@dataclass(frozen=True)
class Robustness:
    leader: RankedVendor | None
    sentence: str
    margin_sentence: str
    per_section: list[tuple[SectionColumn, str]]
    shares: list[tuple[RankedVendor, float]]
    samples: int
    spread: float


def robustness_for(ranking: Ranking, weights: list[float] | None = None) -> Robustness | None:
    """The sensitivity margin and the robustness of the winner, in words."""
    if not ranking.rows:
        return None
    weights = weights or ranking.weights
    matrix = ranking.section_matrix()
    eligible = [not row.result.excluded for row in ranking.rows]
    section_ids = [s.id for s in ranking.sections]
    by_id = {s.id: s for s in ranking.sections}
    rows_by_vendor = {row.result.vendor_id: row for row in ranking.rows}
    try:
        sensitivity = engine.weight_sensitivity(
            matrix,
            weights,
            eligible=eligible,
            section_ids=section_ids,
            vendor_ids=[row.result.vendor_id for row in ranking.rows],
        )
        shares = engine.robustness(
            matrix, weights, eligible=eligible, vendor_ids=[row.result.vendor_id for row in ranking.rows]
        )
    except ValueError:
        return None
    if sensitivity is None:
        return Robustness(ranking.winner, _("Fewer than two vendors are in the running."), "", [], [], 0, 0.0)
    leader = rows_by_vendor[sensitivity.leader]
    per_section = [
        (by_id[section_ids[k]], _change_sentence(leader, change, by_id, rows_by_vendor, float(sum(weights))))
        for k, change in enumerate(sensitivity.sections)
    ]
    margin = sensitivity.margin
    margin_sentence = (
        _change_sentence(leader, margin, by_id, rows_by_vendor, float(sum(weights)))
        if margin
        else _("%(leader)s stays first whatever the weight of any single section.") % {"leader": leader.label}
    )
    ranked_shares = sorted(
        ((rows_by_vendor[vid], share) for vid, share in zip(shares.vendor_ids, shares.shares, strict=True)),
        key=lambda pair: -pair[1],
    )
    sentence = _(
        "%(leader)s ranks first in %(share)s%% of %(samples)s random variations of the weights (each weight "
        "moved by up to ±%(spread)s%%)."
    ) % {
        "leader": leader.label,
        "share": f"{100 * shares.shares[shares.vendor_ids.index(leader.result.vendor_id)]:.0f}",
        "samples": number_format(shares.samples, force_grouping=True),
        "spread": f"{100 * shares.spread:.0f}",
    }
    return Robustness(
        leader=leader,
        sentence=sentence,
        margin_sentence=margin_sentence,
        per_section=per_section,
        shares=[(row, share) for row, share in ranked_shares if share > 0],
        samples=shares.samples,
        spread=shares.spread,
    )


def _change_sentence(leader: RankedVendor, change, sections: dict, rows: dict, total: float = 100.0) -> str:
    if change is None:
        return _("No change of this weight alone changes the winner.")
    values = {
        "leader": leader.label,
        "section": sections[change.section].title,
        "threshold": number_format(round(change.new_weight, 1), decimal_pos=1),
        "rival": rows[change.rival].label,
    }
    # At the ends of the scale a threshold reads as nonsense ("falls below 0.0%"): the flip comes
    # only when the section is left out, or when it is all that counts.
    shown = round(change.new_weight, 1)
    if change.direction < 0 and shown <= 0:
        sentence = _("%(leader)s stays first unless the %(section)s section is left out (weight 0%%)")
    elif change.direction < 0:
        sentence = _("%(leader)s stays first unless the %(section)s weight falls below %(threshold)s%%")
    elif shown >= round(total, 1):
        sentence = _("%(leader)s stays first unless the %(section)s section is the only one that counts")
    else:
        sentence = _("%(leader)s stays first unless the %(section)s weight rises above %(threshold)s%%")
    return (sentence + " " + _("(then %(rival)s leads).")) % values
