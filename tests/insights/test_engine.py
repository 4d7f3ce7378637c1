"""The answer-analysis engine on plain data: what it flags, what it leaves alone, and the passages
it quotes, in the five languages the product speaks."""

import pytest

from insights import data
from insights.engine import (
    BOILERPLATE,
    CONTRADICTION,
    EVASIVE,
    AnswerInput,
    RfpAnalyzer,
    analyse,
)
from insights.engine.evasive import gives
from insights.engine.figures import quantities

PARAGRAPH = (
    "Our people are the heart of everything we do. Our proven methodology combines rigorous selection, "
    "continuous coaching and a culture of recognition, so that every client receives motivated and skilled "
    "agents who deliver outstanding customer experiences from day one."
)


def run(*answers):
    return analyse(data.bank_questions().values(), answers, data.expectations(), data.relations())


def kinds_for(result, answer_id):
    return {finding.kind for finding in result.for_answer(answer_id)}


def test_attrition_next_to_a_short_tenure_is_a_contradiction_quoting_both_answers():
    attrition = AnswerInput(1, "Harbourline", "turnover-01", text="Annual attrition was 15% in the last 12 months.")
    tenure = AnswerInput(2, "Harbourline", "turnover-07", text="Average tenure is six months.")
    [finding] = [f for f in run(attrition, tenure).findings if f.kind == CONTRADICTION]
    assert finding.code == "attrition_vs_tenure"
    assert finding.question_keys == ("turnover-01", "turnover-07")
    assert finding.params == {"attrition": 15, "implied_months": 80, "tenure_months": 6}
    quotes = {quote.question_key: quote for quote in finding.evidence}
    assert quotes["turnover-01"].text == "Annual attrition was 15% in the last 12 months."
    assert quotes["turnover-07"].text == "Average tenure is six months."
    for quote, answer in ((quotes["turnover-01"], attrition), (quotes["turnover-07"], tenure)):
        assert answer.text[quote.start : quote.end] == quote.text


def test_attrition_and_tenure_that_agree_within_the_factor_are_not_flagged():
    result = run(AnswerInput(1, "V", "turnover-01", value=40), AnswerInput(2, "V", "turnover-07", value=18))
    assert not [f for f in result.findings if f.kind == CONTRADICTION]


def test_typed_values_are_quoted_as_values():
    result = run(AnswerInput(1, "V", "turnover-01", value=12), AnswerInput(2, "V", "turnover-07", value=7))
    [finding] = result.findings
    assert [(q.text, q.start, q.end) for q in finding.evidence] == [("12", -1, -1), ("7", -1, -1)]


@pytest.mark.parametrize(
    "text",
    [
        "نرخ ریزش سالانهٔ ما ۲۵٪ بود.",  # Persian digits and the Arabic percent sign
        "نرخ ریزش ما ۳۰ درصد بود.",
        "بلغ معدل الدوران ٣٢٪ سنويًا.",  # Arabic-Indic digits
        "נטישה של עשרים וחמישה אחוז בשנה.",  # Hebrew number words
        "Rotacja wyniosła dwadzieścia osiem procent.",  # Polish number words
        "Twenty-eight percent, voluntary and involuntary leavers together.",
        "بیست و هشت درصد در دوازده ماه گذشته.",
    ],
)
def test_a_percentage_in_any_script_or_in_words_is_not_evasive(text):
    result = run(AnswerInput(1, "V", "turnover-01", text=text))
    assert EVASIVE not in kinds_for(result, 1)


def test_an_answer_without_the_figure_asked_for_is_evasive_with_its_reason():
    text = "Our attrition compares favourably with the industry average."
    [finding] = run(AnswerInput(1, "V", "turnover-01", text=text)).findings
    assert (finding.kind, finding.code) == (EVASIVE, "no_percentage")
    assert finding.params["question"] == "turnover-01"
    assert finding.evidence[0].text == text


def test_a_typed_value_always_satisfies_the_question():
    assert not run(AnswerInput(1, "V", "turnover-01", value=31, text="Measured on average headcount.")).findings


def test_a_hedged_commitment_is_evasive_and_a_plain_one_is_not():
    hedged = AnswerInput(1, "V", "sla-06", text="We are open to discussing a balanced mechanism, where possible.")
    plain = AnswerInput(2, "W", "sla-06", text="Yes. We accept service credits on every committed KPI.")
    result = run(hedged, plain)
    assert [f.code for f in result.for_answer(1)] == ["hedged_commitment"]
    assert result.for_answer(2) == []


