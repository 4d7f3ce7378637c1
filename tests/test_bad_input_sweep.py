"""Nothing a user can send produces a server error.

For every named URL (the access-matrix cases know its arguments, who may reach it and the state it
needs), each allowed persona sends hostile input, and every answer must be below 500:
- GETs with junk query strings (unknown choices, negative, huge, NaN and 10,000-digit numbers, a
  superscript digit, RTL text and NUL, repeated parameters), with and without htmx's HX-Request;
- the URL's own text parts (an RFP's reference, a file format, a token) tampered with;
- POSTs of junk to every form the page renders, with the fields read from its HTML as a browser
  would submit them (htmx forms with HX-Request), and to every POST URL with the fields of its case:
  one kind of junk per request in every field at once (empty, text where numbers go, 10,000
  characters, RTL text, CR/LF and NUL bytes, unknown choices, duplicated and missing fields, dates
  off the calendar for users at UTC+14 and UTC-11, fields the page does not show, junk files), then
  one field at a time against the rendered values, so that checks across fields run too.
To keep the sweep near a minute, a form is swept by the first persona who sees it, and the kinds of
query junk are shared out among the personas of a page. A failure names the URL, the persona, the
payload and the exception.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from config.params import id_from
from rfp.models import QuestionType
from scoring.models import ConflictDeclaration
from sourcing.forms import AssessmentForm
from tests.access.matrix import PERSONAS
from tests.access.test_access_matrix import CASES
from tests.factories import QuestionFactory
from tests.scoring.access_cases import prepare_evaluation
from vendors.answer_values import clean_answer
from vendors.models import Answer, AnswerState

ANONYMOUS = None
UNKNOWN = "unknown"  # who the test client is signed in as, before the first request
PAGE_CHROME = frozenset({"set_language", "accounts:logout"})  # forms on every page, swept under their own cases

RTL = "שלום عليكم \u202ereversed\u202c \u200f\r\nX-Injected: 1"
LONG_TEXT = "x" * 10_000
LONG_DIGITS = "9" * 10_000  # int() refuses more than 4,300 digits
NUMERIC_JUNK = ("abc", "1e309", "-5", "0", "NaN", "１２", "²", "99999999999999999999")
DATE_JUNK = ("9999-12-31T23:59", "0001-01-01T00:00", "2027-02-30T10:00", "2027-13-01", "99999-01-01")
# Names some views read straight from request.POST, sent to every form as well
EXTRA_NAMES = ("action", "token", "next", "back", "clear", "direction", "version", "comment", "not_applicable")
EXTRA_NAMES += ("question", "section", "s", "assign", "override", "language")
TEXT_JUNK = (RTL + "\x00", LONG_TEXT)
TAMPERING_JUNK = ("abc", "²", "99999999999999999999", "NaN", LONG_DIGITS, "\x00")
UNKNOWN_CHOICE = "__no-such-choice__"
PATH_JUNK = ("\x00", "x" * 300, RTL, "²", "..")
NUMERIC_NAMES = ("weight", "points", "seats", "years", "top", "above", "rate", "cost", "price", "version", "limit")

# Query parameters the views read (and some they don't)
QUERY_NAMES = ("lang", "appendix", "method", "s", "show", "section", "question", "q", "rfp", "page", "top", "above")
QUERY_NAMES += ("fmt", "next", "weights")
NAMED_JUNK = dict.fromkeys(QUERY_NAMES, "abc") | {
    **{"lang": "xx", "appendix": "maybe", "method": "nope", "show": "nope", "fmt": "exe", "page": "-1"},
    **{"top": "-5", "above": "1e309", "weights": "-1", "next": "//evil.example"},
}
QUERY_JUNK = [  # the first goes to every persona; the others are shared out among them
    ("named junk", NAMED_JUNK),
    ("superscript digit", dict.fromkeys(QUERY_NAMES, "²")),
    ("10,000 digits", dict.fromkeys(QUERY_NAMES, LONG_DIGITS)),
    ("huge", dict.fromkeys(QUERY_NAMES, "99999999999999999999")),
    ("NaN", dict.fromkeys(QUERY_NAMES, "NaN")),
    ("RTL and NUL", dict.fromkeys(QUERY_NAMES, RTL + "\x00")),
    ("empty", dict.fromkeys(QUERY_NAMES, "")),
    ("repeated", dict.fromkeys(QUERY_NAMES, ["1", "１２", "-1", "1e309", "abc"])),
]


# --- reading the forms of a page ---------------------------------------------------------------------------


@dataclass
class Field:
    kind: str  # text, number, checkbox, radio, select, textarea, file, hidden, submit...
    options: list[str] = field(default_factory=list)
    defaults: list[str] = field(default_factory=list)

    @property
    def is_choice(self) -> bool:
        return self.kind in ("select", "radio", "checkbox", "submit") and bool(self.options)


@dataclass
class Form:
    action: str
    method: str
    htmx: bool
    fields: dict[str, Field] = field(default_factory=dict)

    def add(self, name: str, kind: str, value: str | None = None, selected: bool = False) -> None:
        found = self.fields.setdefault(name, Field(kind))
        if value is not None:
            found.options.append(value)
            if selected:
                found.defaults.append(value)


class FormReader(HTMLParser):
    """The forms of a page: fields inside a <form>, fields outside one that name it with form="id",
    and lone htmx inputs (an input with its own hx-post is a form of one field)."""

    def __init__(self, page_url: str):
        super().__init__(convert_charrefs=True)
        self.page_url = page_url
        self.forms: list[Form] = []
        self.by_id: dict[str, Form] = {}
        self.later: list[tuple[str, dict]] = []  # fields naming a form further down the page
        self.current: Form | None = None
        self.select: tuple[Field, bool] | None = None  # the open <select>, and whether it is multiple
        self.textarea: Field | None = None

    def handle_starttag(self, tag, attrs_list):
        attrs = {name: value or "" for name, value in attrs_list}
        if tag == "form":
            post = attrs.get("hx-post")
            method = "post" if post or attrs.get("method", "").lower() == "post" else "get"
            action = post or attrs.get("hx-get") or attrs.get("action") or self.page_url
            self.current = Form(action=action, method=method, htmx=bool(post or attrs.get("hx-get")))
            self.forms.append(self.current)
            if attrs.get("id"):
                self.by_id[attrs["id"]] = self.current
        elif tag == "option" and self.select:
            self._option(attrs)
        elif tag in ("input", "select", "textarea", "button") and attrs.get("name"):
            if attrs.get("form") and attrs["form"] not in self.by_id:
                self.later.append((tag, attrs))
            else:
                self._field(tag, attrs)

    def _option(self, attrs: dict) -> None:
        select, multiple = self.select
        value = attrs.get("value", "")
        select.options.append(value)
        if "selected" in attrs:
            if not multiple and len(select.defaults) == 1 and select.defaults[0] == select.options[0]:
                select.defaults.clear()  # the first option was only the browser's default
            select.defaults.append(value)
        elif not multiple and not select.defaults:
            select.defaults.append(value)

    def _form_for(self, attrs: dict) -> Form | None:
        if attrs.get("form"):
            return self.by_id.get(attrs["form"])
        if self.current is None and attrs.get("hx-post"):
            self.forms.append(Form(action=attrs["hx-post"], method="post", htmx=True))
            return self.forms[-1]
        return self.current

    def _field(self, tag: str, attrs: dict) -> None:
        form = self._form_for(attrs)
        if form is None:
            return  # a filter outside any form, such as a search box driven by script
        name, kind = attrs["name"], attrs.get("type", "submit" if tag == "button" else "text").lower()
        if tag in ("select", "textarea"):
            form.add(name, tag)
            if tag == "select":
                self.select = (form.fields[name], "multiple" in attrs)
            else:
                self.textarea = form.fields[name]
        elif kind in ("submit", "image"):
            if "disabled" not in attrs:  # the first button is the one "clicked" in the baseline
                form.add(name, "submit", attrs.get("value", ""), selected=name not in form.fields)
        elif kind in ("checkbox", "radio"):
            form.add(name, kind, attrs.get("value", "on"), selected="checked" in attrs)
        elif kind == "file":
            form.add(name, "file")
        elif kind not in ("reset", "button"):
            form.add(name, kind, attrs.get("value", ""), selected=True)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.defaults = [data.removeprefix("\n")]

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def close(self):
        super().close()
        for tag, attrs in self.later:
            self._field(tag, attrs)


def forms_of(html: str, page_url: str) -> list[Form]:
    reader = FormReader(page_url)
    reader.feed(html)
    reader.close()
    for form in reader.forms:
        form.fields.pop("csrfmiddlewaretoken", None)
    return reader.forms


# --- the payloads ------------------------------------------------------------------------------------------


def _file(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def _baseline(form: Form) -> dict:
    """What a browser submits for the form as rendered (a person picks a radio button first)."""
    data = {}
    for name, found in form.fields.items():
        if found.kind == "file":
            data[name] = _file("plan.pdf", b"%PDF-1.4\n%%EOF\n")
        elif found.defaults:
            data[name] = list(found.defaults)
        elif found.kind == "radio" and found.options:
            data[name] = found.options[:1]
    return data


def _looks_numeric(name: str, found: Field) -> bool:
    if found.kind == "number" or any(hint in name.lower() for hint in NUMERIC_NAMES):
        return True
    try:
        return bool(found.defaults) and all(float(value) is not None for value in found.defaults if value)
    except ValueError:
        return False


def post_payloads(form: Form, baseline: dict) -> list[tuple[str, dict]]:
    """(what, data): one kind of junk per request, typed into every field a person types in or forced
    into every field at once; junk dates, unexpected fields and junk files; then one field at a time
    against the rendered form (`baseline`), the junk rotating over the fields."""
    fields = form.fields.items()
    every = lambda value: dict.fromkeys(form.fields, value)  # noqa: E731
    typed = [n for n, f in fields if f.kind not in ("hidden", "file", "submit") and not f.is_choice]
    # The other choice of every radio button and list, to reach the branches behind them
    other_choices = {n: f.options[-1:] for n, f in fields if f.kind in ("radio", "select") and len(f.options) > 1}
    payloads = [
        # What a person can type, in every field they can type in, the rest as rendered. First, while
        # the hidden fields (an answer's version) still hold what the page holds.
        *((f"{junk[:12]!r} typed in", baseline | dict.fromkeys(typed, junk)) for junk in (*NUMERIC_JUNK, *TEXT_JUNK)),
        *(
            (f"{junk[:12]!r} typed in, other choices", baseline | other_choices | dict.fromkeys(typed, junk))
            for junk in TEXT_JUNK
            if other_choices
        ),
        ("empty values", every("")),
        ("no fields", {}),
        # Tampering: junk in every field, the hidden ones and the choices too
        *((f"{junk[:12]!r} everywhere", every(junk)) for junk in TAMPERING_JUNK),
        ("duplicated fields", every(["1", "abc", ""])),
        ("unknown choices", baseline | {n: UNKNOWN_CHOICE for n, f in fields if f.is_choice or f.kind == "hidden"}),
        ("unknown ids", baseline | {name: "999999" for name, found in fields if found.is_choice}),
        ("half the fields missing", {name: value for i, (name, value) in enumerate(baseline.items()) if i % 2}),
    ]
    dates = [name for name, found in fields if found.kind in ("date", "datetime-local", "time") or "deadline" in name]
    payloads += [(f"{junk} in the date fields", baseline | dict.fromkeys(dates, junk)) for junk in DATE_JUNK if dates]
    payloads += [
        (f"unexpected fields {junk[:12]!r}", baseline | dict.fromkeys(EXTRA_NAMES, junk))
        for junk in ("²", LONG_DIGITS, "/\r\n\x00")
    ]
    files = [name for name, found in fields if found.kind == "file"]
    junk_files = [
        ("an empty file", lambda: _file("empty.pdf", b"")),
        ("a broken workbook", lambda: _file("book.xlsx", b"PK\x03\x04junk", "application/vnd.ms-excel")),
        ("broken JSON", lambda: _file("bank.json", b"{not json", "application/json")),
        ("a 300-character file name", lambda: _file("a" * 300 + ".pdf", b"%PDF-1.4\n")),
        ("an RTL file name with a NUL", lambda: _file(RTL + "\x00.pdf", b"%PDF-1.4\n")),
    ]
    payloads += [(what, baseline | {name: make() for name in files}) for what, make in junk_files if files]
    numeric_rotation = (*NUMERIC_JUNK, LONG_DIGITS, "", None)  # None: the field is left out
    for index, (name, found) in enumerate(fields):
        if found.kind in ("file", "submit"):
            continue
        rotation = numeric_rotation if _looks_numeric(name, found) else ("", None)
        junk = rotation[index % len(rotation)]
        if junk is None:
            payloads.append((f"only {name} missing", {k: v for k, v in baseline.items() if k != name}))
        else:
            payloads.append((f"only {name}={junk[:12]!r}", baseline | {name: junk}))
        if found.is_choice:
            payloads.append((f"only {name} an unknown choice", baseline | {name: UNKNOWN_CHOICE}))
    return payloads


# --- sending -----------------------------------------------------------------------------------------------


class Sweep:
    """Sends requests as a persona and collects the server errors."""

    def __init__(self, client, world):
        self.client = client
        self.world = world
        self.failures: list[str] = []
        self.requests = 0
        self.signed_in: int | None | str = UNKNOWN

    def _as(self, persona) -> None:
        """Signs the persona in unless the last request left them signed in: signing in before every
        request would double the sweep's time."""
        user = None if persona is ANONYMOUS else self.world.users[persona]
        wanted = user.pk if user else None
        if self.signed_in != wanted:
            if user is None:
                self.client.logout()
            else:
                self.client.force_login(user)
            self.signed_in = wanted

    def _send(self, send, *args, **kwargs):
        """One request in a savepoint, rolled back after a server error: a database error (PostgreSQL
        refusing a NUL) would otherwise break the test's transaction and end the sweep there."""
        savepoint = transaction.savepoint()
        response = send(*args, **kwargs)
        if response.status_code >= 500:
            transaction.set_rollback(False)  # a view's atomic block may have flagged the whole transaction,
            transaction.savepoint_rollback(savepoint)  # but the savepoint is a known good state
        else:
            transaction.savepoint_commit(savepoint)
        return response

    def _check(self, response, persona, method: str, url: str, what: str) -> None:
        self.requests += 1
        # A logout, or a password set on the welcome page, changes who is signed in. (No user on the
        # request: it was refused before the session was read, and nothing changed.)
        user = getattr(getattr(response, "wsgi_request", None), "user", None)
        if user is not None:
            self.signed_in = user.pk
        if response.status_code >= 500:
            exc = getattr(response, "exc_info", None)
            cause = f"{exc[0].__name__}: {str(exc[1])[:200]}" if exc else "no exception"
            self.failures.append(f"{method} {url[:120]} as {persona or 'anonymous'} [{what}] -> 500 ({cause})")
        if getattr(response, "streaming", False):
            # Reading a file to its end lets the test client close it. (response.close() would also
            # send request_finished, which closes the database connection of the test's transaction.)
            b"".join(response.streaming_content)

    def get(self, persona, url: str, what: str, query: dict | None = None, htmx: bool = False):
        self._as(persona)
        response = self._send(self.client.get, url, query or {}, headers={"HX-Request": "true"} if htmx else {})
        self._check(response, persona, "GET", url, what)
        return response

    def post(self, persona, url: str, what: str, data: dict, htmx: bool = False):
        self._as(persona)
        for value in data.values():
            if hasattr(value, "seek"):
                value.seek(0)  # the payloads share the baseline's file, read to its end by the last request
        response = self._send(self.client.post, url, data, headers={"HX-Request": "true"} if htmx else {})
        self._check(response, persona, "POST", url, f"{what}; fields {sorted(data)[:6]}")
        return response

    def post_broken_body(self, persona, url: str) -> None:
        """A body that is neither valid UTF-8 nor valid percent-encoding."""
        self._as(persona)
        body = b"a=%ff%fe%&&=&%zz=\xff\xfe\x00&weight=%E2%82"
        response = self._send(self.client.post, url, body, content_type="application/x-www-form-urlencoded")
        self._check(response, persona, "POST", url, "a broken body")


