"""How the ranking reads many rows fast: straight from the driver, JSON parsed in one call,
grouping with numpy, and the cyclic garbage collector paused meanwhile.

No queries of its own: :func:`fetch_rows` runs the one it is given.
"""

import gc
import json
from collections import defaultdict
from contextlib import contextmanager
from operator import itemgetter
from typing import Any

import numpy as np
from django.db import connections


@contextmanager
def gc_paused():
    """Pause the cyclic garbage collector while hundreds of thousands of small, acyclic objects
    (rows, score pairs, engine inputs) are built and ranked: otherwise every few thousand
    allocations trigger a collection that walks all of them again, which more than doubles the
    time. They hold no cycles, so reference counting frees them as soon as the ranking is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def fetch_rows(queryset) -> list[tuple]:
    """Every row of a values_list queryset of plain columns (ints, text), in one fetch.

    The ORM still writes the SQL, so it stays portable, but the rows come straight from the
    driver: at 300,000 score rows Django's per-row iteration would cost more than the engine.
    Only for columns that need no conversion (no JSON, dates or decimals).
    """
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def json_values(rows: list[tuple]) -> dict[int, Any]:
    """{id: value} from (id, JSON text) rows, parsed in one call rather than one per row."""
    parsed = _json_list(["null" if text is None else text for _id, text in rows])
    return dict(zip((row[0] for row in rows), parsed, strict=True))


def _json_list(texts: list) -> list[Any]:
    """JSON texts parsed in one call rather than one per text."""
    if all(isinstance(text, str) for text in texts):
        return json.loads("[" + ",".join(texts) + "]") if texts else []
    # a driver that already decodes JSON
    return [json.loads(t) if isinstance(t, str) else t for t in texts]


def group_by_first(rows: list[tuple]) -> dict:
    """{first column: [(second, third), ...]}. The database returns an answer's scores next to
    each other (it reaches them through the answer), so runs are cut with numpy and sliced;
    a dictionary of lists is the fallback when the runs are not contiguous."""
    n = len(rows)
    if not n:
        return {}
    keys = np.fromiter(map(itemgetter(0), rows), np.int64, n)
    cuts = np.flatnonzero(keys[1:] != keys[:-1]) + 1
    starts, ends = [0, *cuts.tolist()], [*cuts.tolist(), n]
    run_keys = keys[starts].tolist()
    if len(set(run_keys)) == len(run_keys):
        pairs = list(map(itemgetter(1, 2), rows))
        return dict(zip(run_keys, map(pairs.__getitem__, map(slice, starts, ends)), strict=True))
    grouped: dict = defaultdict(list)
    for key, second, third in rows:
        grouped[key].append((second, third))
    return grouped
