"""`manage.py check --deploy`: the family card's signing keys (registry.card_signing) are
usable, so that a server without them is stopped before its first card download fails."""

from typing import Any

from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured


@register(Tags.security, deploy=True)
def card_signing_keys_check(app_configs: Any = None, **kwargs: Any) -> list[Error]:
    from registry.card_signing import load_card_keys

    try:
        load_card_keys()
    except ImproperlyConfigured as problem:
        return [Error(str(problem), id="registry.E001")]
    return []
