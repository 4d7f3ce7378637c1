"""Contradictions inside one bid, between answers that the relations data (the app's
relations.json) says must agree. Each rule is a function of one bid's answers and returns findings
that quote both sides.

Rules:
- attrition_vs_tenure: with a steady leaving rate, the average length of service of the agents in
  post equals the reciprocal of the annual attrition rate (a stock-and-flow identity: Little's law,
  Little 1961), so a% attrition implies about 1200/a months of tenure. Growth, hiring waves and
  the higher leaving rate of new hires move the two apart, so a bid is flagged only when the
  stated tenure and the implied one differ by more than `factor` (3 by default): 15% attrition
  (about 80 months) next to 6 months of tenure is flagged; 40% (30 months) next to 18 is not.
- round_the_clock: one answer promises 24/7 service without a condition, another states hours of
  operation shorter than a day, fewer shifts than cover one (shifts x hours < 24), or weekdays only.
- claim_vs_history: one answer claims a level for a metric (first-contact resolution, service
  level) or says a target was met every month; another reports that metric `points` or more below
  the claim, or a month it was missed.
- languages_vs_sites: a language offered with native or near-native agents that is spoken natively
  in none of the countries of the proposed sites (English excepted; an unknown country stops the
  check).
- claim_needs_file: a PCI DSS claim (compliance, certification, attestation) with no attestation of
  compliance among the bid's files (a file name with "AOC", "attestation" or "PCI").
- staffing_vs_coverage: the agents the bid dedicates to the account against its seats and the hours
  it covers. On average agents x weekly hours per agent / weekly hours of service are on shift at
  once (the weekly hours per agent are the bid's own figure, such as the productive hours per FTE
  of its price assumptions, or else `hours_per_agent`, 40); more of them than the seats at the
  primary site, after those working from home, is flagged (agents_exceed_seats). The hours of
  service are 168 when 24/7 is promised without a condition, or a stated daily range times its
  days. And 24/7 promised with fewer agents than `max_hours_per_agent` (48, the ceiling of the EU
  Working Time Directive 2003/88/EC) can keep on duty every hour of the week (fewer than 4) is
  flagged (too_few_agents_round_the_clock). Conservative: a headcount counts only in a sentence
  about the account, never about the whole company, another client, a ratio, a shift, a peak, a
  future change or a shared pool; two different headcounts, a second production site, a vague
  home-working share, or seats that will grow stop the check. Simplest of all, more agents on site
  at the same time (on a shift, logged in, at the peak, in a bid that says they all work on site)
  than the seats is flagged without arithmetic (agents_at_once_exceed_seats).
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from insights.engine import figures
from insights.engine.evasive import EVERYONE, ZERO
from insights.engine.model import CONTRADICTION, AnswerInput, Evidence, Finding
from insights.engine.text import ascii_digits

FLAGS = re.IGNORECASE | re.UNICODE


def _quote(answer: AnswerInput, start: int, end: int) -> Evidence:
    if start == end == -1:
        return Evidence(answer.answer_id, answer.question_key, _shown_value(answer.value), -1, -1)
    start, end = figures.sentence_around(answer.text, start, end)
    return Evidence(answer.answer_id, answer.question_key, answer.text[start:end], start, end)


def _shown_value(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def _number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        try:
            return float(ascii_digits(value).replace(",", ".").strip().rstrip("%٪"))
        except ValueError:
            return None
    return None


def _percent(answer: AnswerInput) -> tuple[float, int, int] | None:
    """The answer's percentage: its typed value (start = end = -1) or the first one in its text."""
    number = _number(answer.value)
    if number is not None:
        return number, -1, -1
    for quantity in figures.quantities(answer.text or ""):
        if quantity.kind == "percent":
            return quantity.value, quantity.start, quantity.end
    return None


def _months(answer: AnswerInput) -> tuple[float, int, int] | None:
    number = _number(answer.value)
    if number is not None:
        return number, -1, -1  # the question's unit is months
    for quantity in figures.quantities(answer.text or ""):
        if quantity.kind == "duration" and quantity.months is not None and quantity.unit in ("week", "month", "year"):
            return quantity.months, quantity.start, quantity.end
    return None


def attrition_vs_tenure(answers: dict[str, AnswerInput], rule: dict) -> list[Finding]:
    factor = float(rule.get("factor", 3.0))
    findings = []
    for attrition_key in rule["attrition"]:
        for tenure_key in rule["tenure"]:
            attrition, tenure = answers.get(attrition_key), answers.get(tenure_key)
            if attrition is None or tenure is None:
                continue
            rate, months = _percent(attrition), _months(tenure)
            if rate is None or months is None or rate[0] <= 0 or months[0] <= 0:
                continue
            implied = 1200.0 / rate[0]
            if max(implied / months[0], months[0] / implied) < factor:
                continue
            params = {
                "attrition": _round(rate[0]),
                "implied_months": _round(implied),
                "tenure_months": _round(months[0]),
            }
            findings.append(
                Finding(
                    CONTRADICTION,
                    "attrition_vs_tenure",
                    (attrition_key, tenure_key),
                    (attrition.answer_id, tenure.answer_id),
                    params,
                    (_quote(attrition, *rate[1:]), _quote(tenure, *months[1:])),
                )
            )
            return findings  # one finding per bid is enough: the comparable-accounts rate repeats it
    return findings


def _round(number: float) -> float | int:
    return int(round(number)) if abs(number - round(number)) < 0.05 or number >= 10 else round(number, 1)


