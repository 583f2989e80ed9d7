"""The web UI and REST API over the store (``onrecord serve``)."""

from onrecord.web.app import create_app

__all__ = ["create_app"]
