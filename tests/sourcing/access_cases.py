"""Access-matrix cases for the make-or-buy pages: an assessment attached to the world's RFP is read
by the RFP's buyer team and changed by its procurement member only. Standalone assessments (owner
only) are checked in test_access.py."""

from tests.access.matrix import BUYERS, FORM_ERRORS, Case


def _attach_assessment(world) -> None:
    from tests.sourcing.factories import AssessmentFactory

    world.extra["assessment"] = AssessmentFactory(rfp=world.rfp, owner=world.users["procurement"])


def _assessment(world) -> dict:
    return {"pk": world.extra["assessment"].pk}


def _bad_numbers(world) -> dict:
    # Invalid on purpose: an allowed persona gets the form back with messages, and nothing changes.
    return {"title": "Make or buy", "seats": "-4", "years": "0"}


PROCUREMENT = frozenset({"procurement", "outsider"})
TEAM = frozenset({"procurement", "evaluator", "executive"})

CASES = [
    Case("sourcing:list", allowed=BUYERS),
    Case("sourcing:create", allowed=PROCUREMENT, methods=("get", "post"), data=_bad_numbers, expect=FORM_ERRORS),
    Case("sourcing:detail", kwargs=_assessment, allowed=TEAM, prepare=_attach_assessment),
    Case(
        "sourcing:edit",
        kwargs=_assessment,
        allowed=frozenset({"procurement"}),
        prepare=_attach_assessment,
        methods=("get", "post"),
        data=_bad_numbers,
        expect=FORM_ERRORS,
    ),
    Case(
        "sourcing:delete",
        kwargs=_assessment,
        allowed=frozenset({"procurement"}),
        prepare=_attach_assessment,
        methods=("post",),
    ),
]
