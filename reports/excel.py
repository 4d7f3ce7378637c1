"""The score matrix in Excel: what an auditor recomputes.

`ScoreMatrixExporter(rfp).generate()` returns (filename, content type, bytes). The workbook holds
a Summary sheet (one row per vendor, in rank order), one sheet per section (every answer with
each evaluator's raw score and comment, the consensus, the rule's points and the points that
count) and a Price sheet. A section's sheet is named by a short code, its place in the
questionnaire and its key ("S02 VMO"), since Excel cuts sheet names at 31 characters; its first row
holds the section's full title. Section scores, price scores, technical scores and totals are
Excel formulas over those cells, written so that they give the app's numbers: an auditor can
change a score and watch the total move. The formulas stay simple (cell arithmetic, SUM, SUMPRODUCT,
AVERAGE, MEDIAN, MIN, MAX) so that the tests evaluate them too.

Nothing a vendor (or anyone) typed can run as a formula: every text goes through
vendors.answer_values.excel_safe and is stored as a string. A vendor's text answer is also
isolated (config.text_rules.isolate: FSI ... PDI around it, which Excel's text engine honours) so
that a direction control in it cannot reorder the cell; the quote goes inside the isolate.
"""

import io
import re

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.worksheet import Worksheet

from config.spreadsheets import set_reading_direction
from reports.pdf import ReportError
from reports.selectors import AnswerDetail, Detail, answer_detail, answer_display, report_ranking
from rfp.models import RFP, Section
from scoring import engine
from scoring.selectors import FLAG_LABELS, Ranking, SectionColumn
from vendors.answer_values import excel_safe
from vendors.models import AnswerState

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FILL = PatternFill("solid", fgColor="14324A")
HEADER_FONT = Font(bold=True, color="FFFFFF")
RED_FILL = PatternFill("solid", fgColor="FDE8E6")
AMBER_FILL = PatternFill("solid", fgColor="FFF4E5")
MUTED_FONT = Font(italic=True, color="5B6B7D")
TITLE_FONT = Font(bold=True, size=14, color="14324A")
ONE_DECIMAL = "0.0"
SHEET_NAME_BAD = re.compile(r"[\[\]\*\?/\\:]")
SHEET_NAME_MAX = 31  # Excel's limit
HEADER_ROW = 4
EXCEL_AGGREGATES = {"mean": "AVERAGE", "median": "MEDIAN"}


def _text(value) -> str:
    """Any text as a string Excel will not run."""
    return excel_safe("" if value is None else str(value))


def section_code(position: int, key: str) -> str:
    """A section's sheet name: its place in the questionnaire and its key, "S02 VMO". Excel cuts
    sheet names at 31 characters, and most section titles are longer; the full title heads the
    sheet and the Summary's column instead."""
    code = f"S{position:02d}"
    key = SHEET_NAME_BAD.sub("-", key or "").strip().upper()
    return f"{code} {key}"[:SHEET_NAME_MAX].strip() if key else code


def _sheet_title(title: str, taken: set[str]) -> str:
    base = SHEET_NAME_BAD.sub(" ", title).strip()[:SHEET_NAME_MAX].strip() or "Section"
    name, n = base, 2
    while name.lower() in taken:
        suffix = f" {n}"
        name, n = base[: SHEET_NAME_MAX - len(suffix)].strip() + suffix, n + 1
    taken.add(name.lower())
    return name


def _ref(sheet: str, cell: str) -> str:
    return f"{quote_sheetname(sheet)}!{cell}"


def _header(ws: Worksheet, row: int, titles: list[str], widths: list[int]) -> None:
    for column, (title, width) in enumerate(zip(titles, widths, strict=True), start=1):
        cell = ws.cell(row=row, column=column, value=title)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
        cell.alignment = Alignment(wrap_text=True, vertical="bottom")
        ws.column_dimensions[get_column_letter(column)].width = width


def _title(ws: Worksheet, rfp: RFP, title: str, note: str) -> None:
    ws.cell(row=1, column=1, value=_text(f"{rfp.reference} · {title}")).font = TITLE_FONT
    ws.cell(row=2, column=1, value=_text(note)).font = MUTED_FONT


