"""The upload hint under a file field is in the reader's language. The fields are made when their
form's module is imported, in the default language (Hindi): a hint translated then stayed Hindi
on English pages."""

from django.utils import translation

from documents.forms import DocumentField
from tests.conftest import World, client_for


def test_a_field_made_in_hindi_gives_its_hint_in_english_to_an_english_reader() -> None:
    with translation.override("hi"):
        field = DocumentField()
    with translation.override("en"):
        assert str(field.help_text).startswith("PDF, JPEG or PNG, at most ")
    with translation.override("hi"):
        assert "अधिकतम" in str(field.help_text)


def test_the_registration_forms_upload_hint_is_english_on_the_english_page(world: World) -> None:
    client = client_for(world.alice)
    with translation.override("hi"):
        client.get("/registration/new/")  # whatever was imported first, it was in Hindi
    client.cookies["django_language"] = "en"
    page = client.get("/registration/new/").content.decode()
    assert "PDF, JPEG or PNG, at most " in page
    assert "अधिकतम" not in page
