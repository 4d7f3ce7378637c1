"""The phrase banks of the demo answers (vendors/demo.py): what vendors write, per area of the
questionnaire, in a strong and a weak version, plus sentences for a delivery style, sentences that
carry the vendor's own figures, and templates for short answers. Data only: `{placeholders}` are
filled from the vendor's profile and company by `Facts.fill`.

Every phrase is marked for translation: `seed_demo --lang CODE` writes the demo answers in that
language (the catalogues carry the phrases like any other text), with the same placeholders."""

from django.utils.translation import gettext_noop

# Two levels per area: what a strong operator writes, and what a weak one writes. A vendor of middling
# quality mixes them. Placeholders are filled from the profile and the vendor company.

GENERIC = {
    "strong": [
        gettext_noop("We measure this monthly and share the figures with the client's vendor management office."),
        gettext_noop(
            "The approach is documented in our operating manual and audited twice a year by our internal quality team."
        ),
        gettext_noop(
            "We have run it this way for {clients} clients across {sites}; the results are in the references we attach."
        ),
        gettext_noop(
            "A named owner on the account is accountable for it, with a monthly review against agreed targets."
        ),
    ],
    "weak": [
        gettext_noop("We follow industry good practice and adapt it to each client."),
        gettext_noop("Our team has long experience with this and will agree the details during transition."),
        gettext_noop("This is handled by the operations manager as part of normal account management."),
        gettext_noop("We are flexible and will align with the client's requirements."),
    ],
}