def test_none_answers_a_question_that_asks_for_a_share():
    assert not run(AnswerInput(1, "V", "location-05", text="None. All agents work on site.")).findings


def test_the_same_paragraph_reused_across_three_questions_is_one_finding_with_spans_in_each():
    answers = [
        AnswerInput(1, "V", "turnover-05", text=PARAGRAPH),
        AnswerInput(2, "V", "turnover-08", text=PARAGRAPH + " Knowledge is shared across the team."),
        AnswerInput(3, "V", "language-07", text="In short: " + PARAGRAPH),
    ]
    [finding] = [f for f in run(*answers).findings if f.kind == BOILERPLATE]
    assert finding.code == "reused_across_questions"
    assert set(finding.answer_ids) == {1, 2, 3}
    assert finding.params == {"answers": 3, "questions": 3, "vendors": 1}
    by_answer = {quote.answer_id: quote for quote in finding.evidence}
    texts = {answer.answer_id: answer.text for answer in answers}
    for answer_id, quote in by_answer.items():
        assert texts[answer_id][quote.start : quote.end] == quote.text
        assert quote.text.startswith("Our people are the heart")
    assert by_answer[3].start == len("In short: ")


def test_a_passage_shared_by_two_vendors_is_flagged_for_both():
    result = run(AnswerInput(1, "V", "vmo-01", text=PARAGRAPH), AnswerInput(2, "W", "vmo-01", text=PARAGRAPH))
    assert [f.code for f in result.findings] == ["shared_across_vendors"]


def test_long_honest_answers_that_share_a_little_wording_are_not_boilerplate():
    one = (
        "We start with a two-week immersion in which our account director sits with your agents, listens to "
        "recorded calls and maps the top ten contact reasons. Weeks three to eight cover process walk-throughs "
        "with your product owners and a review of twelve months of contact data."
    )
    other = (
        "During the first 90 days our transition lead runs workshops with operations, marketing and IT, reviews "
        "twelve months of contact data and agrees the top ten contact reasons with you, then visits two sites "
        "to see how complaints are handled before we write the first process maps."
    )
    assert not run(AnswerInput(1, "V", "vmo-01", text=one), AnswerInput(2, "W", "vmo-01", text=other)).findings


@pytest.mark.parametrize(
    ("key", "text"),
    [
        (
            "innovation-06",
            "We handle changes to processes, scripts or volumes at short notice through our change process.",
        ),
        ("innovation-06", "אנו מטפלים בשינויים בתהליכים, בתסריטים או בנפחים בהתראה קצרה באמצעות תהליך השינוי."),
        ("innovation-06", "Obsługujemy zmiany procesów, skryptów lub wolumenów zgłaszane z krótkim wyprzedzeniem."),
    ],
)
def test_an_answer_that_restates_the_question_is_boilerplate(key, text):
    [finding] = run(AnswerInput(1, "V", key, text=text)).findings
    assert finding.code == "restates_question"
    assert all(text[q.start : q.end] == q.text for q in finding.evidence)


def test_a_round_the_clock_promise_against_two_shifts_is_a_contradiction():
    claim = AnswerInput(1, "V", "location-04", text="The site runs 24/7, so night callers reach the same team.")
    shifts = AnswerInput(2, "V", "scalability-03", text="Agents work in two shifts, 07:00-15:00 and 15:00-23:00.")
    [finding] = run(claim, shifts).findings
    assert finding.code == "round_the_clock"
    assert [q.question_key for q in finding.evidence] == ["location-04", "scalability-03"]


def test_a_conditional_round_the_clock_offer_is_not_a_contradiction():
    offer = AnswerInput(1, "V", "location-04", text="We can extend to 24/7 on request with four weeks' notice.")
    hours = AnswerInput(2, "V", "scalability-03", text="Today the account runs from 08:00 to 20:00 on weekdays.")
    assert not run(offer, hours).findings


def test_a_pci_dss_claim_needs_an_attestation_file():
    claim = AnswerInput(1, "V", "security-04", value="Yes", text="We are a PCI DSS Level 1 service provider.")
    [finding] = run(claim).findings
    assert finding.code == "claim_without_file"
    attested = AnswerInput(2, "V", "security-02", attachments=("PCI_DSS_AOC_2026.pdf",))
    assert not run(claim, attested).findings


