import pytest
from django.core.exceptions import ImproperlyConfigured

from identity.uidai import get_uidai
from identity.uidai.sandbox import SandboxUidai


class LicensedAdapter:
    """Stands in for a licensed AUA/KUA adapter installed beside the portal."""


def test_the_setting_selects_the_sandbox(settings):
    settings.UIDAI_ADAPTER = "sandbox"

    assert isinstance(get_uidai(), SandboxUidai)


def test_a_dotted_path_plugs_in_another_adapter(settings):
    settings.UIDAI_ADAPTER = "tests.uidai.test_get_uidai.LicensedAdapter"

    assert isinstance(get_uidai(), LicensedAdapter)


def test_no_adapter_is_a_clear_configuration_error(settings):
    settings.UIDAI_ADAPTER = ""

    with pytest.raises(ImproperlyConfigured, match="SAMAGRA_UIDAI_ADAPTER is not set"):
        get_uidai()


def test_an_adapter_that_cannot_be_imported_is_a_clear_configuration_error(settings):
    settings.UIDAI_ADAPTER = "nowhere.Adapter"

    with pytest.raises(ImproperlyConfigured, match="cannot be imported"):
        get_uidai()
