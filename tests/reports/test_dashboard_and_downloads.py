"""The executive dashboard, the two downloads, the command-line interface and query counts."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from reports import selectors
from rfp.models import Status
from tests.reports.conftest import build_evaluated_rfp


def test_the_executive_sees_the_standing_the_leading_vendors_and_the_downloads(evaluated, dana, login):
    page = login(dana).get(reverse("reports:dashboard", kwargs={"ref": evaluated.reference}))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Standing on the current scores" in html and "Harbor Premium Contact" in html
    assert reverse("reports:pdf", kwargs={"ref": evaluated.reference}) in html
    assert reverse("reports:scores_xlsx", kwargs={"ref": evaluated.reference}) in html
    assert "Choose the shortlist" not in html, "executives read; procurement decides"
    assert "No PCI DSS service-provider attestation" in html


def test_the_dashboard_is_in_hebrew_for_a_hebrew_reader(evaluated, dana, login):
    client = login(dana)
    client.cookies["django_language"] = "he"
    page = client.get(reverse("reports:dashboard", kwargs={"ref": evaluated.reference}), HTTP_ACCEPT_LANGUAGE="he")
    html = page.content.decode()
    assert 'dir="rtl"' in html and "לוח בקרה למנהלים" in html


def test_the_pdf_downloads_as_an_attachment_in_the_chosen_language(evaluated, dana, login):
    from jobs.models import Job
    from reports.tasks import render_report_pdf

    client = login(dana)
    asked = client.get(reverse("reports:pdf", kwargs={"ref": evaluated.reference}), {"lang": "he", "appendix": "on"})
    job = Job.objects.get()
    assert job.params == {"language": "he", "appendix": True} and asked.status_code == 302
    render_report_pdf.run(job.pk, "en")
    response = client.get(reverse("reports:job_file", kwargs={"ref": evaluated.reference, "job_id": job.pk}))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="RFI-2027-090-executive-report-he.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_an_unknown_report_language_sends_back_to_the_dashboard_with_a_message(evaluated, dana, login):
    client = login(dana)
    response = client.get(reverse("reports:pdf", kwargs={"ref": evaluated.reference}), {"lang": "xx"})
    assert response.status_code == 302
    page = client.get(response.url)
    assert "Choose one of the offered languages" in page.content.decode()


def test_the_score_matrix_downloads_as_a_workbook(evaluated, paula, login):
    from jobs.models import Job
    from reports.tasks import render_score_matrix

    client = login(paula)
    asked = client.get(reverse("reports:scores_xlsx", kwargs={"ref": evaluated.reference}))
    job = Job.objects.get(kind="report.xlsx")
    assert asked.status_code == 302 and asked.url.endswith(f"/jobs/{job.pk}/")
    render_score_matrix.run(job.pk, "en")
    response = client.get(reverse("reports:job_file", kwargs={"ref": evaluated.reference, "job_id": job.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="RFI-2027-090-score-matrix.xlsx"'
    assert "Summary" in load_workbook(io.BytesIO(b"".join(response.streaming_content))).sheetnames


def test_the_pages_and_report_data_read_as_many_queries_for_twelve_vendors_as_for_four(paula, omar, lena, dana, client):
    small, _ = build_evaluated_rfp(procurement=paula, evaluators=[omar, lena], executive=dana)
    large, _ = build_evaluated_rfp(
        procurement=paula, evaluators=[omar, lena], executive=dana, extra_vendors=8, reference="RFI-2027-091"
    )
    counts = {"page": [], "shortlist": [], "report": []}
    for rfp in (small, large):
        client.force_login(dana)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("reports:dashboard", kwargs={"ref": rfp.reference})).status_code == 200
        counts["page"].append(len(queries))
        client.force_login(paula)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("reports:shortlist", kwargs={"ref": rfp.reference})).status_code == 200
        counts["shortlist"].append(len(queries))
        with CaptureQueriesContext(connection) as queries:
            selectors.report_data(rfp, appendix=True)
        counts["report"].append(len(queries))
    assert counts["page"][0] == counts["page"][1], counts
    assert counts["shortlist"][0] == counts["shortlist"][1], counts
    assert counts["report"][0] == counts["report"][1], counts


def test_render_report_writes_the_pdf(evaluated, tmp_path):
    target = tmp_path / "report.pdf"
    out = io.StringIO()
    call_command("render_report", evaluated.reference, "-o", str(target), "--lang", "he", stdout=out)
    assert target.read_bytes().startswith(b"%PDF")
    assert f"Wrote {target}" in out.getvalue()


def test_export_scores_writes_the_workbook(evaluated, tmp_path):
    target = tmp_path / "scores.xlsx"
    call_command("export_scores", evaluated.reference, "-o", str(target), stdout=io.StringIO())
    assert "Summary" in load_workbook(target).sheetnames


@pytest.mark.parametrize(
    ("command", "arguments", "reason"),
    [
        ("render_report", ["RFI-1999-999", "-o", "{tmp}/r.pdf"], "No RFP with the reference"),
        ("render_report", ["{ref}", "-o", "{tmp}/r.pdf", "--lang", "klingon"], "Unknown language"),
        ("render_report", ["{ref}", "-o", "{tmp}/missing/r.pdf"], "does not exist"),
        ("export_scores", ["RFI-1999-999", "-o", "{tmp}/s.xlsx"], "No RFP with the reference"),
        ("export_scores", ["{ref}", "-o", "{tmp}/s.csv"], "must end in .xlsx"),
    ],
)
def test_the_commands_refuse_bad_input_with_a_one_line_reason(evaluated, tmp_path, command, arguments, reason):
    filled = [a.format(ref=evaluated.reference, tmp=tmp_path) for a in arguments]
    with pytest.raises(CommandError, match=reason) as error:
        call_command(command, *filled, stdout=io.StringIO())
    assert "\n" not in str(error.value)


def test_the_commands_refuse_an_rfp_before_its_evaluation(evaluated, tmp_path):
    evaluated.status = Status.OPEN
    evaluated.save(update_fields=["status"])
    for command, name in (("render_report", "r.pdf"), ("export_scores", "s.xlsx")):
        with pytest.raises(CommandError, match="once the evaluation has started"):
            call_command(command, evaluated.reference, "-o", str(tmp_path / name), stdout=io.StringIO())
