"""Dialogs: profile, transfer settings, conflict, errors, first-run welcome."""
