"""What an answer states, found in any of the five languages: numbers (in digits of any script or
in words), percentages, durations, dates, named standards, named products and commitments.

Every finder returns spans into the text as written. The word lists are small and deliberate:
they cover how contact-center bids state figures, not the whole of each language."""

import re
from dataclasses import dataclass
from functools import lru_cache

from insights.engine.text import ascii_digits, fold, tokens

FLAGS = re.IGNORECASE | re.UNICODE


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float
    kind: str  # "percent" | "duration" | "count" | "money" | "plain"
    unit: str  # for durations: "second" ... "year"; else the kind
    start: int
    end: int

    @property
    def months(self) -> float | None:
        return self.value * MONTHS_PER[self.unit] if self.kind == "duration" else None

    @property
    def hours(self) -> float | None:
        return self.value * HOURS_PER[self.unit] if self.kind == "duration" else None


MONTHS_PER = {"second": 1 / 2_592_000, "minute": 1 / 43_200, "hour": 1 / 720, "day": 1 / 30.4, "week": 1 / 4.35}
MONTHS_PER |= {"month": 1.0, "year": 12.0}
HOURS_PER = {unit: months * 730 for unit, months in MONTHS_PER.items()}

# A number in digits: thousands separated by a comma, dot, space or the Arabic separator; decimals
# by a dot, comma or the Arabic decimal sign. Read on the text with ASCII digits.
DIGITS = re.compile(r"(?<![\w.,])(\d{1,3}(?:[,\u066C\u00A0\u202F ]\d{3})+(?![\d])|\d+)(?:[.,\u066B](\d+))?(?!\d)")

PERCENT = (
    r"%|٪|per\s?cent\b|percent\b|pct\b|procent\w*|proc\.|pkt\.?\s?proc\w*|punkt\w* procent\w*|"
    r"אחוז\w*|درصد|ب?ال?م[ئا]ئ?ة|في ال?م[ئا]ئ?ة|من ال?م[ئا]ئ?ة"
)
UNITS = {
    "second": r"seconds?\b|secs?\b|sek\.|sekund\w*|שניות|שנייה|ثوانٍ|ثوان\w*|ثانية|ثانیه",
    "minute": r"minutes?\b|mins?\b|minut\w*|דקות|דקה|دقائق|دقيقة|دقیقه",
    "hour": r"hours?\b|hrs?\b|h\b|godzin\w*|godz\.|שעות|שעה|ساعات|ساعة|ساعت",
    "day": r"(?:business |working |calendar )?days?\b|dni\b|dnia\b|dzie[nń]\b|ימים|ימי|יום|أيام|ايام|يومًا|يوما|يوم|روز",
    "week": r"weeks?\b|tygodni\w*|tydzie[nń]|שבועות|שבוע|أسابيع|أسبوع|اسبوع|هفته",
    "month": r"months?\b|miesi[ąaeę]c\w*|חודשים|חודש|أشهر|اشهر|شهرًا|شهرا|شهور|شهر|ماه",
    "year": r"years?\b|yrs?\b|lat\b|lata\b|rok\w*|שנים|שנה|سنوات|سنين|سنة|عامًا|عاما|أعوام|عام|سال",
}
DURATION_WORDS = {  # durations written without a number
    "month": r"חודשיים|شهرين|شهران|dwa miesiące",
    "year": r"שנתיים|سنتين|سنتان|عامين|عامان",
    "week": r"שבועיים|أسبوعين",
    "day": r"יומיים|يومين",
    "hour": r"שעתיים|ساعتين",
}
HALVES = {  # half a year and the like, as months
    6.0: r"half a year|six-month|p[óo]ł roku|חצי שנה|نصف (?:سنة|عام)|شش‌?ماه|نیم ?سال",
    18.0: r"a year and a half|p[óo]łtora roku|שנה וחצי|عام ونصف|سنة ونصف|یک سال و نیم",
}
COUNTED = (
    r"agents?\b|FTEs?\b|seats?\b|workstations?\b|stanowisk\w*|konsultant\w*|נציגים|נציגות|עמדות|עמדה|"
    r"وكلاء|وكيل|مقاعد|مقعد|موظف\w*|کارشناس\w*|صندلی|ایستگاه|references?\b|referencj\w*|ממליצים|مراجع|معرف|"
    r"مرجع|نفر|sites?\b|ośrod\w*|אתרים|מוקדים|مواقع|سایت|os[óo]b\b|people\b|persons\b|אנשים|أشخاص"
)
MONEY = r"€|\$|£|EUR\b|USD\b|PLN\b|zł\b|ILS\b|₪|ש\"ח|million\b|mln\b|mld\b|billion\b|מיליון|مليون|ملايين|میلیون|میلیارد"