# --- the sweep of one URL ----------------------------------------------------------------------------------


def _personas(case) -> list[str | None]:
    if case.public:
        return [ANONYMOUS, "vendor", "procurement"]
    return [persona for persona in PERSONAS if persona in case.allowed]


def _view_name(path: str) -> str | None:
    try:
        return resolve(urlsplit(path).path).view_name
    except Resolver404:
        return None


def _extra_pages(url_name: str, url: str, world) -> list[str]:
    """Pages whose forms appear only with a query string or a valid token."""
    if url_name == "vendors:issue_addendum":
        return [f"{url}?question={world.questions[0].pk}", f"{url}?section={world.sections[0].pk}"]
    if url_name == "scoring:moderation":
        return [f"{url}?show=all"]
    if url_name in ("vendors:section", "scoring:section"):
        ref = world.rfp.reference
        return [reverse(url_name, kwargs={"ref": ref, "section_id": section.pk}) for section in world.sections[1:]]
    if url_name == "vendors:welcome":
        user = world.users["vendor"]
        uidb64, token = urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
        return [reverse("vendors:welcome", kwargs={"uidb64": uidb64, "token": token})]
    return []


def _page_forms(response, url: str) -> list[Form]:
    html = response.status_code == 200 and "text/html" in response.get("Content-Type", "")
    if not html or getattr(response, "streaming", False):
        return []
    return forms_of(response.content.decode("utf-8", "replace"), url)


