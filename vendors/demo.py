"""Demo answers: a complete, realistic and distinct response from a vendor profile.

`seed_demo_answers(response, profile, by)` answers every question of the response's RFP the way a
vendor with that profile would, so that the ranking the demo shows follows from the answers:

    profile = {"quality": 0.0-1.0, "attrition": 55, "agents_per_team_leader": 25, "pci_dss": False,
               "iso27001": True, "languages_strength": 0.3, "price": 2_900_000,
               "style": "offshore low-cost", "answers": {"exit-01": "No"}}

- numbers and percentages: the well-known keys (attrition, agents per team leader, price) take the
  profile's figure; others pick a value in the auto-scoring band, or on the linear scale, whose
  points match the quality;
- choices: the label whose points are nearest the quality; yes/no knockouts follow the profile
  (ISO 27001, PCI DSS) and otherwise pass; `answers` overrides any question by key;
- long text: sentences composed from phrase banks per section and quality level, with the
  vendor's own figures and sites, so two vendors never write the same answer;
- files: a small real PDF per file question.

Values go through `clean_answer`, like every other channel. `complete=False` leaves about 40% of
the questions blank (more of them in later sections), for a response still in progress.
"""

import datetime
import math
import random
import zlib
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from rfp.models import Question, QuestionType
from vendors.answer_values import clean_answer
from vendors.models import Answer, Attachment, Response, ResponseStatus, Submission

# --- phrase banks ------------------------------------------------------------------------------------
# Two levels per area: what a strong operator writes, and what a weak one writes. A vendor of middling
# quality mixes them. Placeholders are filled from the profile and the vendor company.

GENERIC = {
    "strong": [
        "We measure this monthly and share the figures with the client's vendor management office.",
        "The approach is documented in our operating manual and audited twice a year by our internal quality team.",
        "We have run it this way for {clients} clients across {sites}; the results are in the references we attach.",
        "A named owner on the account is accountable for it, with a monthly review against agreed targets.",
    ],
    "weak": [
        "We follow industry good practice and adapt it to each client.",
        "Our team has long experience with this and will agree the details during transition.",
        "This is handled by the operations manager as part of normal account management.",
        "We are flexible and will align with the client's requirements.",
    ],
}

