"""Reads for the evaluation: each builds what a page, a command or a report needs in a fixed
number of queries (values_list, never one query per row), whatever the number of vendors.

`ranking_for_rfp` is the one way to rank an RFP: the dashboard, `manage.py rank` and the PDF
report all call it, so they can never disagree.

Every public name is importable from ``scoring.selectors``; the modules, by purpose:

* :mod:`.bidders`: the submitted bids, aliases, redaction of names in a blind evaluation.
* :mod:`.ranking`: ``ranking_for_rfp`` and the data it loads for the engine, which reads the
  answers through :mod:`.fast_path` (scores folded into histograms by the database) or
  :mod:`.exact_path` (every score row), with :mod:`.questions` and :mod:`.reads`.
* :mod:`.what_if`: what-if weights, normalised weights, robustness in words.
* :mod:`.confidence`: how sure the lead is (panel uncertainty, robustness), near ties in words.
* :mod:`.sheet`: the evaluator's scoring pages (by question or by vendor, paged) and progress.
* :mod:`.progress`: progress, the progress matrix, whether scoring is complete.
* :mod:`.moderation`: the answers to moderate, a page at a time, grouped by question.
* :mod:`.panel`: Krippendorff's alpha per section and question, evaluators who score apart.
* :mod:`.prices`: the prices an evaluator may see.
"""

from scoring.selectors.bidders import Bidder, alias_letters, bidders, blind_file_name, redact
from scoring.selectors.confidence import ROBUSTNESS_FLOOR, LeadConfidence, lead_confidence
from scoring.selectors.exact_path import submitted_scores
from scoring.selectors.fast_path import HISTOGRAM_BITS, HISTOGRAM_MAX_USERS, answer_rows
from scoring.selectors.methods import MethodAgreement, method_agreement
from scoring.selectors.moderation import ModerationPage, ModerationRow, QuestionGroup, moderation_page, moderation_rows
from scoring.selectors.panel import PanelAgreement, agreement_of, alpha_words, panel_agreement
from scoring.selectors.price_stress import PriceStress, price_stress_for
from scoring.selectors.prices import price_rows
from scoring.selectors.progress import (
    EvaluatorProgress,
    ProgressMatrix,
    ProgressRow,
    progress,
    progress_matrix,
    scoring_complete,
)
from scoring.selectors.ranking import (
    FLAG_LABELS,
    METHODS,
    EngineInputs,
    RankedVendor,
    Ranking,
    SectionColumn,
    ranking_for_rfp,
)
from scoring.selectors.reads import fetch_rows, gc_paused, group_by_first, json_values
from scoring.selectors.sheet import (
    FILTERS as SHEET_FILTERS,
)
from scoring.selectors.sheet import (
    MODES as SHEET_MODES,
)
from scoring.selectors.sheet import (
    PAGE_SIZE,
    Progress,
    ScoringPage,
    SheetCell,
    assignment_progress,
    scoring_page,
)
from scoring.selectors.what_if import Robustness, WhatIfRow, normalised_weights, robustness_for, what_if

__all__ = [
    "MethodAgreement",
    "method_agreement",
    "PriceStress",
    "price_stress_for",
    "ROBUSTNESS_FLOOR",
    "LeadConfidence",
    "lead_confidence",
    "FLAG_LABELS",
    "HISTOGRAM_BITS",
    "HISTOGRAM_MAX_USERS",
    "METHODS",
    "Bidder",
    "EngineInputs",
    "EvaluatorProgress",
    "ModerationPage",
    "PanelAgreement",
    "ModerationRow",
    "QuestionGroup",
    "ProgressMatrix",
    "ProgressRow",
    "RankedVendor",
    "Ranking",
    "Robustness",
    "PAGE_SIZE",
    "SHEET_FILTERS",
    "SHEET_MODES",
    "Progress",
    "ScoringPage",
    "SectionColumn",
    "SheetCell",
    "WhatIfRow",
    "alias_letters",
    "answer_rows",
    "assignment_progress",
    "bidders",
    "blind_file_name",
    "fetch_rows",
    "gc_paused",
    "group_by_first",
    "json_values",
    "moderation_page",
    "agreement_of",
    "alpha_words",
    "panel_agreement",
    "moderation_rows",
    "normalised_weights",
    "price_rows",
    "progress",
    "progress_matrix",
    "ranking_for_rfp",
    "redact",
    "robustness_for",
    "scoring_complete",
    "scoring_page",
    "submitted_scores",
    "what_if",
]