def _sweep_gets(sweep: Sweep, persona, url: str, world, url_name: str, share: tuple[int, int]) -> list[tuple]:
    """Junk query strings on the page; returns (page, form) for the forms it renders. `share` is this
    persona's index among the page's personas and their number: the kinds of junk are shared out."""
    first = sweep.get(persona, url, "no query")
    found = [(url, form) for form in _page_forms(first, url)]
    filters = {name for _page, form in found if form.method == "get" for name in form.fields}
    index, personas = share
    named, *kinds = QUERY_JUNK
    download = "text/html" not in first.get("Content-Type", "")  # a PDF or a workbook is slow to build
    for label, query in [named] if download else [named, *kinds[index::personas]]:
        junk = query["s"]
        extra = dict.fromkeys(filters, junk) | {f"w_{section.pk}": junk for section in world.sections}
        sweep.get(persona, url, f"query {label}", extra | query)
    if not download:
        sweep.get(persona, url, "htmx", htmx=True)
        sweep.get(persona, url, "htmx with named junk", NAMED_JUNK, htmx=True)
    for page in _extra_pages(url_name, url, world):
        response = sweep.get(persona, page, "a page with more forms")
        if response.status_code == 302 and response.url.startswith("/"):
            page = response.url  # the welcome link keeps its token in the session and redirects
            response = sweep.get(persona, page, "a page with more forms")
        found += [(page, form) for form in _page_forms(response, page)]
    return found


