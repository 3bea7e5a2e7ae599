"""A strict YAML reader that keeps the line and column of every value.

It refuses what PyYAML lets through silently (see the project's hazards notes): duplicate keys,
tab indentation, documents that are not a mapping, alias bombs, deep nesting, non-core tags and
YAML 1.1 typing (``NO`` as false, ``5:3:2`` as a base-60 integer, dates). Scalars follow the
YAML 1.2 core schema: a typed field gets exactly its type or a located error.
"""

from __future__ import annotations

import math
import re
import stat
from pathlib import Path
from typing import Any, Protocol, cast

import msgspec
import yaml

from crmselect.errors import InputError, Problem, UsageError, one_line

MAX_BYTES = 1_000_000
MAX_DEPTH = 64
MAX_EXPANDED_VALUES = 100_000

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

PathKey = tuple[str | int, ...]


class _CoreResolverLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """A loader that resolves plain scalars by the YAML 1.2 core schema only."""


_CoreResolverLoader.yaml_implicit_resolvers = {}
_CORE_RESOLVERS = [
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?[0-9]+$", "-+0123456789"),
    (
        "tag:yaml.org,2002:float",
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
]
for _tag, _pattern, _first in _CORE_RESOLVERS:
    _CoreResolverLoader.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))

_STR = "tag:yaml.org,2002:str"
_ALLOWED_TAGS = {
    _STR,
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}


class YamlDocument(msgspec.Struct):
    """A loaded document: plain Python data plus the 1-based position of every value and key."""

    path: str
    data: dict[str, Any]
    value_marks: dict[PathKey, tuple[int, int]] = msgspec.field(default_factory=dict)
    key_marks: dict[PathKey, tuple[int, int]] = msgspec.field(default_factory=dict)

    def mark(self, loc: PathKey, *, key: bool = False) -> tuple[int, int]:
        """The position of ``loc`` (its key when ``key``), else of its longest known prefix."""
        marks = self.key_marks if key else self.value_marks
        for end in range(len(loc), -1, -1):
            prefix = loc[:end]
            if prefix in marks:
                return marks[prefix]
            if key and prefix in self.value_marks:
                return self.value_marks[prefix]
        return (1, 1)

    def problem(self, loc: PathKey, message: str, *, key: bool = False) -> Problem:
        """A problem located at ``loc``."""
        line, col = self.mark(loc, key=key)
        return Problem(self.path, line, col, dotted(loc), message)


def dotted(loc: PathKey) -> str:
    """``('requirements', 3, 'priority')`` -> ``requirements[3].priority``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            text = str(part)
            if not _PLAIN_KEY.fullmatch(text):
                text = '"' + one_line(text).replace('"', '\\"') + '"'
            out += f".{text}" if out else text
    return out


class _Mark(Protocol):
    """A parser position, 0-based (PyYAML's pure-Python and libyaml marks alike)."""

    line: int
    column: int


_PLAIN_KEY = re.compile(r"[\w\-/+@.]+")


def _fail(path: str, message: str, line: int = 0, col: int = 0, key: str = "") -> InputError:
    return InputError([Problem(path, line, col, key, message)])


def _fail_at(path: str, message: str, mark: _Mark | None) -> InputError:
    """A problem at a parser mark (0-based) shown 1-based; line 0 when there is no mark."""
    if mark is None:
        return _fail(path, message, 0, 0)
    return _fail(path, message, mark.line + 1, mark.column + 1)


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    """1-based line and column (in bytes) of a byte offset."""
    before = raw[:offset]
    return before.count(b"\n") + 1, offset - (before.rfind(b"\n") + 1) + 1


def _decode(raw: bytes, path: str) -> str:
    if len(raw) > MAX_BYTES:
        raise _fail(path, f"{len(raw)} bytes; the limit is {MAX_BYTES}", 1, 1)
    nul = raw.find(b"\x00", 0, 8192)
    if nul >= 0:
        line, col = _position(raw, nul)
        raise _fail(path, "binary file, not YAML text", line, col)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        start = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        line, col = _position(raw, start)
        bad = raw[start : start + 1].hex()
        message = f"not UTF-8 text (byte 0x{bad}); save the file as UTF-8"
        raise _fail(path, message, line, col) from None
    return text


def _check_text(text: str, path: str) -> None:
    meaningful = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not meaningful:
        raise _fail(path, "empty file; it needs at least a kind: line", 1, 1)
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t\u3000"))]
        if "\t" in indent:
            problems.append(
                Problem(path, number, indent.index("\t") + 1, "", "tab used for indentation")
            )
        elif "\u3000" in indent:
            problems.append(
                Problem(
                    path,
                    number,
                    indent.index("\u3000") + 1,
                    "",
                    "full-width space (U+3000) used for indentation; use ordinary spaces",
                )
            )
    if problems:
        raise InputError(problems)


def _scan_depth(text: str, path: str) -> None:
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_Parser):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise _fail_at(
                        path, f"nesting deeper than {MAX_DEPTH} levels", event.start_mark
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in str(exc.problem):
            # libyaml 0.2.6+ stops runaway flow nesting in its scanner, before any event.
            line, col = _flow_depth_mark(text)
            raise _fail(path, f"nesting deeper than {MAX_DEPTH} levels", line, col) from None
        raise _syntax_error(exc, text, path) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, path) from None


