"""Spreadsheets that people fill in and send back: writing them so that a spreadsheet program
guides the person (dropdowns, locked headers, frozen panes, an instruction block), and reading
them back as data (formulas refused, never evaluated; every problem located by sheet and cell).

Problems read as ``FILE.xlsx: SHEET!CELL: column: message`` (a :class:`Problem` without line).
openpyxl is imported inside the functions (start-up stays fast).
"""

from __future__ import annotations

import io
import math
import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import msgspec
from pydantic import BaseModel

from crmselect.errors import InputError, Problem, UsageError

if TYPE_CHECKING:
    from openpyxl.cell.cell import Cell, MergedCell
    from openpyxl.workbook.workbook import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from crmselect.workflow.shortlist import Verdict

ModelT = TypeVar("ModelT", bound=BaseModel)

MAX_BYTES = 20_000_000
"""A returned sheet larger than this is refused before unzipping."""
MAX_UNZIPPED = 200_000_000
"""Refuse a workbook whose parts unzip to more than this (a zip bomb)."""

HEADER_FILL = "DDE7F0"
INPUT_FILL = "FFF8DC"
INSTRUCTION_FONT_SIZE = 10


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(index))


# ---------------------------------------------------------------------------------------------
# Writing


def header_row(ws: Worksheet, row: int, names: list[str]) -> None:
    """The table's header: ``names`` from column A, bold, shaded and locked."""
    from openpyxl.styles import Font, PatternFill, Protection

    for col, name in enumerate(names, start=1):
        cell = ws.cell(row=row, column=col, value=name)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.protection = Protection(locked=True)


def unlock(cells: Iterable[Cell | MergedCell]) -> None:
    """Cells the person fills: unlocked in the protected sheet, shaded as input."""
    from openpyxl.styles import PatternFill, Protection

    for cell in cells:
        cell.protection = Protection(locked=False)
        cell.fill = PatternFill("solid", fgColor=INPUT_FILL)


def instructions(ws: Worksheet, lines: list[str], width: int) -> int:
    """Write the instruction block at the top (merged across ``width`` columns); returns the
    next free row."""
    from openpyxl.styles import Alignment, Font

    for row, text in enumerate(lines, start=1):
        cell = ws.cell(row=row, column=1, value=text)
        cell.data_type = "s"
        cell.font = Font(bold=row == 1, size=12 if row == 1 else INSTRUCTION_FONT_SIZE)
        cell.alignment = Alignment(wrap_text=False, vertical="top")
    return len(lines) + 2


def as_text(ws: Worksheet) -> None:
    """Every string cell stays text: a name from an input file never becomes a formula."""
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith(("=", "+", "-", "@")):
                cell.data_type = "s"


def dropdown(ws: Worksheet, choices: list[str], cells: str, prompt: str, error: str) -> None:
    """A list validation on ``cells`` (``"E10:E40"``) that refuses anything else."""
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="list",
        formula1='"' + ",".join(choices) + '"',
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle="Not in the list",
        error=error,
        promptTitle="Choose",
        prompt=prompt,
    )
    ws.add_data_validation(validation)
    validation.add(cells)


def decimal_range(ws: Worksheet, cells: str, low: float, high: float, error: str) -> None:
    """A number validation on ``cells``."""
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(
        type="decimal",
        operator="between",
        formula1=str(low),
        formula2=str(high),
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="Not a valid number",
        error=error,
    )
    ws.add_data_validation(validation)
    validation.add(cells)


def new_workbook(title: str) -> tuple[Workbook, Worksheet]:
    """A new workbook and its first sheet, named ``title``."""
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = title
    return wb, ws


def fit_widths(ws: Worksheet, widths: Mapping[int, float]) -> None:
    """Column widths in characters, by column number."""
    for col, width in widths.items():
        ws.column_dimensions[column_letter(col)].width = width


def finish(ws: Worksheet, widths: Mapping[int, float]) -> None:
    """A filled sheet made ready to send: column widths, every string kept as text
    (:func:`as_text`) and the sheet protected (:func:`protect`)."""
    fit_widths(ws, widths)
    as_text(ws)
    protect(ws)


