"""The evaluator's scoring page at scale: time and HTML size of one page, and one saved score.

Targets (issue "evaluation at real size"): the page under 300 ms on the server and under 300 KB
of HTML at 200 vendors x 400 questions x 5 evaluators; saving one score under 10 ms in process.
Timed in process with Django's test client (the request through every middleware and the
template, no network), best of several runs.
"""

import time

from bench.timing import best


def run_scoring_bench(rfp, *, runs: int, out=print) -> None:
    from django.test import Client
    from django.urls import reverse

    from accounts.models import User
    from scoring import services
    from scoring.access import get_answer_to_score
    from scoring.models import Assignment
    from vendors.models import Answer, AnswerState

    evaluator = User.objects.get(username=f"{rfp.reference.lower()}-evaluator-1")
    # The benchmark data is submitted; reopen one section so that the page is the editable one.
    assignment = Assignment.objects.filter(evaluator=evaluator, section__rfp=rfp).order_by("section__order").first()
    submitted_at = assignment.submitted_at
    Assignment.objects.filter(pk=assignment.pk).update(submitted_at=None)
    try:
        client = Client(HTTP_HOST="127.0.0.1")  # a host the settings allow
        client.force_login(evaluator)
        url = reverse("scoring:section", kwargs={"ref": rfp.reference, "section_id": assignment.section_id})
        pages = {
            "by question": {"by": "question", "at": 2},
            "by vendor": {"by": "vendor", "at": 1},
            "unscored": {"by": "question", "at": 2, "show": "unscored"},
        }
        for name, query in pages.items():
            reply = client.get(url, query)
            if reply.status_code != 200:
                raise RuntimeError(f"The scoring page answered {reply.status_code}.")
            size = len(reply.content)
            seconds = best(lambda query=query: client.get(url, query), runs)
            verdict = "ok" if seconds < 0.3 and size < 300_000 else "MISSED"
            out(
                f"scoring page, {name:<11}: {seconds * 1000:7.1f} ms, {size / 1024:6.1f} KB   "
                f"target < 300 ms and < 300 KB: {verdict}"
            )
        answer = (
            Answer.objects.filter(
                question__section_id=assignment.section_id, response__rfp=rfp, state=AnswerState.ANSWERED
            )
            .exclude(question__rubric=None)
            .first()
        )
        evaluation, answer, own = get_answer_to_score(evaluator, rfp.reference, answer.pk)
        points = iter(range(10**6))

        def save() -> None:
            services.score_save(
                answer=answer, evaluator=evaluator, assignment=own, points=2 + next(points) % 3, comment=""
            )

        seconds = best(save, runs)
        out(
            f"saving one score         : {seconds * 1000:7.1f} ms   "
            f"target < 10 ms: {'ok' if seconds < 0.01 else 'MISSED'}"
        )
        score_url = reverse("scoring:score", kwargs={"ref": rfp.reference, "answer_id": answer.pk})
        start = time.perf_counter()
        client.post(score_url, {"points": 3, "comment": ""}, HTTP_HX_REQUEST="true")
        out(
            f"saving one score, request: {(time.perf_counter() - start) * 1000:7.1f} ms   "
            "(the htmx POST with the progress card)"
        )
    finally:
        Assignment.objects.filter(pk=assignment.pk).update(submitted_at=submitted_at)