# Shares in words ("a tenth of the fee", "ثلثي الوكلاء", "dwie trzecie"), read as percentages.
FRACTIONS = {
    50: r"\bhalf of\b|\b(?:a|one)[ -]half\b|(?<!\w)[כבלמוה]{0,2}מחצית(?!\w)|(?<!\w)(?:ال)?نصف(?!\w)|نیمی از|"
    r"\bpołow[aęy]\b",
    33: r"\b(?:a|one)[ -]third\b|(?<!\w)[כבלמוה]{0,2}שליש(?!\w)|(?<!\w)(?:ال)?ثلث(?!\w)|یک[ \u200c]?سوم|"
    r"\bjedn[aąej]+ trzeci[aąej]+\b",
    67: r"\btwo[ -]thirds\b|שני שלישים|(?<!\w)ثلث[يا](?!\w)|دو[ \u200c]?سوم|\bdwie trzecie\b",
    25: r"\b(?:a|one)[ -]quarter\b|(?<!\w)[כבלמוה]{0,2}רבע(?!\w)|(?<!\w)(?:ال)?ربع(?!\w)(?! سنو)|یک[ \u200c]?چهارم|"
    r"\bćwierć\b|\bjedn[aąej]+ czwart[aąej]+\b",
    75: r"\bthree[ -]quarters\b|שלושה רבעים|ثلاثة أرباع|سه[ \u200c]?چهارم|\btrzy czwarte\b",
    20: r"\b(?:a|one)[ -]fifth\b|(?<!\w)[כבלמוה]{0,2}חמישית(?!\w)|یک[ \u200c]?پنجم|\bjedn[aąej]+ piąt[aąej]+\b",
    10: r"\b(?:a|one)[ -]tenth\b|(?<!\w)[כבלמוה]{0,2}עשירית(?!\w)|یک[ \u200c]?دهم|\bjedn[aąej]+ dziesiąt[aąej]+\b",
}
# Every share above holds one of these stems; a text without any is not searched (the pattern is slow).
FRACTION_STEMS = (
    "half",
    "third",
    "quarter",
    "fifth",
    "tenth",
    "מחצית",
    "שליש",
    "רבע",
    "חמישית",
    "עשירית",
    "نصف",
    "ثلث",
    "ربع",
    "نیمی",
    "سوم",
    "چهارم",
    "پنجم",
    "دهم",
    "połow",
    "trzeci",
    "czwart",
    "ćwierć",
    "piąt",
    "dziesiąt",
)
FRACTION = re.compile("|".join(f"(?P<f{share}>{pattern})" for share, pattern in FRACTIONS.items()), FLAGS)

