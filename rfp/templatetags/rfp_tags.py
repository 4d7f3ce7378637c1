from django import template

from config.text_rules import answer_limit
from rfp.access import rfp_membership

register = template.Library()


@register.simple_tag(takes_context=True)
def rfp_role(context, rfp) -> str:
    """The signed-in user's role on this RFP ("" if none), so that the RFP's tabs show only the
    pages the user may open. One query per page, whatever the RFP's size."""
    membership = rfp_membership(context["request"].user, rfp)
    return membership.role if membership else ""


@register.filter
def answer_max_chars(question) -> int:
    """The length the answer box stops at; the server refuses anything longer with a message."""
    return answer_limit(question.type)


@register.simple_tag
def publish_blockers(rfp) -> list[str]:
    """Why a draft cannot be published yet (empty when it can), for the Publish button's reason."""
    from rfp.services import publish_problems

    return publish_problems(rfp) if rfp.is_editable else []
