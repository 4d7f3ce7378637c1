"""The floor for `manage.py rank`: a process that starts Python and Django and reads the RFP's
score rows with one raw SELECT, and nothing else. `python -m bench.floor REF` (run by `make bench`,
on the bench database)."""

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from bench.__main__ import RAW_SQL  # noqa: E402


def main(reference: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM rfp_rfp WHERE reference = %s", [reference])
        (rfp_id,) = cursor.fetchone()
        cursor.execute(RAW_SQL, [rfp_id])
        rows = cursor.fetchall()
    print(len(rows))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
