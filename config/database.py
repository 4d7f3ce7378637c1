"""The database settings from DATABASE_URL, with what SQLite needs to serve a web site.

SQLite (the default, and `make run`'s) gets:

* WAL journal: readers keep reading while a long write runs, instead of failing with
  "database is locked";
* a busy timeout of 20 s: a writer that finds the database locked waits for its turn;
* IMMEDIATE transactions: a transaction takes the write lock when it begins, so two writers
  never deadlock half-way through (each waiting for the other's read lock to end).
"""

import dj_database_url

SQLITE_ENGINE = "django.db.backends.sqlite3"
SQLITE_BUSY_TIMEOUT_SECONDS = 20


def database_settings(url: str) -> dict:
    settings = dj_database_url.parse(url, conn_max_age=60)
    if settings["ENGINE"] == SQLITE_ENGINE:
        settings["OPTIONS"] = {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
            "transaction_mode": "IMMEDIATE",
            "timeout": SQLITE_BUSY_TIMEOUT_SECONDS,
        } | settings.get("OPTIONS", {})
    return settings
