"""Findings in words, at the edge: the engine gives a message code and parameters, this module
turns them into a sentence in the active language through Django's translation functions."""

from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from insights.engine import Finding

ASKED = {
    "percentage": _("a percentage"),
    "number": _("a number"),
    "duration": _("a duration"),
    "date": _("a date"),
    "certificate": _("a certificate or standard"),
    "tool": _("a named tool or product"),
    "commitment": _("a commitment"),
}

# What each question is about, for reasons such as "asked for annual attrition as a percentage".
SUBJECTS = {
    "company-02": _("the number of agents"),
    "company-03": _("contact-center revenue"),
    "company-06": _("the revenue share of the three largest clients"),
    "innovation-02": _("the measured results of changes"),
    "innovation-05": _("the analytics tools used"),
    "innovation-07": _("the lead time for a routine change"),
    "turnover-01": _("annual agent attrition"),
    "turnover-02": _("attrition on comparable accounts"),
    "turnover-03": _("early attrition within 90 days"),
    "turnover-04": _("evidence that retention works"),
    "turnover-07": _("average agent tenure"),
    "oversight-01": _("agents per team leader"),
    "oversight-03": _("agents per quality analyst"),
    "oversight-04": _("evaluations per agent per month"),
    "oversight-07": _("the length of training"),
    "oversight-08": _("days of initial training"),
    "language-02": _("the language test and its pass mark"),
    "language-06": _("the share of native speakers"),
    "sla-02": _("the abandonment rate committed"),
    "sla-03": _("the average speed of answer committed"),
    "sla-04": _("the e-mail response time"),
    "sla-05": _("first-contact resolution"),
    "sla-06": _("service credits tied to KPIs"),
    "sla-09": _("a KPI improvement with figures"),
    "sla-10": _("the quality standards the operations are certified to"),
    "security-01": _("a current ISO/IEC 27001 certificate"),
    "security-03": _("the certificate's expiry date"),
    "security-09": _("the breach notification time"),
    "security-10": _("the security team and testing"),
    "governance-01": _("response times at each escalation level"),
    "governance-04": _("key personnel named in the contract"),
    "governance-05": _("the time to respond to a change request"),
    "governance-07": _("time limits for resolving a disagreement"),
    "pricing-01": _("the total yearly price"),
    "pricing-05": _("one-off transition charges"),
    "pricing-06": _("the validity of the offer"),
    "commercial-03": _("the surcharge for extra volume"),
    "commercial-04": _("the fee at risk as service credits"),
    "exit-01": _("the return of data at exit"),
    "exit-03": _("the delivery of an exit plan"),
    "exit-04": _("the period of termination assistance"),
    "exit-08": _("the formats of returned data"),
    "continuity-02": _("the date of the last continuity test"),
    "continuity-03": _("the recovery time objective"),
    "continuity-05": _("the service kept during an extreme event"),
    "continuity-07": _("the share of agents able to work from home"),
    "scalability-01": _("the time to add 20% more agents"),
    "scalability-02": _("the largest ramp-up delivered"),
    # xgettext:no-python-format
    "scalability-04": _("the notice for a 20% reduction"),
    "scalability-07": _("the earliest go-live date"),
    "location-03": _("the equipped seats available"),
    "location-05": _("the share of home-based agents"),
    "references-01": _("the number of references"),
    "references-03": _("measured results on a comparable account"),
    "references-05": _("the average length of client relationships"),
}

LANGUAGE_NAMES = {
    "Spanish": _("Spanish"),
    "French": _("French"),
    "German": _("German"),
    "Portuguese": _("Portuguese"),
    "Arabic": _("Arabic"),
    "Hebrew": _("Hebrew"),
    "Polish": _("Polish"),
}

METRICS = {"fcr": _("first-contact resolution"), "service_level": _("service level")}


def _subject(params: dict) -> str:
    subject = SUBJECTS.get(params.get("question", ""))
    return str(subject) if subject else params.get("question", "")


def _asked(params: dict) -> str:
    return gettext(" or ").join(str(ASKED[ask]) for ask in params.get("asks", ()) if ask in ASKED)


def render(finding: Finding) -> str:
    """The reason for a finding, in the active language."""
    params = finding.params
    code = finding.code
    if code == "restates_question":
        return gettext("restates the question or its guidance (%(share)s%% of its words) and adds little") % params
    if code == "shared_across_vendors":
        return (
            ngettext(
                "the same passage appears in the answers of %(vendors)s vendor",
                "the same passage appears in the answers of %(vendors)s vendors",
                params["vendors"],
            )
            % params
        )
    if code == "reused_across_questions":
        return (
            ngettext(
                "the same passage is reused in answers to %(questions)s question",
                "the same passage is reused in answers to %(questions)s questions",
                params["questions"],
            )
            % params
        )
    if code == "no_percentage":
        return gettext("asked for %(subject)s as a percentage; no percentage given") % {"subject": _subject(params)}
    if code == "no_figure":
        return gettext("asked for %(subject)s as %(asked)s; no figure given") % {
            "subject": _subject(params),
            "asked": _asked(params),
        }
    if code == "hedged_commitment":
        return gettext("asked for a commitment on %(subject)s; the answer only hedges") % {"subject": _subject(params)}
    if code.startswith("no_"):
        return gettext("asked for %(subject)s as %(asked)s; none given") % {
            "subject": _subject(params),
            "asked": _asked(params),
        }
    if code == "attrition_vs_tenure":
        return (
            gettext(
                "annual attrition of %(attrition)s%% implies an average tenure of about %(implied_months)s months, "
                "but the bid states %(tenure_months)s months"
            )
            % params
        )
    if code == "round_the_clock":
        return gettext("promises 24/7 service, but another answer gives hours or shifts that do not cover the day")
    if code == "claim_above_history":
        return gettext("claims %(claimed)s%% %(metric)s, but reports %(reported)s%% elsewhere in the bid") % {
            **params,
            "metric": str(METRICS.get(params["metric"], params["metric"])),
        }
    if code == "claim_always_met":
        return gettext("says %(metric)s was met every month, but reports a month it was missed") % {
            "metric": str(METRICS.get(params["metric"], params["metric"]))
        }
    if code == "language_without_site":
        names = ", ".join(str(LANGUAGE_NAMES.get(name, name)) for name in params["languages"])
        return gettext(
            "offers native agents in %(languages)s, but none of the proposed sites is where it is spoken"
        ) % {"languages": names}
    if code == "agents_exceed_seats":
        if params.get("home_share"):
            return (
                gettext(
                    "%(agents)s agents, %(on_site)s of them on site (%(home_share)s%% from home): "
                    "%(on_site)s × %(hours)s hours a week ÷ %(coverage)s hours of service a week = "
                    "%(on_shift)s agents on shift on average, more than the %(seats)s seats offered"
                )
                % params
            )
        return (
            gettext(
                "%(agents)s agents × %(hours)s hours a week ÷ %(coverage)s hours of service a week = "
                "%(on_shift)s agents on shift on average, more than the %(seats)s seats offered"
            )
            % params
        )
    if code == "agents_at_once_exceed_seats":
        return gettext("%(agents)s agents on site at the same time, more than the %(seats)s seats offered") % params
    if code == "too_few_agents_round_the_clock":
        return (
            gettext(
                "promises 24/7 service with %(agents)s agents: even at the legal maximum of %(max_hours)s hours "
                "a week each, %(agents)s × %(max_hours)s = %(covered)s hours, fewer than the 168 hours of a week"
            )
            % params
        )
    if code == "claim_without_file":
        return gettext("claims PCI DSS compliance, but no attestation of compliance is attached")
    return code
