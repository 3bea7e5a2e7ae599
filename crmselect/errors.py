"""Named errors, mapped to exit codes in one place (the CLI's handler)."""

from __future__ import annotations

import re

import msgspec

# Characters that would split a message over lines or move the cursor: shown as escapes.
_BREAKING = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def one_line(text: str) -> str:
    """``text`` with control, line-separator and text-direction characters escaped, so that a
    message stays on one line and keeps its ``file:line:col`` in front."""
    return _BREAKING.sub(lambda m: _NAMED.get(m.group(), f"\\u{ord(m.group()):04x}"), text)


class Problem(msgspec.Struct, frozen=True, order=True):
    """One located input problem: printed as ``file:line:col: key: message``."""

    path: str
    line: int
    col: int
    key: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.col}" if self.line else self.path
        key = f" {self.key}:" if self.key else ""
        return one_line(f"{where}:{key} {self.message}")


class CrmselectError(Exception):
    """Base of every error the CLI turns into a clean message and an exit code."""

    exit_code = 3


class InputError(CrmselectError):
    """Invalid input: one or more located problems (exit 1)."""

    exit_code = 1

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(CrmselectError):
    """Wrong usage: a missing file, an unknown kind, an output path that is an input (exit 2)."""

    exit_code = 2


class NotComparedError(CrmselectError):
    """A vendor asked for (``--only``) that the scorecard does not compare (exit 2, as usage)."""

    exit_code = 2


class UnknownNameError(CrmselectError):
    """A name the user asked for that the input does not define, such as a vendor id (exit 1)."""

    exit_code = 1


class OutputError(CrmselectError):
    """An output could not be written (exit 3)."""

    exit_code = 3
