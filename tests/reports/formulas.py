"""A small evaluator for the formulas the score matrix writes, so that the tests recompute the
workbook from its own cells, as Excel would: cell references (also on other sheets), ranges,
+ - * / and parentheses, and SUM, SUMPRODUCT, AVERAGE, MEDIAN, MIN, MAX with Excel's rules for
empty and text cells (ignored by the statistics, zero in SUMPRODUCT and in arithmetic)."""

import re
import statistics

from openpyxl.utils import range_boundaries

TOKEN = re.compile(
    r"\s*(?:(?P<ref>(?:'(?:[^']|'')+'|[A-Za-z0-9_]+)!\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?"
    r"|\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)"
    r"|(?P<func>[A-Z]+)\("
    r"|(?P<num>\d+(?:\.\d+)?)"
    r"|(?P<op>[-+*/(),]))"
)
FUNCTIONS = {"SUM", "SUMPRODUCT", "AVERAGE", "MEDIAN", "MIN", "MAX"}


class Evaluator:
    def __init__(self, workbook):
        self.workbook = workbook

    def cell(self, sheet: str, ref: str):
        value = self.workbook[sheet][ref.replace("$", "")].value
        if isinstance(value, str) and value.startswith("="):
            return self.formula(sheet, value)
        return value

    def formula(self, sheet: str, text: str):
        tokens = self._tokens(text[1:])
        parser = _Parser(tokens, self, sheet)
        value = parser.expression()
        assert parser.position == len(tokens), f"unparsed tail in {text!r}"
        return value

    @staticmethod
    def _tokens(text: str) -> list[tuple[str, str]]:
        tokens, position = [], 0
        while position < len(text):
            match = TOKEN.match(text, position)
            assert match and match.end() > position, f"cannot read {text[position:]!r}"
            kind = match.lastgroup
            tokens.append((kind, match.group(kind)))
            position = match.end()
        return tokens

    def values(self, sheet: str, reference: str) -> list:
        if "!" in reference:
            sheet, reference = reference.rsplit("!", 1)
            sheet = sheet[1:-1].replace("''", "'") if sheet.startswith("'") else sheet
        reference = reference.replace("$", "")
        if ":" not in reference:
            return [self.cell(sheet, reference)]
        min_col, min_row, max_col, max_row = range_boundaries(reference)
        return [
            self.cell(sheet, f"{_letters(col)}{row}")
            for row in range(min_row, max_row + 1)
            for col in range(min_col, max_col + 1)
        ]


def _letters(index: int) -> str:
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _numbers(values) -> list[float]:
    return [float(v) for v in values if isinstance(v, int | float) and not isinstance(v, bool)]


def _as_number(value) -> float:
    if isinstance(value, list):
        assert len(value) == 1, "a range used as a number"
        value = value[0]
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else 0.0


class _Parser:
    def __init__(self, tokens, evaluator: Evaluator, sheet: str):
        self.tokens, self.evaluator, self.sheet, self.position = tokens, evaluator, sheet, 0

    def peek(self):
        return self.tokens[self.position] if self.position < len(self.tokens) else (None, None)

    def take(self, expected: str | None = None):
        token = self.peek()
        assert expected is None or token[1] == expected, f"expected {expected}, got {token}"
        self.position += 1
        return token

    def expression(self):
        value = self.term()
        while self.peek()[1] in ("+", "-"):
            op = self.take()[1]
            right = self.term()
            value = _as_number(value) + _as_number(right) if op == "+" else _as_number(value) - _as_number(right)
        return value

    def term(self):
        value = self.factor()
        while self.peek()[1] in ("*", "/"):
            op = self.take()[1]
            right = self.factor()
            value = _as_number(value) * _as_number(right) if op == "*" else _as_number(value) / _as_number(right)
        return value

    def factor(self):
        kind, text = self.peek()
        if text == "-":
            self.take()
            return -_as_number(self.factor())
        if text == "(":
            self.take()
            value = self.expression()
            self.take(")")
            return value
        if kind == "num":
            self.take()
            return float(text)
        if kind == "ref":
            self.take()
            values = self.evaluator.values(self.sheet, text)
            return values if ":" in text else values[0]
        if kind == "func":
            self.take()
            return self.call(text)
        raise AssertionError(f"unexpected {text!r}")

    def call(self, name: str):
        assert name in FUNCTIONS, f"unknown function {name}"
        args = []
        if self.peek()[1] != ")":
            args.append(self.expression())
            while self.peek()[1] == ",":
                self.take()
                args.append(self.expression())
        self.take(")")
        flat = [v for a in args for v in (a if isinstance(a, list) else [a])]
        if name == "SUMPRODUCT":
            lists = [a if isinstance(a, list) else [a] for a in args]
            assert len({len(x) for x in lists}) == 1, "SUMPRODUCT ranges differ in size"
            total = 0.0
            for items in zip(*lists, strict=True):
                product = 1.0
                for item in items:
                    product *= _as_number(item)
                total += product
            return total
        numbers = _numbers(flat)
        if name == "SUM":
            return sum(numbers)
        if name == "AVERAGE":
            return sum(numbers) / len(numbers)
        if name == "MEDIAN":
            return statistics.median(numbers)
        return min(numbers) if name == "MIN" else max(numbers)
