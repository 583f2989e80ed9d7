"""``python -m onrecord``."""

from onrecord.cli import main

main()
