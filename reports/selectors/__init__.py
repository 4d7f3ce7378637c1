"""Reads for the shortlist, the executive report, the score export and the dashboard.

The ranking itself always comes from scoring.selectors.ranking_for_rfp, so that the report, the
dashboard and `manage.py rank` cannot disagree. What this package adds is the detail behind it:
every answer with its evaluators' scores, comments and consensus, scored with the engine's own
`score_answer` (the same rules `rank` applies in bulk), read in a fixed number of queries.

Every public name is importable from ``reports.selectors``; the modules, by purpose:

* :mod:`.detail`: ``answer_detail``, every answer with its marks, consensus and score.
* :mod:`.flags`: risk flags, the answers an executive should worry about.
* :mod:`.shortlist`: the saved shortlist, suggestions for it, the leading vendors, ``report_ranking``.
* :mod:`.agreement`: how far the evaluators agree, and where they disagree most.
* :mod:`.report`: ``report_data``, the executive report assembled from all of the above.
"""

from reports.selectors.agreement import Agreement, Disagreement, agreement, agreement_words
from reports.selectors.detail import AnswerDetail, Detail, EvaluatorMark, QuestionInfo, answer_detail, answer_display
from reports.selectors.fingerprint import report_fingerprint
from reports.selectors.flags import (
    FLAGS_FOR_OTHER_VENDORS,
    FLAGS_ON_A_VENDOR_PAGE,
    LOW_POINTS,
    RiskFlag,
    VendorFlags,
    flag_sections,
    risk_flags,
)
from reports.selectors.report import (
    REPORT_STATUSES,
    SOURCE_LABELS,
    AppendixRow,
    AppendixSection,
    KnockoutLine,
    MethodSection,
    PriceLine,
    Report,
    VendorPage,
    appendix_sections,
    make_or_buy,
    methodology,
    price_lines,
    report_data,
)
from reports.selectors.shortlist import (
    LEADING_COUNT,
    executives,
    leading_rows,
    report_ranking,
    shortlist_of,
    shortlisted_vendor_ids,
    suggest_above,
    suggest_top,
    vendors_with_open_prices,
)

__all__ = [
    "report_fingerprint",
    "FLAGS_FOR_OTHER_VENDORS",
    "FLAGS_ON_A_VENDOR_PAGE",
    "LEADING_COUNT",
    "LOW_POINTS",
    "REPORT_STATUSES",
    "SOURCE_LABELS",
    "Agreement",
    "AnswerDetail",
    "AppendixRow",
    "AppendixSection",
    "Detail",
    "Disagreement",
    "EvaluatorMark",
    "KnockoutLine",
    "MethodSection",
    "PriceLine",
    "QuestionInfo",
    "Report",
    "RiskFlag",
    "VendorFlags",
    "VendorPage",
    "agreement",
    "agreement_words",
    "answer_detail",
    "answer_display",
    "appendix_sections",
    "executives",
    "flag_sections",
    "leading_rows",
    "make_or_buy",
    "methodology",
    "price_lines",
    "report_data",
    "report_ranking",
    "risk_flags",
    "shortlist_of",
    "shortlisted_vendor_ids",
    "suggest_above",
    "suggest_top",
    "vendors_with_open_prices",
]
