"""The operating system around the window: start at login, one instance, files opened by the system, joining the desktop."""
