"""The score matrix recomputed from its own cells by an independent Excel formula engine (the
`formulas` package), so that the tests check the workbook as Excel would compute it, not as this
project believes Excel would."""

import io
import tempfile
from pathlib import Path

import formulas


class Evaluator:
    """Computes every formula of an openpyxl workbook once; `cell(sheet, ref)` reads a result."""

    def __init__(self, workbook):
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "matrix.xlsx"
            buffer = io.BytesIO()
            workbook.save(buffer)
            path.write_bytes(buffer.getvalue())
            model = formulas.ExcelModel().loads(str(path)).finish()
            self.solution = model.calculate()
        self.book = path.name.upper()

    def cell(self, sheet: str, ref: str):
        key = f"'[{self.book}]{sheet.upper()}'!{ref.replace('$', '').upper()}"
        found = next((value for name, value in self.solution.items() if name.upper() == key), None)
        assert found is not None, f"no cell {key} in the computed workbook"
        value = found.value[0][0]
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return float(value)
        return None if str(value) == "empty" else value
