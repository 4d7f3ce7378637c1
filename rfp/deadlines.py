"""The deadline a new RFP proposes: bids typically stay open three weeks (RFPs seen in practice
give 21 to 24 days), closing at the end of a working day in the buyer's time zone.

A working day here is Monday to Thursday: the only days that are working days in every market the
product serves (the weekend is Friday and Saturday in Israel and most Arab states, Friday in Iran,
Saturday and Sunday in Poland and most of Europe). The days from 24 December to 1 January are
skipped too, when too many offices are closed for a vendor to prepare a bid.
"""

import datetime

from django.utils import timezone

DEFAULT_DEADLINE_DAYS = 21
CLOSING_HOUR = 17
WORKING_WEEKDAYS = frozenset({0, 1, 2, 3})  # Monday to Thursday


def is_closed_for_bids(day: datetime.date) -> bool:
    year_end = (day.month == 12 and day.day >= 24) or (day.month == 1 and day.day == 1)
    return day.weekday() not in WORKING_WEEKDAYS or year_end


def default_deadline(now: datetime.datetime | None = None) -> datetime.datetime:
    """At least three weeks from now, at 17:00 on the next working day, in the current time zone
    (the signed-in user's, which the middleware activates)."""
    local = timezone.localtime(now or timezone.now())
    day = (local + datetime.timedelta(days=DEFAULT_DEADLINE_DAYS)).date()
    while is_closed_for_bids(day):
        day += datetime.timedelta(days=1)
    closing = datetime.datetime.combine(day, datetime.time(CLOSING_HOUR))
    return timezone.make_aware(closing, timezone.get_current_timezone())