BANKS: dict[str, dict[str, list[str]]] = {
    "company": {
        "strong": [
            gettext_noop(
                # xgettext:no-python-format
                "We serve {clients} clients, most of them in telecoms, utilities and consumer banking, and no client "
                "represents more than 18% of our contact-center revenue."
            ),
            gettext_noop(
                # xgettext:no-python-format
                "Telecom and broadband accounts make up about {telco_share}% of our work, so we know device, billing "
                "and "
                "fault journeys well."
            ),
            gettext_noop(
                "Our largest relationships have lasted more than seven years and have grown in scope at each renewal."
            ),
        ],
        "weak": [
            gettext_noop("We serve clients in several industries, including retail, telecom and travel."),
            gettext_noop(
                "Our client base is diverse; our three largest clients account for just over half of our revenue."
            ),
            gettext_noop("We are growing quickly and have added several new clients in the last year."),
        ],
    },
    "vmo": {
        "strong": [
            gettext_noop(
                "In the first 90 days a joint transition team shadows your agents, maps the top 20 contact reasons and "
                "agrees a baseline for every KPI before we take live contacts."
            ),
            gettext_noop(
                "We run discovery workshops with your product, billing and network teams, and write the knowledge base "
                "with them rather than for them."
            ),
            gettext_noop(
                # xgettext:no-python-format
                "When a client's target conflicted with customer outcomes, we showed with contact data that a lower "
                "handle-time target was driving repeat calls, and the client changed it; repeat contacts fell by 14%."
            ),
            gettext_noop(
                "Your vendor management office gets the same dashboards our account team uses, not a monthly extract."
            ),
        ],
        "weak": [
            gettext_noop(
                "We will learn your business through training material provided by you and a short onboarding period."
            ),
            gettext_noop("Our account manager will meet your team to understand your goals."),
            gettext_noop("We usually follow the client's stated goals and report against them."),
            gettext_noop("We have suggested improvements to clients when asked."),
        ],
    },
    "innovation": {
        "strong": [
            gettext_noop(
                # xgettext:no-python-format
                "Last year we moved a utility client's e-mail queue to a guided-resolution flow with agent assist; "
                "handling time fell by 22% and satisfaction rose four points."
            ),
            gettext_noop(
                "Speech analytics tags every call by contact reason; each month we bring the top three avoidable "
                "reasons to the client with a proposed fix and the saving it would bring."
            ),
            gettext_noop(
                "Script and process changes go through a same-day change desk: updated knowledge article, a "
                "five-minute "
                "huddle and a quiz before agents take the next contact."
            ),
            gettext_noop(
                "We run a quarterly innovation review with each client and fund pilots from a budget in our price."
            ),
        ],
        "weak": [
            gettext_noop("We use modern tools and keep up to date with new technology."),
            gettext_noop(
                "Changes to scripts are emailed to team leaders, who brief their teams at the next opportunity."
            ),
            gettext_noop("We review root causes when the client raises a concern."),
            gettext_noop("New technology can be introduced as a change request once its cost is agreed."),
        ],
    },
    "turnover": {
        "strong": [
            gettext_noop(
                # xgettext:no-python-format
                "Our agent attrition was {attrition}% over the last 12 months, and we report it by account every month."
            ),
            gettext_noop(
                # xgettext:no-python-format
                "Pay is set in the top quartile of the local market, and 40% of our team leaders were promoted from "
                "agent roles."
            ),
            gettext_noop(
                "Every new agent has a buddy for the first six weeks and a 30/60/90-day review with their team leader, "
                "which halved our early leavers."
            ),
            gettext_noop(
                # xgettext:no-python-format
                "We match agents to accounts on a work sample and a language test, not on availability, and keep a "
                "trained reserve bench of about 8% of the team."
            ),
            gettext_noop(
                "Knowledge lives in a client-owned knowledge base; a leaver's cases are reviewed and any undocumented "
                "fix becomes an article before their last day."
            ),
        ],
        "weak": [
            # xgettext:no-python-format
            gettext_noop("Attrition was {attrition}% last year, in line with the local market for contact centers."),
            gettext_noop("We offer competitive pay and recognition programmes such as agent of the month."),
            gettext_noop("Agents are recruited in large classes and assigned to accounts according to demand."),
            gettext_noop("Experienced agents train new joiners on the floor when they leave."),
            gettext_noop("We are working to reduce attrition through engagement activities."),
        ],
    },
    "oversight": {
        "strong": [
            gettext_noop(
                "Each team leader on your account will lead {tl_ratio} agents, with a dedicated quality analyst for "
                "every 25 agents and a trainer on site."
            ),
            gettext_noop(
                "Quality analysts score a random sample of at least eight contacts per agent per month, and we "
                "calibrate "
                "weekly with your quality lead until scores agree within five points."
            ),
            gettext_noop(
                "Initial training is {training_days} days, including two days of nesting with live contacts under "
                "close "
                "supervision, and agents are certified before they go live."
            ),
            gettext_noop("Your staff can listen to any recording and join calibration at any time."),
        ],
        "weak": [
            gettext_noop("Team leaders will manage about {tl_ratio} agents each, supported by the operations manager."),
            gettext_noop("Quality is monitored by a shared quality team, which reviews a sample of calls every month."),
            gettext_noop("Training lasts {training_days} days and is followed by on-the-job learning."),
            gettext_noop("Calibration sessions can be arranged on request."),
        ],
    },
    "language": {
        "strong": [
            gettext_noop(
                "Every agent passes a third-party spoken test at {cefr} or above before training, and we retest a "
                "sample every quarter."
            ),
            gettext_noop(
                "Cultural onboarding covers your customers' holidays, idioms, sports and regional differences, "
                "refreshed before each campaign season."
            ),
            gettext_noop(
                "Language coaches listen to ten calls per agent per month and give feedback on tone and idiom, not "
                "only "
                "grammar."
            ),
        ],
        "weak": [
            gettext_noop("Agents are tested for language at recruitment."),
            gettext_noop("Agents receive cultural awareness training during induction."),
            gettext_noop("Team leaders give feedback on language during coaching sessions."),
        ],
    },
    "sla": {
        "strong": [
            gettext_noop(
                "KPIs are defined in a data dictionary agreed with you, calculated from the platform's raw data, and "
                "audited by an independent analyst each quarter."
            ),
            gettext_noop(
                "When a KPI is missed we send a root-cause analysis within five working days and a recovery plan with "
                "dates; service credits apply automatically."
            ),
            gettext_noop(
                # xgettext:no-python-format
                "We use Lean Six Sigma: on a comparable telecom account we lifted first-contact resolution from 68% to "
                "{fcr}% in nine months by fixing the top five repeat-contact reasons."
            ),
            gettext_noop(
                "Intraday, a real-time analyst re-plans breaks and skills every 15 minutes to protect the service "
                "level."
            ),
        ],
        "weak": [
            gettext_noop("We report KPIs monthly in a standard report."),
            gettext_noop("If a KPI is missed we investigate and take corrective action."),
            gettext_noop("We apply continuous improvement and have improved KPIs for several clients."),
            gettext_noop("Service levels are monitored by the operations team."),
        ],
    },
    "security": {
        "strong": [
            gettext_noop(
                # xgettext:no-python-format
                "Our security team of {sec_team} people is led by a CISO who reports to the board, and we invest about "
                "4% of revenue in security each year."
            ),
            gettext_noop(
                "Your data stays in {data_region}; access is role-based, reviewed monthly, and every privileged "
                "session "
                "is recorded."
            ),
            gettext_noop(
                "We use two sub-processors (the cloud platform and the workforce tool), both listed in the data "
                "processing agreement and subject to your approval."
            ),
            gettext_noop(
                "We run phishing simulations monthly and a red-team test each year, and fix critical findings within "
                "14 days."
            ),
        ],
        "weak": [
            gettext_noop("Security is managed by our IT department according to our security policy."),
            gettext_noop("Data is stored on our servers and in cloud services used by the group."),
            gettext_noop("Access to client data is limited to staff who need it."),
            gettext_noop("Sub-processors are used where needed and can be listed on request."),
        ],
    },
    "governance": {
        "strong": [
            gettext_noop(
                "We propose a weekly operations call, a monthly performance review and a quarterly business review "
                "chaired by our country head, each with minutes and an action log."
            ),
            gettext_noop(
                "Changes are requested on a one-page form, assessed for cost and risk within five working days, and "
                "approved by both contract managers before work starts."
            ),
            gettext_noop(
                "A disputed KPI or invoice goes first to the account managers, then to a joint steering committee "
                "within "
                "ten days; we keep serving at normal levels while it is resolved."
            ),
        ],
        "weak": [
            gettext_noop("Governance will be agreed with the client at the start of the contract."),
            gettext_noop("Changes are discussed between the account manager and the client and confirmed by e-mail."),
            gettext_noop("Disagreements are resolved through discussion between management teams."),
        ],
    },
    "pricing": {
        "strong": [
            gettext_noop(
                # xgettext:no-python-format
                "The price assumes an average handling time of 380 seconds on voice, 82% occupancy and 32% shrinkage, "
                "all visible in the pricing schedule."
            ),
            gettext_noop(
                "Management, quality, training and technology are included; there are no pass-through charges."
            ),
            gettext_noop(
                # xgettext:no-python-format
                "Volume bands of plus or minus 15% keep the same rate, so seasonal peaks do not reprice the contract."
            ),
        ],
        "weak": [
            gettext_noop("The price is based on the volumes in the RFP and our standard assumptions."),
            gettext_noop("Some technology and reporting services are charged separately."),
            gettext_noop("Prices will be reviewed if volumes differ from the forecast."),
        ],
    },
    "exit": {
        "strong": [
            gettext_noop(
                "An exit plan is delivered within 90 days of go-live and tested each year; during exit we keep full "
                "service levels and hand over recordings, data and knowledge articles in open formats."
            ),
            gettext_noop(
                "We run a parallel period in which your new provider's trainers shadow our agents, and we stay "
                "accountable until the last contact is handed over."
            ),
            gettext_noop(
                "A named exit manager keeps the asset register (scripts, knowledge articles, reports and data "
                "extracts) current from day one, so nothing has to be rebuilt at the end."
            ),
        ],
        "weak": [
            gettext_noop("An exit plan will be agreed towards the end of the contract."),
            gettext_noop("We will cooperate with the client and the new provider during transition."),
            gettext_noop("Knowledge transfer sessions can be provided at our standard daily rates."),
        ],
    },
    "continuity": {
        "strong": [
            gettext_noop(
                # xgettext:no-python-format
                "During the pandemic we moved 92% of agents home within nine days on managed laptops, and service "
                "levels "
                "recovered within three weeks."
            ),
            gettext_noop(
                "Since then every agent has a managed device and a tested home set-up, and we run a site-loss exercise "
                "twice a year."
            ),
            gettext_noop(
                "Our crisis team met daily, told clients each morning what would change that day, and kept priority "
                "queues such as fault reporting above target throughout."
            ),
        ],
        "weak": [
            gettext_noop("During the pandemic we moved part of our workforce to home working after a few weeks."),
            gettext_noop("Service was affected for a period but recovered over time."),
            gettext_noop("We learned from the experience and updated our continuity plan."),
        ],
    },
    "scalability": {
        "strong": [
            gettext_noop(
                "Peaks are forecast from twelve months of history and your marketing calendar; we pre-train a "
                "cross-skilled reserve and flex with part-time and home-based agents."
            ),
            gettext_noop(
                "For a device launch last year we added 140 trained agents in five weeks and kept the service level."
            ),
        ],
        "weak": [
            gettext_noop("We plan peaks with the client and recruit additional agents when needed."),
            gettext_noop("Overtime and temporary staff are used during busy periods."),
        ],
    },
    "location": {
        "strong": [
            gettext_noop(
                "{site_list} give us native speakers of your customers' languages, a stable labour market and a "
                "second site for resilience."
            ),
            gettext_noop(
                "The sites combine a lower cost base than your home market with attrition well below the regional "
                "average."
            ),
        ],
        "weak": [
            gettext_noop("{site_list} offer a large labour pool at competitive cost."),
            gettext_noop("Our sites have good infrastructure and are easy to reach."),
        ],
    },
    "references": {
        "strong": [
            gettext_noop(
                # xgettext:no-python-format
                "For a broadband provider with 1.5 million customers we took over a failing in-house service; within a "
                "year first-contact resolution rose from 61% to 78% and complaints fell by a third."
            ),
            gettext_noop(
                "We lost one retail contract in 2025 when the client brought the work in-house; we reviewed why, and "
                "now put a client-side analyst in every account team."
            ),
        ],
        "weak": [
            gettext_noop("We supported a telecom client with customer service and met most of the agreed KPIs."),
            gettext_noop("One contract was not renewed because the client chose a lower-cost provider."),
        ],
    },
}

