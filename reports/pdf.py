"""The executive report as a PDF, rendered by WeasyPrint from templates/reports/pdf/report.html.

`ReportRenderer(rfp, language="he").generate()` returns (filename, content type, bytes), the
shape pretix's renderers use, so the download view and `render_report` share one code path.

Fonts: the report asks for Noto (Debian's fonts-noto-core covers Latin, Hebrew, Arabic and
Persian) and falls back to DejaVu Sans, which also has Hebrew and Arabic glyphs, then to whatever
sans-serif fontconfig offers; a machine without Noto still gets a readable report, and
`missing_fonts` tells the command line what to install for the best one.
"""

import logging
import re
import shutil
import subprocess
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _

from reports import figures, selectors
from reports.bidi import svg_visual_order
from rfp.models import RFP

RTL_LANGUAGES = {"he", "ar", "fa"}
# Noto Sans first (names, figures and most RFP text are Latin; falling back per run is what costs
# time), then the script's own Noto font, then DejaVu Sans, which also has Hebrew and Arabic.
FONT_STACKS = {
    "he": ["Noto Sans", "Noto Sans Hebrew", "DejaVu Sans"],
    "ar": ["Noto Sans", "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans"],
    "fa": ["Noto Sans", "Noto Naskh Arabic", "Noto Sans Arabic", "DejaVu Sans"],
}
DEFAULT_STACK = ["Noto Sans", "DejaVu Sans", "Noto Sans Hebrew", "Noto Sans Arabic"]
# The font whose absence the command line reports, per language.
SCRIPT_FONTS = {"he": "Noto Sans Hebrew", "ar": "Noto Naskh Arabic", "fa": "Noto Naskh Arabic"}
CSS_FILE = "css/report.css"
# Directional isolates (LRI, RLI, FSI, PDI), taken out of chart labels before WeasyPrint draws them.
SVG_ISOLATES = dict.fromkeys(range(0x2066, 0x206A))


class ReportError(Exception):
    """The report cannot be rendered; the message says why, in words for the user."""


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def font_stack(language: str) -> list[str]:
    stack = FONT_STACKS.get(language, DEFAULT_STACK)
    # Every stack ends with the other scripts so that a vendor's Arabic name in a Hebrew report
    # (or the reverse) still finds glyphs.
    extras = [f for f in ("Noto Sans Hebrew", "Noto Sans Arabic", "Noto Sans") if f not in stack]
    return stack + extras