UNIT_AFTER = re.compile(
    r"\s?-?\s?(?:(?P<percent>"
    + PERCENT
    + r")|(?P<money>"
    + MONEY
    + r")|(?P<counted>"
    + COUNTED
    + r")|"
    + "|".join(f"(?P<{unit}>{pattern})" for unit, pattern in UNITS.items())
    + r")",
    FLAGS,
)
PERCENT_BEFORE = re.compile(r"(?:%|٪)\s?$")
MONEY_BEFORE = re.compile(r"(?:€|\$|£|EUR|USD|PLN)\s?$", FLAGS)
DURATION_WORD = re.compile("|".join(f"(?P<{unit}>{pattern})" for unit, pattern in DURATION_WORDS.items()), FLAGS)
HALF_DURATION = re.compile("|".join(f"(?P<m{int(months)}>{pattern})" for months, pattern in HALVES.items()), FLAGS)

# Numbers in words, folded as text.fold folds them. Persian "نه" (nine, also "no") and "سه" count
# only when a unit or a percent sign follows, as every number word does here.
NUMBER_WORDS = {
    # English
    **dict.fromkeys(["one", "a single"], 1),
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    # Polish (with the genitive forms that follow "przez", "ponad", "około")
    **dict.fromkeys(["jeden", "jedna", "jedno", "jednego"], 1),
    **dict.fromkeys(["dwa", "dwie", "dwóch", "dwoch"], 2),
    **dict.fromkeys(["trzy", "trzech"], 3),
    **dict.fromkeys(["cztery", "czterech"], 4),
    **dict.fromkeys(["pięć", "pięciu"], 5),
    **dict.fromkeys(["sześć", "sześciu"], 6),
    **dict.fromkeys(["siedem", "siedmiu"], 7),
    **dict.fromkeys(["osiem", "ośmiu"], 8),
    **dict.fromkeys(["dziewięć", "dziewięciu"], 9),
    **dict.fromkeys(["dziesięć", "dziesięciu"], 10),
    **dict.fromkeys(["dwanaście", "dwunastu"], 12),
    **dict.fromkeys(["piętnaście", "piętnastu"], 15),
    **dict.fromkeys(["osiemnaście", "osiemnastu"], 18),
    **dict.fromkeys(["dwadzieścia", "dwudziestu"], 20),
    **dict.fromkeys(["trzydzieści", "trzydziestu"], 30),
    **dict.fromkeys(["czterdzieści", "czterdziestu"], 40),
    **dict.fromkeys(["pięćdziesiąt", "pięćdziesięciu"], 50),
    "sześćdziesiąt": 60,
    "siedemdziesiąt": 70,
    "osiemdziesiąt": 80,
    "dziewięćdziesiąt": 90,
    "sto": 100,
    # Hebrew (masculine and feminine forms)
    **dict.fromkeys(["אחד", "אחת"], 1),
    **dict.fromkeys(["שניים", "שתיים", "שני", "שתי", "שתים", "שנים"], 2),
    **dict.fromkeys(["שלושה", "שלוש", "שלושת"], 3),
    **dict.fromkeys(["ארבעה", "ארבע", "ארבעת"], 4),
    **dict.fromkeys(["חמישה", "חמש", "חמשת"], 5),
    **dict.fromkeys(["שישה", "שש", "ששת"], 6),
    **dict.fromkeys(["שבעה", "שבע"], 7),
    "שמונה": 8,
    **dict.fromkeys(["תשעה", "תשע"], 9),
    **dict.fromkeys(["עשרה", "עשר"], 10),
    "עשרים": 20,
    "שלושים": 30,
    "ארבעים": 40,
    "חמישים": 50,
    "שישים": 60,
    "שבעים": 70,
    "שמונים": 80,
    "תשעים": 90,
    "מאה": 100,
    # Arabic (folded: alef forms as bare alef, yeh as Arabic yeh, teh marbuta as heh)
    **dict.fromkeys(["واحد", "واحده"], 1),
    **dict.fromkeys(["اثنان", "اثنين", "اثنتان", "اثنتين"], 2),
    **dict.fromkeys(["ثلاثه", "ثلاث"], 3),
    **dict.fromkeys(["اربعه", "اربع"], 4),
    **dict.fromkeys(["خمسه", "خمس"], 5),
    **dict.fromkeys(["سته", "ست"], 6),
    **dict.fromkeys(["سبعه", "سبع"], 7),
    **dict.fromkeys(["ثمانيه", "ثماني", "ثمان"], 8),
    **dict.fromkeys(["تسعه", "تسع"], 9),
    **dict.fromkeys(["عشره", "عشر"], 10),
    **dict.fromkeys(["عشرون", "عشرين"], 20),
    **dict.fromkeys(["ثلاثون", "ثلاثين"], 30),
    **dict.fromkeys(["اربعون", "اربعين"], 40),
    **dict.fromkeys(["خمسون", "خمسين"], 50),
    **dict.fromkeys(["ستون", "ستين"], 60),
    **dict.fromkeys(["سبعون", "سبعين"], 70),
    **dict.fromkeys(["ثمانون", "ثمانين"], 80),
    **dict.fromkeys(["تسعون", "تسعين"], 90),
    **dict.fromkeys(["مئه", "مائه"], 100),
    # Persian (folded: Persian yeh as Arabic yeh, keheh kept)
    "يک": 1,
    "دو": 2,
    "سه": 3,
    "چهار": 4,
    "پنج": 5,
    "شش": 6,
    "هفت": 7,
    "هشت": 8,
    "نه": 9,
    "ده": 10,
    "يازده": 11,
    "دوازده": 12,
    "پانزده": 15,
    "هجده": 18,
    "بيست": 20,
    "سي": 30,
    "چهل": 40,
    "پنجاه": 50,
    "شصت": 60,
    "هفتاد": 70,
    "هشتاد": 80,
    "نود": 90,
    "صد": 100,
    # Hundreds and thousands ("hundred" and "thousand" multiply the number before them)
    **{"thousand": 1000, "tysiąc": 1000, "tysiące": 1000, "tysięcy": 1000, "dwieście": 200, "trzysta": 300},
    **{"czterysta": 400, "pięćset": 500, "מאות": 100, "מאתיים": 200, "אלף": 1000, "אלפים": 1000, "אלפיים": 2000},
    **{"مئتين": 200, "مئتان": 200, "مائتين": 200, "ثلاثمئه": 300, "اربعمئه": 400, "خمسمئه": 500, "الف": 1000},
    **{"الاف": 1000, "الفين": 2000, "الفان": 2000, "دويست": 200, "سيصد": 300, "چهارصد": 400, "پانصد": 500},
    **{"ششصد": 600, "هفتصد": 700, "هشتصد": 800, "نهصد": 900, "هزار": 1000},
}
AND_WORDS = {"and", "i", "و", "ו"}
AND_PREFIXES = ("و", "ו")  # "and" written onto the next word in Arabic and Hebrew


