"""`hoist cleanup`: abort incomplete multipart uploads, which the server keeps (and bills)
until they are aborted.

It looks at the journal's own uploads that gave up, and lists the unfinished uploads on
buckets: the one given with --bucket, else the bucket of --profile, else the bucket of
every storage profile (issue 12, item 21: it used to look at the journal only). It says
which buckets it looked at; one it could not look at is named and makes the exit code 1,
the others are still cleaned.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import dataclass

from ..config.paths import Paths
from ..config.settings import Config
from ..connect import connection_factory
from ..display import printable
from ..engine.connections import Connection, ConnectionFactory, ConnectionSetupError
from ..engine.planner import human_bytes
from ..s3.errors import S3Failure
from ..s3.service import SERVICE_REGION
from ..s3.signer import RemoteUpload
from ..store.journal import Destination, Journal, UploadRow
from ..store.states import UploadState
from .advice import Given, refusal
from .parser import check_endpoint, parse_duration
from .runner import EXIT_FAILED, EXIT_OK, Refused, engine_lock, overrides_from


@dataclass(frozen=True)
class Place:
    """A bucket to list, where it is, and how to name it."""

    destination: Destination
    given: Given

    @property
    def label(self) -> str:
        where = self.destination.endpoint_url or "AWS S3"
        profile = self.given.profile
        return f"s3://{self.destination.bucket} ({f'profile {profile.name!r}, ' if profile else ''}{where})"


@dataclass
class Tally:
    found: int = 0
    held: int = 0  # bytes of parts the server keeps for them


def places_to_look(args: argparse.Namespace, config: Config) -> list[Place]:
    """--bucket B (at --endpoint-url or the --profile's endpoint); else the --profile's
    bucket; else every storage profile's bucket, each at its own endpoint, once each."""
    profile = config.profiles.get(args.profile or "")
    aws_profile = args.profile if args.profile and profile is None else ""
    if args.bucket or args.profile:
        bucket = args.bucket or (profile.bucket if profile is not None else "")
        if not bucket or (profile is not None and profile.is_service):  # a service cannot list them
            return []
        destination = Destination(
            profile=args.profile or "",
            endpoint_url=check_endpoint(args.endpoint_url) or (profile.endpoint_url if profile else ""),
            region=args.region or (profile.region if profile else "") or "us-east-1",
            bucket=bucket,
            path_style=args.path_style or (profile.path_style if profile else False),
        )
        given = Given(profile, "--bucket" if args.bucket else "", bool(args.endpoint_url), bool(args.region),
                      aws_profile)  # fmt: skip
        return [Place(destination, given)]
    places: dict[tuple[str, str], Place] = {}
    for name, each in sorted(config.profiles.items()):
        if each.is_service or not each.bucket:
            continue
        destination = Destination(
            name, each.endpoint_url, each.region or "us-east-1", each.bucket, each.path_style
        )
        places.setdefault((each.endpoint_url.rstrip("/"), each.bucket), Place(destination, Given(each)))
    return list(places.values())


def _stored_bytes(conn: Connection, bucket: str, remote: RemoteUpload) -> int | None:
    """What an orphaned upload's parts take up on the server (what it costs to keep)."""
    try:
        return sum(p.size for p in conn.signer.list_parts(bucket, remote.key, remote.upload_id))
    except S3Failure:
        return None  # listing is a courtesy; aborting does not depend on it


def _started(epoch: float) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(epoch))


def _clean_journal(
    old: list[UploadRow], connect: ConnectionFactory, journal: Journal, dry_run: bool, tally: Tally
) -> None:
    """The journal's own: only uploads that gave up are orphans; paused or queued ones are
    resumable work a person may want (`hoist cancel ID` aborts one of those on purpose)."""
    for r in old:
        if r.state != UploadState.FAILED:
            print(f"journal  {r.id:>5}  {printable(f's3://{r.bucket}/{r.key}')}  {r.state.value}: kept "
                  f"(`hoist cancel {r.id}` aborts it)")  # fmt: skip
    for r in (r for r in old if r.state == UploadState.FAILED):
        print(f"journal  {r.id:>5}  {printable(f's3://{r.bucket}/{r.key}')}  started {_started(r.created_at)}  "
              f"{human_bytes(r.bytes_done)} sent")  # fmt: skip
        if not dry_run:
            try:
                conn = connect(r.destination)
                conn.signer.abort(r.bucket, r.key, r.s3_upload_id or "")
            except S3Failure as failure:  # one unreachable endpoint must not stop the rest
                where = r.destination.endpoint_url or "AWS S3"
                print(f"hoist: could not abort upload {r.id}: {failure.describe_check(r.bucket, where)}",
                      file=sys.stderr)  # fmt: skip
                continue
            journal.set_state(r.id, UploadState.CANCELLED, "aborted by cleanup")
        tally.found += 1
        tally.held += r.bytes_done