def _flow_depth_mark(text: str) -> tuple[int, int]:
    """Where flow brackets (outside quotes) first nest deeper than MAX_DEPTH, counting the
    root mapping as level 1 as the event scan does: 1-based line and column."""
    depth, quote = 1, ""
    for number, line in enumerate(text.splitlines(), start=1):
        for col, ch in enumerate(line, start=1):
            if quote:
                quote = "" if ch == quote else quote
            elif ch in "'\"":
                quote = ch
            elif ch == "#" and (col == 1 or line[col - 2] in " \t"):
                break
            elif ch in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return number, col
            elif ch in "]}":
                depth -= 1
    return 1, 1


def _reader_error(exc: yaml.reader.ReaderError, text: str, path: str) -> InputError:
    """A character YAML does not allow (ESC, C1 controls, a NUL past the binary check)."""
    before = text[: exc.position]
    line = before.count("\n") + 1
    col = exc.position - (before.rfind("\n") + 1) + 1
    char = exc.character if isinstance(exc.character, int) else ord(str(exc.character)[:1] or " ")
    message = f"control character U+{char:04X} is not allowed in YAML text; remove it"
    return _fail(path, message, line, col)


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, path: str) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else 0
    col = mark.column + 1 if mark else 0
    message = f"YAML syntax error: {exc.problem or exc.context}"
    if exc.context and exc.problem:
        message = f"YAML syntax error: {exc.problem} ({exc.context})"
    lines = text.splitlines()
    if mark and 0 <= mark.line < len(lines):
        for number in (mark.line, mark.line - 1):
            source = lines[number] if number >= 0 else ""
            for char, hint in (
                ("：", "a full-width colon '：' is not a YAML separator, write ': '"),
                ("\u3000", "a full-width space (U+3000) is not YAML white space"),
            ):
                if char in source:
                    # Point at the character itself: the scanner notices a line later.
                    message += f"; {hint}"
                    return _fail(path, message, number + 1, source.index(char) + 1)
    return _fail(path, message, line, col)


def _compose(text: str, path: str) -> yaml.Node:
    try:
        loader = _CoreResolverLoader(text)
        try:
            node: yaml.Node | None = loader.get_single_node()
        finally:
            loader.dispose()
    except yaml.composer.ComposerError as exc:
        if "single document" in str(exc.context or ""):
            message = "more than one document; keep one per file"
            raise _fail_at(path, message, exc.problem_mark) from None
        raise _syntax_error(exc, text, path) from None
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, text, path) from None
    except yaml.reader.ReaderError as exc:
        raise _reader_error(exc, text, path) from None
    if node is None:
        raise _fail(path, "empty file")
    return node


def _check_expansion(root: yaml.Node, path: str) -> None:
    """Refuse alias bombs (expanded size over the limit) and recursive aliases (an anchor used
    inside itself), which would expand forever; sizes are memoised per node."""
    sizes: dict[int, int] = {}
    visiting: dict[int, PathKey] = {}  # node id -> where it was entered
    stack: list[tuple[yaml.Node, bool, PathKey]] = [(root, False, ())]
    while stack:
        node, done, loc = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            continue
        if isinstance(node, yaml.MappingNode):
            children = [
                (c, (*loc, k.value if isinstance(k, yaml.ScalarNode) else "?"))
                for k, v in node.value
                for c in (k, v)
            ]
        else:
            children = [(c, (*loc, i)) for i, c in enumerate(node.value)]
        if done:
            visiting.pop(id(node), None)
            total = 1 + sum(sizes.get(id(c), 1) for c, _ in children)
            sizes[id(node)] = total
            if total > MAX_EXPANDED_VALUES:
                message = f"aliases expand to more than {MAX_EXPANDED_VALUES} values"
                raise _fail_at(path, message, node.start_mark)
            continue
        if id(node) in visiting:
            # Pending entries on the stack are the ancestors of this node: it contains itself.
            mark = node.start_mark
            message = "recursive alias (an anchor used inside itself); write the values out"
            raise _fail(path, message, mark.line + 1, mark.column + 1, dotted(visiting[id(node)]))
        visiting[id(node)] = loc
        stack.append((node, True, loc))
        stack.extend((c, False, cloc) for c, cloc in children if id(c) not in sizes)