def _sweep_path(sweep: Sweep, case, world, persona) -> None:
    """The text parts of the URL itself tampered with (numbers are held off by the int converter)."""
    kwargs = case.kwargs(world)
    for name, value in kwargs.items():
        if not isinstance(value, str):
            continue
        for junk in PATH_JUNK:
            try:
                url = reverse(case.url_name, kwargs=kwargs | {name: junk})
            except NoReverseMatch:
                continue
            if "get" in case.methods:
                sweep.get(persona, url, f"{name}={junk[:12]!r} in the path")
            else:
                sweep.post(persona, url, f"{name}={junk[:12]!r} in the path", {})


def _case_form(case, world, url: str) -> Form:
    """The fields a POST URL expects, from its case's data, when no page shows its form."""
    form = Form(action=url, method="post", htmx=False)
    for name, value in case.data(world).items():
        if hasattr(value, "read"):
            form.add(name, "file")
        else:
            for one in value if isinstance(value, list) else [value]:
                form.add(name, "text", str(one), selected=True)
    return form


def _every_question_type(world) -> None:
    """The world's questionnaire has only percentages and long texts: one question of each other type
    joins its first section (one of them optional, for "not applicable"), so that every kind of answer
    field is swept."""
    section = world.sections[0]
    choices = {
        QuestionType.YES_NO: [{"label": "Yes", "points": 5}, {"label": "No", "points": 0}],
        QuestionType.SINGLE_CHOICE: [{"label": f"Option {i}", "points": i} for i in range(3)],
        QuestionType.MULTI_CHOICE: [{"label": f"Lever {i}", "points": 1} for i in range(3)],
    }
    for kind in QuestionType:
        if kind not in (QuestionType.PERCENTAGE, QuestionType.LONG_TEXT):
            QuestionFactory(
                section=section, type=kind, choices=choices.get(kind, []), rubric=None, required=kind != "number"
            )