def protect(ws: Worksheet) -> None:
    """Lock the sheet's structure and headers, without a password (nothing secret is in it),
    while the input cells stay editable and columns can be resized and filtered."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False
    ws.protection.autoFilter = False
    ws.protection.sort = False


def workbook_bytes(wb: Workbook) -> bytes:
    """The workbook as reproducible bytes (fixed zip and document dates; SOURCE_DATE_EPOCH)."""
    from datetime import UTC, datetime

    from crmselect.render.xlsx import _epoch, _reproducible

    epoch = _epoch()
    stamp = datetime.fromtimestamp(epoch, UTC).replace(tzinfo=None)
    wb.properties.created = stamp
    wb.properties.modified = stamp
    wb.properties.creator = "crmselect"
    buffer = io.BytesIO()
    wb.save(buffer)
    return _reproducible(buffer.getvalue(), epoch)


# ---------------------------------------------------------------------------------------------
# Reading


class Imported(msgspec.Struct, Generic[ModelT], frozen=True):
    """A returned sheet read back: the file's model, and a located warning for each entry
    dropped on the way (an eliminated vendor, a retired requirement)."""

    model: ModelT
    warnings: tuple[str, ...]


def file_text(model: BaseModel, comment: list[str], *, flow: bool | None) -> str:
    """The text of the YAML file an import writes: the schema line of its kind (for editors),
    the ``comment`` lines, then the data as a person would write it, ``kind`` first; ``flow``
    is yaml's ``default_flow_style``."""
    import yaml

    data = model.model_dump(exclude_defaults=True)
    kind = data.pop("kind")
    header = f"# yaml-language-server: $schema=../schemas/{kind}.schema.json\n"
    header += "".join(f"# {line}\n" for line in comment)
    return header + yaml.safe_dump(
        tidy({"kind": kind, **data}),
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=flow,
    )