ROUND_THE_CLOCK = re.compile(
    r"24\s?/\s?7|24\s?x\s?7|24 hours a day|round[- ]the[- ]clock|around the clock|całodob\w+|"
    r"24 godziny na dobę|24 שעות ביממה|מסביב לשעון|על מדרגות השעון|على مدار الساعة|طوال اليوم وطوال الأسبوع|"
    r"شبانه‌?روزی|24 ساعته|24 ساعت شبانه",
    FLAGS,
)
CONDITIONAL = re.compile(
    r"\bif\b|on request|upon request|\bcould\b|\bcan\b|extend|jeśli|jeżeli|na życzenie|możemy|moglibyśmy|rozszerz|"
    r"\bאם\b|לפי בקשה|ניתן|נוכל|להרחיב|إذا|إن |عند الطلب|يمكن|يمكننا|توسيع|اگر|در صورت|می‌?توان|می‌?توانیم|گسترش",
    FLAGS,
)
# Hours first tried as two digits, so that "08:00 to 20:00" ends at 20, not at 2.
HOURS_RANGE = re.compile(
    r"(?<!\d)(2[0-4]|[01]?\d)(?::([0-5]\d))?\s?(am|pm)?\s?(?:-|–|—|to|do|עד|إلى|الى|تا)\s?"
    r"(2[0-4]|[01]?\d)(?::([0-5]\d))?\s?(am|pm)?(?!\d)",
    FLAGS,
)
SHIFTS = re.compile(
    r"(?:(?P<count>\d+|one|two|a single|single|jedn\w+|dw[aie]\w*|משמרת אחת|שתי|אחת|واحدة|وردية واحدة|ورديتين|"
    r"نوبتين|یک|دو)\s?(?:x\s?)?(?P<word>shifts?|zmian\w*|משמרות|משמרת|ورديات|وردية|ورديتين|نوبات|نوبة|شیفت)|"
    r"(?P<dual>ورديتين|ورديتان|نوبتين|نوبتان|משמרתיים))",
    FLAGS,
)
# How long the shifts last, in digits or words, within a few words of their count ("two shifts of
# nine hours", "ورديتين من تسع ساعات").
SHIFT_HOURS = re.compile(r"\s?(?:-|\s)?(?:hours?|h\b|godzin\w*|שעות|ساعات|ساعة|ساعت)", FLAGS)
SHIFT_HOURS_REACH = 40
SHIFT_COUNTS = {"one": 1, "single": 1, "a single": 1, "two": 2, "שתי": 2, "אחת": 1, "משמרת אחת": 1, "واحدة": 1}
SHIFT_COUNTS |= {"وردية واحدة": 1, "ورديتين": 2, "نوبتين": 2, "یک": 1, "دو": 2}
WEEKDAYS_ONLY = re.compile(
    r"monday to friday|mon(?:day)?\s?[-–]\s?fri(?:day)?|weekdays only|no weekend|not at weekends|"
    r"od poniedziałku do piątku|pon\.?\s?[-–]\s?pt|w dni robocze|bez weekendów|"
    r"א'?\s?[-–]\s?ה'|ימים א'?\s?-\s?ה'|ראשון עד חמישי|ללא סופי שבוע|"
    r"من الأحد إلى الخميس|من الاثنين إلى الجمعة|أيام العمل فقط|دون عطلة نهاية الأسبوع|"
    r"شنبه تا چهارشنبه|شنبه تا پنجشنبه|فقط روزهای کاری|بدون تعطیلات آخر هفته",
    FLAGS,
)


def _hours(match: re.Match) -> float:
    def clock(hour: str, minute: str | None, half: str | None) -> float:
        value = int(hour) % 24 + (int(minute) / 60 if minute else 0)
        if half and half.lower() == "pm" and value < 12:
            value += 12
        return value

    start = clock(match.group(1), match.group(2), match.group(3))
    end = clock(match.group(4), match.group(5), match.group(6))
    if match.group(4) == "24":
        end = 24.0
    return (end - start) % 24 or (24.0 if match.group(1) != match.group(4) else 0.0)


def _shift_hours(text: str, after: int) -> tuple[float | None, int | None]:
    """The length of the shifts named just before `after`, and where its words end."""
    reach = re.split(r"[.;\n]", text[after : after + SHIFT_HOURS_REACH])[0]
    for value, _start, end in figures.numbers(reach):
        unit = SHIFT_HOURS.match(reach, end)
        if unit:
            return value, after + unit.end()
    return None, None


def _limited_hours(text: str) -> tuple[int, int] | None:
    """The span of a statement that service runs less than every hour of every day."""
    plain = ascii_digits(text)
    for match in HOURS_RANGE.finditer(plain):
        if not (match.group(2) or match.group(3) or match.group(5) or match.group(6)):
            continue  # "5-10" is a range of numbers, not of clock times
        if 0 < _hours(match) < 23:
            return match.start(), match.end()
    for match in SHIFTS.finditer(plain):
        count = match.group("count")
        if match.group("dual"):
            count = 2
        else:
            count = (
                int(count)
                if count.isdigit()
                else SHIFT_COUNTS.get(count.lower(), 2 if count.lower().startswith("dw") else 1)
            )
        hours, end = _shift_hours(plain, match.end())
        if 0 < count * (hours or 8) < 24:
            return match.start(), end or match.end()
    match = WEEKDAYS_ONLY.search(plain)
    return (match.start(), match.end()) if match else None


def round_the_clock(answers: dict[str, AnswerInput], rule: dict) -> list[Finding]:
    claims, limits = [], []
    for answer in answers.values():
        text = answer.text or ""
        for match in ROUND_THE_CLOCK.finditer(ascii_digits(text)):
            start, end = figures.sentence_around(text, match.start(), match.end())
            if not CONDITIONAL.search(text[start:end]):
                claims.append((answer, match.start(), match.end()))
                break
        limit = _limited_hours(text)
        if limit:
            limits.append((answer, *limit))
    for claim in claims:
        for limit in limits:
            if limit[0].answer_id != claim[0].answer_id:
                one, other = claim[0], limit[0]
                return [
                    Finding(
                        CONTRADICTION,
                        "round_the_clock",
                        (one.question_key, other.question_key),
                        (one.answer_id, other.answer_id),
                        {},
                        (_quote(one, *claim[1:]), _quote(other, *limit[1:])),
                    )
                ]
    return []