def _word_value(norm: str) -> float | None:
    if norm in NUMBER_WORDS:
        return NUMBER_WORDS[norm]
    if norm[:1] in AND_PREFIXES and norm[1:] in NUMBER_WORDS:
        return NUMBER_WORDS[norm[1:]]
    if "-" in norm:  # twenty-five
        parts = [NUMBER_WORDS.get(part) for part in norm.split("-")]
        if all(part is not None for part in parts):
            return float(sum(parts))
    return None


def _numbers_in_words(text: str) -> list[tuple[float, int, int]]:
    """Runs of number words ("twenty five", "עשרים וחמישה", "خمسة وعشرون", "دو هزار و چهارصد")
    read as one number: tens and units add up, "hundred" and "thousand" multiply what precedes."""
    found: list[tuple[float, int, int]] = []
    words = tokens(text)
    index = 0
    while index < len(words):
        value = _word_value(words[index].norm)
        if value is None:
            index += 1
            continue
        start, end = words[index].start, words[index].end
        thousands, current = _add(0.0, 0.0, value)
        index += 1
        while index < len(words):
            step = 1 if words[index].norm in AND_WORDS else 0
            following = _word_value(words[index + step].norm) if index + step < len(words) else None
            if following is None or not _continues(current, following):
                break
            thousands, current = _add(thousands, current, following)
            end = words[index + step].end
            index += step + 1
        found.append((thousands + current, start, end))
    return found


