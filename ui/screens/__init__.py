"""The screens of the desktop app: setup, unlock, prospect list, to-do list, settings, editor."""
