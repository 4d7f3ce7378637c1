from tests.access.matrix import Case

CASES = [
    Case("vendors:dashboard", allowed=frozenset({"vendor", "rival"})),
]
