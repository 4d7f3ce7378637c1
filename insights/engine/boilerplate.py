"""Boilerplate: the same passage in several answers, and answers that only restate the question.

Why word shingles and not a library: the panel needs the matching passages (character spans) to
highlight, so the index must know where each shared run of words sits; a TF-IDF or MinHash score
says how similar two answers are but not where. Runs of four folded words ("shingles") hashed
into an inverted index give both, work alike in every script that separates words with spaces
(all five here), and cost one dictionary look-up per word, so one changed answer is re-checked
against the whole RFP in milliseconds. Restating the question is measured differently, with
character four-grams inside words, so that a Polish or Hebrew inflection of a question word
still counts as the question's word.

Rules (documented so that a panel can trust them):
- two answers share a passage when at least MIN_SHARED_WORDS of their words lie in common
  four-word runs, and those runs cover at least MIN_COVERAGE of the shorter answer's words, or
  one run of LONG_PASSAGE_WORDS words or more is shared whatever the lengths; runs that also
  occur in the question (the vendor quoting it) are left out;
- answers from different vendors are "shared_across_vendors"; one vendor's answers to different
  questions "reused_across_questions"; answers that share a passage form one group;
- a text answer restates the question when at least RESTATE_COVERAGE of its content letters
  come from words of the question or its guidance (examples the guidance quotes left out) and
  it adds fewer than RESTATE_NEW_WORDS content words of its own, and no figure or capitalised
  name the question does not hold.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from hashlib import blake2b

from insights.engine.model import BOILERPLATE, AnswerInput, Evidence, Finding, QuestionInput
from insights.engine.text import Token, ascii_digits, fold, merge_spans, tokens

SHINGLE = 4
MIN_WORDS = 12
MIN_SHARED_WORDS = 12
MIN_COVERAGE = 0.5
LONG_PASSAGE_WORDS = 30
MAX_POSTINGS = 400  # a run shared by more answers than this is a stock phrase, not a reused passage
RESTATE_COVERAGE = 0.7
RESTATE_NEW_WORDS = 6
CONTENT_LETTERS = 4
TEXT_TYPES = {"long_text", "short_text"}


@dataclass
class _Entry:
    answer: AnswerInput
    words: list[Token]
    hashes: list[int]  # one per shingle start; 0 where the run echoes the question
    hash_set: frozenset


@dataclass(frozen=True)
class _Pair:
    code: str
    spans: dict  # answer_id -> [(start, end)]


@lru_cache(maxsize=1 << 18)
def _word_number(norm: str) -> int:
    """A folded word as a number that is the same in every process (str hashes are salted per
    process), so that runs hashed by one worker can be looked up by another (see postings.py)."""
    return int.from_bytes(blake2b(norm.encode(), digest_size=8).digest(), "little", signed=True)


def _shingle_hashes(words: list[Token]) -> list[int]:
    """One hash per run of SHINGLE words (0 is kept free to mark runs that echo the question).
    A tuple of ints hashes alike in every process of one Python version; HASH_FORMAT tells a
    stored index made by another one."""
    numbers = [_word_number(w.norm) for w in words]
    return [hash(run) or 1 for run in zip(*(numbers[i:] for i in range(SHINGLE)), strict=False)]


HASH_FORMAT = hash((1, 2, 3, 4)) & 0x7FFFFFFF


class BoilerplateIndex:
    """Shared passages across every answer of one RFP, kept up to date one answer at a time."""

    def __init__(self, questions: dict[str, QuestionInput]):
        self._questions = questions
        self._echoes: dict[str, frozenset] = {}
        self._entries: dict = {}
        self._postings: dict[int, set] = defaultdict(set)
        self._pairs: dict[frozenset, _Pair] = {}

    # -- keeping the index -------------------------------------------------------------------
    def add(self, answer: AnswerInput) -> None:
        """Index an answer (replacing its earlier text) and find the passages it shares."""
        entry = self._index(answer)
        if entry is not None:
            self._pair_with_others(entry)

    def add_all(self, answers) -> None:
        """Index many answers, then pair them: the same result as add() one by one, faster."""
        fresh = [entry for entry in map(self._index, answers) if entry is not None]
        for entry in fresh:
            self._pair_with_others(entry)

    def _index(self, answer: AnswerInput) -> _Entry | None:
        """Put an answer's word runs in the postings (replacing its earlier text); None when it is
        too short to share a passage."""
        self.remove(answer.answer_id)
        words = tokens(answer.text or "")
        if len(words) < MIN_WORDS:
            return None
        echo = self._question_echo(answer.question_key)
        hashes = [0 if h in echo else h for h in _shingle_hashes(words)]
        entry = _Entry(answer, words, hashes, frozenset(h for h in hashes if h))
        self._entries[answer.answer_id] = entry
        for h in entry.hash_set:
            self._postings[h].add(answer.answer_id)
        return entry

    def remove(self, answer_id) -> None:
        entry = self._entries.pop(answer_id, None)
        if entry is None:
            return
        for h in entry.hash_set:
            posting = self._postings.get(h)
            if posting is not None:
                posting.discard(answer_id)
                if not posting:
                    del self._postings[h]
        for key in [key for key in self._pairs if answer_id in key]:
            del self._pairs[key]

    def _question_echo(self, key: str) -> frozenset:
        if key not in self._echoes:
            question = self._questions.get(key)
            texts = question.texts if question else ()
            self._echoes[key] = frozenset(h for text in texts for h in _shingle_hashes(tokens(text)))
        return self._echoes[key]

    # -- pairing ----------------------------------------------------------------------------
    def _pair_with_others(self, entry: _Entry) -> None:
        """Pair an answer with every indexed answer sharing enough of its runs."""
        self._pair(entry, self._candidates(entry, (self._postings[h] for h in entry.hash_set)))

    def _candidates(self, entry: _Entry, holders_per_run) -> set:
        """The answers holding enough of `entry`'s runs to be compared with it (a run held by more
        than MAX_POSTINGS answers is a stock phrase and does not count)."""
        shared: dict = defaultdict(int)
        for holders in holders_per_run:
            if len(holders) > MAX_POSTINGS:
                continue
            for other in holders:
                shared[other] += 1
        me, enough = entry.answer.answer_id, MIN_SHARED_WORDS - SHINGLE + 1
        return {other for other, count in shared.items() if other != me and count >= enough}

    def _pair(self, entry: _Entry, candidates: set) -> set:
        """Compare an answer with each candidate indexed here; the ids it was paired with."""
        paired = set()
        for other_id in candidates:
            other = self._entries.get(other_id)
            code = other and self._relation(entry.answer, other.answer)
            pair = code and self._compare(entry, other, code)
            if pair:
                self._pairs[frozenset((entry.answer.answer_id, other_id))] = pair
                paired.add(other_id)
        return paired

    @staticmethod
    def _relation(one: AnswerInput, other: AnswerInput) -> str | None:
        if one.vendor != other.vendor:
            return "shared_across_vendors"
        if one.question_key != other.question_key:
            return "reused_across_questions"
        return None

    @staticmethod
    def _compare(one: _Entry, other: _Entry, code: str) -> _Pair | None:
        """Symmetric, so a pair is the same whichever answer was indexed first."""
        in_one, longest_one = _covered(one, other.hash_set)
        in_other, longest_other = _covered(other, one.hash_set)
        shared_words = min(len(in_one), len(in_other))
        if shared_words < MIN_SHARED_WORDS:
            return None
        coverage = max(len(in_one) / len(one.words), len(in_other) / len(other.words))
        if coverage < MIN_COVERAGE and max(longest_one, longest_other) < LONG_PASSAGE_WORDS:
            return None
        return _Pair(
            code,
            {
                one.answer.answer_id: _word_spans(one.words, in_one),
                other.answer.answer_id: _word_spans(other.words, in_other),
            },
        )

    # -- following passages from a few answers, without the whole RFP in memory ---------------
    def follow(self, seeds, load, posted) -> list[Finding]:
        """The groups that hold any of `seeds`, found by reading only the answers they reach.

        `posted(hashes)` answers, for each run hash, the ids of every answer of the RFP holding it
        (a stored postings list, see postings.py); `load(ids)` gives those answers. Starting from
        the seeds, each answer's runs are looked up, the answers sharing enough of them are loaded
        and compared, and every answer a passage joins is followed in turn, so whole groups come
        out: the same as indexing every answer and asking findings(seeds)."""
        tried: set = set()
        followed: set = set()
        frontier = set(seeds)
        while frontier:
            self._load(frontier - tried, load, tried)
            reached: set = set()
            for answer_id in frontier:
                followed.add(answer_id)
                entry = self._entries.get(answer_id)
                if entry is not None:
                    reached |= self._pair_through(entry, posted, load, tried)
            frontier = reached - followed
        return self.findings(seeds)

    def _load(self, ids: set, load, tried: set) -> None:
        for answer in load(sorted(ids, key=str)):
            self._index(answer)
        tried |= ids

    def _pair_through(self, entry: _Entry, posted, load, tried: set) -> set:
        """Pair one answer with those `posted` says share its runs; the ids it was paired with."""
        candidates = self._candidates(entry, posted(entry.hash_set))
        self._load(candidates - tried, load, tried)
        return self._pair(entry, candidates)

    def runs(self):
        """(answer id, its run hashes) for every indexed answer: what a stored postings list keeps."""
        return ((answer_id, entry.hash_set) for answer_id, entry in self._entries.items())

    # -- results ----------------------------------------------------------------------------
    def findings(self, answer_ids=None) -> list[Finding]:
        """Groups of answers sharing a passage; only the groups touching `answer_ids` if given."""
        findings = []
        for code in ("shared_across_vendors", "reused_across_questions"):
            pairs = [pair for pair in self._pairs.values() if pair.code == code]
            for group in _groups(pairs):
                if answer_ids is not None and not group["ids"] & set(answer_ids):
                    continue
                findings.append(self._group_finding(code, group))
        return findings

    def _group_finding(self, code: str, group: dict) -> Finding:
        ordered = sorted(
            group["ids"],
            key=lambda i: (str(self._entries[i].answer.vendor), self._entries[i].answer.question_key, str(i)),
        )
        evidence = []
        for answer_id in ordered:
            answer = self._entries[answer_id].answer
            for start, end in merge_spans(group["spans"][answer_id], gap=2):
                evidence.append(Evidence(answer_id, answer.question_key, answer.text[start:end], start, end))
        keys = tuple(dict.fromkeys(self._entries[i].answer.question_key for i in ordered))
        vendors = tuple(dict.fromkeys(self._entries[i].answer.vendor for i in ordered))
        params = {"answers": len(ordered), "questions": len(keys), "vendors": len(vendors)}
        return Finding(BOILERPLATE, code, keys, tuple(ordered), params, tuple(evidence))


def _covered(entry: _Entry, other_hashes: frozenset) -> tuple[set, int]:
    """Word positions of `entry` inside runs it shares with another answer, and the longest run."""
    covered: set = set()
    longest = run = 0
    last = -2
    for position, h in enumerate(entry.hashes):
        if h and h in other_hashes:
            covered.update(range(position, position + SHINGLE))
            run = run + 1 if last == position - 1 else SHINGLE
            last = position
            longest = max(longest, run)
    return covered, longest


def _word_spans(words: list[Token], positions: set) -> list[tuple[int, int]]:
    return merge_spans([(words[i].start, words[i].end) for i in positions], gap=2)


def _groups(pairs: list[_Pair]) -> list[dict]:
    """Answers linked by shared passages, as connected groups with every member's spans."""
    parent: dict = {}

    def root(node):
        while parent.setdefault(node, node) != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for pair in pairs:
        first, *rest = pair.spans
        for other in rest:
            parent[root(other)] = root(first)
    groups: dict = {}
    for pair in pairs:
        for answer_id, spans in pair.spans.items():
            group = groups.setdefault(root(answer_id), {"ids": set(), "spans": defaultdict(list)})
            group["ids"].add(answer_id)
            group["spans"][answer_id].extend(spans)
    return sorted(groups.values(), key=lambda g: sorted(map(str, g["ids"])))