BANKS: dict[str, dict[str, list[str]]] = {
    "company": {
        "strong": [
            "We serve {clients} clients, most of them in telecoms, utilities and consumer banking, and no client "
            "represents more than 18% of our contact-center revenue.",
            "Telecom and broadband accounts make up about {telco_share}% of our work, so we know device, billing and "
            "fault journeys well.",
            "Our largest relationships have lasted more than seven years and have grown in scope at each renewal.",
        ],
        "weak": [
            "We serve clients in several industries, including retail, telecom and travel.",
            "Our client base is diverse; our three largest clients account for just over half of our revenue.",
            "We are growing quickly and have added several new clients in the last year.",
        ],
    },
    "vmo": {
        "strong": [
            "In the first 90 days a joint transition team shadows your agents, maps the top 20 contact reasons and "
            "agrees a baseline for every KPI before we take live contacts.",
            "We run discovery workshops with your product, billing and network teams, and write the knowledge base "
            "with them rather than for them.",
            "When a client's target conflicted with customer outcomes, we showed with contact data that a lower "
            "handle-time target was driving repeat calls, and the client changed it; repeat contacts fell by 14%.",
            "Your vendor management office gets the same dashboards our account team uses, not a monthly extract.",
        ],
        "weak": [
            "We will learn your business through training material provided by you and a short onboarding period.",
            "Our account manager will meet your team to understand your goals.",
            "We usually follow the client's stated goals and report against them.",
            "We have suggested improvements to clients when asked.",
        ],
    },
    "innovation": {
        "strong": [
            "Last year we moved a utility client's e-mail queue to a guided-resolution flow with agent assist; "
            "handling time fell by 22% and satisfaction rose four points.",
            "Speech analytics tags every call by contact reason; each month we bring the top three avoidable "
            "reasons to the client with a proposed fix and the saving it would bring.",
            "Script and process changes go through a same-day change desk: updated knowledge article, a five-minute "
            "huddle and a quiz before agents take the next contact.",
            "We run a quarterly innovation review with each client and fund pilots from a budget in our price.",
        ],
        "weak": [
            "We use modern tools and keep up to date with new technology.",
            "Changes to scripts are emailed to team leaders, who brief their teams at the next opportunity.",
            "We review root causes when the client raises a concern.",
            "New technology can be introduced as a change request once its cost is agreed.",
        ],
    },
    "turnover": {
        "strong": [
            "Our agent attrition was {attrition}% over the last 12 months, and we report it by account every month.",
            "Pay is set in the top quartile of the local market, and 40% of our team leaders were promoted from "
            "agent roles.",
            "Every new agent has a buddy for the first six weeks and a 30/60/90-day review with their team leader, "
            "which halved our early leavers.",
            "We match agents to accounts on a work sample and a language test, not on availability, and keep a "
            "trained reserve bench of about 8% of the team.",
            "Knowledge lives in a client-owned knowledge base; a leaver's cases are reviewed and any undocumented "
            "fix becomes an article before their last day.",
        ],
        "weak": [
            "Attrition was {attrition}% last year, in line with the local market for contact centers.",
            "We offer competitive pay and recognition programmes such as agent of the month.",
            "Agents are recruited in large classes and assigned to accounts according to demand.",
            "Experienced agents train new joiners on the floor when they leave.",
            "We are working to reduce attrition through engagement activities.",
        ],
    },
    "oversight": {
        "strong": [
            "Each team leader on your account will lead {tl_ratio} agents, with a dedicated quality analyst for "
            "every 25 agents and a trainer on site.",
            "Quality analysts score a random sample of at least eight contacts per agent per month, and we calibrate "
            "weekly with your quality lead until scores agree within five points.",
            "Initial training is {training_days} days, including two days of nesting with live contacts under close "
            "supervision, and agents are certified before they go live.",
            "Your staff can listen to any recording and join calibration at any time.",
        ],
        "weak": [
            "Team leaders will manage about {tl_ratio} agents each, supported by the operations manager.",
            "Quality is monitored by a shared quality team, which reviews a sample of calls every month.",
            "Training lasts {training_days} days and is followed by on-the-job learning.",
            "Calibration sessions can be arranged on request.",
        ],
    },
    "language": {
        "strong": [
            "Every agent passes a third-party spoken test at {cefr} or above before training, and we retest a "
            "sample every quarter.",
            "Cultural onboarding covers your customers' holidays, idioms, sports and regional differences, "
            "refreshed before each campaign season.",
            "Language coaches listen to ten calls per agent per month and give feedback on tone and idiom, not only "
            "grammar.",
        ],
        "weak": [
            "Agents are tested for language at recruitment.",
            "Agents receive cultural awareness training during induction.",
            "Team leaders give feedback on language during coaching sessions.",
        ],
    },
    "sla": {
        "strong": [
            "KPIs are defined in a data dictionary agreed with you, calculated from the platform's raw data, and "
            "audited by an independent analyst each quarter.",
            "When a KPI is missed we send a root-cause analysis within five working days and a recovery plan with "
            "dates; service credits apply automatically.",
            "We use Lean Six Sigma: on a comparable telecom account we lifted first-contact resolution from 68% to "
            "{fcr}% in nine months by fixing the top five repeat-contact reasons.",
            "Intraday, a real-time analyst re-plans breaks and skills every 15 minutes to protect the service level.",
        ],
        "weak": [
            "We report KPIs monthly in a standard report.",
            "If a KPI is missed we investigate and take corrective action.",
            "We apply continuous improvement and have improved KPIs for several clients.",
            "Service levels are monitored by the operations team.",
        ],
    },
    "security": {
        "strong": [
            "Our security team of {sec_team} people is led by a CISO who reports to the board, and we invest about "
            "4% of revenue in security each year.",
            "Your data stays in {data_region}; access is role-based, reviewed monthly, and every privileged session "
            "is recorded.",
            "We use two sub-processors (the cloud platform and the workforce tool), both listed in the data "
            "processing agreement and subject to your approval.",
            "We run phishing simulations monthly and a red-team test each year, and fix critical findings within "
            "14 days.",
        ],
        "weak": [
            "Security is managed by our IT department according to our security policy.",
            "Data is stored on our servers and in cloud services used by the group.",
            "Access to client data is limited to staff who need it.",
            "Sub-processors are used where needed and can be listed on request.",
        ],
    },
    "governance": {
        "strong": [
            "We propose a weekly operations call, a monthly performance review and a quarterly business review "
            "chaired by our country head, each with minutes and an action log.",
            "Changes are requested on a one-page form, assessed for cost and risk within five working days, and "
            "approved by both contract managers before work starts.",
            "A disputed KPI or invoice goes first to the account managers, then to a joint steering committee within "
            "ten days; we keep serving at normal levels while it is resolved.",
        ],
        "weak": [
            "Governance will be agreed with the client at the start of the contract.",
            "Changes are discussed between the account manager and the client and confirmed by e-mail.",
            "Disagreements are resolved through discussion between management teams.",
        ],
    },
    "pricing": {
        "strong": [
            "The price assumes an average handling time of 380 seconds on voice, 82% occupancy and 32% shrinkage, "
            "all visible in the pricing schedule.",
            "Management, quality, training and technology are included; there are no pass-through charges.",
            "Volume bands of plus or minus 15% keep the same rate, so seasonal peaks do not reprice the contract.",
        ],
        "weak": [
            "The price is based on the volumes in the RFP and our standard assumptions.",
            "Some technology and reporting services are charged separately.",
            "Prices will be reviewed if volumes differ from the forecast.",
        ],
    },
    "exit": {
        "strong": [
            "An exit plan is delivered within 90 days of go-live and tested each year; during exit we keep full "
            "service levels and hand over recordings, data and knowledge articles in open formats.",
            "We run a parallel period in which your new provider's trainers shadow our agents, and we stay "
            "accountable until the last contact is handed over.",
            "A named exit manager keeps the asset register (scripts, knowledge articles, reports and data "
            "extracts) current from day one, so nothing has to be rebuilt at the end.",
        ],
        "weak": [
            "An exit plan will be agreed towards the end of the contract.",
            "We will cooperate with the client and the new provider during transition.",
            "Knowledge transfer sessions can be provided at our standard daily rates.",
        ],
    },
    "continuity": {
        "strong": [
            "During the pandemic we moved 92% of agents home within nine days on managed laptops, and service levels "
            "recovered within three weeks.",
            "Since then every agent has a managed device and a tested home set-up, and we run a site-loss exercise "
            "twice a year.",
            "Our crisis team met daily, told clients each morning what would change that day, and kept priority "
            "queues such as fault reporting above target throughout.",
        ],
        "weak": [
            "During the pandemic we moved part of our workforce to home working after a few weeks.",
            "Service was affected for a period but recovered over time.",
            "We learned from the experience and updated our continuity plan.",
        ],
    },
    "scalability": {
        "strong": [
            "Peaks are forecast from twelve months of history and your marketing calendar; we pre-train a "
            "cross-skilled reserve and flex with part-time and home-based agents.",
            "For a device launch last year we added 140 trained agents in five weeks and kept the service level.",
        ],
        "weak": [
            "We plan peaks with the client and recruit additional agents when needed.",
            "Overtime and temporary staff are used during busy periods.",
        ],
    },
    "location": {
        "strong": [
            "{site_list} give us native speakers of your customers' languages, a stable labour market and a "
            "second site for resilience.",
            "The sites combine a lower cost base than your home market with attrition well below the regional average.",
        ],
        "weak": [
            "{site_list} offer a large labour pool at competitive cost.",
            "Our sites have good infrastructure and are easy to reach.",
        ],
    },
    "references": {
        "strong": [
            "For a broadband provider with 1.5 million customers we took over a failing in-house service; within a "
            "year first-contact resolution rose from 61% to 78% and complaints fell by a third.",
            "We lost one retail contract in 2025 when the client brought the work in-house; we reviewed why, and "
            "now put a client-side analyst in every account team.",
        ],
        "weak": [
            "We supported a telecom client with customer service and met most of the agreed KPIs.",
            "One contract was not renewed because the client chose a lower-cost provider.",
        ],
    },
}

