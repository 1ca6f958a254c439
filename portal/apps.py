from django.apps import AppConfig


class PortalConfig(AppConfig):
    """The top of the house: the home pages of each role, the page that says registration is
    open, the manuals and the demo data. It may import every app; ``core`` (the base kit every
    app uses) imports none."""

    name = "portal"