def _far_from_utc(world) -> None:
    """Time zones at both ends of the world, where a date near the limits leaves the calendar in UTC."""
    for persona, zone in (("procurement", "Pacific/Kiritimati"), ("vendor", "Pacific/Pago_Pago")):
        world.users[persona].timezone = zone
        world.users[persona].save(update_fields=["timezone"])


def _posts_to(form: Form, page: str) -> str | None:
    return _view_name(form.action if form.action.startswith("/") else page) if form.method == "post" else None


OOB_INPUT = re.compile(r"<input\b[^>]*\bhx-swap-oob\b[^>]*>")


def _swapped_in(response) -> dict:
    """Inputs an htmx answer swaps into the page out of band, as the new version of an autosaved
    answer: the browser sends their new values with the next request."""
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return {}
    values = {}
    for tag in OOB_INPUT.findall(response.content.decode("utf-8", "replace")):
        name, value = re.search(r'\bname="([^"]*)"', tag), re.search(r'\bvalue="([^"]*)"', tag)
        if name and value:
            values[html.unescape(name[1])] = [html.unescape(value[1])]
    return values


def _sweep_form(sweep: Sweep, persona, action: str, form: Form) -> None:
    """Every payload to the form's action, in order, as the persona."""
    baseline, swapped = _baseline(form), {}
    for what, data in post_payloads(form, baseline):
        # Values left as rendered follow what htmx swapped into the page since; junk stays junk
        data = {
            name: swapped.get(name, value) if value is baseline.get(name) else value for name, value in data.items()
        }
        response = sweep.post(persona, action, what, data, htmx=form.htmx)
        if form.htmx:
            swapped |= _swapped_in(response)


