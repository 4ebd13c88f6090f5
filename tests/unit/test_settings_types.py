"""Settings objects hold their enums, however they are built: a Qt combo box hands a
StrEnum back as a plain str, and a plain str in TransferSettings.if_exists made every
add after Save in Transfer settings fail (``'str' object has no attribute 'value'``)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from hoist.config.settings import Config, CredentialSource, IfExists, Profile, TransferSettings


def test_a_plain_string_becomes_the_enum():
    settings = replace(TransferSettings(), if_exists="rename")  # what the dialog once passed
    assert type(settings.if_exists) is IfExists and settings.if_exists.value == "rename"
    profile = Profile(name="p", credential_source="keyring")  # type: ignore[arg-type]
    assert type(profile.credential_source) is CredentialSource


def test_a_round_trip_through_the_settings_file_keeps_the_enums():
    config = Config(
        profiles={"p": Profile(name="p", credential_source=CredentialSource.KEYRING)},
        transfer=TransferSettings(if_exists=IfExists.SKIP),
    )
    again = Config.from_dict(config.to_dict())
    assert type(again.transfer.if_exists) is IfExists and again.transfer.if_exists is IfExists.SKIP
    assert again.profiles["p"].credential_source is CredentialSource.KEYRING


def test_an_unknown_value_is_refused():
    with pytest.raises(ValueError, match="'sometimes' is not a valid IfExists"):
        TransferSettings(if_exists="sometimes")  # type: ignore[arg-type]
