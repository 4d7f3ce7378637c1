"""The sentence under each section's weight on the ranking page says what it takes to change the
winner, and reads as sense at the ends of the scale too (never "falls below 0.0%")."""

from types import SimpleNamespace

import pytest

from scoring.engine.sensitivity import WeightChange
from scoring.selectors.what_if import _change_sentence

LEADER = SimpleNamespace(label="Harbor")
SECTIONS = {7: SimpleNamespace(title="Pricing")}
ROWS = {9: SimpleNamespace(label="Vistula")}


@pytest.mark.parametrize(
    ("direction", "new_weight", "said"),
    [
        (-1, 12.34, "Harbor stays first unless the Pricing weight falls below 12.3% (then Vistula leads)."),
        (-1, 0.02, "Harbor stays first unless the Pricing section is left out (weight 0%) (then Vistula leads)."),
        (1, 61.0, "Harbor stays first unless the Pricing weight rises above 61.0% (then Vistula leads)."),
        (
            1,
            99.98,
            "Harbor stays first unless the Pricing section is the only one that counts (then Vistula leads).",
        ),
    ],
)
def test_the_weight_that_changes_the_winner_in_words(direction, new_weight, said):
    change = WeightChange(7, 30.0, new_weight - 30.0, direction, new_weight, 9)
    assert _change_sentence(LEADER, change, SECTIONS, ROWS) == said
