"""`hoist status`: what plain `status` and `status --all` show is what their help says
(issue 12, item 20: the help said --all "includes finished uploads", yet plain status
showed recently finished ones too)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hoist.cli.main import main
from hoist.config.paths import resolve_paths
from hoist.store.journal import Destination, Journal, NewUpload, PartPlan
from hoist.store.states import UploadState
from tests.support.cli import run_cli


def _journal_with(home: Path, states: list[UploadState]) -> list[int]:
    """One upload per state, in this order (IDs ascending)."""
    journal = Journal(resolve_paths(home).ensure().journal)
    try:
        uploads = [
            NewUpload(f"/data/f{i}.bin", 10, 1, f"f{i}.bin", "single", 10, (PartPlan(1, 0, 10),),
                      "application/octet-stream", "overwrite")
            for i in range(len(states))
        ]  # fmt: skip
        _, ids = journal.create_batch("seeded", Destination("", "", "us-east-1", "bkt", False), uploads)
        for upload_id, state in zip(ids, states, strict=True):
            if state in (UploadState.DONE, UploadState.SKIPPED):
                journal.set_state(upload_id, UploadState.RUNNING)
            if state != UploadState.QUEUED:
                journal.set_state(upload_id, state)
        return ids
    finally:
        journal.close()


def test_plain_status_shows_the_unfinished_and_the_20_latest_finished_and_all_shows_every_one(home):
    # The oldest is failed (unfinished); then 24 done, a cancelled one and a paused one.
    states = [UploadState.FAILED, *[UploadState.DONE] * 24, UploadState.CANCELLED, UploadState.PAUSED]
    ids = _journal_with(home, states)

    plain = run_cli(home, "status", "--json")
    everything = run_cli(home, "status", "--all", "--json")

    assert (plain.code, plain.err, everything.code, everything.err) == (0, "", 0, "")
    shown = [row["id"] for row in json.loads(plain.out)]
    finished = [i for i, s in zip(ids, states, strict=True) if s in (UploadState.DONE, UploadState.CANCELLED)]
    assert shown == sorted([ids[0], ids[-1], *finished[-20:]])  # the 5 oldest done ones are left out
    assert [row["id"] for row in json.loads(everything.out)] == ids


def test_status_help_says_what_each_form_shows(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["status", "--help"])
    assert exit_.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert (
        "Without --all: every unfinished upload (queued, running, completing, paused, failed) and the 20 most "
        "recently finished ones (done, cancelled, skipped). The ID in the first column is what resume, pause, "
        "cancel and retry take." in text
    )
    assert "--all every upload in the journal, however long ago it finished" in text
