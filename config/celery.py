"""The Celery application: workers run with `celery -A config.celery worker` (see the README).

Web processes import it only when they hand a job over (jobs are rows in the database, see
jobs/models.py), so pages and commands that never queue work do not pay for loading Celery.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("shortlist")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks(["reports", "jobs", "vendors"])