class SheetReader(msgspec.Struct):
    """Reads a returned workbook as data and collects located problems and warnings."""

    path: Path
    problems: list[Problem] = msgspec.field(default_factory=list)
    warnings: list[str] = msgspec.field(default_factory=list)

    @property
    def name(self) -> str:
        from crmselect.io.loader import display_path

        return display_path(self.path)

    def located(self, sheet: str, cell: str, column: str, message: str) -> str:
        """``FILE.xlsx: SHEET!CELL: column: message``."""
        return str(self._problem(sheet, cell, column, message))

    def problem(self, sheet: str, cell: str, column: str, message: str) -> None:
        self.problems.append(self._problem(sheet, cell, column, message))

    def _problem(self, sheet: str, cell: str, column: str, message: str) -> Problem:
        where = f"{sheet}!{cell}" if cell else sheet
        key = f"{where}: {column}" if column else where
        return Problem(self.name, 0, 0, key, message)

    def fail(self, message: str) -> InputError:
        return InputError([Problem(self.name, 0, 0, "", message)])

    def imported(self, model: type[ModelT], data: dict[str, Any]) -> Imported[ModelT]:
        """The file ``data`` read from the sheet, as ``model`` (validated as YAML would be:
        not strict), with the warnings collected."""
        return Imported(model.model_validate(data, strict=False), tuple(self.warnings))

    def stop_on_problems(self) -> None:
        """Raise :class:`InputError` with every problem found so far, if there is one."""
        if self.problems:
            raise InputError(self.problems)

    def admits(
        self, verdict: Verdict, sheet: str, cell: str, column: str, *, warn: bool = True
    ) -> bool:
        """True when the shortlist's ``verdict`` on an id read at ``cell`` lets its entry
        count; else its error is a problem and (when ``warn``) its warning a located warning."""
        if verdict.counts:
            return True
        if verdict.error is not None:
            self.problem(sheet, cell, column, verdict.error)
        elif verdict.warning is not None and warn:
            self.warnings.append(self.located(sheet, cell, column, verdict.warning))
        return False

    def first_time(
        self,
        seen: dict[str, str],
        key: str,
        what: str,
        sheet: str,
        cell: str,
        column: str,
        where: str | None = None,
    ) -> bool:
        """True the first time ``key`` is read (``seen`` then records ``where``, by default
        ``at CELL``); read again, it is the problem ``WHAT twice (first WHERE)``."""
        if key in seen:
            self.problem(sheet, cell, column, f"{what} twice (first {seen[key]})")
            return False
        seen[key] = where or f"at {cell}"
        return True

    def open(self, required: list[str]) -> Workbook:
        """The workbook, after the checks a returned file needs before openpyxl reads it;
        raises :class:`InputError` for a file that is not a readable xlsx."""
        if not self.path.is_file():
            raise UsageError(f"no such file: {self.path}")
        size = self.path.stat().st_size
        if size == 0:
            raise self.fail("empty file; expected the .xlsx workbook crmselect exported")
        if size > MAX_BYTES:
            raise self.fail(f"{size} bytes; the limit is {MAX_BYTES}")
        raw = self.path.read_bytes()
        if raw.startswith(b"\xd0\xcf\x11\xe0"):
            raise self.fail(
                "password-protected or old-format (.xls) workbook; remove the password and "
                "save it as .xlsx (Excel Workbook)"
            )
        if not raw.startswith(b"PK"):
            kind = "CSV or text" if _looks_like_text(raw) else "not a zip"
            raise self.fail(
                f"not an .xlsx workbook ({kind}); open it in a spreadsheet program and save it "
                "as .xlsx (Excel Workbook)"
            )
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                names = archive.namelist()
                total = sum(info.file_size for info in archive.infolist())
                bad = archive.testzip()
        except (zipfile.BadZipFile, OSError, RuntimeError, ValueError, EOFError):
            raise self.fail("corrupt .xlsx (the zip cannot be read); save it again") from None
        if bad is not None:
            raise self.fail(f"corrupt .xlsx (part {bad} is damaged); save it again")
        if total > MAX_UNZIPPED:
            raise self.fail(f"the workbook unpacks to {total} bytes; the limit is {MAX_UNZIPPED}")
        if "xl/workbook.xml" not in names:
            raise self.fail("not an .xlsx workbook (no xl/workbook.xml); save it as .xlsx")
        import warnings

        from openpyxl import load_workbook

        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                wb = load_workbook(io.BytesIO(raw), data_only=False, read_only=False)
        except Exception as exc:  # noqa: BLE001 - any reader failure is a bad file
            raise self.fail(
                f"the workbook cannot be read ({type(exc).__name__}); save it again as .xlsx"
            ) from None
        for ws in wb.worksheets:
            if ws.sheet_state != "visible" and ws.title not in required:
                self.problem(
                    ws.title,
                    "",
                    "",
                    f"hidden sheet '{ws.title}' is not part of the questionnaire; "
                    "unhide and delete it",
                )
        missing = [name for name in required if name not in wb.sheetnames]
        for name in missing:
            self.problem(name, "", "", f"sheet '{name}' is missing (renamed or deleted?)")
        self.stop_on_problems()
        return wb

    def check_merged(self, ws: Worksheet, first_row: int) -> None:
        """Merged cells in the table area break the one-value-per-cell reading."""
        for merged in ws.merged_cells.ranges:
            if merged.max_row >= first_row:
                self.problem(
                    ws.title,
                    merged.coord,
                    "",
                    "merged cells; unmerge them so each cell holds one value",
                )

    def check_header(self, ws: Worksheet, row: int, expected: list[str]) -> bool:
        """The header row must be exactly as exported; True when it is. Only the first
        difference is reported: a deleted or inserted column shifts every later one."""
        for col, name in enumerate(expected, start=1):
            found = ws.cell(row=row, column=col).value
            text = str(found).strip() if found is not None else ""
            if text == name:
                continue
            later = expected[col:]
            if later and text == later[0]:
                what = f"column '{name}' is missing (deleted?)"
            elif text in expected:
                what = f"column '{text}' is here, '{name}' expected (moved or inserted column?)"
            elif not text:
                what = f"header is empty, expected '{name}'"
            else:
                what = f"header is '{text}', expected '{name}' (renamed?)"
            self.problem(
                ws.title,
                f"{column_letter(col)}{row}",
                name,
                f"{what}; restore the columns as exported, or export a fresh sheet",
            )
            return False
        return True

    # Cell values -----------------------------------------------------------------------

    def _formula(self, ws: Worksheet, cell: Cell | MergedCell, column: str) -> bool:
        value = cell.value
        if cell.data_type == "f" or (isinstance(value, str) and value.startswith("=")):
            self.problem(
                ws.title,
                cell.coordinate,
                column,
                "a formula where a value belongs; type the value itself",
            )
            return True
        if type(value).__name__ in ("ArrayFormula", "DataTableFormula"):
            self.problem(ws.title, cell.coordinate, column, "a formula where a value belongs")
            return True
        return False

    def text(self, ws: Worksheet, cell: Cell | MergedCell, column: str) -> str | None:
        """A text cell: None when empty; numbers become their text."""
        if self._formula(ws, cell, column):
            return None
        value = cell.value
        if value is None:
            return None
        if isinstance(value, bool):
            return "TRUE" if value else "FALSE"
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = str(value).strip()
        return text or None

    def number(
        self,
        ws: Worksheet,
        cell: Cell | MergedCell,
        column: str,
        *,
        low: float = 0,
        high: float = 1e12,
        decimals: int | None = None,
        what: str = "a number",
    ) -> float | None:
        """A number cell: None when empty; text that reads as a number is accepted, any other
        text is a problem (never guessed)."""
        if self._formula(ws, cell, column):
            return None
        value = cell.value
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if isinstance(value, bool):
            self.problem(ws.title, cell.coordinate, column, f"expected {what}, found {value}")
            return None
        if isinstance(value, str):
            cleaned = value.strip().replace(" ", "").replace("\u00a0", "")
            if re.fullmatch(r"-?\d+,\d+", cleaned):
                cleaned = cleaned.replace(",", ".")
            cleaned = (
                cleaned.replace(",", "")
                if re.fullmatch(r"-?\d{1,3}(,\d{3})+(\.\d+)?", cleaned)
                else cleaned
            )
            try:
                number = float(cleaned)
            except ValueError:
                self.problem(
                    ws.title, cell.coordinate, column, f"expected {what}, found text '{value}'"
                )
                return None
        elif isinstance(value, int | float):
            number = float(value)
        else:
            self.problem(
                ws.title,
                cell.coordinate,
                column,
                f"expected {what}, found a {type(value).__name__} value",
            )
            return None
        if not math.isfinite(number) or not low <= number <= high:
            self.problem(
                ws.title,
                cell.coordinate,
                column,
                f"{_show(number)} is out of range: {what} from {_show(low)} to {_show(high)}",
            )
            return None
        if decimals is not None and round(number, decimals) != number:
            self.problem(
                ws.title,
                cell.coordinate,
                column,
                f"{_show(number)} has more than {decimals} decimal{'s' * (decimals != 1)}",
            )
            return None
        return number

    def choice(
        self, ws: Worksheet, cell: Cell | MergedCell, column: str, choices: list[str]
    ) -> str | None:
        """A dropdown cell: None when empty, else exactly one of ``choices`` (case and
        surrounding spaces forgiven)."""
        from crmselect.io.locate import did_you_mean

        value = self.text(ws, cell, column)
        if value is None:
            return None
        lowered = {c.lower(): c for c in choices}
        if value.lower() in lowered:
            return lowered[value.lower()]
        self.problem(
            ws.title,
            cell.coordinate,
            column,
            f"'{value}' is not one of {', '.join(choices)}{did_you_mean(value, choices)}",
        )
        return None


def tidy(value: Any) -> Any:
    """Data for a YAML file as a person would write it: 4.0 -> 4, recursively."""
    if isinstance(value, dict):
        return {k: tidy(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [tidy(v) for v in value]
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    return value


def plain(number: float) -> int | float:
    """4.0 -> 4, 4.5 -> 4.5 (as a person wrote it)."""
    return int(number) if float(number).is_integer() else number


def _show(number: float) -> str:
    return f"{plain(number):,}" if abs(number) >= 10_000 else f"{plain(number)}"


def _looks_like_text(raw: bytes) -> bool:
    head = raw[:4096]
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return b"\x00" not in head
