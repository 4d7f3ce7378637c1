"""Access-matrix cases for the claims to verify: results, so for procurement and executives once
the evaluation has started."""

from tests.access.matrix import Case, rfp_ref
from tests.scoring.access_cases import RESULT_READERS, prepare_evaluation

CASES = [
    Case("insights:claims", rfp_ref, allowed=RESULT_READERS, prepare=prepare_evaluation),
    Case("insights:claims_xlsx", rfp_ref, allowed=RESULT_READERS, prepare=prepare_evaluation),
]
