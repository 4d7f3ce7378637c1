"""The shared-passage index of a whole RFP, kept between runs as two flat arrays.

A full analysis indexes every answer's four-word runs (boilerplate.py). Keeping that index lets a
later change (a best-and-final round) look up which answers share runs with the changed ones
without reading and re-indexing the whole RFP again: the index of 200 bids x 400 questions is a
few million (run hash, answer) pairs, which as sorted numpy arrays load from one stored blob and
answer a look-up with a binary search.

Answers changed since the arrays were built are "stale": their stored runs are ignored and their
current runs (`fresh`) are looked up instead, so a look-up always sees the answers as they are now.
"""

import io
from collections import defaultdict
from collections.abc import Iterable

import numpy as np

from insights.engine.boilerplate import HASH_FORMAT


class Postings:
    def __init__(self, hashes: np.ndarray, answers: np.ndarray, stale: Iterable = (), fresh: Iterable = ()):
        self.hashes = hashes  # sorted
        self.answers = answers  # answers[i] holds the run hashes[i]
        self.stale = frozenset(stale)
        self.fresh: dict[int, list] = defaultdict(list)  # hash -> stale answers holding it now
        for answer_id, runs in fresh:
            for run in runs:
                self.fresh[run].append(answer_id)

    @classmethod
    def build(cls, runs: Iterable[tuple[int, frozenset]]) -> "Postings":
        """From (answer id, run hashes) of every indexed answer (BoilerplateIndex.runs)."""
        ids, sets = [], []
        for answer_id, hash_set in runs:
            ids.append(answer_id)
            sets.append(hash_set)
        sizes = np.fromiter((len(s) for s in sets), dtype=np.int64, count=len(sets))
        hashes = np.fromiter((h for s in sets for h in s), dtype=np.int64, count=int(sizes.sum()))
        answers = np.repeat(np.asarray(ids, dtype=np.int64), sizes)
        order = np.argsort(hashes, kind="stable")
        return cls(hashes[order], answers[order])

    def __call__(self, runs: Iterable[int]) -> list[list]:
        """For each run hash, the ids of the answers holding it now (see BoilerplateIndex.follow)."""
        runs = np.fromiter(runs, dtype=np.int64)
        lefts = np.searchsorted(self.hashes, runs, side="left")
        rights = np.searchsorted(self.hashes, runs, side="right")
        found = []
        for run, left, right in zip(runs.tolist(), lefts.tolist(), rights.tolist(), strict=True):
            holders = [a for a in self.answers[left:right].tolist() if a not in self.stale]
            found.append(holders + self.fresh.get(run, []))
        return found

    def __len__(self) -> int:
        return len(self.hashes)

    # -- kept as bytes -------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        np.savez(buffer, hashes=self.hashes, answers=self.answers, format=np.asarray([HASH_FORMAT]))
        return buffer.getvalue()

    @classmethod
    def from_bytes(cls, blob: bytes, stale: Iterable = (), fresh: Iterable = ()) -> "Postings | None":
        """None when the blob was written by a Python whose hashes differ (then index afresh)."""
        with np.load(io.BytesIO(blob)) as stored:
            if int(stored["format"][0]) != HASH_FORMAT:
                return None
            return cls(stored["hashes"], stored["answers"], stale, fresh)
