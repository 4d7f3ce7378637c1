"""Access cases for the RFP builder pages: procurement members write, evaluators and executives read,
everyone else (a procurement user who is not on the team, vendors) gets 404."""

from rfp.models import MemberRole, Status
from tests.access.matrix import BUYER_TEAM, BUYERS, FORM_ERRORS, Case, rfp_ref

PROCUREMENT = frozenset({"procurement"})
PROCUREMENT_USERS = frozenset({"procurement", "outsider"})


def as_draft(world) -> None:
    """The world's RFP is open; questionnaire edits need a draft."""
    world.rfp.status = Status.DRAFT
    world.rfp.save(update_fields=["status"])


def section_ref(world) -> dict:
    return rfp_ref(world) | {"section_id": world.sections[0].pk}


def question_ref(world) -> dict:
    return rfp_ref(world) | {"question_id": world.questions[0].pk}


def executive_membership(world) -> dict:
    member = world.rfp.members.get(role=MemberRole.EXECUTIVE)
    return rfp_ref(world) | {"member_id": member.pk}


CASES = [
    Case("rfp:list", allowed=BUYERS),
    Case("rfp:bank", allowed=PROCUREMENT_USERS),
    Case("rfp:create", allowed=PROCUREMENT_USERS, methods=("get", "post"), expect=FORM_ERRORS),
    # Read pages of one RFP: the whole team
    Case("rfp:detail", rfp_ref, allowed=BUYER_TEAM),
    Case("rfp:preview", rfp_ref, allowed=BUYER_TEAM),
    Case("rfp:members", rfp_ref, allowed=BUYER_TEAM),
    # Procurement only
    Case("rfp:audit", rfp_ref, allowed=PROCUREMENT),
    Case("rfp:edit", rfp_ref, allowed=PROCUREMENT, methods=("get", "post"), prepare=as_draft, expect=FORM_ERRORS),
    Case(
        "rfp:member_add",
        rfp_ref,
        allowed=PROCUREMENT,
        methods=("post",),
        data=lambda world: {"identifier": "dana", "role": MemberRole.EXECUTIVE},
    ),
    Case("rfp:member_remove", executive_membership, allowed=PROCUREMENT, methods=("post",)),
    Case(
        "rfp:member_bids",
        executive_membership,
        allowed=PROCUREMENT,
        methods=("post",),
        data=lambda world: {"granted": "1"},
    ),
    Case("rfp:clone", rfp_ref, allowed=PROCUREMENT, methods=("post",)),
    Case("rfp:publish", rfp_ref, allowed=PROCUREMENT, methods=("post",), prepare=as_draft),
    Case("rfp:close", rfp_ref, allowed=PROCUREMENT, methods=("post",)),
    Case("rfp:start_evaluation", rfp_ref, allowed=PROCUREMENT, methods=("post",)),
    Case("rfp:archive", rfp_ref, allowed=PROCUREMENT, methods=("post",)),
    Case(
        "rfp:section_add", rfp_ref, allowed=PROCUREMENT, methods=("get", "post"), prepare=as_draft, expect=FORM_ERRORS
    ),
    Case(
        "rfp:section_edit",
        section_ref,
        allowed=PROCUREMENT,
        methods=("get", "post"),
        prepare=as_draft,
        expect=FORM_ERRORS,
    ),
    Case("rfp:weights_scale", rfp_ref, allowed=PROCUREMENT, methods=("post",), prepare=as_draft),
    Case("rfp:section_delete", section_ref, allowed=PROCUREMENT, methods=("get", "post"), prepare=as_draft),
    Case(
        "rfp:section_weight",
        section_ref,
        allowed=PROCUREMENT,
        methods=("post",),
        prepare=as_draft,
        data=lambda world: {"weight": "40"},
    ),
    Case(
        "rfp:section_move",
        section_ref,
        allowed=PROCUREMENT,
        methods=("post",),
        prepare=as_draft,
        data=lambda world: {"direction": "down"},
    ),
    Case(
        "rfp:question_add",
        section_ref,
        allowed=PROCUREMENT,
        methods=("get", "post"),
        prepare=as_draft,
        expect=FORM_ERRORS,
    ),
    Case(
        "rfp:question_edit",
        question_ref,
        allowed=PROCUREMENT,
        methods=("get", "post"),
        prepare=as_draft,
        expect=FORM_ERRORS,
    ),
    Case("rfp:question_delete", question_ref, allowed=PROCUREMENT, methods=("get", "post"), prepare=as_draft),
    Case(
        "rfp:question_move",
        question_ref,
        allowed=PROCUREMENT,
        methods=("post",),
        prepare=as_draft,
        data=lambda world: {"direction": "down"},
    ),
]
