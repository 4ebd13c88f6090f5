"""The desktop window (PySide6), the only package that imports Qt: start-up, the engine bridge and shared context here, the rest in rooms (models, window, tray, dialogs, platform)."""