# -- restating the question -------------------------------------------------------------------
def _grams(word: str) -> set[str]:
    padded = f" {word} "
    return {padded[i : i + 4] for i in range(len(padded) - 3)}


# An example the guidance quotes ("Lisbon, Portugal, primary; ...") shows the expected form of an
# answer: an answer in that form follows the guidance, it does not restate it.
QUOTED_EXAMPLE = re.compile(r'"[^"]*"|“[^”]*”|„[^”“]*[”“]|«[^»]*»')


class RestatementCheck:
    """Whether a text answer only restates its question or guidance (in any language shown)."""

    def __init__(self, questions: dict[str, QuestionInput]):
        self._questions = questions
        self._grams: dict[str, tuple[set, set]] = {}

    def _question_grams(self, key: str) -> tuple[set, set]:
        if key not in self._grams:
            question = self._questions.get(key)
            texts = [QUOTED_EXAMPLE.sub(" ", text) for text in (question.texts if question else ())]
            words = {w.norm for text in texts for w in tokens(text)}
            self._grams[key] = ({g for word in words for g in _grams(word)}, words)
        return self._grams[key]

    def check(self, answer: AnswerInput) -> Finding | None:
        question = self._questions.get(answer.question_key)
        if question is None or question.type not in TEXT_TYPES or not answer.text:
            return None
        words = [w for w in tokens(answer.text) if len(w.norm) >= CONTENT_LETTERS and not w.norm.isdigit()]
        if len(words) < 3:
            return None
        grams, question_words = self._question_grams(answer.question_key)
        if _gives_specifics(answer.text, question_words):
            return None
        echoed = [w for w in words if w.norm in question_words or _echoes(w.norm, grams)]
        letters = sum(len(w.norm) for w in words)
        share = sum(len(w.norm) for w in echoed) / letters
        new_words = len({w.norm for w in words} - {w.norm for w in echoed})
        if share < RESTATE_COVERAGE or new_words >= RESTATE_NEW_WORDS:
            return None
        spans = merge_spans([(w.start, w.end) for w in echoed], gap=4)
        evidence = tuple(Evidence(answer.answer_id, answer.question_key, answer.text[s:e], s, e) for s, e in spans)
        params = {"share": round(share * 100)}
        return Finding(BOILERPLATE, "restates_question", (answer.question_key,), (answer.answer_id,), params, evidence)


# A figure ("90", "80/20") or a name in capitals ("CSV", "MP3", "COPC") the question does not hold
# is information: an answer that gives one answers, however many of its words echo the question
# ("Contact records as CSV, recordings as WAV or MP3" to "In which formats will you return
# contact records and recordings?").
SPECIFIC = re.compile(r"\b(?:\d+|[A-Z][A-Z0-9]*[A-Z0-9])\b")


def _gives_specifics(text: str, question_words: set) -> bool:
    return any(fold(m.group()) not in question_words for m in SPECIFIC.finditer(ascii_digits(text)))


def _echoes(word: str, grams: set) -> bool:
    own = _grams(word)
    return len(own & grams) >= 0.6 * len(own)


def restates(text: str, question_text: str) -> bool:
    """Convenience for tests and tools: does `text` only restate `question_text`?"""
    check = RestatementCheck({"q": QuestionInput("q", "long_text", (question_text,))})
    return check.check(AnswerInput(1, 1, "q", text)) is not None


__all__ = ["BoilerplateIndex", "RestatementCheck", "fold", "restates"]