STYLE_SENTENCES = {
    "offshore": "Our offshore delivery model keeps the cost per contact low while we scale quickly.",
    "low-cost": "We focus on efficient operations so that clients get a competitive price.",
    "premium": "We deliver from onshore sites with experienced agents close to your customers.",
    "onshore": "Agents share your customers' culture and time zone.",
    "nearshore": "Our nearshore sites are two hours or less from your offices, so visits and joint workshops are easy.",
    "security": "Security and compliance are part of every process design, not an afterthought.",
    "multilingual": "Our multilingual hub serves customers in five languages from the same team structure.",
    "digital": "Automation and analytics come as standard: bots deflect simple contacts and agent assist "
    "guides the rest.",
}

# One of these goes into every long answer: they carry the vendor's own figures, so no two vendors'
# answers read the same even where their phrase choices coincide.
FACT_SENTENCES = [
    "Our {seats} seats in {sites} give us room to staff your account without displacing other clients.",
    "The account would be run from {first_site}, where our current teams keep attrition at {attrition}%.",
    "Team leaders in {first_site} each lead {tl_ratio} agents, which keeps coaching time realistic.",
    "New agents in {first_site} train for {training_days} days before they take live contacts.",
    "We apply the same method across our {clients} clients and the {seats} seats we operate today.",
]

