from django import template

from rfp.access import rfp_membership

register = template.Library()


@register.simple_tag(takes_context=True)
def rfp_role(context, rfp) -> str:
    """The signed-in user's role on this RFP ("" if none), so that the RFP's tabs show only the
    pages the user may open. One query per page, whatever the RFP's size."""
    membership = rfp_membership(context["request"].user, rfp)
    return membership.role if membership else ""
