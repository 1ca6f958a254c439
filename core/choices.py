from django.db import models


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """What a field's get_FOO_display() gives (the label, else the stored value), without
    Django's rebuilding a dict of all the field's choices at each call: that hashes every lazy
    label, translating each (~40 µs a call for a dozen choices, several a member on the
    register's most read page)."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value