SHORT_TEXT = {
    "company-01": "{vendor_name}, registered in {country}; headquarters and contracting entity in {country}.",
    "vmo-07": "{exec_role}, based in {first_site}, with {exec_years} years in contact-center operations.",
    "language-02": "{test_name}: voice {cefr}, chat and e-mail {cefr_written}; tested before training.",
    "pricing-06": "{validity} days from the submission deadline; prices fixed in {currency}.",
    "exit-08": "{formats}",
    "exit-09": "{law}",
    "location-01": "{site_roles}",
}


def _tier_sentences(bank: dict[str, list[str]], quality: float, count: int, rng: random.Random) -> list[str]:
    """Pick `count` sentences, each from the strong pool with probability `quality`."""
    strong, weak = list(bank["strong"]), list(bank["weak"])
    rng.shuffle(strong)
    rng.shuffle(weak)
    picked = []
    for _ in range(count):
        pool = strong if (rng.random() < quality and strong) or not weak else weak
        if pool:
            picked.append(pool.pop())
    return picked


# --- numbers -----------------------------------------------------------------------------------------


def _target_points(quality: float, rng: random.Random) -> float:
    return max(0.0, min(5.0, quality * 5 + rng.uniform(-0.8, 0.8)))


def _value_in_band(band: dict, rng: random.Random, integer: bool) -> float:
    """A value v with min <= v < max (the engine's band semantics); open ends get a sensible edge."""
    low, high = band.get("min"), band.get("max")
    low = max(0.0, float(high) * 0.5) if low is None else float(low)
    high = low * 1.5 + 5 if high is None else float(high)
    if integer:
        first, last = math.ceil(low), math.ceil(high) - 1
        return float(rng.randint(first, last)) if first <= last else low
    return min(round(rng.uniform(low, high), 1), round(high - 0.1, 1))


