"""The scoring engine of Shortlist: pure maths over plain data.

Nothing here touches the database or Django. Views, commands and reports turn model rows into the
frozen dataclasses of :mod:`.specs`, call :func:`rank` (or one of the analysis functions) and
render the result. Keeping the maths pure is what lets it be tested against independent
implementations. Every public name is importable from ``scoring.engine``; the modules hold the
formulas, each in its docstring.

The model, in one place:

* Every scored answer gets points on a fixed 0-5 scale; ``r = points / 5``. Fixed scales, never
  min-max over the bidders (only the relative price formula depends on the other bids).
* Points come from the question's auto-scoring rule, otherwise from the evaluators (mean or
  median of their individual scores). A moderated consensus score overrides both, without
  touching the individual scores.
* Answer states: ``answered``; ``blank`` (counts 0 and is flagged); ``na`` (left out of the
  numerator and the denominator); and *not yet scored* (answered, human-scored, no score yet:
  left out like ``na`` and the ranking is marked provisional). A missing answer is blank.
* Section score ``S_s = 100 * sum_q w_q r_q / sum_q w_q`` over the questions that count.
* Total ``T = sum_s W_s S_s / 100`` with the section weights ``W`` totalling 100. A section with
  no score (everything not applicable, not yet scored, or the price envelope not opened) leaves
  the denominator: ``T = sum W_s S_s / sum W_s`` over the sections that have a score.
* Price, by ``Config.price_method`` (:mod:`.price`): relative ``lowest valid price / this price
  * 100`` (the default), linear between a ceiling and a floor, or price per quality point (the
  order of technical score / price); the price score is the score of the section whose kind is
  ``price``. :mod:`.stress` ranks the same scores under every method and split.
* Knocked-out vendors, and vendors below the technical pass mark, are ranked below all valid
  vendors.

Modules:

* :mod:`.values`: the 0-5 scale, tolerances, reading typed numbers and labels.
* :mod:`.specs`: inputs, outputs, answer states, section kinds, flags, :class:`Config`.
* :mod:`.rules`: auto-scoring rules (:func:`compile_rule`, :func:`auto_points`) and knockouts.
* :mod:`.answers`: one answer (:func:`score_answer`, :func:`aggregate_points`).
* :mod:`.price`: :func:`price_points`, :func:`score_prices`.
* :mod:`.tables`, :mod:`.columns`, :mod:`.grid`: the questionnaire as arrays, the answers as
  objects or columns (:class:`AnswerColumns`), every answer's points folded into section scores.
* :mod:`.ranking`: :func:`rank`, :func:`rank_columns`, the order, :func:`rank_from_section_scores`.
* :mod:`.ahp`, :mod:`.topsis`, :mod:`.sensitivity` (:func:`weight_sensitivity`,
  :func:`robustness`), :mod:`.agreement` (:func:`answer_spread`, :func:`kendalls_w`,
  :func:`evaluator_agreement`), :mod:`.alpha` (Krippendorff's alpha, panel bias) and
  :mod:`.uncertainty` (:func:`lead_uncertainty`: the lead resampled over the panel's scores).
"""

from scoring.engine.agreement import Agreement, Spread, answer_spread, evaluator_agreement, kendalls_w
from scoring.engine.ahp import AHP_CR_LIMIT, SAATY_1980_RANDOM_INDEX, AhpResult, ahp_matrix_from_upper, ahp_weights
from scoring.engine.answers import aggregate_points, score_answer
from scoring.engine.columns import AnswerColumns
from scoring.engine.price import PriceOutcome, linear_price_points, price_points, score_prices, value_index
from scoring.engine.ranking import TIE_TOLERANCE, WeightedRanking, rank, rank_columns, rank_from_section_scores
from scoring.engine.rules import (
    KNOCKOUT_OPS,
    RULE_KINDS,
    CompiledRule,
    auto_points,
    check_knockout,
    compile_rule,
    knockout_passes,
)
from scoring.engine.sensitivity import (
    RobustnessResult,
    SensitivityResult,
    WeightChange,
    robustness,
    weight_sensitivity,
)
from scoring.engine.specs import (
    ANSWERED,
    BLANK,
    FLAG_ABNORMALLY_LOW,
    FLAG_BELOW_PASS_MARK,
    FLAG_BLANK,
    FLAG_DISAGREEMENT,
    FLAG_INVALID_PRICE,
    FLAG_NOT_YET_SCORED,
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    NA,
    PRICE,
    PRICE_LINEAR,
    PRICE_METHODS,
    PRICE_PER_QUALITY_POINT,
    PRICE_RELATIVE,
    STATE_CODES,
    TECHNICAL,
    AnswerCounts,
    AnswerInput,
    AnswerScore,
    Choices,
    Config,
    QuestionSpec,
    RankingResult,
    Rule,
    SectionSpec,
    VendorInput,
    VendorResult,
)
from scoring.engine.topsis import TopsisDetail, topsis, topsis_detail
from scoring.engine.uncertainty import LeadUncertainty, lead_is_near_tie, lead_uncertainty
from scoring.engine.values import MAX_POINTS

__all__ = [
    "AHP_CR_LIMIT",
    "ANSWERED",
    "BLANK",
    "FLAG_ABNORMALLY_LOW",
    "FLAG_BELOW_PASS_MARK",
    "FLAG_BLANK",
    "FLAG_DISAGREEMENT",
    "FLAG_INVALID_PRICE",
    "FLAG_NOT_YET_SCORED",
    "HIGHER_IS_BETTER",
    "KNOCKOUT_OPS",
    "RULE_KINDS",
    "LOWER_IS_BETTER",
    "MAX_POINTS",
    "NA",
    "PRICE",
    "PRICE_LINEAR",
    "PRICE_METHODS",
    "PRICE_PER_QUALITY_POINT",
    "PRICE_RELATIVE",
    "SAATY_1980_RANDOM_INDEX",
    "STATE_CODES",
    "TECHNICAL",
    "Agreement",
    "AhpResult",
    "AnswerColumns",
    "AnswerCounts",
    "AnswerInput",
    "AnswerScore",
    "Choices",
    "CompiledRule",
    "Config",
    "PriceOutcome",
    "QuestionSpec",
    "RankingResult",
    "RobustnessResult",
    "Rule",
    "SectionSpec",
    "SensitivityResult",
    "Spread",
    "VendorInput",
    "VendorResult",
    "WeightChange",
    "WeightedRanking",
    "aggregate_points",
    "ahp_matrix_from_upper",
    "ahp_weights",
    "answer_spread",
    "auto_points",
    "check_knockout",
    "compile_rule",
    "evaluator_agreement",
    "kendalls_w",
    "knockout_passes",
    "linear_price_points",
    "price_points",
    "value_index",
    "TIE_TOLERANCE",
    "LeadUncertainty",
    "lead_is_near_tie",
    "lead_uncertainty",
    "rank",
    "rank_columns",
    "rank_from_section_scores",
    "robustness",
    "score_answer",
    "score_prices",
    "topsis",
    "topsis_detail",
    "TopsisDetail",
    "weight_sensitivity",
]