@pytest.mark.parametrize("url_name", sorted(CASES))
def test_no_hostile_input_gives_a_server_error(url_name, world, client):
    client.raise_request_exception = False
    case = CASES[url_name]
    if case.prepare:
        case.prepare(world)
    url = reverse(url_name, kwargs=case.kwargs(world))
    _every_question_type(world)
    _far_from_utc(world)
    sweep = Sweep(client, world)
    personas = _personas(case)
    _sweep_path(sweep, case, world, personas[0])
    swept = set()
    for index, persona in enumerate(personas):
        targets = (
            _sweep_gets(sweep, persona, url, world, url_name, (index, len(personas))) if "get" in case.methods else []
        )
        if "post" in case.methods and not any(_posts_to(form, page) == url_name for page, form in targets):
            targets.append((url, _case_form(case, world, url)))
        for page, form in targets:
            view = _posts_to(form, page)
            if view is None or (view != url_name and (view in PAGE_CHROME or not form.fields)):
                continue  # a GET filter, or a bare button (publish, archive...) swept under its own case
            if (view, frozenset(form.fields), form.htmx) in swept:
                continue  # the first persona who sees a form sweeps it
            swept.add((view, frozenset(form.fields), form.htmx))
            action = form.action if form.action.startswith("/") else page
            _sweep_form(sweep, persona, action, form)
            if form.htmx:  # the same form without JavaScript
                sweep.post(persona, action, "empty values, without htmx", dict.fromkeys(form.fields, ""))
            sweep.post_broken_body(persona, action)
    assert sweep.requests, f"{url_name}: nothing was sent"
    assert not sweep.failures, f"{len(sweep.failures)} server errors on {url_name}:\n" + "\n".join(sweep.failures)