def _from_rule(rule: dict, quality: float, rng: random.Random, integer: bool) -> float | None:
    if rule.get("kind") == "bands" and rule.get("bands"):
        target = _target_points(quality, rng)
        band = min(rule["bands"], key=lambda b: (abs((b.get("points") or 0) - target), rng.random()))
        return _value_in_band(band, rng, integer)
    if rule.get("kind") == "linear" and rule.get("worst") is not None:
        worst, best = float(rule["worst"]), float(rule["best"])
        share = max(0.0, min(1.0, quality + rng.uniform(-0.1, 0.1)))
        value = worst + (best - worst) * share
        return round(value) if integer else round(value, 1)
    return None


def _is_integer_unit(question: Question) -> bool:
    unit = (question.unit or "").lower()
    return question.type == QuestionType.NUMBER and any(
        word in unit for word in ("agent", "day", "hour", "month", "seat", "reference", "second", "year")
    )


# --- the vendor's facts ------------------------------------------------------------------------------


class Facts:
    """Everything the answers draw on, computed once per response so that they agree with each other."""

    def __init__(self, response: Response, profile: dict, rng: random.Random):
        vendor = response.vendor
        self.profile = profile
        self.quality = float(profile.get("quality", 0.6))
        self.style = str(profile.get("style", "")).lower()
        self.attrition = float(profile.get("attrition", round(70 - 50 * self.quality)))
        self.tl_ratio = int(profile.get("agents_per_team_leader", round(24 - 14 * self.quality)))
        self.languages_strength = float(profile.get("languages_strength", self.quality))
        self.iso27001 = bool(profile.get("iso27001", True))
        self.pci_dss = bool(profile.get("pci_dss", True))
        self.price = profile.get("price")
        self.sites = list(vendor.sites or []) or ["the main site"]
        self.languages = list(vendor.languages or [])
        self.seats = vendor.seats or int(300 + 1500 * rng.random())
        self.agents = int(profile.get("agents", self.seats * rng.uniform(1.25, 1.6)))
        self.country = vendor.country or "our home country"
        self.vendor_name = vendor.name
        self.currency = response.rfp.currency
        self.training_days = int(round(8 + 14 * self.quality + rng.uniform(-1, 1)))
        self.fcr = int(round(66 + 16 * self.quality))
        self.clients = int(12 + 40 * rng.random())
        self.today = timezone.localdate()

    def fill(self, text: str) -> str:
        cefr = "C1" if self.languages_strength >= 0.75 else "B2" if self.languages_strength >= 0.4 else "B1"
        return text.format(
            attrition=_number_text(self.attrition),
            tl_ratio=self.tl_ratio,
            seats=f"{self.seats:,}",
            training_days=self.training_days,
            fcr=self.fcr,
            clients=self.clients,
            sites=_join(self.sites),
            site_list=_join(self.sites),
            first_site=self.sites[0],
            country=self.country,
            vendor_name=self.vendor_name,
            telco_share=int(25 + 40 * self.quality),
            sec_team=int(6 + 30 * self.quality),
            data_region="the European Union" if "near" in self.style or "onshore" in self.style else self.country,
            cefr=cefr,
            cefr_written="B2" if cefr != "B1" else "B1",
            exec_role="Chief operating officer" if self.quality > 0.7 else "Account director",
            exec_years=int(8 + 14 * self.quality),
            test_name="Versant English Placement Test" if self.languages_strength > 0.5 else "Internal language test",
            validity=180 if self.quality > 0.6 else 90,
            currency=self.currency,
            formats="Contact records as CSV, recordings as WAV or MP3 with a metadata index, knowledge articles as "
            "HTML and PDF."
            if self.quality > 0.5
            else "Standard export formats from our systems, to be agreed.",
            law="The law and courts of the client's home country; no local rule in our delivery countries limits "
            "exit or termination."
            if self.quality > 0.5
            else f"The law of {self.country}.",
            site_roles="; ".join(
                f"{site} ({'primary, ' + str(self.seats) + ' seats' if i == 0 else 'secondary and failover'})"
                for i, site in enumerate(self.sites)
            ),
        )


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _number_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