METRICS = {
    "fcr": r"first[- ]contact resolution|first[- ]call resolution|\bFCR\b|rozwiązywalno\w+ (?:przy|za) pierwsz\w+|"
    r"rozwiązan\w+ (?:przy|za|w) pierwsz\w+|פתרון בפנייה (?:ה)?ראשונה|פתרון בשיחה (?:ה)?ראשונה|"
    r"ال?حل من ال?(?:اتصال|تواصل) الأول|الحل من أول اتصال|حل (?:مشکل )?در (?:اولین|نخستین) تماس",
    "service_level": r"service level|\bSL\b|poziom\w* obsługi|רמת (?:ה)?שירות|مستوى الخدمة|سطح خدمت|سطح سرویس",
    # Contractual targets as a whole: "every SLA", "כל יעדי ה-SLA", "أي مؤشر أداء".
    "targets": r"\bSLAs?\b|\bKPIs?\b|poziom\w* SLA|wskaźnik\w*|יעדי|מדדי|مؤشر\w*|اتفاقي\w* مستوى|شاخص\w*",
}
METRIC_PATTERNS = {name: re.compile(pattern, FLAGS) for name, pattern in METRICS.items()}
# Matched on the sentence with its vowel marks taken off (لم نُخلّ is لم نخل).
ALWAYS = re.compile(
    r"every month|each month|all months|never missed|without exception|met (?:every|all) (?:\w+ )?(?:service levels?|"
    r"SLAs?|KPIs?|targets?)|(?:no|not a single|not one) (?:missed|breached) (?:SLA|KPI|service level|target)|"
    r"100\s?% of (?:\w+ )?(?:SLAs|KPIs|service levels|targets)|"
    r"w każdym miesiącu|nigdy nie|bez wyjątku|dotrzymaliśmy (?:wszystkich|100\s?%)|"
    r"בכל חודש|מעולם לא|ללא יוצא מן הכלל|עמדנו בכל|"
    r"في كل شهر|كل شهر|جميع الأشهر|لم نخفق|دون استثناء|لم نخل بأي|لم نخل باي|"
    r"هر ماه|در همهٔ ماه|در همه ماه|هرگز|بدون استثنا",
    FLAGS,
)
MARKS = re.compile(r"[\u0591-\u05C7\u0610-\u061A\u064B-\u065F\u0670]")
MISSED = re.compile(
    r"missed|below (?:the )?target|fell to|dropped to|breach\w*|not met|poniżej (?:celu|progu)|spadł\w*|"
    r"nie osiągn\w+|nie spełni\w+|מתחת ליעד|ירד\w*|החמצנו|לא עמדנו|פספסנו|دون الهدف|انخفض|لم نحقق|أخفقنا|"
    r"لم نلتزم|تراجع|زیر هدف|کاهش یافت|نرسیدیم|افت کرد|محقق نشد",
    FLAGS,
)


def _sentences(text: str) -> Iterable[tuple[int, int]]:
    start = 0
    for match in re.finditer(r"[.!?؟;\n]+", text):
        if match.start() > start:
            yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


@dataclass(frozen=True)
class _Statement:
    """One sentence (or a typed value, start = end = -1) that names a metric."""

    answer: AnswerInput
    metric: str
    percent: float | None
    always: bool  # says the target was met every month
    missed: bool  # reports a month it was missed
    start: int
    end: int

    def quote(self) -> Evidence:
        if self.start == -1:
            return _quote(self.answer, -1, -1)
        start, end = _strip(self.answer.text, self.start, self.end)
        return Evidence(self.answer.answer_id, self.answer.question_key, self.answer.text[start:end], start, end)


def _metric_statements(answer: AnswerInput, typed_metric: str | None) -> list[_Statement]:
    found = []
    if typed_metric and _number(answer.value) is not None:
        found.append(_Statement(answer, typed_metric, _number(answer.value), False, False, -1, -1))
    text = answer.text or ""
    for start, end in _sentences(text):
        sentence = text[start:end]
        mentions = sorted(
            (match.start(), match.end(), metric)
            for metric, pattern in METRIC_PATTERNS.items()
            for match in pattern.finditer(sentence)
        )
        always, missed = bool(ALWAYS.search(MARKS.sub("", sentence))), bool(MISSED.search(sentence))
        seen = set()
        for index, (_mention_start, mention_end, metric) in enumerate(mentions):
            percents = _metric_percents(sentence, mentions, index, mention_end)
            if metric in seen and not percents:
                continue
            seen.add(metric)
            found.append(_Statement(answer, metric, max(percents) if percents else None, always, missed, start, end))
    return found


def _metric_percents(sentence: str, mentions: list, index: int, mention_end: int) -> list[float]:
    """The figures of a metric: those after its name and before the next metric's name, or else
    the last one just before its name ("66% first-contact resolution")."""
    segment_end = mentions[index + 1][0] if index + 1 < len(mentions) else len(sentence)
    percents = [q.value for q in figures.quantities(sentence[mention_end:segment_end]) if q.kind == "percent"]
    if percents:
        return percents
    segment_start = mentions[index - 1][1] if index else 0
    before = figures.quantities(sentence[segment_start : mentions[index][0]])
    return [q.value for q in before if q.kind == "percent"][-1:]


def claim_vs_history(answers: dict[str, AnswerInput], rule: dict) -> list[Finding]:
    points = float(rule.get("points", 15))
    typed = rule.get("typed", {})
    claims = [s for key in rule["claim"] if key in answers for s in _metric_statements(answers[key], typed.get(key))]
    history = [s for key in rule["history"] if key in answers for s in _metric_statements(answers[key], None)]
    for claim in claims:
        for past in history:
            if past.answer.answer_id == claim.answer.answer_id or not _same_metric(claim, past):
                continue
            above = (
                claim.percent is not None
                and past.percent is not None
                and not past.missed
                and claim.percent - past.percent >= points
            )
            if not above and not (claim.always and past.missed):
                continue
            params = {
                "metric": claim.metric,
                "claimed": _round(claim.percent) if claim.percent is not None else None,
                "reported": _round(past.percent) if past.percent is not None else None,
            }
            return [
                Finding(
                    CONTRADICTION,
                    "claim_above_history" if above else "claim_always_met",
                    (claim.answer.question_key, past.answer.question_key),
                    (claim.answer.answer_id, past.answer.answer_id),
                    params,
                    (claim.quote(), past.quote()),
                )
            ]
    return []