class _Builder:
    """Turns a composed node graph into plain data, recording marks and refusing duplicates."""

    def __init__(self, path: str):
        self.path = path
        self.value_marks: dict[PathKey, tuple[int, int]] = {}
        self.key_marks: dict[PathKey, tuple[int, int]] = {}
        self.problems: list[Problem] = []

    def _problem(self, node: yaml.Node, loc: PathKey, message: str) -> None:
        mark = node.start_mark
        self.problems.append(
            Problem(self.path, mark.line + 1, mark.column + 1, dotted(loc), message)
        )

    def build(self, node: yaml.Node, loc: PathKey = ()) -> Any:
        mark = node.start_mark
        self.value_marks.setdefault(loc, (mark.line + 1, mark.column + 1))
        if node.tag not in _ALLOWED_TAGS:
            self._problem(
                node, loc, f"tag {_short_tag(node.tag)} is not allowed; write plain values"
            )
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, loc)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, (*loc, i)) for i, child in enumerate(node.value)]
        return self._scalar(cast(yaml.ScalarNode, node), loc)

    def _mapping(self, node: yaml.MappingNode, loc: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or (
                isinstance(key_node, yaml.ScalarNode)
                and key_node.value == "<<"
                and not key_node.style
            ):
                self._problem(
                    key_node, loc, "merge keys (<<) are not supported; write the values out"
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, loc, "a key must be plain text")
                continue
            key = self._scalar(key_node, loc)
            if key is None or isinstance(key, bool | float):
                self._problem(key_node, loc, f"key {key_node.value!r} must be text; quote it")
                continue
            key = str(key)
            child = (*loc, key)
            if key in result:
                first = self.key_marks[child][0]
                self._problem(key_node, child, f"duplicate key '{key}' (first at line {first})")
                continue
            self.key_marks[child] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, child)
        return result

    def _scalar(self, node: yaml.ScalarNode, loc: PathKey) -> Any:
        text = node.value
        tag = node.tag
        try:
            if tag == _STR:
                return text
            if tag == "tag:yaml.org,2002:null":
                return None
            if tag == "tag:yaml.org,2002:bool":
                return text.lower() == "true"
            if tag == "tag:yaml.org,2002:int":
                return int(text, 10)
            if tag == "tag:yaml.org,2002:float":
                lowered = text.lower().lstrip("+")
                if lowered.endswith(".inf"):
                    return -math.inf if lowered.startswith("-") else math.inf
                if lowered == ".nan":
                    return math.nan
                return float(text)
        except ValueError:
            self._problem(node, loc, f"invalid value {text!r}")
            return None
        self._problem(node, loc, f"tag {_short_tag(tag)} is not allowed; write plain values")
        return None


def _short_tag(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!")


def load_yaml_text(text: str, path: str) -> YamlDocument:
    """Parse YAML text into a :class:`YamlDocument`, or raise :class:`InputError`."""
    _check_text(text, path)
    _scan_depth(text, path)
    node = _compose(text, path)
    if "&" in text:  # without an anchor there is no alias: the nodes form a tree
        _check_expansion(node, path)
    if not isinstance(node, yaml.MappingNode):
        mark = node.start_mark
        raise _fail_at(path, "expected a mapping starting with kind:", mark)
    builder = _Builder(path)
    data = builder.build(node)
    if builder.problems:
        raise InputError(builder.problems)
    return YamlDocument(path, data, builder.value_marks, builder.key_marks)


def load_yaml_bytes(raw: bytes, path: str) -> YamlDocument:
    """Decode and parse a file's bytes."""
    return load_yaml_text(_decode(raw, path), path)


def load_yaml_file(file: Path, display: str | None = None) -> YamlDocument:
    """Read and parse one YAML file; ``display`` is the name used in messages."""
    name = display or str(file)
    try:
        info = file.stat()
        if not stat.S_ISREG(info.st_mode):
            # A FIFO would block, a device never ends: refused without opening it.
            raise UsageError(f"{name}: not a regular file")
        if info.st_size > MAX_BYTES:
            raise _fail(name, f"{info.st_size} bytes; the limit is {MAX_BYTES}", 1, 1)
        with file.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise _fail(name, f"cannot read the file: {exc.strerror or exc}") from None
    return load_yaml_bytes(raw, name)


def is_regular_file(path: Path) -> bool:
    """True for a regular file (or a link to one): not a folder, FIFO, socket or device."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return False