class ScoreMatrixExporter:
    """Builds the workbook from the same ranking and answer detail as the PDF report."""

    content_type = CONTENT_TYPE

    def __init__(self, rfp: RFP) -> None:
        self.rfp = rfp

    @property
    def filename(self) -> str:
        return f"{self.rfp.reference}-score-matrix.xlsx"

    STEPS = 3

    def generate(self, progress=None) -> tuple[str, str, bytes]:
        """The workbook. ``progress(step, steps, label)``, when given, is told where the work is."""
        tell = progress or (lambda step, steps, label: None)
        tell(0, self.STEPS, _("Reading the scores and the answers"))
        ranking = report_ranking(self.rfp)
        if ranking.error:
            raise ReportError(_("The ranking cannot be computed: %(error)s") % {"error": ranking.error})
        detail = answer_detail(ranking)
        tell(1, self.STEPS, _("Writing a sheet per section"))
        workbook = self.workbook(ranking, detail)
        tell(2, self.STEPS, _("Saving the workbook"))
        buffer = io.BytesIO()
        workbook.save(buffer)
        return self.filename, self.content_type, buffer.getvalue()

    def workbook(self, ranking: Ranking, detail: Detail) -> Workbook:
        workbook = Workbook()
        summary = workbook.active
        summary.title = _sheet_title(_("Summary"), set())
        taken = {summary.title.lower()}
        score_cells: dict[int, dict[int, str]] = {}  # section id -> vendor id -> cell reference
        keys = dict(Section.objects.filter(rfp=self.rfp).values_list("id", "key"))
        for position, section in enumerate(ranking.sections, start=1):
            ws = workbook.create_sheet(_sheet_title(section_code(position, keys.get(section.id, "")), taken))
            if section.is_price:
                score_cells[section.id] = self._price_sheet(ws, ranking, detail, section)
            else:
                score_cells[section.id] = self._section_sheet(ws, ranking, detail, section)
        self._summary(summary, ranking, score_cells)
        set_reading_direction(workbook)
        return workbook

    # --- one technical section -----------------------------------------------------------------

    def _section_sheet(self, ws: Worksheet, ranking: Ranking, detail: Detail, section: SectionColumn) -> dict:
        questions = [q for q in detail.questions if q.section_id == section.id]
        evaluators = self._evaluators(detail, ranking, questions)
        method = ranking.settings.aggregate if ranking.settings else "mean"
        aggregate = EXCEL_AGGREGATES[method]
        _title(
            ws,
            self.rfp,
            section.title,
            _(
                "Weight %(weight)s of 100. Points (0-5) count as: the consensus if set, else the rule's points, else "
                "the %(aggregate)s of the evaluators; blank answers count 0; N/A and unscored answers do not count. "
                "Section score = SUMPRODUCT(question weight, points, counts) / SUMPRODUCT(question weight, counts) "
                "x 20."
            )
            % {"weight": f"{section.weight:g}", "aggregate": method},
        )
        titles = [_("Vendor"), _("Question"), _("Question text"), _("Question weight"), _("Answer"), _("State")]
        widths = [24, 14, 48, 10, 48, 12]
        for name in evaluators.values():
            titles += [_text(f"{name}: {_('points')}"), _text(f"{name}: {_('comment')}")]
            widths += [10, 36]
        titles += [
            _("Consensus"),
            _("Consensus reason"),
            _("Rule points"),
            _("Knockout"),
            _("Points that count"),
            _("Counts (1/0)"),
            _("Section score"),
        ]
        widths += [11, 30, 10, 12, 11, 10, 12]
        _header(ws, HEADER_ROW, titles, widths)
        base = 7 + 2 * len(evaluators)
        col = {
            "consensus": base,
            "reason": base + 1,
            "rule": base + 2,
            "knockout": base + 3,
            "points": base + 4,
            "counts": base + 5,
            "score": base + 6,
        }
        letter = {key: get_column_letter(value) for key, value in col.items()}
        evaluator_columns = {eid: 7 + 2 * i for i, eid in enumerate(evaluators)}
        cells: dict[int, str] = {}
        row = HEADER_ROW + 1
        for ranked in ranking.rows:
            vendor_id = ranked.result.vendor_id
            first = row
            for question in questions:
                answer = detail.answers.get((vendor_id, question.id))
                if answer is None:
                    continue
                self._answer_row(ws, row, ranked.label, answer, evaluator_columns, col, letter, aggregate)
                row += 1
            last = row - 1
            if last < first:
                continue
            cell = ws.cell(row=first, column=col["score"])
            if ranked.cells[ranking.sections.index(section)] is None:
                cell.value = None  # nothing counts yet: no score, as in the ranking
            else:
                d, p, c = "D", letter["points"], letter["counts"]
                cell.value = (
                    f"=SUMPRODUCT({d}{first}:{d}{last},{p}{first}:{p}{last},{c}{first}:{c}{last})"
                    f"/SUMPRODUCT({d}{first}:{d}{last},{c}{first}:{c}{last})*20"
                )
                cell.number_format = ONE_DECIMAL
                cell.font = Font(bold=True)
                cells[vendor_id] = _ref(ws.title, f"${letter['score']}${first}")
        self._finish(ws, row - 1, len(titles), freeze="D")
        if row > HEADER_ROW + 1:
            points_range = f"{letter['points']}{HEADER_ROW + 1}:{letter['points']}{row - 1}"
            ws.conditional_formatting.add(
                points_range, CellIsRule(operator="lessThanOrEqual", formula=["2"], fill=RED_FILL)
            )
            ws.conditional_formatting.add(
                f"F{HEADER_ROW + 1}:F{row - 1}", CellIsRule(operator="equal", formula=['"blank"'], fill=AMBER_FILL)
            )
            knockout_range = f"{letter['knockout']}{HEADER_ROW + 1}:{letter['knockout']}{row - 1}"
            ws.conditional_formatting.add(
                knockout_range, CellIsRule(operator="equal", formula=[f'"{_("failed")}"'], fill=RED_FILL)
            )
        return cells

    def _evaluators(self, detail: Detail, ranking: Ranking, questions) -> dict[int, str]:
        ids = {q.id for q in questions}
        found: dict[int, str] = {}
        for (_vendor_id, question_id), answer in detail.answers.items():
            if question_id in ids:
                for mark in answer.marks:
                    found.setdefault(mark.evaluator_id, mark.name)
        return dict(sorted(found.items(), key=lambda item: item[1].casefold()))

    def _answer_row(self, ws, row, vendor, answer: AnswerDetail, evaluator_columns, col, letter, aggregate) -> None:
        q = answer.question
        ws.cell(row=row, column=1, value=_text(vendor))
        ws.cell(row=row, column=2, value=_text(q.key))
        ws.cell(row=row, column=3, value=_text(q.text))
        ws.cell(row=row, column=4, value=q.weight)
        shown = answer_display(q, answer.state, answer.value, escape=excel_safe)
        ws.cell(row=row, column=5, value=_text(shown)).alignment = Alignment(wrap_text=False)
        ws.cell(row=row, column=6, value=_text(answer.state))
        marked = []
        for mark in answer.marks:
            column = evaluator_columns[mark.evaluator_id]
            ws.cell(row=row, column=column, value=mark.points)
            ws.cell(row=row, column=column + 1, value=_text(mark.comment))
            marked.append(f"{get_column_letter(column)}{row}")
        if answer.consensus is not None:
            ws.cell(row=row, column=col["consensus"], value=answer.consensus[0])
            ws.cell(row=row, column=col["reason"], value=_text(answer.consensus[1]))
        outcome = answer.outcome
        if outcome is not None and outcome.source == "auto":
            ws.cell(row=row, column=col["rule"], value=outcome.points)
        if q.knockout:
            ws.cell(row=row, column=col["knockout"], value=_("failed") if answer.knockout_failed else _("met"))
        points = ws.cell(row=row, column=col["points"])
        points.value = self._points_formula(answer, marked, col, letter, row, aggregate)
        points.number_format = "0.00"
        ws.cell(row=row, column=col["counts"], value=1 if answer.counts else 0)

    @staticmethod
    def _points_formula(answer: AnswerDetail, marked: list[str], col, letter, row: int, aggregate: str):
        """The points that count, as the engine takes them: consensus, rule, evaluators."""
        outcome = answer.outcome
        if not answer.counts or outcome is None:
            return None
        if outcome.source == "consensus":
            return f"={letter['consensus']}{row}"
        if outcome.source == "auto":
            return f"={letter['rule']}{row}"
        if outcome.source == "evaluators" and marked:
            return f"={aggregate}({','.join(marked)})"
        return outcome.points  # a blank answer: 0

    # --- price ---------------------------------------------------------------------------------

    def _price_sheet(self, ws: Worksheet, ranking: Ranking, detail: Detail, section: SectionColumn) -> dict:
        settings = ranking.settings
        lower = not settings or settings.price_direction == engine.LOWER_IS_BETTER
        _title(
            ws,
            self.rfp,
            section.title,
            _(
                "Weight %(weight)s of 100. Price score = lowest price in the pool / this price x 100 (capped at 100). "
                "The pool holds the valid prices of the vendors that are not knocked out; an invalid price scores 0."
            )
            % {"weight": f"{section.weight:g}"}
            if lower
            else _("Weight %(weight)s of 100. Price score = this value / the highest value in the pool x 100.")
            % {"weight": f"{section.weight:g}"},
        )
        _header(
            ws,
            HEADER_ROW,
            [_("Vendor"), _("Price as entered"), _("Price in the pool"), _("Price score"), _("Flags")],
            [28, 18, 18, 12, 40],
        )
        if ranking.price_sealed:
            ws.cell(row=HEADER_ROW + 1, column=1, value=_("The price envelope is sealed.")).font = MUTED_FONT
            return {}
        price_question = next((q for q in detail.questions if q.is_price), None)
        rows = []
        for ranked in ranking.rows:
            answer = detail.answers.get((ranked.result.vendor_id, price_question.id)) if price_question else None
            price = _number(answer.value) if answer and answer.state == AnswerState.ANSWERED else None
            rows.append((ranked, price))
        valid = [(r, p) for r, p in rows if p is not None and p > 0]
        pool = [
            r.result.vendor_id
            for r, p in valid
            if not r.result.knocked_out and engine.FLAG_BELOW_PASS_MARK not in r.result.flags
        ]
        if not pool:
            pool = [r.result.vendor_id for r, p in valid if engine.FLAG_BELOW_PASS_MARK not in r.result.flags]
        first, last = HEADER_ROW + 1, HEADER_ROW + len(rows)
        pool_range = f"$C${first}:$C${last}"
        cells = {}
        for offset, (ranked, price) in enumerate(rows):
            row = first + offset
            vendor_id = ranked.result.vendor_id
            ws.cell(row=row, column=1, value=_text(ranked.label))
            ws.cell(row=row, column=2, value=price).number_format = "#,##0"
            if vendor_id in pool:
                ws.cell(row=row, column=3, value=price).number_format = "#,##0"
            score = ws.cell(row=row, column=4)
            if ranked.result.price_score is None:
                score.value = None
            elif price is None or price <= 0:
                score.value = 0
            elif lower:
                score.value = f"=MIN(1,MIN({pool_range})/B{row})*100"
            else:
                score.value = f"=MIN(1,B{row}/MAX({pool_range}))*100"
            score.number_format = ONE_DECIMAL
            ws.cell(row=row, column=5, value=_text(", ".join(_flag_names(ranked.result.flags))))
            if score.value is not None:
                cells[vendor_id] = _ref(ws.title, f"$D${row}")
        self._finish(ws, last, 5, freeze="B")
        ws.conditional_formatting.add(f"E{first}:E{last}", FormulaRule(formula=[f"LEN(E{first})>0"], fill=AMBER_FILL))
        return cells

    # --- summary -------------------------------------------------------------------------------

    def _summary(self, ws: Worksheet, ranking: Ranking, score_cells: dict[int, dict[int, str]]) -> None:
        _title(
            ws,
            self.rfp,
            _("Score matrix"),
            _(
                "Generated %(when)s. Section scores come from the section sheets; Technical and Total are formulas: "
                "the weighted mean of the section scores with a value (weights in row %(row)s)."
            )
            % {"when": timezone.localtime().strftime("%Y-%m-%d %H:%M"), "row": HEADER_ROW},
        )
        sections = ranking.sections
        first_col = 5
        titles = [_("Rank"), _("Vendor"), _("Status"), _("Flags")] + [_text(s.title) for s in sections]
        titles += [_("Technical"), _("Total")]
        widths = [7, 30, 30, 34] + [14] * len(sections) + [12, 12]
        # Weights sit above the header, out of the filtered and sortable rows.
        weight_row, kind_row, header_row = HEADER_ROW, HEADER_ROW + 1, HEADER_ROW + 2
        _header(ws, header_row, titles, widths)
        ws.cell(row=weight_row, column=2, value=_("Weight")).font = Font(bold=True)
        ws.cell(row=kind_row, column=2, value=_("Technical section (1/0)")).font = MUTED_FONT
        for i, section in enumerate(sections):
            ws.cell(row=weight_row, column=first_col + i, value=section.weight)
            ws.cell(row=kind_row, column=first_col + i, value=0 if section.is_price else 1)
        last_col = first_col + len(sections) - 1
        technical_col, total_col = last_col + 1, last_col + 2
        a, b = get_column_letter(first_col), get_column_letter(last_col)
        row = header_row + 1
        first_vendor_row = row
        for ranked in ranking.rows:
            result = ranked.result
            ws.cell(row=row, column=1, value=result.rank)
            ws.cell(row=row, column=2, value=_text(ranked.label)).font = Font(bold=True)
            ws.cell(row=row, column=3, value=_text(self._status(result)))
            ws.cell(row=row, column=4, value=_text(", ".join(_flag_names(result.flags))))
            present, technical_present = [], []
            for i, section in enumerate(sections):
                column = first_col + i
                reference = score_cells.get(section.id, {}).get(result.vendor_id)
                if reference is None or ranked.cells[i] is None:
                    continue
                cell = ws.cell(row=row, column=column, value=f"={reference}")
                cell.number_format = ONE_DECIMAL
                present.append(get_column_letter(column))
                if not section.is_price:
                    technical_present.append(get_column_letter(column))
            weights = f"${a}${weight_row}:${b}${weight_row}"
            kinds = f"${a}${kind_row}:${b}${kind_row}"
            scores = f"{a}{row}:{b}{row}"
            if technical_present and result.technical is not None:
                denominator = "+".join(f"{c}${weight_row}" for c in technical_present)
                cell = ws.cell(
                    row=row, column=technical_col, value=f"=SUMPRODUCT({weights},{kinds},{scores})/({denominator})"
                )
                cell.number_format = ONE_DECIMAL
            if present and result.total is not None:
                denominator = "+".join(f"{c}${weight_row}" for c in present)
                cell = ws.cell(row=row, column=total_col, value=f"=SUMPRODUCT({weights},{scores})/({denominator})")
                cell.number_format = ONE_DECIMAL
                cell.font = Font(bold=True)
            row += 1
        last_vendor_row = row - 1
        self._finish(ws, last_vendor_row, total_col, freeze="C", header_row=header_row)
        if last_vendor_row >= first_vendor_row:
            span = f"A{first_vendor_row}:{get_column_letter(total_col)}{last_vendor_row}"
            ws.conditional_formatting.add(
                span,
                FormulaRule(
                    formula=[f'LEFT($C{first_vendor_row},{len(_("Knocked out"))})="{_("Knocked out")}"'], fill=RED_FILL
                ),
            )
            ws.conditional_formatting.add(
                f"D{first_vendor_row}:D{last_vendor_row}",
                FormulaRule(formula=[f"LEN(D{first_vendor_row})>0"], fill=AMBER_FILL),
            )
        if ranking.provisional:
            ws.cell(
                row=row + 1, column=2, value=_("Provisional: some answers still wait for a score.")
            ).font = MUTED_FONT

    @staticmethod
    def _status(result) -> str:
        if result.knocked_out:
            return _("Knocked out") + ": " + "; ".join(result.knockout_reasons)
        if result.excluded:
            return _("Excluded")
        return _("Valid")

    @staticmethod
    def _finish(ws: Worksheet, last_row: int, last_col: int, *, freeze: str, header_row: int = HEADER_ROW) -> None:
        ws.freeze_panes = f"{freeze}{header_row + 1}"
        if last_row > header_row:
            ws.auto_filter.ref = f"A{header_row}:{get_column_letter(last_col)}{last_row}"
        ws.row_dimensions[header_row].height = 42


def _number(value) -> float | None:
    try:
        return float(value)
    except (TypeError, ValueError):
        return None


def _flag_names(flags) -> list[str]:
    return [str(FLAG_LABELS.get(flag, flag)) for flag in flags]
