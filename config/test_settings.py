"""Settings for the test suite: the real settings with test-only values in the environment."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-key-not-for-production-0123456789")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
# The test client and the live server speak plain http: HTTPS-only settings are tested on their own.
for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
    os.environ.setdefault(name, "0")

from config.settings import *  # noqa: E402,F403

# Fast hashing: the suite creates many users and logs in often.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Jobs handed to Celery go to an in-memory broker unless a test starts a real Redis and a worker
# (tests/e2e): a unit test runs a job's task itself, as a worker would.
CELERY_BROKER_URL = os.environ.get("TEST_CELERY_BROKER_URL", "memory://")
# Mail tasks run inside the test, as soon as they are handed over, so a test reads mail.outbox; the
# end-to-end test of the mail queue runs a real worker on a real broker (tests/browser).
CELERY_TASK_ALWAYS_EAGER = True
CELERY_TASK_EAGER_PROPAGATES = True