@lru_cache(maxsize=1)
def installed_font_families() -> frozenset[str] | None:
    """Font families fontconfig knows, or None when fc-list is not there to ask."""
    fc_list = shutil.which("fc-list")
    if not fc_list:
        return None
    try:
        output = subprocess.run([fc_list, ":", "family"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return frozenset(name.strip() for line in output.splitlines() for name in line.split(","))


def missing_fonts(language: str) -> list[str]:
    """The preferred font of the language when it is not installed (the report then falls back)."""
    families = installed_font_families()
    if families is None:
        return []
    wanted = ["Noto Sans", SCRIPT_FONTS[language]] if language in SCRIPT_FONTS else ["Noto Sans"]
    return [family for family in wanted if family not in families]


def _refuse_fetch(url: str, *args, **kwargs):
    """The report embeds everything it shows; nothing is fetched, above all nothing a vendor's
    text could point at."""
    if url.startswith("data:"):
        from weasyprint.urls import default_url_fetcher

        return default_url_fetcher(url, *args, **kwargs)
    raise ValueError(f"The report does not fetch {url[:60]}")


class ReportRenderer:
    """Renders the executive report of one RFP in one language."""

    content_type = "application/pdf"

    def __init__(self, rfp: RFP, *, language: str = "en", appendix: bool = False) -> None:
        if language not in language_codes():
            raise ReportError(f"Unknown language {language!r}: choose one of {', '.join(language_codes())}.")
        self.rfp = rfp
        self.language = language
        self.appendix = appendix

    @property
    def filename(self) -> str:
        suffix = "" if self.language == "en" else f"-{self.language}"
        return f"{self.rfp.reference}-executive-report{suffix}.pdf"

    def html(self) -> str:
        with translation.override(self.language):
            report = selectors.report_data(self.rfp, appendix=self.appendix)
            if report.ranking.error:
                raise ReportError(_("The ranking cannot be computed: %(error)s") % {"error": report.ranking.error})
            context = {
                "report": report,
                "rfp": self.rfp,
                "charts": figures.report_charts(report, rtl=self.language in RTL_LANGUAGES),
                "make_or_buy": self._make_or_buy(),
                "language": self.language,
                "language_name": get_language_info(self.language)["name_local"],
                "rtl": self.language in RTL_LANGUAGES,
                "fonts": ", ".join(f'"{family}"' for family in font_stack(self.language)) + ", sans-serif",
                "generated_at": timezone.localtime(),
                "appendix": self.appendix,
            }
            return render_to_string("reports/pdf/report.html", context)

    def _make_or_buy(self) -> dict | None:
        section = selectors.make_or_buy(self.rfp)
        if section and section.get("chart_svg"):
            # The chart isolates its right-to-left labels for the browser (sourcing/charts.py);
            # WeasyPrint draws SVG text letter by letter, so the PDF takes the isolates out and
            # draws those labels in visual order, in every report language (a vendor's Hebrew
            # name in an English report too).
            section = section | {"chart_svg": svg_visual_order(section["chart_svg"].translate(SVG_ISOLATES))}
        return section

    STEPS = 3

    def generate(self, progress=None) -> tuple[str, str, bytes]:
        """The PDF. ``progress(step, steps, label)``, when given, is told where the work is."""
        # Imported here: WeasyPrint takes a second to load, which every other command would pay.
        from weasyprint import CSS, HTML
        from weasyprint.text.fonts import FontConfiguration

        tell = progress or (lambda step, steps, label: None)
        tell(0, self.STEPS, _("Reading the scores and the answers"))
        html = self.html()
        tell(1, self.STEPS, _("Laying out the pages"))
        font_config = FontConfiguration()
        stylesheet = CSS(filename=_stylesheet_path(), font_config=font_config)
        source = HTML(string=html, base_url=str(settings.BASE_DIR), url_fetcher=_refuse_fetch)
        with _pages_laid_out(lambda n: tell(1, self.STEPS, _("Laying out page %(n)s") % {"n": n})):
            document = source.render(stylesheets=[stylesheet], font_config=font_config)
        pages = len(document.pages)
        tell(2, self.STEPS, ngettext("Writing %(n)s page", "Writing %(n)s pages", pages) % {"n": pages})
        return self.filename, self.content_type, document.write_pdf()


class _PageWatcher(logging.Handler):
    """WeasyPrint logs each page it lays out ("Creating layout - Page 12") on its progress logger;
    this passes the page number on, so that a long report shows its page and keeps its job alive."""

    PAGE = re.compile(r"Creating layout - Page (\d+)")

    def __init__(self, on_page) -> None:
        super().__init__(level=logging.INFO)
        self.on_page = on_page

    def emit(self, record: logging.LogRecord) -> None:
        found = self.PAGE.search(record.getMessage())
        if found:
            self.on_page(int(found.group(1)))


@contextmanager
def _pages_laid_out(on_page):
    logger = logging.getLogger("weasyprint.progress")
    watcher, level, propagate = _PageWatcher(on_page), logger.level, logger.propagate
    logger.addHandler(watcher)
    logger.setLevel(logging.INFO)
    logger.propagate = False  # the pages are for the job's progress, not for the worker's log
    try:
        yield
    finally:
        logger.removeHandler(watcher)
        logger.setLevel(level)
        logger.propagate = propagate


def _stylesheet_path() -> str:
    found = finders.find(CSS_FILE)
    if not found:
        return str(Path(settings.BASE_DIR) / "static" / CSS_FILE)
    return found