# --- one answer --------------------------------------------------------------------------------------


def _numeric(question: Question, facts: Facts, rng: random.Random) -> float:
    key, quality = question.key, facts.quality
    integer = _is_integer_unit(question)
    known = {
        "turnover-01": facts.attrition,
        "turnover-02": round(facts.attrition * rng.uniform(0.82, 1.02), 1),
        "turnover-03": round(facts.attrition * rng.uniform(0.3, 0.45), 1),
        "turnover-07": round(10 + 30 * quality + rng.uniform(-2, 2)),
        "oversight-01": facts.tl_ratio,
        "oversight-08": facts.training_days,
        "company-02": facts.agents,
        "company-03": round(facts.agents * rng.uniform(0.018, 0.03), 1),
        "location-03": facts.seats,
        "location-05": round(max(0.0, min(100.0, (0.2 + 0.5 * rng.random()) * 100 * (1.1 - quality))), 0),
        "language-06": round(min(100.0, max(5.0, 100 * facts.languages_strength + rng.uniform(-6, 6))), 0),
        "scalability-02": round(facts.agents * rng.uniform(0.05, 0.12)),
        "references-05": round(2 + 7 * quality + rng.uniform(-0.5, 0.5), 1),
        "references-01": max(3, round(2 + 5 * quality)),
    }
    if facts.price is not None:
        known["pricing-01"] = float(facts.price)
        known["pricing-05"] = round(float(facts.price) * rng.uniform(0.025, 0.06), -3)
    if key in known:
        value = known[key]
    elif question.auto_rule and (ruled := _from_rule(question.auto_rule, quality, rng, integer)) is not None:
        value = ruled
    elif question.is_price:
        value = round(2_000_000 + 2_500_000 * quality, -3)
    else:
        value = round(rng.uniform(10, 90), 0 if integer else 1)
    if question.type == QuestionType.PERCENTAGE:
        value = max(0.0, min(100.0, float(value)))
    return max(0, value)


def _choice_points(choice: dict) -> float | None:
    points = choice.get("points")
    return float(points) if points is not None else None


def _single(question: Question, facts: Facts, rng: random.Random) -> str:
    key, labels = question.key, question.choice_labels
    if question.type == QuestionType.YES_NO and question.knockout:
        passing = str(question.knockout.get("value", "Yes"))
        failing = next((label for label in labels if label != passing), passing)
        if key == "security-01":
            return passing if facts.iso27001 else failing
        if key == "security-04":
            return passing if facts.pci_dss else failing
        return passing
    if key == "security-05":
        return labels[0] if facts.pci_dss else labels[min(2, len(labels) - 1)]
    if key == "location-02":
        for word, label in (("offshore", "Offshore"), ("nearshore", "Nearshore"), ("onshore", "Onshore")):
            if word in facts.style and label in labels:
                return label
        return "Mixed" if "Mixed" in labels else labels[-1]
    if key == "language-01":
        strength = facts.languages_strength
        index = 0 if strength >= 0.75 else 1 if strength >= 0.4 else 2
        return labels[min(index, len(labels) - 1)]
    scored = [(label, _choice_points(c)) for label, c in zip(labels, question.choices, strict=True)]
    if all(points is None for _label, points in scored):
        return rng.choice(labels)
    target = _target_points(facts.quality, rng)
    return min(scored, key=lambda lp: (abs((lp[1] if lp[1] is not None else 2.5) - target), rng.random()))[0]


