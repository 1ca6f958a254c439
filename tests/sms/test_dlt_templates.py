"""Each template, with every variable at its cap, takes at most the parts stated here for it.

The bound is part of the template's design: a text that grows past it costs every message one
more part. OTP and a withdrawal fit one part in Hindi too; other Hindi texts need two (a UCS-2
part holds 70 characters, and their values alone may take 40-90); every English text fits one.
Run with -s to see the table.
"""

import pytest
from django.core.management import call_command

from sms.dlt import VAR_MAX, sms_parts
from sms.models import SmsKind
from sms.texts import LANGUAGES, TEMPLATES, longest_params, parts_at_most, template_for

K = SmsKind
HINDI_ONE_PART = {K.OTP, K.MIGRATION_WITHDRAWN}
# kind: (Hindi, English) parts at most. A new kind must state its own.
BOUNDS = {kind: (1 if kind in HINDI_ONE_PART else 2, 1) for kind in SmsKind}


@pytest.mark.parametrize("kind", list(SmsKind))
def test_every_kind_states_its_bound(kind: SmsKind) -> None:
    assert kind in BOUNDS


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", list(SmsKind))
def test_each_template_at_its_longest_stays_within_its_parts(kind: SmsKind, language: str) -> None:
    # given: every variable at its cap, in the template's script
    template = template_for(kind, language)
    text = template.fill(longest_params(template))

    # when
    parts = sms_parts(text)
    print(f"{kind}:{language} {len(text)} characters, {parts} part(s)")

    # then
    assert parts <= BOUNDS[kind][LANGUAGES.index(language)], text


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_otp_is_one_part(language: str) -> None:
    assert parts_at_most(template_for(SmsKind.OTP, language)) == 1


def test_no_variable_is_longer_than_the_operators_limit() -> None:
    for template in TEMPLATES.values():
        for var in template.variables:
            assert var.cap <= VAR_MAX
            assert len(longest_params(template)[var.name]) <= VAR_MAX


def test_the_table_lists_every_template_with_its_setting_key(
    capsys: pytest.CaptureFixture[str], settings: object
) -> None:
    settings.SMS_DLT_TEMPLATE_IDS = {"otp:hi": "1107160000000000003"}  # type: ignore[attr-defined]

    call_command("sms_templates")

    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("| ") and "`" in line]
    assert len(rows) == len(SmsKind) * len(LANGUAGES)
    otp_hi = next(row for row in rows if "`otp:hi`" in row)
    assert "1107160000000000003" in otp_hi and "{#var#}" in otp_hi and "| 1 |" in otp_hi
    assert "(not set)" in next(row for row in rows if "`otp:en`" in row)
