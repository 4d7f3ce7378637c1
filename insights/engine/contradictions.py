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
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

from insights.engine import figures
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
HOURS_RANGE = re.compile(
    r"(?<!\d)([01]?\d|2[0-4])(?::([0-5]\d))?\s?(am|pm)?\s?(?:-|–|—|to|do|עד|إلى|الى|تا)\s?"
    r"([01]?\d|2[0-4])(?::([0-5]\d))?\s?(am|pm)?",
    FLAGS,
)
SHIFTS = re.compile(
    r"(?P<count>\d+|one|two|a single|single|jedn\w+|dw[aie]\w*|משמרת אחת|שתי|אחת|واحدة|وردية واحدة|ورديتين|نوبتين|"
    r"یک|دو)\s?(?:x\s?)?(?P<word>shifts?|zmian\w*|משמרות|משמרת|ورديات|وردية|ورديتين|نوبات|نوبة|شیفت)"
    r"(?:[^.\n]{0,40}?(?P<hours>\d+)\s?(?:-|\s)?(?:hours?|h\b|godzin\w*|שעות|ساعات|ساعة|ساعت))?",
    FLAGS,
)
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
        count = (
            int(count)
            if count.isdigit()
            else SHIFT_COUNTS.get(count.lower(), 2 if count.lower().startswith("dw") else 1)
        )
        hours = int(match.group("hours")) if match.group("hours") else 8
        if 0 < count * hours < 24:
            return match.start(), match.end()
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
}
METRIC_PATTERNS = {name: re.compile(pattern, FLAGS) for name, pattern in METRICS.items()}
ALWAYS = re.compile(
    r"every month|each month|all months|never missed|without exception|w każdym miesiącu|nigdy nie|bez wyjątku|"
    r"בכל חודש|מעולם לא|ללא יוצא מן הכלל|في كل شهر|كل شهر|جميع الأشهر|لم نخفق|دون استثناء|"
    r"هر ماه|در همهٔ ماه|در همه ماه|هرگز|بدون استثنا",
    FLAGS,
)
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
        always, missed = bool(ALWAYS.search(sentence)), bool(MISSED.search(sentence))
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
            if past.answer.answer_id == claim.answer.answer_id or past.metric != claim.metric:
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


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


PCI_CLAIM = re.compile(r"PCI[\s-]?DSS|PCI", re.UNICODE)
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
            keys = [answer.question_key, rule["files"]]
            if file_answer is not None:
                shown = ", ".join(file_answer.attachments) or (file_answer.text or "").strip()
                evidence.append(Evidence(file_answer.answer_id, file_answer.question_key, shown, -1, -1))
            params = {"files": len(files)}
            return [
                Finding(CONTRADICTION, "claim_without_file", tuple(keys), (answer.answer_id,), params, tuple(evidence))
            ]
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


RULES = {
    "attrition_vs_tenure": attrition_vs_tenure,
    "round_the_clock": round_the_clock,
    "claim_vs_history": claim_vs_history,
    "claim_needs_file": claim_needs_file,
    "languages_vs_sites": languages_vs_sites,
}


def check_bid(answers: dict[str, AnswerInput], relations: list[dict]) -> list[Finding]:
    """Every contradiction in one bid; `answers` keyed by question key."""
    answers = dict(sorted(answers.items()))  # the same findings whatever order the answers came in
    findings = []
    for rule in relations:
        findings += RULES[rule["rule"]](answers, rule)
    return findings
