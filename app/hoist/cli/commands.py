"""The commands: upload, resume, status, pause/cancel/retry, cleanup (profile: profiles.py)."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from dataclasses import replace

from filelock import FileLock, Timeout

from ..config.paths import Paths
from ..config.private import PRIVATE_FILE, UntrustedHome
from ..config.settings import Config, IfExists, Profile, TransferSettings
from ..connect import connection_factory, service_destination
from ..display import printable
from ..engine.batch import plan_batch
from ..engine.core import Engine
from ..engine.planner import PlanError, human_bytes
from ..engine.sources import BadInput, normalise_prefix
from ..s3.metadata import MetadataError, parse_metadata
from ..seal import JournalSeal, load_seal
from ..store.journal import Destination, Journal
from ..store.states import UNFINISHED, UploadState
from .advice import Given
from .cleanup import cmd_cleanup
from .parser import (
    RECENT_FINISHED,
    UsageError,
    check_content_type,
    check_endpoint,
    check_service_url,
    check_token,
    parse_target,
)
from .plan import print_plan
from .profiles import cmd_profile
from .progress import ConsoleProgress
from .runner import (
    EXIT_FAILED,
    EXIT_OK,
    Interrupt,
    _print_summary,
    _report_set_aside,
    _reuse,
    engine_lock,
    exit_code_for,
    overrides_from,
    preflight,
    run_engine,
    transfer_settings,
)
from .unreadable import cannot_be_read, line_for


def _service_destination(args: argparse.Namespace, profile: Profile | None) -> Destination | None:
    """The upload service to go through (--service, or a --profile of that kind), or None."""
    service_profile = profile if profile is not None and profile.is_service else None
    if args.service is None and service_profile is None:
        return None
    if args.service is not None and args.endpoint_url:
        raise UsageError("--service and --endpoint-url do not go together: an upload service signs for "
                         "its own storage (give one or the other)")  # fmt: skip
    if args.service is not None and args.profile and service_profile is None:
        raise UsageError(
            f"--service and --profile {args.profile} do not go together ({args.profile} is not an upload-service profile)"
        )
    for option, given in (("--endpoint-url", args.endpoint_url), ("--region", args.region),
                          ("--path-style", args.path_style), ("--storage-class", args.storage_class),
                          ("--sse", args.sse)):  # fmt: skip
        if given:
            raise UsageError(f"{option} does not apply to an upload service: it chooses where files go")
    if args.to:
        print(f"hoist: note: --to {printable(args.to)} is not used: the upload service chooses the bucket "
              "and key of each file.", file=sys.stderr)  # fmt: skip
    if args.service is not None:
        return service_destination(check_service_url(args.service), service_profile.name if service_profile
                                   else "")  # fmt: skip
    assert service_profile is not None
    if not service_profile.service_url:
        raise UsageError(f"the profile '{service_profile.name}' has no service URL "
                         f"(`hoist profile set {service_profile.name} --service URL`)")  # fmt: skip
    return service_destination(service_profile.service_url, service_profile.name)


def cmd_upload(args: argparse.Namespace, paths: Paths, config: Config) -> int:
    settings = transfer_settings(config, args)
    profile = config.profiles.get(args.profile or config.default_profile or "")
    if args.service is not None and not args.profile and profile is not None and not profile.is_service:
        profile = None  # the default storage profile has nothing to do with a one-off service
    service = _service_destination(args, profile)
    if service is not None:
        return _upload(args, paths, config, settings, profile, service, "", Given(profile))
    endpoint = check_endpoint(args.endpoint_url)
    if args.profile and profile is None:
        import botocore.session  # only for a name that is not a Hoist profile

        if args.profile not in botocore.session.Session().available_profiles:
            raise UsageError(f"no profile named '{args.profile}': not a Hoist profile (see `hoist profile list`) "
                             "nor an AWS profile in ~/.aws")  # fmt: skip
    if args.to:
        bucket, prefix = parse_target(args.to)
    elif profile is not None and profile.bucket:
        bucket, prefix = profile.bucket, normalise_prefix(profile.prefix)
    else:
        raise UsageError("no destination: give --to s3://BUCKET[/PREFIX] or a --profile with a bucket")
    destination = Destination(
        profile=args.profile or (profile.name if profile else ""),
        endpoint_url=endpoint or (profile.endpoint_url if profile else ""),
        region=args.region or (profile.region if profile else "") or "us-east-1",
        bucket=bucket,
        path_style=args.path_style or (profile.path_style if profile else False),
    )
    given = Given(profile, "--to" if args.to else "", bool(endpoint), bool(args.region),
                  args.profile if args.profile and profile is None else "")  # fmt: skip
    return _upload(args, paths, config, settings, profile, destination, prefix, given)


def _upload(
    args: argparse.Namespace,
    paths: Paths,
    config: Config,
    settings: TransferSettings,
    profile: Profile | None,
    destination: Destination,
    prefix: str,
    given: Given,
) -> int:
    options: dict[str, object] = {"detect_content_type": not args.no_content_type}
    if args.storage_class:
        options["storage_class"] = check_token("--storage-class", args.storage_class)
    if args.sse:
        options["server_side_encryption"] = check_token("--sse", args.sse)
    if args.content_type:
        options["content_type"] = check_content_type(args.content_type)
    metadata = dict(profile.metadata) if profile is not None else {}
    try:
        metadata.update(parse_metadata(args.metadata))  # the command line wins over the profile
    except MetadataError as exc:
        raise UsageError(f"--metadata: {exc}") from None
    if metadata:
        options["metadata"] = metadata
    if args.dry_run:
        try:
            plan = plan_batch(
                args.paths, prefix, settings, if_exists=IfExists(args.if_exists), options=options
            )
        except (BadInput, PlanError) as exc:
            raise UsageError(str(exc)) from None
        print_plan(plan, destination, prefix, settings)
        return EXIT_FAILED if any(cannot_be_read(item) for item in plan.skipped) else EXIT_OK
    connect = connection_factory(config, settings, overrides_from(args))
    with engine_lock(paths):
        journal = Journal(paths.journal)
        _report_set_aside(journal)
        seal = _sealing(journal)
        checked = preflight(connect, destination, given)
        engine = Engine(journal, _reuse(connect, destination, checked), settings, trust=seal.problem)
        # Everything built so far (imports, the boto3 client's models) lives until exit:
        # keep the cyclic GC from walking it again and again during the upload.
        # Measured: GC was ~4% of a 1 GiB upload's CPU samples (perf), ~1% after.
        gc.freeze()
        try:
            result = engine.queue_paths(
                args.paths, destination, prefix, if_exists=IfExists(args.if_exists), options=options
            )
        except (BadInput, PlanError) as exc:
            raise UsageError(str(exc)) from None
        gc.freeze()  # and the batch just planned: with 20,000 files, full collections took 0.2 s each
        for item in result.skipped:  # a file that cannot be read is a failure; the others are rules
            print(f"hoist: {line_for(item)}", file=sys.stderr)
        unreadable = sum(1 for item in result.skipped if cannot_be_read(item))
        queued = set(result.upload_ids)  # a tuple here cost 1.3 s for a 20,000-file folder
        others = [r for r in journal.unfinished_uploads() if r.id not in queued and r.state.active]
        progress = ConsoleProgress(engine, result.upload_ids, quiet=args.quiet)
        engine.subscribe(progress.on_event)
        interrupt = Interrupt()
        interrupt.install()
        engine.start(resume=False)
        engine.run_uploads(result.upload_ids)
        finished = run_engine(engine, progress, interrupt)
        code = exit_code_for(journal, result.upload_ids, not finished, unreadable)
        _print_summary(journal, result.upload_ids, args.quiet, unreadable)
        if others and not args.quiet:
            print(f"hoist: {len(others)} unfinished upload(s) from earlier are waiting; "
                  "`hoist resume` carries on with them.", file=sys.stderr)  # fmt: skip
        return code


def _sealing(journal: Journal) -> JournalSeal:
    """Seal the rows this run queues, and check the seal of every row it sends (seal.py)."""
    try:
        return load_seal().attach(journal)
    except (ValueError, OSError, UntrustedHome) as exc:
        raise UsageError(str(exc)) from None


def cmd_resume(args: argparse.Namespace, paths: Paths, config: Config) -> int:
    """Here, or (when another Hoist, e.g. the window, holds the journal) through it, as pause,
    cancel and retry go: a command in the journal its engine polls (issue 12, item 5)."""
    lock = FileLock(str(paths.engine_lock), mode=PRIVATE_FILE)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return _resume_through_the_running_hoist(args, Journal(paths.journal))
    try:
        return _resume_here(args, paths, config)
    finally:
        lock.release()


def _resume_through_the_running_hoist(args: argparse.Namespace, journal: Journal) -> int:
    if not args.ids:  # what was running is running there already
        print("hoist: the running Hoist is already carrying on with everything that was running; "
              "`hoist resume ID` continues a paused upload there.")  # fmt: skip
        return EXIT_OK
    unfinished = {r.id for r in journal.unfinished_uploads()}
    missing = [i for i in args.ids if i not in unfinished]
    if missing:
        raise UsageError(f"no unfinished upload with ID {', '.join(map(str, missing))} (see `hoist status`)")
    for upload_id in args.ids:
        journal.push_command("resume", upload_id)
    print(f"hoist: asked the running Hoist to resume {', '.join(map(str, args.ids))}.")
    return EXIT_OK


def _resume_here(args: argparse.Namespace, paths: Paths, config: Config) -> int:
    settings = transfer_settings(config, args)
    journal = Journal(paths.journal)
    _report_set_aside(journal)
    seal = _sealing(journal)
    engine = Engine(journal, connection_factory(config, settings, overrides_from(args)), settings,
                    trust=seal.problem)  # fmt: skip
    unfinished = {r.id: r for r in journal.unfinished_uploads()}
    if args.ids:
        missing = [i for i in args.ids if i not in unfinished]
        if missing:
            raise UsageError(
                f"no unfinished upload with ID {', '.join(map(str, missing))} (see `hoist status`)"
            )
        engine.load_unfinished()
        engine.resume(args.ids)  # paused ones carry on too: they were named
        runnable = [i for i in args.ids if engine.runtimes[i].state.active]
    else:
        runnable = [i for i, r in unfinished.items() if r.state.active]
    if not runnable:
        paused = sum(1 for r in unfinished.values() if r.state == UploadState.PAUSED)
        failed = sum(1 for r in unfinished.values() if r.state == UploadState.FAILED)
        print(f"hoist: nothing to resume ({paused} paused, {failed} failed; `hoist resume ID` continues a "
              "paused upload, `hoist retry --all` re-queues failed ones).", file=sys.stderr)  # fmt: skip
        return EXIT_OK
    progress = ConsoleProgress(engine, runnable, quiet=args.quiet)
    engine.subscribe(progress.on_event)
    interrupt = Interrupt()
    interrupt.install()
    engine.start(resume=False)
    engine.run_uploads(runnable)
    finished = run_engine(engine, progress, interrupt)
    _print_summary(journal, runnable, args.quiet)
    return exit_code_for(journal, runnable, not finished)


def cmd_status(args: argparse.Namespace, paths: Paths, config: Config) -> int:
    journal = Journal(paths.journal)
    _report_set_aside(journal)
    rows = journal.list_uploads() if args.all else journal.list_uploads(states=UNFINISHED)
    if not args.all:
        # Also show the most recent finished ones so a person sees what just happened.
        recent = [r for r in journal.list_uploads(states=[UploadState.DONE, UploadState.CANCELLED,
                  UploadState.SKIPPED])][-RECENT_FINISHED:]  # fmt: skip
        rows = sorted(rows + recent, key=lambda r: r.id)
    if args.json:
        print(json.dumps([_status_dict(r) for r in rows], indent=2))
        return EXIT_OK
    if not rows:
        print("No uploads in the journal.")
        return EXIT_OK
    print(f"{'ID':>5}  {'STATE':<10} {'PROGRESS':>24}  {'PARTS':>11}  DESTINATION")
    for r in rows:
        done = r.size if r.state == UploadState.DONE else r.bytes_done
        progress = f"{human_bytes(done)}/{human_bytes(r.size)}"
        print(f"{r.id:>5}  {r.state.value:<10} {progress:>24}  {r.parts_done:>5}/{r.part_count:<5}"
              f"  {printable(f's3://{r.bucket}/{r.key}')}")  # fmt: skip
        if r.error:
            print(f"{'':>7}{printable(r.error)}")
    return EXIT_OK


def _status_dict(r: object) -> dict[str, object]:
    from ..store.journal import UploadRow

    assert isinstance(r, UploadRow)
    return {
        "id": r.id, "batch_id": r.batch_id, "state": r.state.value, "local_path": r.local_path,
        "bucket": r.bucket, "key": r.key, "endpoint_url": r.endpoint_url,
        "bytes_done": r.size if r.state == UploadState.DONE else r.bytes_done,
        "bytes_total": r.size, "parts_done": r.parts_done, "parts_total": r.part_count,
        "strategy": r.strategy, "part_size": r.part_size, "upload_id": r.s3_upload_id,
        "etag": r.etag, "sha256": r.sha256, "retries": r.retries, "error": r.error,
    }  # fmt: skip


def cmd_control(args: argparse.Namespace, paths: Paths, config: Config) -> int:
    """pause / cancel / retry: through the running engine if there is one, else directly."""
    if not args.ids and not args.all:
        raise UsageError(f"give upload IDs (see `hoist status`) or --all to {args.command} everything")
    journal = Journal(paths.journal)
    known = {r.id for r in journal.list_uploads(ids=args.ids)} if args.ids else set()
    missing = [i for i in args.ids if i not in known]
    if missing:
        raise UsageError(f"no upload with ID {', '.join(map(str, missing))} (see `hoist status`)")
    lock = FileLock(str(paths.engine_lock), mode=PRIVATE_FILE)
    try:
        lock.acquire(timeout=0)
    except Timeout:
        for upload_id in args.ids or [None]:
            journal.push_command(args.command, upload_id)
        print(f"hoist: asked the running Hoist to {args.command} "
              f"{'everything' if args.all else ', '.join(map(str, args.ids))}.")  # fmt: skip
        return EXIT_OK
    try:
        settings = replace(config.transfer, concurrency=2)
        engine = Engine(journal, connection_factory(config, settings, overrides_from(args)), settings)
        # Only cancel has work to do now (aborting on the server); pause and retry change
        # the journal, and `hoist resume` runs what retry queued, with its progress.
        if args.command == "cancel":
            engine.start(resume=False)
        else:
            engine.load_unfinished()
        ids = None if args.all else args.ids
        action = {"pause": engine.pause, "cancel": engine.cancel, "retry": engine.retry_failed}
        changed = action[args.command](ids)
        if args.command == "cancel":
            engine.wait_idle(timeout=60)
        engine.shutdown()
    finally:
        lock.release()
    verb = {"pause": "paused", "cancel": "cancelled", "retry": "queued again"}[args.command]
    print(f"hoist: {verb} {len(changed)} upload(s)" + ("; `hoist resume` runs them." if
          args.command == "retry" and changed else "."))  # fmt: skip
    return EXIT_OK


COMMANDS = {
    "upload": cmd_upload, "resume": cmd_resume, "status": cmd_status, "pause": cmd_control,
    "cancel": cmd_control, "retry": cmd_control, "cleanup": cmd_cleanup, "profile": cmd_profile,
}  # fmt: skip
