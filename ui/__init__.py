"""The desktop user interface (PySide6): the only package that imports Qt, with main.py."""

from ui.pyside_compat import protect_none
from ui.pyside_features import speed_up_feature_check

protect_none()
speed_up_feature_check()