def test_a_first_contact_resolution_claim_above_the_reported_history_is_a_contradiction():
    claim = AnswerInput(1, "V", "sla-05", value=85)
    history = AnswerInput(
        2, "V", "references-03", text="First-contact resolution rose from 58% to 66% and service level from 61% to 82%."
    )
    [finding] = run(claim, history).findings
    assert (finding.code, finding.params["claimed"], finding.params["reported"]) == ("claim_above_history", 85, 66)


def test_claims_to_verify_list_figures_certifications_and_commitments():
    answer = AnswerInput(
        1, "V", "security-10", text="We hold ISO 27001 and test every 6 months. We will share reports."
    )
    claims = run(answer).claims
    assert {(c.kind, c.text) for c in claims} >= {
        ("certification", "ISO 27001"),
        ("figure", "6 months"),
        ("commitment", "We will share reports."),
    }


def test_one_changed_answer_updates_the_analysis():
    analyzer = RfpAnalyzer(data.bank_questions().values(), data.expectations(), data.relations())
    analyzer.load([AnswerInput(1, "V", "turnover-01", value=15), AnswerInput(2, "V", "turnover-07", value=70)])
    assert analyzer.result().findings == ()
    analyzer.update(AnswerInput(2, "V", "turnover-07", value=6))
    assert [f.code for f in analyzer.findings_for(2)] == ["attrition_vs_tenure"]
    analyzer.update(AnswerInput(3, "W", "vmo-01", text=PARAGRAPH))
    analyzer.update(AnswerInput(4, "X", "vmo-01", text=PARAGRAPH))
    assert [f.code for f in analyzer.findings_for(4)] == ["shared_across_vendors"]
    analyzer.update(AnswerInput(4, "X", "vmo-01", text="A different answer written for this buyer alone, at length."))
    assert analyzer.findings_for(3) == []
    analyzer.remove(2)
    assert analyzer.result().findings == ()


def test_incremental_updates_end_where_a_full_run_ends():
    answers = [
        AnswerInput(1, "V", "turnover-05", text=PARAGRAPH),
        AnswerInput(2, "V", "turnover-08", text=PARAGRAPH),
        AnswerInput(3, "W", "vmo-01", text=PARAGRAPH),
        AnswerInput(4, "W", "turnover-01", text="Better than the industry."),
    ]
    analyzer = RfpAnalyzer(data.bank_questions().values(), data.expectations(), data.relations())
    for answer in answers:
        analyzer.update(answer)
    assert sorted(map(repr, analyzer.result().findings)) == sorted(map(repr, run(*answers).findings))


@pytest.mark.parametrize(
    ("text", "value", "kind", "unit"),
    [
        ("۱۲ ساعت", 12, "duration", "hour"),
        ("٤ ساعات", 4, "duration", "hour"),
        ("שלושים ושישה חודשים", 36, "duration", "month"),
        ("1,5 roku", 1.5, "duration", "year"),
        ("2,500 agents", 2500, "count", "count"),
        ("€3.2 million", 3.2, "money", "money"),
        ("%15", 15, "percent", "percent"),
    ],
)
def test_quantities_in_each_language(text, value, kind, unit):
    [quantity] = quantities(text)
    assert (quantity.value, quantity.kind, quantity.unit) == (value, kind, unit)


def test_what_a_text_gives():
    assert gives("On 14 March 2026 we moved all traffic.") >= {"date"}
    assert "tool" in gives("We run speech analytics in CallMiner.")
    assert "tool" in gives("نستخدم Genesys للتنبؤ")
    assert "certificate" in gives("We use Versant with a pass mark of 58.")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("حدود دو هزار و چهارصد کارشناس", 2400),
        ("two thousand five hundred agents", 2500),
        ("שלושת אלפים נציגים", 3000),
        ("ثلاثة آلاف وكيل", 3000),
        ("dwa tysiące konsultantów", 2000),
    ],
)
def test_large_numbers_in_words(text, value):
    [quantity] = quantities(text)
    assert (quantity.value, quantity.kind) == (value, "count")