def _clean_bucket(
    place: Place, connect: ConnectionFactory, mine: set[str], cutoff: float, dry_run: bool, tally: Tally
) -> None:
    """Every unfinished upload on the bucket older than the cutoff and not the journal's.
    Raises S3Failure or ConnectionSetupError when the bucket cannot be listed."""
    bucket = place.destination.bucket
    conn = connect(place.destination)
    for remote in conn.signer.list_multipart_uploads(bucket):
        if remote.upload_id in mine or remote.initiated >= cutoff:
            continue
        stored = _stored_bytes(conn, bucket, remote)
        print(f"bucket          {printable(f's3://{bucket}/{remote.key}')}  started {_started(remote.initiated)}  "
              f"{'size unknown' if stored is None else human_bytes(stored) + ' stored'}")  # fmt: skip
        if not dry_run:
            conn.signer.abort(bucket, remote.key, remote.upload_id)
        tally.found += 1
        tally.held += stored or 0


def _uses_a_service(args: argparse.Namespace, config: Config, stale: list[UploadRow]) -> bool:
    profile = config.profiles.get(args.profile or "")
    looked_at_profiles = not args.bucket and not args.profile
    return (
        (profile is not None and profile.is_service)
        or any(r.region == SERVICE_REGION for r in stale)
        or (looked_at_profiles and any(p.is_service for p in config.profiles.values()))
    )


def _looked_at(places: list[Place], failed: list[Place]) -> str:
    if not places:
        return ("hoist: looked at the journal's uploads only (no profile names a bucket; --bucket B "
                "looks at one).")  # fmt: skip
    listed = ", ".join(p.label for p in places if p not in failed)
    return f"hoist: looked at the journal's uploads and at {listed or 'no bucket'}."


def cmd_cleanup(args: argparse.Namespace, paths: Paths, config: Config) -> int:
    cutoff = time.time() - parse_duration(args.older_than)
    connect = connection_factory(config, config.transfer, overrides_from(args))
    places = places_to_look(args, config)
    tally = Tally()
    failed: list[Place] = []
    with engine_lock(paths):
        journal = Journal(paths.journal)
        unfinished = [r for r in journal.unfinished_uploads() if r.s3_upload_id]
        old = [
            r
            for r in unfinished
            if r.created_at < cutoff and (args.bucket is None or r.bucket == args.bucket)
        ]
        _clean_journal(old, connect, journal, args.dry_run, tally)
        if _uses_a_service(args, config, [r for r in old if r.state == UploadState.FAILED]):
            print("hoist: an upload service cannot list the bucket's other unfinished uploads (only its "
                  "administrator can, on the storage); Hoist aborts the journal's own through it.",
                  file=sys.stderr)  # fmt: skip
        mine = {
            r.s3_upload_id for r in unfinished if r.s3_upload_id
        }  # the journal's own, kept or aborted above
        for place in places:
            destination = place.destination
            try:
                _clean_bucket(place, connect, mine, cutoff, args.dry_run, tally)
            except (S3Failure, ConnectionSetupError) as exc:
                why = (refusal(exc, destination.bucket, destination.endpoint_url, place.given)
                       if isinstance(exc, S3Failure) else str(exc))  # fmt: skip
                if args.bucket:  # the one bucket asked for: nothing else to do
                    raise Refused(why) from None
                print(f"hoist: could not look at {place.label}: {why}", file=sys.stderr)
                failed.append(place)
    print(_looked_at(places, failed))
    verb = "would abort" if args.dry_run else "aborted"
    print(f"hoist: {verb} {tally.found} incomplete multipart upload(s) older than {args.older_than}"
          f" (about {human_bytes(tally.held)} of parts the server keeps, and bills, until they are aborted).")  # fmt: skip
    return EXIT_FAILED if failed else EXIT_OK