def _multi(question: Question, facts: Facts, rng: random.Random) -> list[str]:
    key, choices = question.key, question.choices
    if key == "language-05" and facts.languages:
        chosen = [c["label"] for c in choices if c["label"] in facts.languages]
        if chosen:
            return chosen
    positive = [c["label"] for c in choices if (_choice_points(c) or 0) > 0 or c.get("points") is None]
    positive = [label for label in positive if not label.lower().startswith("none")]
    if not positive:
        return [choices[0]["label"]]
    share = max(0.15, min(1.0, facts.quality + rng.uniform(-0.15, 0.15)))
    count = max(1, round(share * len(positive)))
    ordered = positive[:]
    rng.shuffle(ordered)
    chosen = set(ordered[:count])
    return [label for label in question.choice_labels if label in chosen]


def _date(question: Question, facts: Facts, rng: random.Random) -> str:
    text = question.text.lower()
    if question.key == "security-03" or "expire" in text:
        months = rng.randint(8, 30) if facts.iso27001 else -rng.randint(2, 6)
        return (facts.today + datetime.timedelta(days=30 * months)).isoformat()
    if "last" in text or question.key == "continuity-02":
        months = round(2 + 14 * (1 - facts.quality) + rng.uniform(0, 2))
        return (facts.today - datetime.timedelta(days=30 * months)).isoformat()
    days = round(45 + 90 * (1 - facts.quality) + rng.uniform(0, 20))
    return (facts.today + datetime.timedelta(days=days)).isoformat()


def _long_text(question: Question, facts: Facts, rng: random.Random, used: set[str]) -> str:
    area = question.key.split("-")[0]
    bank = BANKS.get(area) or BANKS.get(question.section.risk_area or "", GENERIC)
    count = 3 if facts.quality < 0.5 else 4
    sentences = [s for s in _tier_sentences(bank, facts.quality, count + 2, rng) if s not in used][:count]
    if len(sentences) < 2:
        sentences += _tier_sentences(GENERIC, facts.quality, 2, rng)
    used.update(sentences)
    sentences.insert(rng.randint(1, len(sentences)), rng.choice(FACT_SENTENCES))
    flavour = [text for word, text in STYLE_SENTENCES.items() if word in facts.style]
    if flavour and rng.random() < 0.5:
        sentences.insert(rng.randint(0, len(sentences)), rng.choice(flavour))
    text = " ".join(facts.fill(sentence) for sentence in sentences)
    if question.word_limit:
        words = text.split()
        if len(words) > question.word_limit:
            text = " ".join(words[: question.word_limit]).rstrip(",;") + "."
    return text


def _short_text(question: Question, facts: Facts, rng: random.Random) -> str:
    template = SHORT_TEXT.get(question.key)
    if template:
        return facts.fill(template)
    area = question.key.split("-")[0]
    bank = BANKS.get(area, GENERIC)
    return facts.fill(_tier_sentences(bank, facts.quality, 1, rng)[0])


def _raw_value(question: Question, facts: Facts, rng: random.Random, used: set[str]) -> Any:
    qtype = question.type
    if qtype in (QuestionType.NUMBER, QuestionType.PERCENTAGE):
        return _numeric(question, facts, rng)
    if qtype in (QuestionType.YES_NO, QuestionType.SINGLE_CHOICE):
        return _single(question, facts, rng)
    if qtype == QuestionType.MULTI_CHOICE:
        return _multi(question, facts, rng)
    if qtype == QuestionType.DATE:
        return _date(question, facts, rng)
    if qtype == QuestionType.SHORT_TEXT:
        return _short_text(question, facts, rng)
    return _long_text(question, facts, rng, used)


# --- files -------------------------------------------------------------------------------------------