@pytest.mark.parametrize(
    ("text", "share"),
    [("Up to a tenth of the monthly fee.", 10), ("כעשירית מהנציגים.", 10), ("نحو ثلثي الوكلاء", 67)],
)
def test_shares_in_words_are_percentages(text, share):
    assert [(q.value, q.kind) for q in quantities(text)] == [(share, "percent")]


def test_a_quarterly_review_in_arabic_is_not_a_quarter():
    assert quantities("مراجعة ربع سنوية") == ()


def test_a_target_met_every_month_against_a_reported_miss_is_a_contradiction():
    claim = AnswerInput(1, "V", "sla-07", text="KPIs come from the ACD. We met the service level every month.")
    history = AnswerInput(2, "V", "sla-09", text="We use Lean. In March the service level fell to 68% after an outage.")
    [finding] = run(claim, history).findings
    assert finding.code == "claim_always_met"
    assert [q.text for q in finding.evidence] == [
        "We met the service level every month",
        "In March the service level fell to 68% after an outage",
    ]


def test_a_language_offered_where_no_site_speaks_it_is_a_contradiction_in_any_label_language():
    offered = AnswerInput(1, "V", "language-05", value=["polski", "niemiecki", "hebrajski"])
    sites = AnswerInput(2, "V", "location-01", text="Gdańsk, Polska, główna; Berlin, Niemcy, zapasowa")
    [finding] = run(offered, sites).findings
    assert (finding.code, finding.params) == ("language_without_site", {"languages": ["Hebrew"]})
    assert [q.text for q in finding.evidence] == ["polski, niemiecki, hebrajski", sites.text]


def test_an_unknown_site_country_stops_the_languages_check():
    offered = AnswerInput(1, "V", "language-05", value=["German"])
    sites = AnswerInput(2, "V", "location-01", text="Kraków, Poland, primary; Sofia, Bulgaria, secondary")
    assert not run(offered, sites).findings


def test_an_answer_in_the_form_of_the_guidance_example_does_not_restate_it():
    sites = AnswerInput(1, "V", "location-01", text="Lisbon, Portugal, primary; Madrid, Spain, secondary")
    assert not run(sites).findings


def staffing(*answers):
    return [f for f in run(*answers).findings if f.code in ("agents_exceed_seats", "too_few_agents_round_the_clock")]


# Agents dedicated to the account, seats at the primary site and a 24/7 promise, in each language:
# 150 agents x 40 hours / 168 hours = 35.7 on shift on average, more than 25 seats.
SEATS_SHORT = {
    "en": ("Our Braga site answers your customers 24/7 from one floor.", "We staff your programme with 150 FTE."),
    "he": ("האתר שלנו עונה ללקוחותיכם 24/7 מקומה אחת.", "אנו מאיישים את התוכנית שלכם ב-150 נציגים ייעודיים."),
    "ar": ("يجيب موقعنا عملاءكم 24/7 من طابق واحد.", "نزوّد برنامجكم بـ ١٥٠ وكيلًا مخصصًا لحسابكم."),
    "fa": ("سایت ما ۲۴/۷ از یک طبقه به مشتریان شما پاسخ می‌دهد.", "برنامهٔ شما را با ۱۵۰ کارشناس اختصاصی پوشش می‌دهیم."),
    "pl": (
        "Ośrodek obsługuje Państwa klientów 24/7 z jednego piętra.",
        "Program obsadzamy 150 konsultantami dedykowanymi do Państwa projektu.",
    ),
}


