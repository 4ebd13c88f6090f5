"""What the window, the tray and the dialogs share: paths, config, journal, engine, bridge."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace

from ..config.paths import Paths
from ..config.settings import Config, Profile, save_config
from ..engine.core import Engine
from ..store.journal import Destination, Journal
from .bridge import ConflictBroker, EngineBridge
from .demo import DemoStorage, is_demo

log = logging.getLogger(__name__)


@dataclass
class Context:
    paths: Paths
    config: Config
    journal: Journal
    engine: Engine
    bridge: EngineBridge
    broker: ConflictBroker
    demo: DemoStorage = field(default_factory=DemoStorage)

    def save_config(self) -> None:
        """Save settings and profiles (never secrets, never the demo profile), off the
        GUI thread."""
        snapshot = replace(
            self.config,
            profiles={n: replace(p) for n, p in self.config.profiles.items() if not is_demo(n)},
            transfer=replace(self.config.transfer),
            app=replace(self.config.app),
        )
        if is_demo(snapshot.default_profile):
            snapshot.default_profile = next(iter(snapshot.profiles), "")
        path = self.paths.config_file
        self.bridge.submit(lambda: save_config(snapshot, path), query=True)

    def profile(self, name: str | None = None) -> Profile | None:
        chosen = name if name is not None else self.config.default_profile
        return self.config.profiles.get(chosen) or next(iter(self.config.profiles.values()), None)


def destination_for(profile: Profile) -> Destination:
    if profile.is_service:  # the service chooses bucket and key
        from ..connect import service_destination

        return service_destination(profile.service_url, profile.name)
    return Destination(
        profile=profile.name,
        endpoint_url=profile.endpoint_url,
        region=profile.region or "us-east-1",
        bucket=profile.bucket,
        path_style=profile.path_style,
    )


def options_for(profile: Profile) -> dict[str, object]:
    options: dict[str, object] = {"detect_content_type": profile.detect_content_type}
    if profile.storage_class:
        options["storage_class"] = profile.storage_class
    if profile.server_side_encryption:
        options["server_side_encryption"] = profile.server_side_encryption
    if profile.metadata:
        options["metadata"] = dict(profile.metadata)
    return options


def object_url(endpoint_url: str, region: str, bucket: str, key: str, path_style: bool) -> str:
    from urllib.parse import quote

    quoted = quote(key, safe="/")
    if endpoint_url:
        base = endpoint_url.rstrip("/")
        if path_style:
            return f"{base}/{bucket}/{quoted}"
        scheme, _, host = base.partition("://")
        return f"{scheme}://{bucket}.{host}/{quoted}"
    return f"https://{bucket}.s3.{region or 'us-east-1'}.amazonaws.com/{quoted}"
