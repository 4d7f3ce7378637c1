"""A new RFP proposes a deadline three weeks or more ahead, on a working day in every market the
product serves, at 17:00 in the buyer's own time zone."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.utils import timezone

from rfp.deadlines import default_deadline

JERUSALEM = zoneinfo.ZoneInfo("Asia/Jerusalem")


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        ("2026-12-04", "2027-01-04"),  # three weeks is 25 December: past the year-end closure
        ("2027-03-01", "2027-03-22"),  # a Monday three weeks on is a Monday
        ("2027-03-05", "2027-03-29"),  # Friday 26 March: the weekend in Israel, the Gulf and Poland
    ],
)
def test_the_default_deadline_falls_on_a_working_day_at_least_three_weeks_ahead(today, expected):
    with timezone.override(JERUSALEM), time_machine.travel(datetime.datetime.fromisoformat(today + "T09:00+02:00")):
        deadline = default_deadline()
        assert deadline.date().isoformat() == expected
        assert deadline.tzinfo is not None and timezone.localtime(deadline).hour == 17
        assert deadline - timezone.now() >= datetime.timedelta(days=21)


def test_the_form_proposes_it_in_the_buyers_time_zone(paula, login):
    paula.timezone = "Asia/Jerusalem"
    paula.save()
    client = login(paula)
    with time_machine.travel(datetime.datetime(2026, 12, 4, 9, tzinfo=JERUSALEM)):
        page = client.get("/rfps/new/").content.decode()
    assert 'value="2027-01-04T17:00"' in page
