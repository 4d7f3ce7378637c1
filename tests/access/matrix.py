"""The access matrix: which persona may reach which URL.

Every named URL of the project must have a Case, registered in a module called
`access_cases*.py` in a folder under tests/ (one or more per app). tests/access/test_access_matrix.py walks
the URL resolver and fails for any URL without one, so a new view cannot ship untested.

For each case, every persona of the world is tried: the allowed ones must not get 404 or 403 (nor
a 500), the others must get 404 (never 403: nothing may leak that an object exists), and an
anonymous visitor is sent to the login page unless the URL is public.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

PERSONAS = ("procurement", "evaluator", "executive", "outsider", "vendor", "rival")
BUYER_TEAM = frozenset({"procurement", "evaluator", "executive"})
BUYERS = BUYER_TEAM | {"outsider"}
EVERYONE = frozenset(PERSONAS)


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


def rfp_ref(world) -> dict:
    return {"ref": world.rfp.reference}
