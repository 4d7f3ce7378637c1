"""Access cases for questionnaire downloads and the import page: an RFP's questionnaire goes to the
buyer members of that RFP; the question bank and imports belong to procurement users."""

from tests.access.matrix import BUYER_TEAM, FORM_ERRORS, Case

PROCUREMENT_USERS = frozenset({"procurement", "outsider"})

CASES = [
    Case(
        "rfp:export_questionnaire",
        kwargs=lambda world: {"ref": world.rfp.reference, "fmt": "xlsx"},
        allowed=BUYER_TEAM,
    ),
    Case("rfp:export_bank", kwargs=lambda world: {"fmt": "json"}, allowed=PROCUREMENT_USERS),
    Case("rfp:import_questionnaire", allowed=PROCUREMENT_USERS, methods=("get", "post"), expect=FORM_ERRORS),
]