# --- the sweep's own parts, and the fixes it led to ---------------------------------------------------------


def test_the_form_reader_finds_fields_as_a_browser_would_submit_them():
    page = """
    <form method="post" action="/x/" id="f"><input type="hidden" name="csrfmiddlewaretoken" value="t">
      <input name="title" value="Plan"><textarea name="notes">
Keep</textarea>
      <select name="kind"><option value="a">A</option><option value="b" selected>B</option></select>
      <input type="radio" name="mode" value="on-site"><input type="radio" name="mode" value="remote">
      <input type="checkbox" name="tags" value="1" checked><input type="checkbox" name="tags" value="2">
      <button name="action" value="save">Save</button><button name="action" value="publish">Publish</button>
    </form>
    <input type="checkbox" name="override" form="f">
    <input type="number" name="weight" value="40" hx-post="/w/">
    <form method="get"><input name="q"></form>
    """
    apply_form, weight_form, search = forms_of(page, "/page/")
    assert (apply_form.action, apply_form.method, weight_form.action, weight_form.htmx) == ("/x/", "post", "/w/", True)
    assert search.method == "get" and list(search.fields) == ["q"]
    assert _baseline(apply_form) == {
        "title": ["Plan"],
        "notes": ["Keep"],
        "kind": ["b"],
        "mode": ["on-site"],
        "tags": ["1"],
        "action": ["save"],
    }
    assert sorted(apply_form.fields) == ["action", "kind", "mode", "notes", "override", "tags", "title"]
    assert _looks_numeric("weight", weight_form.fields["weight"])


def test_an_id_is_read_only_from_plain_digits_that_fit_a_database_key():
    assert id_from("42") == 42
    assert [id_from(text) for text in ("", None, "-1", "4a", "²", "１２", "9" * 19, "9" * 10_000)] == [None] * 8


def test_a_nul_in_the_address_is_a_bad_request_not_a_database_error(world, client):
    client.force_login(world.users["procurement"])
    assert client.get("/rfps/%00/").status_code == 400
    assert client.get(reverse("sourcing:create"), {"rfp": "\x00"}).status_code == 400
    assert client.get(reverse("rfp:list"), {"q": "ok"}).status_code == 200


def test_acknowledging_addenda_with_a_next_that_is_not_a_path_goes_back_to_the_rfp(world, client):
    client.force_login(world.users["vendor"])
    url = reverse("vendors:acknowledge_addenda", kwargs={"ref": world.rfp.reference})
    for target in ("overview", "²", "https://evil.example/", "//evil.example"):
        response = client.post(url, {"next": target})
        assert response.url == reverse("vendors:rfp", kwargs={"ref": world.rfp.reference})


def test_a_figure_whose_label_has_a_percent_sign_explains_itself(paula):
    data = {"title": "Make or buy", "currency": "EUR", "attrition_rate": "NaN", "simple_share": "-5"}
    form = AssessmentForm(data, user=paula)
    assert not form.is_valid()
    assert form.errors["attrition_rate"] == ["Agent attrition a year (%) must be a number, such as 38000."]
    assert form.errors["simple_share"] == ["Simple contacts (%) cannot be negative."]


# --- a questionnaire file tampered with --------------------------------------------------------------------

DOCUMENT_JUNK = ("abc", -5, 1e308, float("nan"), None, [], {}, True, "\x00", LONG_TEXT, 10**30, "²", "", [None])


def _key_paths(value, path=()) -> set[tuple]:
    """Every key of the document, with "*" for any item of a list: ("sections", "*", "weight")."""
    if isinstance(value, dict):
        return {path + (key,) for key in value} | {
            p for key, item in value.items() for p in _key_paths(item, path + (key,))
        }
    if isinstance(value, list):
        return {p for item in value for p in _key_paths(item, path + ("*",))}
    return set()


