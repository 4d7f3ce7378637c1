"""Marks on quoted passages stay whole in every script."""

from insights.selectors import marked


def test_a_mark_on_an_arabic_passage_keeps_the_vowel_mark_of_its_last_letter():
    text = "نقدم الخدمة منذ 20 عاماً في القاهرة."
    shown = marked(text, ["نقدم الخدمة منذ 20 عاما"])
    assert "<mark>نقدم الخدمة منذ 20 عاماً</mark>" in shown
