"""write_atomic: the only way output reaches disk."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from crmselect.errors import OutputError, UsageError
from crmselect.io import atomic
from crmselect.io.atomic import write_atomic


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_writes_text_as_utf8(tmp_path) -> None:
    out = tmp_path / "report.md"
    write_atomic(out, "纷享销客 | 5\n")
    assert out.read_bytes() == "纷享销客 | 5\n".encode()


def test_file_mode_follows_the_umask_not_0600(tmp_path) -> None:
    old = os.umask(0o022)
    try:
        out = tmp_path / "report.html"
        write_atomic(out, b"<p>")
    finally:
        os.umask(old)
    assert stat.S_IMODE(out.stat().st_mode) == 0o644


def test_old_file_survives_a_failed_rename(tmp_path, monkeypatch) -> None:
    out = tmp_path / "tco.json"
    out.write_text("old")

    def fail(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(OutputError, match="cannot write .*No space left on device"):
        write_atomic(out, "new")
    assert out.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_old_file_survives_an_interrupted_write(tmp_path, monkeypatch) -> None:
    out = tmp_path / "tco.json"
    out.write_text("old")

    def interrupted(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(out, "new " * 10_000)
    assert out.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_a_payload_that_cannot_be_encoded_writes_nothing(tmp_path) -> None:
    out = tmp_path / "report.md"
    out.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(out, "half \ud800 surrogate")
    assert out.read_text() == "old"
    assert leftovers(tmp_path) == []


def test_output_equal_to_an_input_is_refused(tmp_path) -> None:
    card = tmp_path / "scorecard.yaml"
    card.write_text("kind: scorecard\n")
    with pytest.raises(UsageError, match="is an input file"):
        write_atomic(card, "report", inputs=[card])
    with pytest.raises(UsageError, match="is an input file"):
        write_atomic(tmp_path / "." / "scorecard.yaml", "report", inputs=[card])
    assert card.read_text() == "kind: scorecard\n"


def test_output_linking_to_an_input_is_refused(tmp_path) -> None:
    card = tmp_path / "scorecard.yaml"
    card.write_text("kind: scorecard\n")
    link = tmp_path / "report.md"
    link.symlink_to(card)
    with pytest.raises(UsageError, match="is an input file"):
        write_atomic(link, "report", inputs=[card])
    assert card.read_text() == "kind: scorecard\n"
    assert link.is_symlink()


def test_missing_folder_is_a_usage_error(tmp_path) -> None:
    with pytest.raises(UsageError, match="folder '.*nodir' does not exist"):
        write_atomic(tmp_path / "nodir" / "report.md", "x")


def test_a_folder_is_not_an_output(tmp_path) -> None:
    with pytest.raises(UsageError, match="is a folder"):
        write_atomic(tmp_path, "x")


def test_a_relative_name_in_the_current_folder(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_atomic(Path("out.csv"), "a,b\n")
    assert (tmp_path / "out.csv").read_text() == "a,b\n"
