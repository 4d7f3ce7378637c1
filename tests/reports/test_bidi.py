"""Hebrew labels inside charts: WeasyPrint draws SVG text letter by letter, so the report hands it
the letters in the order they appear on the page."""

from reports.bidi import svg_visual_order, visual_order
from reports.templatetags.report_format import bidi, bidi_dir


def test_a_hebrew_word_is_drawn_from_its_last_letter():
    assert visual_order("ציון") == "ןויצ"


def test_numbers_and_latin_names_keep_their_own_order_inside_hebrew():
    assert visual_order("ציון 72.2 (טוב)") == "(בוט) 72.2 ןויצ"
    assert visual_order("Harbor מוביל") == "Harbor ליבומ"


def test_latin_text_is_left_alone():
    assert visual_order("Total 72.2 (good)") == "Total 72.2 (good)"


def test_only_text_nodes_change_and_escaping_survives():
    svg = '<svg><text x="1" font-family="Noto Sans">סה״כ &amp; A</text><rect/><text>Total</text></svg>'
    expected = '<svg><text x="1" font-family="Noto Sans">A &amp; כ״הס</text><rect/><text>Total</text></svg>'
    assert svg_visual_order(svg) == expected


def test_text_from_the_rfp_keeps_its_own_direction_in_the_report():
    assert bidi_dir("Customer service") == "ltr"
    assert bidi_dir("שירות לקוחות") == "rtl"
    assert bidi_dir("2027: שירות") == "rtl", "the first strong letter decides, as dir=auto does"
    assert bidi("<b>Atlas</b>") == '<span class="ltr">\u2068&lt;b&gt;Atlas&lt;/b&gt;\u2069</span>'


def test_arabic_and_persian_letters_are_joined_before_they_are_reversed():
    # "سعر" (price): seen joins its initial form, ain its medial, reh its final.
    assert visual_order("سعر") == "\ufeae\ufecc\ufeb3"
    # Persian "می‌شود" (it becomes): every letter in a joined form, and the non-joiner respected:
    # yeh ends "می" (final form) and sheen starts "شود" (initial form) instead of joining across.
    drawn = visual_order("می\u200cشود")
    assert not any("\u0600" <= c <= "\u06ff" for c in drawn)
    assert "\ufbfd" in drawn and "\ufeb7" in drawn
