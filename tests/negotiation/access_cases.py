"""Access-matrix cases for best-and-final rounds: procurement opens and closes them; whoever reads
the ranking (procurement and executives) reads a round's page. Evaluators are kept to scoring."""

from datetime import timedelta

from django.utils import timezone

from negotiation.models import Participant, Round
from tests.access.matrix import FORM_ERRORS, Case, rfp_ref
from tests.scoring.access_cases import prepare_evaluation

PROCUREMENT = frozenset({"procurement"})
READERS = frozenset({"procurement", "executive"})


def prepare_round(world):
    """The world RFP in evaluation with round 2 open for the vendor's bid."""
    prepare_evaluation(world)
    if not Round.objects.filter(rfp=world.rfp).exists():
        round_ = Round.objects.create(
            rfp=world.rfp, number=2, deadline=timezone.now() + timedelta(days=3), opened_by=world.users["procurement"]
        )
        Participant.objects.create(round=round_, response=world.responses["vendor"])
    return world


def round_ref(world) -> dict:
    return {"ref": world.rfp.reference, "number": 2}


CASES = [
    Case(
        "negotiation:rounds",
        rfp_ref,
        allowed=PROCUREMENT,
        methods=("get", "post"),
        prepare=prepare_evaluation,
        expect=FORM_ERRORS,
    ),
    Case("negotiation:round", round_ref, allowed=READERS, prepare=prepare_round),
    # Closing before the deadline, with a vendor still to submit, is refused with a message.
    Case("negotiation:close", round_ref, allowed=PROCUREMENT, methods=("post",), prepare=prepare_round),
]