def _same_metric(claim: _Statement, past: _Statement) -> bool:
    """A claim about every contractual target covers a reported miss of any one of them."""
    if claim.metric == past.metric:
        return True
    return claim.metric == "targets" and claim.always and past.missed


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


# "PCI" alone is a claim ("PCI compliant"); followed by a capitalised word it names a product
# ("PCI Pal", a payment-masking service), which claims nothing about the vendor.
PCI_CLAIM = re.compile(r"PCI[\s-]?DSS|PCI(?![\s-]?[A-Z][a-z])", re.UNICODE)
NEGATED = re.compile(
    r"\bnot\b|\bno\b|n't|\bnie\b|\bbrak\b|\bלא\b|\bאין\b|\bאינ\w+|\bلا\b|\bليس\w*|\bلم\b|\bلسنا\b|نداریم|نیست|ندار|\bنه\b",
    FLAGS,
)
FILE_WORDS = ("aoc", "attestation", "pci")


def claim_needs_file(answers: dict[str, AnswerInput], rule: dict) -> list[Finding]:
    files = [name for answer in answers.values() for name in answer.attachments]
    if any(word in name.casefold() for name in files for word in rule.get("file_words", FILE_WORDS)):
        return []
    for key in rule["claim"]:
        answer = answers.get(key)
        if answer is None or not answer.text:
            continue
        for match in PCI_CLAIM.finditer(answer.text):
            start, end = figures.sentence_around(answer.text, match.start(), match.end())
            if NEGATED.search(answer.text[start:end]):
                continue
            file_answer = answers.get(rule["files"])
            evidence = [_quote(answer, match.start(), match.end())]
            keys, ids = [answer.question_key, rule["files"]], [answer.answer_id]
            if file_answer is not None and file_answer.answer_id != answer.answer_id:
                # The answer that should hold the attestation shows what was sent instead.
                shown = ", ".join(file_answer.attachments) or (file_answer.text or "").strip()
                evidence.append(Evidence(file_answer.answer_id, file_answer.question_key, shown, -1, -1))
                ids.append(file_answer.answer_id)
            params = {"files": len(files)}
            return [Finding(CONTRADICTION, "claim_without_file", tuple(keys), tuple(ids), params, tuple(evidence))]
    return []


# Where each language of the bank's list is spoken natively, by country, with the country's name
# in the five languages. English is left out of the check: near-native English is recruited in
# every market these bids propose. A site whose country is not here stops the check (no guess).
COUNTRIES = {
    "portugal|portugalia|portugalii|פורטוגל|البرتغال|پرتغال": {"Portuguese"},
    "brazil|brazylia|brazylii|ברזיל|البرازيل|برزیل": {"Portuguese"},
    "spain|hiszpania|hiszpanii|ספרד|إسبانيا|اسبانيا|اسپانیا": {"Spanish"},
    "mexico|meksyk|מקסיקו|المكسيك|مکزیک": {"Spanish"},
    "colombia|kolumbia|קולומביה|كولومبيا|کلمبیا": {"Spanish"},
    "poland|polska|polsce|פולין|بولندا|لهستان": {"Polish"},
    "germany|niemcy|niemczech|גרמניה|ألمانيا|المانيا|آلمان": {"German"},
    "austria|אוסטריה|النمسا|اتریش": {"German"},
    "france|francja|francji|צרפת|فرنسا|فرانسه": {"French"},
    "ireland|irlandia|irlandii|אירלנד|أيرلندا|ايرلندا|ایرلند": set(),
    "united kingdom|england|wielka brytania|anglia|בריטניה|אנגליה|المملكة المتحدة|بريطانيا|انگلستان|بریتانیا": set(),
    "israel|izrael|ישראל|إسرائيل|اسرائيل|اسرائیل": {"Hebrew", "Arabic"},
    "egypt|egipt|מצרים|مصر": {"Arabic"},
    "morocco|maroko|מרוקו|المغرب|مراکش": {"Arabic", "French"},
    "tunisia|tunezja|תוניסיה|تونس": {"Arabic", "French"},
    "jordan|jordania|ירדן|الأردن|الاردن|اردن": {"Arabic"},
    "united arab emirates|uae|zjednoczone emiraty|איחוד האמירויות|الإمارات|امارات": {"Arabic"},
    "philippines|filipiny|הפיליפינים|الفلبين|فیلیپین": set(),
    "india|indie|הודו|الهند|هند": set(),
    "south africa|rpa|דרום אפריקה|جنوب أفريقيا|آفریقای جنوبی": set(),
    "canada|kanada|קנדה|كندا|کانادا": {"French"},
}
COUNTRY_PATTERNS = [(re.compile(rf"(?<!\w)(?:{names})(?!\w)", FLAGS), spoken) for names, spoken in COUNTRIES.items()]
SITE_SEPARATOR = re.compile(r"[;؛\n]+")


def _site_languages(text: str) -> set[str] | None:
    """The languages spoken natively where the sites are; None if a site's country is unknown."""
    spoken: set[str] = set()
    sites = [site for site in SITE_SEPARATOR.split(text) if site.strip()]
    for site in sites:
        known = [languages for pattern, languages in COUNTRY_PATTERNS if pattern.search(site)]
        if not known:
            return None
        spoken |= set().union(*known)
    return spoken if sites else None


