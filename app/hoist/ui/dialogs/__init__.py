"""Dialogs: profile, settings (and its Desktop tab), conflict, errors, history, first-run welcome."""
