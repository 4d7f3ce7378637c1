from tests.access.matrix import BUYERS, Case

CASES = [
    Case("rfp:list", allowed=BUYERS),
    Case("rfp:bank", allowed=frozenset({"procurement", "outsider"})),
]