def languages_vs_sites(answers: dict[str, AnswerInput], rule: dict) -> list[Finding]:
    """A language offered with native agents that is spoken in none of the proposed sites' countries."""
    offered_answer, sites_answer = answers.get(rule["languages"]), answers.get(rule["sites"])
    if offered_answer is None or sites_answer is None or not isinstance(offered_answer.value, list):
        return []
    labels = rule.get("labels", {})
    offered = [labels.get(str(label).strip().casefold(), str(label)) for label in offered_answer.value]
    spoken = _site_languages(sites_answer.text or "")
    if spoken is None:
        return []
    checked = {language for pattern_languages in COUNTRIES.values() for language in pattern_languages}
    missing = [language for language in offered if language in checked and language not in spoken]
    if not missing:
        return []
    start, end = _strip(sites_answer.text, 0, len(sites_answer.text))
    sites_quote = Evidence(sites_answer.answer_id, sites_answer.question_key, sites_answer.text[start:end], start, end)
    return [
        Finding(
            CONTRADICTION,
            "language_without_site",
            (offered_answer.question_key, sites_answer.question_key),
            (offered_answer.answer_id, sites_answer.answer_id),
            {"languages": missing},
            (_quote(offered_answer, -1, -1), sites_quote),
        )
    ]


# staffing_vs_coverage. Clauses end at a stop that is not a decimal point ("37.5 hours").
CLAUSE_END = re.compile(r"[!?؟;\n]+|\.(?!\d)")
AGENT_COUNT = re.compile(
    r"\s?-?\s?(?:(?:dedicated|full[- ]time|trained|frontline|front-line|production|dedykowan\w*|pełnoetatow\w*|"
    r"stał\w*|przeszkolon\w*|نفر)\s?-?\s?){0,2}"
    r"(?:agents?\b|FTEs?\b|full[- ]time equivalents?\b|advis[oe]rs?\b|representatives\b|konsultant\w*|agent\w*|"
    r"doradc\w*|etat\w*|נציגים|נציגות|נציגי|סוכנים|משרות|وكلاء|وكيل\w*|ممثل\w*|موظف\w*|کارشناس\w*|اپراتور\w*)",
    FLAGS,
)
SEAT_COUNT = re.compile(
    r"\s?-?\s?(?:(?:equipped|vacant|free|available|wyposażon\w*|woln\w*|dostępn\w*)\s?){0,2}"
    r"(?:seats?\b|workstations?\b|stanowisk\w*|עמדות|עמדה|מושבים|مقاعد|مقعد\w*|محطات عمل|محطة عمل|صندلی|ایستگاه\w*)",
    FLAGS,
)
# A sentence about the whole company, another client or a past account: its headcount is not the account's.
NOT_ACCOUNT = re.compile(
    r"\bemploy\w*|\bacross\b|\ball (?:of )?(?:our )?(?:sites|clients|accounts|centres|centers|operations)\b|"
    r"company[- ]wide|\bgroup\b|worldwide|globally|\bin total\b|\boverall\b|comparable|similar|another client|"
    r"other clients|previous|\breference|"
    r"zatrudnia\w*|łącznie|we wszystkich|w całej|w grupie|na świecie|ogółem|porównywaln\w*|podobn\w*|"
    r"inn\w+ klient\w*|"
    r"מעסיק\w*|בכל האתרים|בסך הכול|בסך הכל|בסה\"כ|בכל הלקוחות|בקבוצה|ברחבי העולם|דומה|דומים|לקוח אחר|"
    r"לקוחות אחרים|"
    r"نوظف|يعمل لدينا|في جميع|إجمالي|اجمالي|في المجموع|المجموعة|حول العالم|مماثل\w*|مشابه\w*|عميل آخر|"
    r"عملاء آخرين|"
    r"استخدام|در همه|در تمام|مجموعاً|در مجموع|کل شرکت|گروه|در سراسر|مشابه|مشتری دیگر|مشتریان دیگر",
    FLAGS,
)
# A sentence whose figure is not the standing headcount: agents at once or on a shift, a peak, a
# change to come, a part of the team, a shared pool, overtime, home working.
NOT_HEADCOUNT = re.compile(
    r"\bpeaks?\b|at any time|at a time|at once|simultaneous\w*|"
    r"concurrent\w*|on duty|\bshifts?\b|night|weekend|\badd\w*|\bextra\b|\bmore\b|up to|increas\w*|"
    r"\bris(?:e|es|ing)\b|\bgrow\w*|\bramp\w*|\breduc\w*|\blater\b|year two|second year|including|of whom|"
    r"among them|speaking|shared|\bpool\w*|multi-client|overtime|\bhome\b|remote\w*|hybrid|"
    r"szczyt\w*|jednocześnie|zmian\w*|\bnoc\w*|weekend\w*|"
    r"dodatkow\w*|więcej|\bdo \d|wzrost\w*|zwiększ\w*|zmniejsz\w*|w tym|spośród|z czego|mówiąc\w*|"
    r"współdzielon\w*|\bpul\w*|nadgodzin\w*|z domu|zdaln\w*|hybryd\w*|"
    r"שיא|בו.זמנית|משמרת|משמרות|לילה|סוף שבוע|סופי שבוע|נוספים|נוספות|תוספת|להגדיל|גידול|מתוכם|"
    r"כולל|ביניהם|דוברי|משותפ\w*|מאגר|מהבית|מרחוק|היברידי|"
    r"الذروة|في آن واحد|في نفس الوقت|في الوقت نفسه|وردي\w*|مناوب\w*|ليل\w*|عطل\w*|"
    r"نهاية الأسبوع|إضافي\w*|اضافي\w*|حتى|زيادة|نمو|منهم|بما في ذلك|يتحدث\w*|الناطقين|مشترك\w*|"
    r"من المنزل|عن بعد|هجين|"
    r"اوج|همزمان|هم‌زمان|شیفت|(?<!\w)شب|آخر هفته|اضافه|بیشتر|افزایش|از جمله|"
    r"شامل|مسلط|مشترک|از خانه|دورکار\w*|ترکیبی",
    FLAGS,
)
# A ratio next to a count ("12 agents per team leader", "לכל ראש צוות"): not a headcount.
RATIO = re.compile(
    r"\bper\b|\beach\b|\bevery\b|\bratio\b|\d\s?:\s?\d|na każd\w+|na jednego|każd\w+|przypada|לכל|יחס|"
    r"(?<!\w)כל(?!\w)|لكل|(?<!\w)كل(?!\w)|نسبة|به ازای|(?<!\w)هر(?!\w)|نسبت",
    FLAGS,
)
RATIO_REACH = 25  # characters either side of a count where a ratio word makes it one

