import re

import pytest
from django.utils import translation

from sms.models import SmsKind
from sms.texts import SECRET_PARAMS, _template, render


def _params(kind: SmsKind) -> dict[str, str]:
    """A distinct value for every placeholder the kind's English text names."""
    with translation.override("en"):
        names = re.findall(r"%\((\w+)\)s", _template(kind))
    return {name: f"{name}-{number}7" for number, name in enumerate(names, start=1)}


@pytest.mark.parametrize("language", ["hi", "en"])
@pytest.mark.parametrize("kind", list(SmsKind))
def test_it_renders_every_kind_with_its_params(kind: SmsKind, language: str) -> None:
    # given
    params = _params(kind)
    assert params, "every SMS names at least one value"

    # when
    text, redacted = render(kind, language, params)

    # then: every value is in the text; the stored copy lacks only the secret
    for value in params.values():
        assert value in text
    secret = SECRET_PARAMS.get(kind)
    for name, value in params.items():
        assert (value in redacted) is (name != secret)
    if secret is None:
        assert redacted == text


@pytest.mark.parametrize("kind", list(SECRET_PARAMS))
def test_every_secret_is_a_placeholder_of_its_text(kind: SmsKind) -> None:
    assert SECRET_PARAMS[kind] in _params(kind)


def test_it_refuses_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown SMS kind"):
        render("birthday", "en", {})