def tiny_pdf(title: str, lines: list[str]) -> bytes:
    """A small, valid one-page PDF (Helvetica text), so that demo attachments open in any viewer."""

    def escape(text: str) -> str:
        clean = text.encode("latin-1", "replace").decode("latin-1")
        return clean.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    rows = [f"BT /F1 16 Tf 60 780 Td ({escape(title)}) Tj ET"]
    for index, line in enumerate(lines):
        rows.append(f"BT /F1 10 Tf 60 {750 - 16 * index} Td ({escape(line)}) Tj ET")
    stream = "\n".join(rows).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _attach_pdf(answer: Answer, question: Question, facts: Facts, by) -> str:
    words = [w for w in slugify(question.text).split("-") if len(w) > 3][:4]
    name = f"{question.key}-{'-'.join(words)}.pdf"
    content = tiny_pdf(
        question.text[:80],
        [
            f"Prepared for {question.section.rfp.reference} by the bid team.",
            f"Delivery sites: {_join(facts.sites)}.",
            f"Agent attrition last 12 months: {_number_text(facts.attrition)}%.",
            f"Agents per team leader: {facts.tl_ratio}.",
        ],
    )
    attachment = Attachment(
        answer=answer, original_name=name, content_type="application/pdf", size=len(content), uploaded_by=by
    )
    attachment.file.save("demo", ContentFile(content), save=False)
    attachment.save()
    return name


# --- the entry points --------------------------------------------------------------------------------


def _seed(response: Response, extra: str) -> random.Random:
    # Stable per vendor and RFP, so that re-running the demo gives the same answers.
    return random.Random(zlib.crc32(f"{response.vendor.name}|{response.rfp.reference}|{extra}".encode()))


@transaction.atomic
def seed_demo_answers(response: Response, profile: dict, by, complete: bool = True) -> int:
    """Answer every question of the response's RFP from the profile; returns how many were answered.

    Existing answers and attachments of the response are replaced. With `complete=False`, about 40%
    of the questions stay blank, more of them towards the end, like a response still in progress.
    """
    rng = _seed(response, str(profile.get("style", "")))
    facts = Facts(response, profile, rng)
    overrides = profile.get("answers", {}) or {}
    questions = list(
        Question.objects.filter(section__rfp=response.rfp)
        .select_related("section__rfp")
        .order_by("section__order", "section_id", "order", "id")
    )
    Attachment.objects.filter(answer__response=response).delete()
    Answer.objects.filter(response=response).delete()
    used: set[str] = set()
    now = timezone.now()
    answers, file_questions = [], []
    for index, question in enumerate(questions):
        if not complete and rng.random() < 0.12 + 0.56 * index / max(1, len(questions) - 1):
            continue
        if question.type == QuestionType.FILE:
            file_questions.append(question)
            continue
        raw = overrides.get(question.key, _raw_value(question, facts, rng, used))
        state, value = clean_answer(question, raw)
        answers.append(Answer(response=response, question=question, state=state, value=value, version=1, updated_by=by))
    Answer.objects.bulk_create(answers)
    for question in file_questions:
        answer = Answer.objects.create(response=response, question=question, version=1, updated_by=by)
        name = _attach_pdf(answer, question, facts, by)
        answer.state, answer.value = clean_answer(question, name)
        answer.save(update_fields=["state", "value"])
    Response.objects.filter(pk=response.pk).update(updated_at=now)
    return len(answers) + len(file_questions)


def record_demo_submission(response: Response, by, at: datetime.datetime | None = None) -> Submission:
    """Mark a seeded response as submitted at `at` (default now) with a snapshot of its answers.

    For demo history only (e.g. an RFI whose deadline is already past): it skips the deadline
    check that `vendors.services.response_submit` makes for real vendors.
    """
    from vendors import selectors

    at = at or timezone.now()
    sheet = selectors.response_sheet(response)
    number = response.submissions.count() + 1
    submission = Submission.objects.create(
        response=response, number=number, submitted_by=by, submitted_at=at, snapshot=selectors.answer_snapshot(sheet)
    )
    Response.objects.filter(pk=response.pk).update(status=ResponseStatus.SUBMITTED, submitted_at=at)
    response.status, response.submitted_at = ResponseStatus.SUBMITTED, at
    return submission


__all__ = ["seed_demo_answers", "record_demo_submission", "tiny_pdf"]