# Where a question is not itself about the account, a headcount counts only beside one of these.
ACCOUNT = re.compile(
    r"your (?:account|service|programme|program|project|customers|contract)|for you\b|dedicated|exclusive\w*|"
    r"this account|the account|we propose|proposed|"
    r"Państwa|dedykowan\w*|wyłączn\w*|proponuj\w*|"
    r"שלכם|עבורכם|ייעודי\w*|בלעדי\w*|מוצע\w*|נציע|"
    r"لكم|حسابكم|خدمتكم|مخصص\w*|حصري\w*|نقترح|المقترح\w*|"
    r"(?<!\w)شما(?!\w)|اختصاص\w*|پیشنهاد\w*",
    FLAGS,
)
# A 24/7 promise about machines or standby staff, not agents answering customers.
NOT_AGENTS = re.compile(
    r"\bIVR\b|chat ?bots?|\bbots?\b|self[- ]service|voice ?mail|portal|monitor\w*|on[- ]call|standby|emergenc\w*|"
    r"\bSOC\b|data cent\w*|infrastructure|samoobsług\w*|poczt\w* głosow\w*|dyżur\w*|"
    r"בוט|צ'?טבוט|שירות עצמי|תא קולי|כוננות|ניטור|חירום|روبوت|بوت|الخدمة الذاتية|البريد الصوتي|مراقبة|الطوارئ|"
    r"ربات|چت‌?بات|خودخدمت\w*|سلف‌?سرویس|پیغام‌?گیر|کشیک|پایش|اضطراری",
    FLAGS,
)
DAYS = {
    7: r"seven days a week|7 days a week|every day|7\s?/\s?7|siedem dni w tygodniu|7 dni w tygodniu|codziennie|"
    r"7 ימים בשבוע|שבעה ימים בשבוע|כל יום|כל ימות השבוע|7 أيام في الأسبوع|سبعة أيام في الأسبوع|"
    r"طوال أيام الأسبوع|كل يوم|يوميًا|يوميا|7 روز هفته|هفت روز هفته|هر روز|همه روزه|تمام روزهای هفته",
    6: r"monday to saturday|mon(?:day)?\s?[-–]\s?sat(?:urday)?|od poniedziałku do soboty|pon\.?\s?[-–]\s?sob|"
    r"א'?\s?[-–]\s?ו'|ראשון עד שישי|من الاثنين إلى السبت|من السبت إلى الخميس|شنبه تا پنجشنبه",
    5: r"monday to friday|mon(?:day)?\s?[-–]\s?fri(?:day)?|weekdays|working days|business days|"
    r"od poniedziałku do piątku|pon\.?\s?[-–]\s?pt|dni robocz\w+|א'?\s?[-–]\s?ה'|ראשון עד חמישי|ימי חול|"
    r"من الأحد إلى الخميس|من الاثنين إلى الجمعة|أيام العمل|شنبه تا چهارشنبه|روزهای کاری",
}
DAY_PATTERNS = {days: re.compile(pattern, FLAGS) for days, pattern in DAYS.items()}
CLOCK_RANGE = re.compile(
    r"(?<!\d)(2[0-4]|[01]?\d)(?::([0-5]\d))?\s?(am|pm)?\s?(?:-|–|—|to|do|עד|إلى|الى|تا)\s?"
    r"(2[0-4]|[01]?\d)(?::([0-5]\d))?\s?(am|pm)?(?!\d)",
    FLAGS,
)
PER_WEEK = re.compile(
    r"[^.;\n\d]{0,30}?(?:week\b|weekly|tygodni\w*|tydzień|בשבוע|לשבוע|أسبوعي\w*|اسبوعي\w*|الأسبوع|هفته|هفتگی)",
    FLAGS,
)
PER_YEAR = re.compile(
    r"[^.;\n\d]{0,30}?(?:year\b|annum|annually|yearly|rocznie|w roku|na rok|בשנה|לשנה|سنوي\w*|في السنة|في العام|"
    r"در سال|سالانه)",
    FLAGS,
)
AGENT_WORD = re.compile(
    r"agents?\b|FTE|productive|konsultant\w*|agent\w*|etat\w*|produktywn\w*|נציג\w*|פרודוקטיבי\w*|"
    r"وكلاء|وكيل\w*|موظف\w*|الإنتاجي\w*|کارشناس\w*|مفید|بهره‌?ور",
    FLAGS,
)
OVERTIME = re.compile(r"overtime|nadgodzin\w*|שעות נוספות|العمل الإضافي|اضافه‌?\s?کاری", FLAGS)
BACKUP = re.compile(
    r"backup|back-up|fail-?over|disaster|\bDR\b|contingency|standby|continuity|zapasow\w*|awaryjn\w*|"
    r"rezerwow\w*|גיבוי|חלופי|חירום|احتياطي|الطوارئ|پشتیبان|اضطراری|بازیابی",
    FLAGS,
)


@dataclass(frozen=True)
class _Count:
    """A figure the bid states: `start`, `end` the clause quoted (start = end = -1: the typed value)."""

    value: float
    answer: AnswerInput
    start: int
    end: int

    def quote(self) -> Evidence:
        if self.start == -1:
            return _quote(self.answer, -1, -1)
        end = self.end + 1 if self.end < len(self.answer.text) and self.answer.text[self.end] in ".!?؟" else self.end
        start, end = _strip(self.answer.text, self.start, end)
        return Evidence(self.answer.answer_id, self.answer.question_key, self.answer.text[start:end], start, end)


def _clauses(text: str) -> Iterable[tuple[int, int]]:
    start = 0
    for match in CLAUSE_END.finditer(text):
        if match.start() > start:
            yield start, match.start()
        start = match.end()
    if start < len(text):
        yield start, len(text)