def _add(thousands: float, current: float, value: float) -> tuple[float, float]:
    if value == 1000:
        return thousands + max(current, 1) * 1000, 0.0
    if value == 100 and 0 < current < 10:
        return thousands, current * 100
    return thousands, current + value


def _continues(current: float, value: float) -> bool:
    """Whether a number word extends the number before it ("twenty" "five") or starts another."""
    if value in (100, 1000):
        return True
    if current % 100 == 0:
        return True
    return current % 10 == 0 and value < 10


def _numbers_in_digits(text: str) -> list[tuple[float, int, int]]:
    found = []
    for match in DIGITS.finditer(ascii_digits(text)):
        whole = re.sub(r"[^\d]", "", match.group(1))
        fraction = match.group(2) or ""
        # "1,5" is a decimal in Polish and "1,500" a thousand in English: three digits after a
        # comma read as thousands, anything else as decimals.
        value = float(f"{whole}.{fraction}") if fraction else float(whole)
        found.append((value, match.start(), match.end()))
    return found


def numbers(text: str) -> list[tuple[float, int, int]]:
    """Every number in the text, in digits of any script or in words, with its span, in order."""
    return sorted(_numbers_in_digits(text) + _numbers_in_words(text), key=lambda n: n[1])


@lru_cache(maxsize=512)
def quantities(text: str) -> tuple[Quantity, ...]:
    """Every number in the text with what it counts, when a unit says so. Cached, as tokens are."""
    found: list[Quantity] = []
    numbers = [(value, start, end, False) for value, start, end in _numbers_in_digits(text)]
    numbers += [(value, start, end, True) for value, start, end in _numbers_in_words(text)]
    for value, start, end, in_words in sorted(numbers, key=lambda n: n[1]):
        unit = UNIT_AFTER.match(text, end)
        if unit:
            name = unit.lastgroup
            kind = name if name in ("percent", "money", "counted") else "duration"
            kind = "count" if kind == "counted" else kind
            found.append(Quantity(value, kind, kind if kind != "duration" else name, start, unit.end()))
        elif PERCENT_BEFORE.search(text[max(0, start - 2) : start]):
            sign = max(text.rfind("%", 0, start), text.rfind("٪", 0, start))
            found.append(Quantity(value, "percent", "percent", sign, end))
        elif MONEY_BEFORE.search(text[max(0, start - 5) : start]):
            found.append(Quantity(value, "money", "money", start, end))
        elif not in_words:
            found.append(Quantity(value, "plain", "plain", start, end))
    for match in DURATION_WORD.finditer(text):
        found.append(Quantity(2.0, "duration", match.lastgroup, match.start(), match.end()))
    lowered = text.lower()
    shares = FRACTION.finditer(text) if any(stem in lowered for stem in FRACTION_STEMS) else ()
    for match in shares:
        if not any(q.kind == "duration" and q.start <= match.start() < q.end for q in found):
            found.append(Quantity(float(match.lastgroup[1:]), "percent", "percent", match.start(), match.end()))
    for match in HALF_DURATION.finditer(text):
        found.append(Quantity(float(match.lastgroup[1:]), "duration", "month", match.start(), match.end()))
    return tuple(sorted(found, key=lambda q: q.start))


def is_year(quantity: Quantity) -> bool:
    return quantity.kind == "plain" and quantity.value.is_integer() and 1950 <= quantity.value <= 2100