@pytest.mark.parametrize("language", SEATS_SHORT)
def test_more_agents_on_shift_than_seats_is_a_contradiction_with_the_arithmetic(language):
    promise, staff = SEATS_SHORT[language]
    claim = AnswerInput(1, "V", "location-04", text=promise)
    agents = AnswerInput(2, "V", "pricing-04", text=staff)
    seats = AnswerInput(3, "V", "location-03", value=25)
    [finding] = staffing(claim, agents, seats)
    assert finding.kind == CONTRADICTION and finding.code == "agents_exceed_seats"
    assert finding.answer_ids == (2, 3)
    assert finding.params == {
        "agents": 150,
        "on_site": 150,
        "home_share": 0,
        "hours": 40,
        "coverage": 168,
        "on_shift": 35.7,
        "seats": 25,
    }
    assert [quote.text for quote in finding.evidence] == [staff, "25", promise]
    for quote, answer in zip(finding.evidence[::2], (agents, claim), strict=True):
        assert answer.text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize(
    "hours, staff, seats",
    [
        (
            "From go-live your line is open 08:00-20:00 Monday to Friday.",
            "We priced 60 FTE dedicated to your account. Every agent is contracted for 37.5 hours a week.",
            30,
        ),
        ("היום הקו פתוח 08:00–20:00 בימים א'–ה'.", "ההצעה בנויה על 60 נציגים. כל נציג מועסק 37.5 שעות בשבוע.", 30),
        (
            "يعمل خطكم من 08:00 إلى 20:00 من الاثنين إلى الجمعة.",
            "يقوم العرض على ٦٠ وكيلًا. يعمل كل وكيل 37.5 ساعة أسبوعيًا.",
            30,
        ),
        (
            "خط شما از ۰۸:۰۰ تا ۲۰:۰۰ از شنبه تا چهارشنبه باز است.",
            "بر پایهٔ ۶۰ کارشناس. هر کارشناس ۳۷٫۵ ساعت در هفته کار می‌کند.",
            30,
        ),
        (
            "Linia działa 8:00–20:00 od poniedziałku do piątku.",
            "Wyceniliśmy 60 konsultantów. Każdy konsultant pracuje 37,5 godziny tygodniowo.",
            30,
        ),
    ],
)
def test_stated_hours_of_service_and_weekly_hours_per_agent_enter_the_arithmetic(hours, staff, seats):
    [finding] = staffing(
        AnswerInput(1, "V", "scalability-03", text=hours),
        AnswerInput(2, "V", "pricing-04", text=staff),
        AnswerInput(3, "V", "location-03", value=seats),
    )
    assert (finding.params["coverage"], finding.params["hours"], finding.params["on_shift"]) == (60, 37.5, 37.5)
    assert len(finding.evidence) == 4  # agents, seats, hours of service, hours per agent


def test_agents_working_from_home_need_no_seat():
    claim = AnswerInput(1, "V", "location-04", text="The site runs 24/7 for your customers.")
    agents = AnswerInput(2, "V", "pricing-04", text="We price 150 FTE.")
    seats = AnswerInput(3, "V", "location-03", value=25)
    half_home = AnswerInput(4, "V", "location-05", value=50)
    assert not staffing(claim, agents, seats, half_home)
    some_home = AnswerInput(4, "V", "location-05", text="About 20% of them.")
    [finding] = staffing(claim, agents, seats, some_home)
    assert (finding.params["on_site"], finding.params["home_share"], finding.params["on_shift"]) == (120, 20, 28.6)
    vague = AnswerInput(4, "V", "location-05", text="Only a small share, after six months on site.")
    assert not staffing(claim, agents, seats, vague)


ROUND_THE_CLOCK_FEW = {
    "en": ("The service runs 24/7 from Cape Town.", "Three dedicated agents will handle your e-mail queue."),
    "he": ("השירות פועל 24/7 מבאר שבע.", "שלושה נציגים ייעודיים יטפלו בפניות שלכם."),
    "ar": ("نقدم الخدمة على مدار الساعة طوال أيام الأسبوع.", "سيخدم حسابكم ثلاثة وكلاء مخصصين."),
    "fa": ("خدمت ۲۴/۷ از شیراز ارائه می‌شود.", "۳ کارشناس اختصاصی به حساب شما رسیدگی می‌کنند."),
    "pl": (
        "Obsługa działa całodobowo, siedem dni w tygodniu.",
        "Do projektu przypiszemy trzech dedykowanych konsultantów.",
    ),
}


@pytest.mark.parametrize("language", ROUND_THE_CLOCK_FEW)
def test_round_the_clock_with_fewer_than_four_agents_is_a_contradiction(language):
    promise, staff = ROUND_THE_CLOCK_FEW[language]
    claim, agents = AnswerInput(1, "V", "location-04", text=promise), AnswerInput(2, "V", "oversight-02", text=staff)
    [finding] = staffing(claim, agents)
    assert finding.code == "too_few_agents_round_the_clock" and finding.answer_ids == (1, 2)
    assert finding.params == {"agents": 3, "max_hours": 48, "covered": 144}
    assert [quote.text for quote in finding.evidence] == [promise, staff]


