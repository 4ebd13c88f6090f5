"""The headless front end: `hoist upload|resume|status|pause|cancel|retry|cleanup|profile`."""