MONTH_NAMES = (
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    r"stycz\w+|lut\w+|marz\w+|marca|kwie\w+|maj\w*|czerw\w+|lip\w+|sierp\w+|wrze\w+|październik\w*|"
    r"paździer\w+|listopad\w*|grud\w+|"
    r"ינואר|פברואר|מרץ|מרס|אפריל|מאי|יוני|יולי|אוגוסט|ספטמבר|אוקטובר|נובמבר|דצמבר|"
    r"يناير|فبراير|مارس|أبريل|ابريل|مايو|يونيو|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|اكتوبر|نوفمبر|ديسمبر|"
    r"كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين|"
    r"ژانویه|فوریه|آوریل|ژوئن|ژوئیه|اوت|سپتامبر|اکتبر|نوامبر|دسامبر|"
    r"فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|بهمن|اسفند"
)
DATE = re.compile(
    r"\b\d{4}-\d{1,2}-\d{1,2}\b|\b\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|"
    r"(?:(?<!\w)(?:" + MONTH_NAMES + r")\s+\d{4})|\bQ[1-4]\s?\d{4}\b|\b(?:19[5-9]\d|20\d\d)\b|\b(?:13[5-9]\d|140\d)\b",
    FLAGS,
)


def dates(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in DATE.finditer(ascii_digits(text))]


STANDARDS = re.compile(
    r"ISO(?:/IEC)?[\s-]?\d{4,5}(?:-\d)?|PCI[\s-]?DSS|PCI|SOC[\s-]?[12](?:\s+Type\s+(?:II|2|I|1))?|COPC|GDPR|RODO|"
    r"HIPAA|Cyber Essentials|CSA STAR|NIST|TISAX|CEFR|Versant|EF SET|TOEIC|TOEFL|IELTS|Pipplet|Emmersion|"
    r"Lean|Six Sigma|ITIL|"
    r"ISAE\s?3402|SSAE\s?18|BS\s?10008|AOC",
    re.UNICODE,
)


def standards(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in STANDARDS.finditer(text)]


PRODUCTS = re.compile(
    r"\b(?:Genesys|NICE|CXone|Verint|Avaya|Five9|Talkdesk|Salesforce|Zendesk|ServiceNow|Freshdesk|Calabrio|"
    r"Qualtrics|Medallia|Power BI|Tableau|Amazon Connect|Twilio|Microsoft Teams|Dynamics 365|SAP|Oracle|"
    r"Alvaria|Aspect|Teleopti|Sprinklr|Observe\.AI|CallMiner|Speechmatics|Dialogflow|Kore\.ai|UiPath|"
    r"Blue Prism|Jira|Confluence|Guru|LivePerson|RingCentral|PCI Pal|Semafone|Eckoh|SharePoint|Looker|"
    r"Intercom|HubSpot|Workday|Kaltura|Moodle|Cornerstone|Lessonly|Intradiem|Assembled|Playvox|MaestroQA|"
    r"Klaus|Cisco|Webex|Excel|CSV|WAV|MP3|JSON|XML|PDF|Parquet|Snowflake|BigQuery|Azure|AWS)\b"
)
CAMEL_OR_ALNUM = re.compile(r"\b(?:[A-Z][a-z]+[A-Z]\w*|[A-Za-z]+\d+[A-Za-z\d]*|\w+[®™])")
LATIN_WORD = re.compile(r"\b[A-Za-z][A-Za-z.]{2,}\b")
QUOTED_NAME = re.compile(r"[\"“„«'‘]([A-Z][\w-]+)[\"”»'’]")
# In a script without capitals a name stands out only by its quotes: one to four words in
# guillemets or double quotes («سنجش زبان آرمان», "מבחן אופק").
QUOTED_NAME_ANY_SCRIPT = re.compile(r"[«\"“„]((?:[^\W\d_A-Za-z][^\W\d_]*)(?:[\s‌][^\W\d_]+){0,3})[»\"”“]")
NOT_A_NAME = {
    "KPI",
    "KPIs",
    "SLA",
    "SLAs",
    "CRM",
    "IVR",
    "FCR",
    "AHT",
    "CSAT",
    "NPS",
    "VMO",
    "BPO",
    "RFP",
    "RFI",
    "DTMF",
    "FTE",
    "FTEs",
    "WFM",
    "VPN",
    "MFA",
    "COVID",
    "CEO",
    "COO",
    "CFO",
    "CTO",
    "CIO",
    "CISO",
    "HR",
    "QA",
    "QBR",
    "VoIP",
    "API",
    "SMS",
    "PII",
    "EUR",
    "USD",
    "PLN",
    "Lean",
}


