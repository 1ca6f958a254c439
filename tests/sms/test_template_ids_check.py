import pytest

from sms.checks import dlt_template_ids_check


def test_it_reports_an_id_under_a_key_that_is_no_template(settings: object) -> None:
    # given: an ID set the old way, for a kind in no particular language
    settings.SMS_DLT_TEMPLATE_IDS = {"otp": "1107", "otp:hi": "1108"}  # type: ignore[attr-defined]

    problems = dlt_template_ids_check()

    assert [p.id for p in problems] == ["sms.E001"]
    assert "'otp'" in problems[0].msg


@pytest.mark.parametrize(("gateway", "warned"), [("http", True), ("outbox", False)])
def test_a_deploy_check_with_the_http_gateway_wants_every_id(
    settings: object, gateway: str, warned: bool
) -> None:
    settings.SMS_GATEWAY = gateway  # type: ignore[attr-defined]
    settings.SMS_DLT_TEMPLATE_IDS = {"otp:hi": "1108"}  # type: ignore[attr-defined]

    problems = dlt_template_ids_check(deploy=True)

    assert [p.id for p in problems] == (["sms.W001"] if warned else [])
