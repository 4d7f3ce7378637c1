"""Reading a PDF the way a person does: pdftotext (poppler-utils) per page, and word positions."""

import re
import subprocess

BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
WORD_BOX = re.compile(r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">')
NOT_A_LETTER = re.compile(r"[\W\d_]+")


def pdf_pages(pdf: bytes, *, layout: bool = True) -> list[str]:
    """The text of every page, without the bidi control marks pdftotext adds around RTL runs."""
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else []) + ["-", "-"]
    text = subprocess.run(args, input=pdf, capture_output=True, check=True, timeout=120).stdout.decode()
    pages = [BIDI_CONTROLS.sub("", page) for page in text.split("\f")]
    return pages[:-1] if pages and not pages[-1].strip() else pages


def words_with_boxes(pdf: bytes, page: int) -> list[tuple[str, float, float]]:
    """(word, x min, page width) for every word of a page (1-based), from pdftotext -bbox."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), "-", "-"],
        input=pdf,
        capture_output=True,
        check=True,
        timeout=120,
    ).stdout.decode()
    width = float(re.search(r'<page width="([\d.]+)"', html).group(1))
    return [
        (BIDI_CONTROLS.sub("", word), float(x), width)
        for x, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', html)
    ]


def page_with(pages: list[str], *needles: str) -> int:
    """The index of the first page that holds every needle."""
    for index, page in enumerate(pages):
        if all(needle in page for needle in needles):
            return index
    raise AssertionError(f"no page holds {needles!r}")


def page_fill(pdf: bytes) -> list[float]:
    """How full each page is, as a reader judges it at a glance: the share of the text area, from
    the running header down to the running footer, that lies above the page's lowest line of text
    (chart labels count: charts are drawn with text). 0 for a page with nothing between the two.

    The running header is the top line of a page and the footer its bottom line (pdftotext -bbox
    gives each word's box); a page without them (the cover) is measured against its own top and
    bottom lines."""
    html = subprocess.run(
        ["pdftotext", "-bbox", "-", "-"], input=pdf, capture_output=True, check=True, timeout=120
    ).stdout.decode()
    fills = []
    for page in re.findall(r"<page [^>]*>(.*?)</page>", html, re.S):
        boxes = [(float(top), float(bottom)) for top, bottom in WORD_BOX.findall(page)]
        if not boxes:
            fills.append(0.0)
            continue
        header = min(top for top, _bottom in boxes)
        footer = max(bottom for _top, bottom in boxes)
        header_bottom = max(bottom for top, bottom in boxes if top < header + 1)
        footer_top = min(top for top, bottom in boxes if bottom > footer - 1)
        body = [bottom for top, bottom in boxes if top >= header_bottom and bottom <= footer_top]
        if not body or footer_top <= header_bottom:
            fills.append(0.0)
            continue
        fills.append((max(body) - header_bottom) / (footer_top - header_bottom))
    return fills


def first_line(page: str) -> str:
    """The first line of a page's text under the running header (pdf_pages, with layout)."""
    lines = [line.strip() for line in page.splitlines() if line.strip()]
    return lines[1] if len(lines) > 1 else ""


def letters(text: str) -> str:
    """Only the letters, to compare titles whatever pdftotext did with spaces, digits and
    punctuation around right-to-left runs ("נספח :מתודולוגיה" for "נספח: מתודולוגיה")."""
    return NOT_A_LETTER.sub("", text)
