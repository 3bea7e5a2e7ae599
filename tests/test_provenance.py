"""Provenance: hashes, git state, SOURCE_DATE_EPOCH, price ages."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from crmselect import __version__
from crmselect.dates import generation_time, months_between
from crmselect.errors import UsageError
from crmselect.provenance import inspect_files
from tests.gitutil import commit_all, init_repo


def test_source_date_epoch_is_honoured():
    assert generation_time({"SOURCE_DATE_EPOCH": "1767225600"}) == datetime(2026, 1, 1, tzinfo=UTC)
    # an invalid value is a usage error, not a silent "now"
    with pytest.raises(UsageError, match="SOURCE_DATE_EPOCH must be whole seconds"):
        generation_time({"SOURCE_DATE_EPOCH": "soon"})


def test_months_between():
    when = datetime(2026, 1, 1, tzinfo=UTC)
    assert months_between("2025-01", when) == 12
    assert months_between("2026-01", when) == 0
    assert months_between("2024-11", when) == 14


def test_mini_provenance(mini_decision):
    p = mini_decision.provenance
    assert p.version == __version__
    assert p.generated_at == "2026-11-01T00:00:00Z"
    assert (p.seed, p.simulations, p.draws) == (42, 1000, 1000)
    first = p.files[0]
    assert first.path.endswith("tests/fixtures/mini/scorecard.yaml")
    path = mini_decision.selection.files[0]
    assert first.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()
    # alpha: 2026-06 -> 2026-11 is 5 months; beta: 2025-01 -> 2026-11 is 22.
    assert {a.vendor: a.months for a in p.price_ages} == {"alpha": 5, "beta": 22}


def test_git_commit_and_clean_state(tmp_path):
    init_repo(tmp_path)
    a, b = tmp_path / "scorecard.yaml", tmp_path / "需求.yaml"
    a.write_text("kind: scorecard\n")
    b.write_text("kind: requirements\n")
    head = commit_all(tmp_path, "inputs")

    files, repos = inspect_files([a, b])
    assert [f.path for f in files] == ["scorecard.yaml", "需求.yaml"]
    assert all(f.commit == head and f.clean for f in files)
    assert repos[0].commit == head and repos[0].clean and repos[0].files == 2

    b.write_text("kind: requirements\nowner: sales\n")
    files, repos = inspect_files([a, b])
    assert [f.clean for f in files] == [True, False]
    assert not repos[0].clean


def test_no_git_is_no_error(tmp_path, monkeypatch):
    path = tmp_path / "scorecard.yaml"
    path.write_text("kind: scorecard\n")
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    files, repos = inspect_files([path])
    assert files[0].commit is None and files[0].clean is None
    assert repos == ()


def test_files_git_ignores_are_not_committed_and_clean(tmp_path):
    init_repo(tmp_path)
    (tmp_path / ".gitignore").write_text(".venv/\n")
    ignored = tmp_path / ".venv" / "vendors" / "zoho-crm.yaml"
    ignored.parent.mkdir(parents=True)
    ignored.write_text("kind: vendor\n")
    commit_all(tmp_path, "ignore")
    files, repos = inspect_files([ignored])
    assert files[0].origin == "ignored" and files[0].clean is None and files[0].commit is None
    assert repos == ()  # no "inputs committed, clean" line for a file git does not track
    card = tmp_path / "scorecard.yaml"
    card.write_text("kind: scorecard\n")
    files, repos = inspect_files([card, ignored])
    assert [f.origin for f in files] == ["git", "ignored"]
    assert files[0].clean is False and repos[0].files == 1 and not repos[0].clean


def test_bundled_files_say_so(tmp_path, monkeypatch):
    import crmselect.provenance as provenance

    package = tmp_path / "crmselect"
    bundled = package / "_bundled" / "vendors" / "pipedrive.yaml"
    bundled.parent.mkdir(parents=True)
    bundled.write_text("kind: vendor\n")
    monkeypatch.setattr(provenance, "__file__", str(package / "provenance.py"))
    files, repos = inspect_files([bundled])
    assert files[0].origin == "bundled" and files[0].path == "crmselect/vendors/pipedrive.yaml"
    assert files[0].clean is None and repos == ()