def products(text: str) -> list[tuple[int, int]]:
    """Named tools and products: a known name, a coined one (CamelCase, letters with digits, a
    trademark sign), a name in quotes, or a Latin-script word inside a text in another script."""
    spans = [(m.start(), m.end()) for m in PRODUCTS.finditer(text)]
    spans += [(m.start(), m.end()) for m in CAMEL_OR_ALNUM.finditer(text) if m.group() not in NOT_A_NAME]
    spans += [(m.start(1), m.end(1)) for m in QUOTED_NAME.finditer(text)]
    if latin_share(text) < 0.5:
        spans += [(m.start(1), m.end(1)) for m in QUOTED_NAME_ANY_SCRIPT.finditer(text)]
        spans += [(m.start(), m.end()) for m in LATIN_WORD.finditer(text) if m.group() not in NOT_A_NAME]
    return spans


def latin_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isascii() for c in letters) / len(letters) if letters else 1.0


COMMITMENT = re.compile(
    r"\bwe (?:will|shall|commit|guarantee|accept|agree|undertake|confirm)\b|\bwe'll\b|\byes\b|\bcommitted to\b|"
    r"zobowiązuj\w+|gwarantuj\w+|akceptuj\w+|zgadzamy się|\btak\b|będziemy|zapewnimy|potwierdzamy|"
    r"מתחייב\w*|נתחייב|מסכימים|מאשרים|\bכן\b|נעמוד|נספק|נבצע|נדווח|נחזיר|מבטיחים|"
    r"نلتزم|سنلتزم|نتعهد|نضمن|نوافق|نقبل|نؤكد|\bنعم\b|سنقوم|سنوفر|سنقدم|سنضمن|سنعمل|سنبلغ|سنرسل|سنعيد|"
    r"متعهد|تعهد می|تضمین می|می‌پذیریم|میپذیریم|\bبله\b|خواهیم|موافقیم|تأیید می",
    FLAGS,
)
HEDGE = re.compile(
    r"where(?:ver)? possible|if possible|aim to|strive|endeavou?r|best efforts?|as far as (?:is )?practicable|"
    r"subject to|in principle|depending on|open to discuss\w*|to be discussed|can be discussed|"
    r"w miarę możliwości|staramy się|dążymy|o ile (?:to )?możliwe|co do zasady|w zależności|do uzgodnienia|"
    r"ככל הניתן|נשתדל|שואפים|במידת האפשר|בכפוף|ניתן לדון|פתוחים לדון|"
    r"قدر الإمكان|قدر الامكان|نسعى|نحاول|حيثما أمكن|قابل للنقاش|منفتحون على مناقشة|"
    r"در حد امکان|تلاش می|سعی می|در صورت امکان|بسته به|قابل مذاکره|آماده گفتگو",
    FLAGS,
)


@lru_cache(maxsize=512)
def commitments(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((m.start(), m.end()) for m in COMMITMENT.finditer(text))


def hedges(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in HEDGE.finditer(text)]


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentence holding a span, for quoting a claim in context."""
    left = max(text.rfind(mark, 0, start) for mark in (".", "!", "?", "\n", "؟", "。", ";"))
    stops = [i for i in (text.find(mark, end) for mark in (".", "!", "?", "\n", "؟", ";")) if i != -1]
    right = min(stops) + 1 if stops else len(text)
    left += 1
    while left < start and text[left].isspace():
        left += 1
    return left, right


def folded(text: str) -> str:
    return fold(text)