def _replaced(value, path: tuple, junk):
    """A copy of `value` with `junk` at every place `path` matches."""
    if not path:
        return junk
    head, rest = path[0], path[1:]
    if head == "*" and isinstance(value, list):
        return [_replaced(item, rest, junk) for item in value]
    if isinstance(value, dict) and head in value:
        return value | {head: _replaced(value[head], rest, junk)}
    return value


def _every_leaf(value, junk):
    if isinstance(value, dict):
        return {key: _every_leaf(item, junk) for key, item in value.items()}
    if isinstance(value, list):
        return [_every_leaf(item, junk) for item in value]
    return junk


def test_a_tampered_questionnaire_file_is_refused_without_a_server_error(world, client):
    """The exported JSON of an RFP, each key in turn given a value of the wrong kind (the junk rotates
    over the keys), then every value at once given each kind of junk, uploaded on the import page."""
    client.raise_request_exception = False
    client.force_login(world.users["procurement"])
    exported = client.get(reverse("rfp:export_questionnaire", kwargs={"ref": world.rfp.reference, "fmt": "json"}))
    document = json.loads(exported.content)
    tampered = [
        ("/".join(map(str, path)), _replaced(document, path, DOCUMENT_JUNK[index % len(DOCUMENT_JUNK)]))
        for index, path in enumerate(sorted(_key_paths(document)))
    ]
    tampered += [(f"every value {junk!r:.12}", _every_leaf(document, junk)) for junk in DOCUMENT_JUNK]
    tampered += [("not an object", ["a list"]), ("no sections", document | {"sections": [{}] * 3})]
    failures, refused = [], 0

    def upload(content):
        file = _file("questionnaire.json", json.dumps(content).encode(), "application/json")
        return client.post(reverse("rfp:import_questionnaire"), {"file": file, "title": "", "deadline": ""})

    assert upload(document).status_code == 302  # untouched, it imports
    for what, content in tampered:
        response = upload(content)
        refused += response.status_code == 200
        if response.status_code >= 500:
            exc = response.exc_info
            failures.append(f"{what}: {exc[0].__name__}: {str(exc[1])[:200]}")
    assert not failures, "\n".join(failures)
    assert refused > 40  # most of it is refused, with the problems listed on the page


def test_a_number_too_large_for_a_float_is_refused_with_a_message(world):
    question = QuestionFactory(section=world.sections[0], type=QuestionType.NUMBER, rubric=None)
    with pytest.raises(ValidationError, match="This number is too large."):
        clean_answer(question, "1e309")
    assert clean_answer(question, "1e308") == (AnswerState.ANSWERED, 1e308)


def test_a_nul_in_an_answer_or_its_comment_is_refused_and_nothing_is_saved(world, client):
    question = world.questions[1]
    client.force_login(world.users["vendor"])
    url = reverse("vendors:save_answer", kwargs={"ref": world.rfp.reference, "question_id": question.pk})
    for answer, comment in (("Weekly\x00 calls", ""), ("Weekly calls", "See\x00 annex")):
        data = {f"answer-{question.pk}": answer, "comment": comment, "version": "0"}
        response = client.post(url, data, headers={"HX-Request": "true"})
        assert "Null characters are not allowed." in response.content.decode()
    assert not Answer.objects.filter(question=question).exists()


def test_a_nul_in_a_conflict_note_is_refused_and_nothing_is_declared(world, client):
    prepare_evaluation(world, declare=False)
    client.force_login(world.users["evaluator"])
    vendor = world.vendors["vendor"]
    url = reverse("scoring:conflicts", kwargs={"ref": world.rfp.reference})
    response = client.post(url, {f"vendor_{vendor.pk}": "conflict", f"note_{vendor.pk}": "My\x00 brother"}, follow=True)
    assert "Null characters are not allowed." in response.content.decode()
    assert not ConflictDeclaration.objects.filter(rfp=world.rfp).exists()
