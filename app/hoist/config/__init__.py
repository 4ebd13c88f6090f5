"""Settings, profiles, paths and secrets. No Qt, no network."""