def _counts(text: str, noun: re.Pattern) -> list[float]:
    """The numbers a noun follows ("60 dedicated agents", "٣٠ مقعدًا"), unless a ratio word is next to them."""
    found = []
    # Clock times ("09:00 to 17:00") are not ratios ("1:12"): blanked, keeping every place.
    masked = CLOCK_RANGE.sub(lambda clock: " " * len(clock.group()), ascii_digits(text))
    for value, start, end in figures.numbers(text):
        match = noun.match(text, end)
        if match and not RATIO.search(masked[max(0, start - RATIO_REACH) : match.end() + RATIO_REACH]):
            found.append(value)
    return found


def _account_agent_clauses(answers: dict[str, AnswerInput], rule: dict) -> Iterable[tuple[AnswerInput, int, int]]:
    """The clauses that can state the account's agents: in the answers of `agents` (about the
    account), or of `agents_if_named` beside a word naming it; never about the whole company,
    another client, or on a condition."""
    keys = [(key, False) for key in rule["agents"]] + [(key, True) for key in rule.get("agents_if_named", ())]
    for key, named in keys:
        answer = answers.get(key)
        if answer is None or not answer.text:
            continue
        for start, end in _clauses(answer.text):
            clause = answer.text[start:end]
            if (named and not ACCOUNT.search(clause)) or NOT_ACCOUNT.search(clause) or CONDITIONAL.search(clause):
                continue
            yield answer, start, end


def _agent_counts(answers: dict[str, AnswerInput], rule: dict) -> list[_Count]:
    """Every standing headcount stated for the account."""
    found = []
    for answer, start, end in _account_agent_clauses(answers, rule):
        clause = answer.text[start:end]
        if not NOT_HEADCOUNT.search(clause):
            found += [_Count(value, answer, start, end) for value in _counts(clause, AGENT_COUNT)]
    return found


def _seats(answers: dict[str, AnswerInput], rule: dict) -> _Count | None:
    """The seats at the primary site: the typed value, or the one seat figure of the comment. Any
    other seat figure, or seats that will change, are shared or depend on something, stop it."""
    answer = answers.get(rule["seats"])
    if answer is None:
        return None
    typed = _number(answer.value)
    stated = []
    for start, end in _clauses(answer.text or ""):
        clause = answer.text[start:end]
        values = _counts(clause, SEAT_COUNT)
        if not values:
            continue
        if NOT_ACCOUNT.search(clause) or NOT_HEADCOUNT.search(clause) or CONDITIONAL.search(clause):
            return None
        stated += [_Count(value, answer, start, end) for value in values]
    values = {count.value for count in stated} | ({typed} if typed is not None else set())
    if len(values) != 1:
        return None
    return _Count(typed, answer, -1, -1) if typed is not None else stated[0]


def _hours_per_agent(answers: dict[str, AnswerInput], rule: dict) -> _Count | None:
    """The fewest weekly hours per agent the bid states (a yearly figure over 52 weeks), if any."""
    found = []
    for key in rule.get("agent_hours", ()):
        answer = answers.get(key)
        if answer is None or not answer.text:
            continue
        for start, end in _clauses(answer.text):
            clause = answer.text[start:end]
            if not AGENT_WORD.search(clause) or OVERTIME.search(clause) or CONDITIONAL.search(clause):
                continue
            for quantity in figures.quantities(clause):
                if quantity.kind != "duration" or quantity.unit != "hour":
                    continue
                if PER_WEEK.match(clause, quantity.end):
                    weekly = quantity.value
                elif PER_YEAR.match(clause, quantity.end):
                    weekly = quantity.value / 52
                else:
                    continue
                if 20 <= weekly <= 48:
                    found.append(_Count(weekly, answer, start, end))
    return min(found, key=lambda count: count.value) if found else None


def _weekly_service(clause: str) -> float | None:
    """The hours of service a week a clause states: 24/7, or one daily range on a stated set of days."""
    plain = ascii_digits(clause)
    if CONDITIONAL.search(plain) or NOT_AGENTS.search(plain):
        return None
    days = [days for days, pattern in DAY_PATTERNS.items() if pattern.search(plain)]
    claim = ROUND_THE_CLOCK.search(plain)
    if claim:
        if "7" in claim.group():
            return 168.0
        return 24.0 * days[0] if len(days) == 1 else 168.0 if not days else None
    ranges = [m for m in CLOCK_RANGE.finditer(plain) if m.group(2) or m.group(3) or m.group(5) or m.group(6)]
    if len(ranges) != 1 or len(days) != 1:
        return None
    daily = _hours(ranges[0])
    return daily * days[0] if 0 < daily <= 24 else None


def _coverage(answers: dict[str, AnswerInput], rule: dict) -> _Count | None:
    """The longest weekly service the bid states: the check assumes the least crowded case."""
    found = []
    for key in rule["coverage"]:
        answer = answers.get(key)
        if answer is None or not answer.text:
            continue
        for start, end in _clauses(answer.text):
            weekly = _weekly_service(answer.text[start:end])
            if weekly:
                found.append(_Count(weekly, answer, start, end))
    return max(found, key=lambda count: count.value) if found else None


def _home_share(answers: dict[str, AnswerInput], rule: dict) -> float | None:
    """The share of the account's agents working from home; None when it cannot be told."""
    answer = answers.get(rule["home"])
    if answer is None:
        sites = answers.get(rule["sites"])
        return None if sites is not None and re.search(r"home|dom|בית|منزل|منازل|خانه", sites.text or "") else 0.0
    typed = _number(answer.value)
    if typed is not None:
        return typed
    text = answer.text or ""
    shares = {q.value for q in figures.quantities(text) if q.kind == "percent"}
    if len(shares) == 1:
        return shares.pop()
    if not shares and ZERO.match(text):
        return 0.0
    if not shares and EVERYONE.match(text):
        return 100.0
    return None


def _one_production_site(answers: dict[str, AnswerInput], rule: dict) -> bool:
    """Seats at the primary site hold the account only when no other site shares its work."""
    sites = answers.get(rule["sites"])
    if sites is None:
        return True
    production = [
        site
        for site in SITE_SEPARATOR.split(sites.text or "")
        if site.strip() and not BACKUP.search(site) and not re.search(r"home|z domu|מהבית|منزل|خانه", site)
    ]
    return len(production) <= 1