def test_four_agents_can_keep_one_on_duty_round_the_clock():
    claim = AnswerInput(1, "V", "location-04", text="The service runs 24/7 from Cape Town.")
    assert not staffing(claim, AnswerInput(2, "V", "oversight-02", text="Four dedicated agents run your desk."))


@pytest.mark.parametrize(
    "answers",
    [
        # enough seats: 80 x 40 / 168 = 19 on shift
        [("location-04", "The site runs 24/7 for you."), ("pricing-04", "We assumed 80 FTE."), ("location-03", 40)],
        # 24/7 only on request
        [
            ("location-04", "We can extend to 24/7 on request with six weeks' notice."),
            ("oversight-02", "Two dedicated agents will handle your back-office queue."),
        ],
        [("location-04", "Na życzenie możemy rozszerzyć obsługę do 24/7."), ("oversight-02", "Trzech konsultantów.")],
        [("location-04", "ניתן להרחיב לשירות 24/7 לפי בקשה."), ("oversight-02", "שלושה נציגים ייעודיים.")],
        [("location-04", "يمكننا التوسع إلى خدمة 24/7 عند الطلب."), ("oversight-02", "ثلاثة وكلاء مخصصين.")],
        [("location-04", "در صورت درخواست می‌توانیم خدمت را ۲۴/۷ کنیم."), ("oversight-02", "سه کارشناس اختصاصی.")],
        # the whole company's headcount, not the account's
        [
            ("location-04", "We employ 2,400 agents across all our sites, and Manila runs 24/7 for every client."),
            ("company-02", 2400),
            ("location-03", 40),
        ],
        [("location-04", "Zatrudniamy łącznie 2400 konsultantów, a Manila działa 24/7."), ("location-03", 40)],
        [("location-04", "אנו מעסיקים 2,400 נציגים בכל האתרים שלנו, והאתר פועל 24/7."), ("location-03", 40)],
        [("location-04", "نوظف ٢٤٠٠ وكيل في جميع مواقعنا، ويعمل الموقع 24/7."), ("location-03", 40)],
        [("location-04", "ما در همهٔ سایت‌ها ۲٬۴۰۰ کارشناس استخدام کرده‌ایم و ۲۴/۷ کار می‌کنیم."), ("location-03", 40)],
        # a ratio, a shift, a peak and a second headcount are not the account's headcount
        [("location-04", "The site runs 24/7."), ("oversight-02", "One team leader per 3 agents.")],
        [("location-04", "The site runs 24/7."), ("scalability-03", "At night three agents stay on duty for you.")],
        [("location-04", "The site runs 24/7."), ("pricing-04", "150 FTE at peak."), ("location-03", 25)],
        [
            ("location-04", "The site runs 24/7."),
            ("pricing-04", "We price 150 FTE."),
            ("oversight-02", "120 dedicated agents and 10 team leaders."),
            ("location-03", 25),
        ],
        # a 24/7 line for machines, not agents
        [("location-04", "Our IVR answers 24/7."), ("oversight-02", "Three dedicated agents handle your calls.")],
        # a second production site shares the work; seats that will grow
        [
            ("location-04", "The site runs 24/7."),
            ("pricing-04", "We price 150 FTE."),
            ("location-03", 25),
            ("location-01", "Braga, Portugal, primary; Porto, Portugal, secondary"),
        ],
        [
            ("location-04", "The site runs 24/7."),
            ("pricing-04", "We price 150 FTE."),
            ("location-03", "25 seats today, more after the new floor opens in May."),
        ],
    ],
)
def test_no_staffing_contradiction_when_a_figure_is_ambiguous_conditional_or_company_wide(answers):
    inputs = [
        AnswerInput(i, "V", key, value=given) if isinstance(given, int) else AnswerInput(i, "V", key, text=given)
        for i, (key, given) in enumerate(answers, 1)
    ]
    assert not staffing(*inputs)


def test_a_backup_site_does_not_share_the_seats_check():
    answers = [
        AnswerInput(1, "V", "location-04", text="The site runs 24/7."),
        AnswerInput(2, "V", "pricing-04", text="We price 150 FTE."),
        AnswerInput(3, "V", "location-03", value=25),
        AnswerInput(4, "V", "location-01", text="Braga, Portugal, primary; Porto, Portugal, backup"),
    ]
    [finding] = staffing(*answers)
    assert finding.code == "agents_exceed_seats"
