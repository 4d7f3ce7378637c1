"""The access matrix: which persona may reach which URL.

Every named URL of the project must have a Case, registered in a module called
`access_cases*.py` in a folder under tests/ (one or more per app). tests/access/test_access_matrix.py walks
the URL resolver and fails for any URL without one, so a new view cannot ship untested.

For each case, every persona of the world is tried: the allowed ones must get the status the case
expects (200 for a GET, a redirect for a POST, unless the case names another), the others must get
404 (never 403: nothing may leak that an object exists), and an anonymous visitor is sent to the
login page unless the URL is public.

What a page shows of a bid also depends on the state (seal, envelope, assignment, conflicts):
tests/access/test_bid_content.py walks those states for the pages that show bid content.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = ("procurement", "evaluator", "executive", "outsider", "vendor", "rival")
BUYER_TEAM = frozenset({"procurement", "evaluator", "executive"})
BUYERS = BUYER_TEAM | {"outsider"}
EVERYONE = frozenset(PERSONAS)
# A POST with an empty or invalid form comes back as the page with its errors, not a redirect.
FORM_ERRORS = {"post": 200}


@dataclass(frozen=True)
class Case:
    url_name: str
    kwargs: Callable = field(default=lambda world: {})
    allowed: frozenset = frozenset()
    methods: tuple = ("get",)
    public: bool = False
    # Puts the world in the state the URL needs (e.g. the RFP in evaluation); runs before requests.
    prepare: Callable | None = None
    data: Callable = field(default=lambda world: {})
    # The status an allowed persona gets, by method; unnamed: 200 for GET, 302 for POST.
    expect: dict = field(default_factory=dict)
    # An API route: anonymous callers get 401 (not the login page) and data goes as JSON.
    api: bool = False

    def expected_status(self, method: str) -> int:
        return self.expect.get(method, 200 if method == "get" else 302)


def rfp_ref(world) -> dict:
    return {"ref": world.rfp.reference}
