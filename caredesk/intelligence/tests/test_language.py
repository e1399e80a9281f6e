import pytest

from caredesk.intelligence.language import detect_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Where is my parcel?", "en"),
        ("¿Dónde está mi pedido?", "es"),
        ("Wo ist meine Bestellung?", "de"),
        ("Je t'aime", "fr"),
        ("Merci beaucoup", "fr"),
        ("Onde está meu pedido?", "pt"),
        ("Dov'è il mio ordine?", "it"),
    ],
)
def test_short_sentences_in_six_languages(text, expected):
    assert detect_language(text) == expected


@pytest.mark.parametrize("text", ["", "ok", "12345 !!!", "👍"])
def test_too_little_to_tell_is_no_language(text):
    assert detect_language(text) is None


def test_only_configured_languages_are_chosen(settings):
    settings.CAREDESK_DETECT_LANGUAGES = ["en", "de"]

    assert detect_language("¿Dónde está mi pedido? Lo necesito mañana.") in {"en", "de", None}
