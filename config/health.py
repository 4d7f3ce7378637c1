"""GET /healthz for a load balancer: 200 when this web server can reach the database, the job
broker (Redis) and the file storage, 503 naming the part that failed. It says nothing else (no
versions, no errors' text), as it answers without a login."""

import logging

from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)
PROBE_NAME = "healthz-probe"


def _database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _storage() -> None:
    default_storage.exists(PROBE_NAME)  # a listing or a HEAD request: reaches the storage, writes nothing


def _broker() -> None:
    from config.celery import app  # loaded here: only this check and job hand-overs need Celery

    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, timeout=2)


CHECKS = {"database": _database, "broker": _broker, "storage": _storage}


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    results = {}
    for name, check in CHECKS.items():
        try:
            check()
            results[name] = "ok"
        except Exception:  # any failure of a dependency is a failed check, logged for the operator
            logger.exception("Health check %s failed", name)
            results[name] = "failed"
    healthy = all(value == "ok" for value in results.values())
    return JsonResponse({"status": "ok" if healthy else "failed", "checks": results}, status=200 if healthy else 503)
