"""`python -m bench.insights`: answer intelligence at real size.

Generates (in memory, seeded) a 200-vendor x 400-question RFP in the five languages: long and
short text answers drawn from a Zipf-distributed vocabulary of each script (so that common words
and stock phrases recur as they do in real bids), typed numbers with comments, and the patterns
the engine looks for planted at a realistic rate (a paragraph one vendor reuses across questions,
passages copied between vendors, dodged figures, attrition against tenure). Then times, best of
several runs:

- the full analysis of every answer (index, per-answer checks, contradictions, claims);
- re-analysis after one answer changes (`RfpAnalyzer.update` plus that answer's findings).

Targets (issue "answer intelligence"): full analysis under 60 s and one change under 1 s on a
2-core machine. Options: --vendors, --questions, --runs, --seed.
"""

import argparse
import random
import time

from bench.timing import best
from insights import data
from insights.engine import KINDS, AnswerInput, QuestionInput, RfpAnalyzer

ALPHABETS = {
    "en": "abcdefghilmnoprstuvw",
    "pl": "abcdeghiklmnoprstuwyząęłóśż",
    "he": "אבגדהוזחטיכלמנסעפצקרשת",
    "ar": "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "fa": "ابپتثجچحخدذرزژسشصطظعغفقکگلمنوهی",
}
TYPES = ["long_text"] * 4 + ["short_text"] * 3 + ["number", "percentage", "yes_no"]


def vocabulary(rng: random.Random, letters: str, size: int = 6000) -> list[str]:
    return ["".join(rng.choice(letters) for _ in range(rng.randint(2, 9))) for _ in range(size)]


def sentence(rng: random.Random, words: list[str], weights: list[float], length: int) -> str:
    return " ".join(rng.choices(words, weights=weights, k=length)) + "."


def build(vendors: int, questions: int, seed: int):
    rng = random.Random(seed)
    bank = list(data.bank_questions().values())
    expectations_in_bank = data.expectations()
    question_list, expectations = [], {}
    for index in range(questions):
        source = bank[index % len(bank)]
        key = f"{source.key}#{index}" if index >= len(bank) else source.key
        kind = source.type if index < len(bank) else rng.choice(TYPES)
        question_list.append(QuestionInput(key, kind, source.texts))
        if source.key in expectations_in_bank:
            expectations[key] = expectations_in_bank[source.key]
    vocabularies = {code: vocabulary(rng, letters) for code, letters in ALPHABETS.items()}
    zipf = [1 / rank for rank in range(1, 6001)]
    shared_passages = [sentence(rng, vocabularies["en"], zipf, 40) for _ in range(20)]
    answers, answer_id = [], 0
    for vendor in range(vendors):
        language = list(ALPHABETS)[vendor % 5]
        words = vocabularies[language]
        reused = sentence(rng, words, zipf, 45)
        for question in question_list:
            answer_id += 1
            roll = rng.random()
            if question.type == "long_text":
                text = " ".join(sentence(rng, words, zipf, rng.randint(12, 25)) for _ in range(rng.randint(3, 6)))
                if roll < 0.02:
                    text = reused
                elif roll < 0.025:
                    text = rng.choice(shared_passages) + " " + text
                answers.append(AnswerInput(answer_id, vendor, question.key, text=text))
            elif question.type == "short_text":
                answers.append(
                    AnswerInput(answer_id, vendor, question.key, text=sentence(rng, words, zipf, rng.randint(6, 20)))
                )
            elif question.type in ("number", "percentage"):
                value = None if roll < 0.05 else rng.randint(1, 400)
                comment = sentence(rng, words, zipf, rng.randint(0, 12)) if roll < 0.5 else ""
                answers.append(AnswerInput(answer_id, vendor, question.key, text=comment, value=value))
            else:
                answers.append(AnswerInput(answer_id, vendor, question.key, value="Yes", text=""))
    return question_list, expectations, answers, rng


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.insights", description=__doc__.splitlines()[0])
    parser.add_argument("--vendors", type=int, default=200)
    parser.add_argument("--questions", type=int, default=400)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    start = time.perf_counter()
    questions, expectations, answers, rng = build(args.vendors, args.questions, args.seed)
    words = sum(len(a.text.split()) for a in answers)
    print(
        f"Data: {args.vendors} vendors x {args.questions} questions = {len(answers):,} answers, "
        f"{words:,} words, built in {time.perf_counter() - start:.1f} s"
    )
    relations = data.relations()
    holder = {}

    def full() -> None:
        analyzer = RfpAnalyzer(questions, expectations, relations).load(answers)
        holder["result"] = analyzer.result()
        holder["analyzer"] = analyzer

    full_s = best(full, args.runs)
    result = holder["result"]
    counts = {kind: sum(f.kind == kind for f in result.findings) for kind in KINDS}
    print(f"full analysis            : {full_s:7.2f} s    target < 60 s: {'ok' if full_s < 60 else 'MISSED'}")
    print(f"findings                 : {counts}, claims: {len(result.claims):,}")

    analyzer = holder["analyzer"]
    long_answers = [a for a in answers if len(a.text) > 200]
    changes = []
    for _ in range(max(args.runs, 5)):
        target = rng.choice(long_answers)
        donor = rng.choice(long_answers)  # the new text copies another vendor's answer: a real match to find
        changed = AnswerInput(target.answer_id, target.vendor, target.question_key, text=donor.text + " Edited.")

        def one_change(changed=changed) -> None:
            analyzer.update(changed)
            analyzer.findings_for(changed.answer_id)

        changes.append(best(one_change, 1))
    change_s = max(changes)
    print(
        f"one answer changed       : {change_s * 1000:7.1f} ms   (worst of {len(changes)} changes; "
        f"update + that answer's findings) target < 1 s: {'ok' if change_s < 1 else 'MISSED'}"
    )

    def whole_result() -> None:
        analyzer.result()

    print(f"whole result after it    : {best(whole_result, args.runs) * 1000:7.1f} ms   (every finding of the RFP)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