# Agents working at the same time: on a shift, logged in, at the peak.
AT_ONCE = re.compile(
    r"at once|at the same time|simultaneous\w*|concurrent\w*|logged[- ]in|\bon (?:the |one |each |a )?(?:\w+ )?"
    r"shift\b|\bpeak\b|jednocześnie|równocześnie|zalogowan\w*|na (?:\w+ )?zmianie|w szczycie|בו.זמנית|מחוברים|"
    r"במשמרת|בשעות השיא|في آن واحد|في نفس الوقت|في الوقت نفسه|متصل\w*|في الوردية|في وردية|في ذروة|"
    r"همزمان|هم‌زمان|در شیفت|در اوج",
    FLAGS,
)
# The bid says its agents all work at the site (no home working), anywhere in the answer.
ALL_ON_SITE = re.compile(
    r"no home working|no home-working|not offer home working|all (?:\w+ )?(?:on[- ]site|working from the|at the|in the)"
    r"|wszyscy na miejscu|bez pracy zdalnej|nie oferujemy pracy z domu|כולם באתר|ללא עבודה מהבית|"
    r"איננו מציעים עבודה מהבית|جميعهم في الموقع|دون عمل من المنزل|لا نقدم العمل من المنزل|همه در سایت|بدون دورکاری",
    FLAGS,
)


def _agents_at_once(answers: dict[str, AnswerInput], rule: dict) -> _Count | None:
    """The most agents the bid puts on site at the same time for the account (a shift, the peak)."""
    found = []
    for answer, start, end in _account_agent_clauses(answers, rule):
        clause = answer.text[start:end]
        if AT_ONCE.search(clause) and ALL_ON_SITE.search(answer.text):
            found += [_Count(value, answer, start, end) for value in _counts(clause, AGENT_COUNT)]
    return max(found, key=lambda count: count.value) if found else None


def _at_once_exceed_seats(answers: dict[str, AnswerInput], rule: dict) -> list[Finding]:
    """More agents on site at the same time than the seats: no arithmetic needed."""
    agents, seats = _agents_at_once(answers, rule), _seats(answers, rule)
    if agents is None or seats is None or agents.value - seats.value < 1 or not _one_production_site(answers, rule):
        return []
    params = {"agents": _exact(agents.value), "seats": _exact(seats.value)}
    keys = tuple(dict.fromkeys((agents.answer.question_key, seats.answer.question_key)))
    ids = tuple(dict.fromkeys((agents.answer.answer_id, seats.answer.answer_id)))
    return [Finding(CONTRADICTION, "agents_at_once_exceed_seats", keys, ids, params, (agents.quote(), seats.quote()))]


def _exact(number: float) -> float | int:
    """A figure of the arithmetic as shown: whole, or to one decimal (37.5 hours stays 37.5)."""
    return int(round(number)) if abs(number - round(number)) < 0.05 else round(number, 1)


def staffing_vs_coverage(answers: dict[str, AnswerInput], rule: dict) -> list[Finding]:
    at_once = _at_once_exceed_seats(answers, rule)
    if at_once:
        return at_once
    agents = _agent_counts(answers, rule)
    if len({count.value for count in agents}) != 1:
        return []  # no headcount, or two different ones: which is meant cannot be told
    agent = agents[0]
    coverage = _coverage(answers, rule)
    if coverage is None:
        return []
    most = float(rule.get("max_hours_per_agent", 48))
    if coverage.value == 168 and agent.value * most < 168:
        keys = tuple(dict.fromkeys((coverage.answer.question_key, agent.answer.question_key)))
        ids = tuple(dict.fromkeys((coverage.answer.answer_id, agent.answer.answer_id)))
        params = {"agents": _exact(agent.value), "max_hours": _exact(most), "covered": _exact(agent.value * most)}
        return [
            Finding(
                CONTRADICTION,
                "too_few_agents_round_the_clock",
                keys,
                ids,
                params,
                (coverage.quote(), agent.quote()),
            )
        ]
    seats, home = _seats(answers, rule), _home_share(answers, rule)
    if seats is None or seats.value <= 0 or home is None or not 0 <= home < 100:
        return []
    if not _one_production_site(answers, rule):
        return []
    stated_hours = _hours_per_agent(answers, rule)
    hours = stated_hours.value if stated_hours else float(rule.get("hours_per_agent", 40))
    on_site = agent.value * (1 - home / 100)
    on_shift = on_site * hours / coverage.value
    if on_shift - seats.value < 1:
        return []
    params = {
        "agents": _exact(agent.value),
        "on_site": _exact(on_site),
        "home_share": _exact(home),
        "hours": _exact(hours),
        "coverage": _exact(coverage.value),
        "on_shift": _exact(on_shift),
        "seats": _exact(seats.value),
    }
    evidence = [agent.quote(), seats.quote(), coverage.quote()]
    if stated_hours:
        evidence.append(stated_hours.quote())
    keys = tuple(dict.fromkeys((agent.answer.question_key, seats.answer.question_key)))
    ids = tuple(dict.fromkeys((agent.answer.answer_id, seats.answer.answer_id)))
    return [Finding(CONTRADICTION, "agents_exceed_seats", keys, ids, params, tuple(dict.fromkeys(evidence)))]


RULES = {
    "attrition_vs_tenure": attrition_vs_tenure,
    "round_the_clock": round_the_clock,
    "claim_vs_history": claim_vs_history,
    "claim_needs_file": claim_needs_file,
    "languages_vs_sites": languages_vs_sites,
    "staffing_vs_coverage": staffing_vs_coverage,
}


def check_bid(answers: dict[str, AnswerInput], relations: list[dict]) -> list[Finding]:
    """Every contradiction in one bid; `answers` keyed by question key."""
    answers = dict(sorted(answers.items()))  # the same findings whatever order the answers came in
    findings = []
    for rule in relations:
        findings += RULES[rule["rule"]](answers, rule)
    return findings
