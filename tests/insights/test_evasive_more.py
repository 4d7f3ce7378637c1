"""Evasive answers: a certification question answered without naming one, and a test named only
by its quotes in a script without capitals."""

from insights import data
from insights.engine import EVASIVE, AnswerInput, analyse
from insights.engine.evasive import gives


def evasive(answer: AnswerInput) -> bool:
    result = analyse(data.bank_questions().values(), [answer], data.expectations(), data.relations())
    return any(f.kind == EVASIVE for f in result.findings)


def test_quality_standards_asked_for_and_none_named_is_evasive_unless_ticked():
    vague = "אנו פועלים לפי תקני האיכות המחמירים ביותר בענף ומקפידים על שיפור מתמיד בכל האתרים שלנו."
    assert evasive(AnswerInput(1, "V", "sla-10", text=vague))
    assert not evasive(AnswerInput(2, "V", "sla-10", text="COPC CX Standard 7.0 and ISO 18295-1 at both sites."))
    assert not evasive(AnswerInput(3, "V", "sla-10", value=["ISO 18295-1"], text=vague))


def test_a_name_in_guillemets_is_a_named_test_in_persian_and_arabic():
    assert "tool" in gives("آزمون مؤسسهٔ مستقل «سنجش زبان آرمان»؛ حد قبولی ۷۵ از ۱۰۰.")
    assert "tool" in gives("نستخدم اختبار «كفاءة» المستقل لكل وكيل.")
    assert "tool" not in gives("ما با دقت و وسواس کارشناسان را انتخاب می‌کنیم.")
