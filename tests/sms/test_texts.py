"""Every kind has a DLT template in each language, with its values capped and its secret
blanked in the stored copy."""

import pytest

from sms.dlt import DLT_VAR, VAR_MAX
from sms.models import SmsKind
from sms.reasons import SmsReason
from sms.texts import LANGUAGES, SECRET_PARAMS, TEMPLATES, render, template_for


def _params(kind: str) -> dict[str, str]:
    """A distinct short value for every variable of the kind (a reason: a code)."""
    names = {v.name for language in LANGUAGES for v in template_for(kind, language).variables}
    return {
        name: SmsReason.DETAILS_WRONG if name in ("reason", "ground") else f"{n}7"
        for n, name in enumerate(sorted(names), start=1)
    }


@pytest.mark.parametrize("kind", list(SmsKind))
def test_every_kind_has_a_template_in_each_language(kind: SmsKind) -> None:
    hindi, english = (template_for(kind, language) for language in LANGUAGES)
    assert hindi.language == "hi" and english.language == "en"
    assert any("\u0900" <= c <= "\u097f" for c in hindi.text)
    assert english.text.isascii()
    # the same values in both, so that a caller need not know the language
    assert {v.name for v in hindi.variables} == {v.name for v in english.variables}
    assert hindi.dlt_text.count(DLT_VAR) == len(hindi.variables)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", list(SmsKind))
def test_it_renders_every_kind_with_its_params(kind: SmsKind, language: str) -> None:
    # given
    params = _params(kind)

    # when
    rendered = render(kind, language, params)

    # then: every value is in the text; the stored copy lacks only the secret
    secret = SECRET_PARAMS.get(kind)
    for name, value in params.items():
        if name not in ("reason", "ground"):
            assert value in rendered.text
            assert (value in rendered.redacted) is (name != secret)
    if secret is None:
        assert rendered.redacted == rendered.text
    assert rendered.template.language == language


@pytest.mark.parametrize(
    ("language", "label"), [("hi", "विवरण गलत हैं"), ("en", "Details are wrong")]
)
def test_a_reason_goes_as_its_label_in_the_templates_language(language: str, label: str) -> None:
    rendered = render(
        SmsKind.GRIEVANCE_CLOSED, language, {"number": "GR250101123456", "reason": "DETAILS_WRONG"}
    )

    assert label in rendered.text
    assert "DETAILS_WRONG" not in rendered.text


def test_a_reason_that_is_no_code_is_refused() -> None:
    # an official's free text can no longer reach an SMS by mistake
    with pytest.raises(ValueError):
        render(SmsKind.GRIEVANCE_CLOSED, "hi", {"number": "GR1", "reason": "The road is fixed"})


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_reason_label_fits_one_variable(language: str) -> None:
    from django.utils import translation

    with translation.override(language):
        too_long = [str(r.label) for r in SmsReason if len(str(r.label)) > VAR_MAX]
    assert too_long == []


def test_a_long_name_is_cut_to_the_cap() -> None:
    place = "Shivpuri Gramin Vikas Khand Purv, Narsinghgarh Nagar Palika"

    rendered = render(
        SmsKind.MIGRATION_APPROVED, "en", {"number": "MG250101123456", "place": place}
    )

    assert place not in rendered.text
    assert "registered in Shivpuri Gramin Vikas Khand. " in rendered.text


def test_a_reference_too_long_for_its_variable_is_refused_not_cut() -> None:
    with pytest.raises(ValueError, match="number"):
        render(SmsKind.MIGRATION_WITHDRAWN, "en", {"number": "MG" + "1" * 30})


def test_it_refuses_an_unknown_kind() -> None:
    with pytest.raises(ValueError, match="unknown SMS kind"):
        render("birthday", "en", {})


def test_templates_cover_exactly_the_kinds() -> None:
    assert {kind for kind, _language in TEMPLATES} == set(SmsKind.values)
