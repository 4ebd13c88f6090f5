"""The main window and what sits in it: actions, destination bar, queue view, part map, status bar, drop overlay."""