STYLE_SENTENCES = {
    "offshore": gettext_noop("Our offshore delivery model keeps the cost per contact low while we scale quickly."),
    "low-cost": gettext_noop("We focus on efficient operations so that clients get a competitive price."),
    "premium": gettext_noop("We deliver from onshore sites with experienced agents close to your customers."),
    "onshore": gettext_noop("Agents share your customers' culture and time zone."),
    "nearshore": gettext_noop(
        "Our nearshore sites are two hours or less from your offices, so visits and joint workshops are easy."
    ),
    "security": gettext_noop("Security and compliance are part of every process design, not an afterthought."),
    "multilingual": gettext_noop(
        "Our multilingual hub serves customers in five languages from the same team structure."
    ),
    "digital": gettext_noop(
        "Automation and analytics come as standard: bots deflect simple contacts and agent assist guides the rest."
    ),
}

# One of these goes into every long answer: they carry the vendor's own figures, so no two vendors'
# answers read the same even where their phrase choices coincide.
FACT_SENTENCES = [
    gettext_noop("Our {seats} seats in {sites} give us room to staff your account without displacing other clients."),
    # xgettext:no-python-format
    gettext_noop("The account would be run from {first_site}, where our current teams keep attrition at {attrition}%."),
    gettext_noop("Team leaders in {first_site} each lead {tl_ratio} agents, which keeps coaching time realistic."),
    gettext_noop("New agents in {first_site} train for {training_days} days before they take live contacts."),
    gettext_noop("We apply the same method across our {clients} clients and the {seats} seats we operate today."),
]

SHORT_TEXT = {
    "company-01": gettext_noop(
        "{vendor_name}, registered in {country}; headquarters and contracting entity in {country}."
    ),
    "vmo-07": gettext_noop("{exec_role}, based in {first_site}, with {exec_years} years in contact-center operations."),
    "language-02": gettext_noop("{test_name}: voice {cefr}, chat and e-mail {cefr_written}; tested before training."),
    "pricing-06": gettext_noop("{validity} days from the submission deadline; prices fixed in {currency}."),
    "exit-08": "{formats}",
    "exit-09": "{law}",
    "location-01": "{site_roles}",
}


# Comments bid managers add beside some answers for the evaluators.
ANSWER_COMMENTS = {
    "turnover-01": gettext_noop(
        "Leavers of the last 12 months over the average agent headcount, voluntary and involuntary leavers both "
        "counted; the monthly figures are in the attached report."
    ),
    "security-01": gettext_noop("The certificate and its scope statement are attached to security-02."),
}
