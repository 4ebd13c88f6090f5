"""The tray and notifications: icon, state, menu, balloons and D-Bus notices, wired to the window and engine."""
