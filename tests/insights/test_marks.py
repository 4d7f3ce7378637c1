"""Marks on quoted passages stay whole in every script."""

from insights.selectors import marked


def test_a_mark_on_an_arabic_passage_keeps_the_vowel_mark_of_its_last_letter():
    text = "نقدم الخدمة منذ 20 عاماً في القاهرة."
    shown = marked(text, ["نقدم الخدمة منذ 20 عاما"])
    assert "<mark>نقدم الخدمة منذ 20 عاماً</mark>" in shown


def test_a_commitment_that_is_its_whole_sentence_is_not_marked_even_without_its_full_stop():
    from insights.selectors import claim_span, marked_claim

    sentence = "We will learn your business through training material provided by you."
    assert claim_span(sentence, sentence[:-1]) is None
    assert "<mark>" not in marked_claim(sentence, sentence[:-1])
    assert claim_span(sentence, "training material") == (36, 53)
