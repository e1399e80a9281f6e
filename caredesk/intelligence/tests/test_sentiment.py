from caredesk.intelligence.sentiment import analyse_sentiment, sentiment_label


def test_a_calm_thank_you_is_positive_and_not_frustrated():
    sentiment = analyse_sentiment("Thank you so much, that solved it. Great help!")

    assert sentiment.compound > 0.5
    assert sentiment.frustration == 0.0
    assert sentiment.reasons == []


def test_frustration_signals_are_named():
    sentiment = analyse_sentiment(
        "This is the THIRD TIME I WRITE ABOUT THIS!! Unacceptable. Cancel my contract or my "
        "lawyer will call you."
    )

    assert sentiment.reasons == [
        "negative tone",
        "capitals",
        "exclamation marks",
        "legal threat",
        "cancel",
        "repeated problem",
        "strong words",
    ]
    assert sentiment.frustration == 1.0


def test_repeated_contacts_count_even_in_polite_words():
    sentiment = analyse_sentiment("Any news about my order?", previous_contacts=2)

    assert sentiment.reasons == ["repeated contacts"]
    assert sentiment.frustration == 0.2


def test_other_languages_get_their_phrases():
    assert analyse_sentiment("Ich werde meinen Vertrag kündigen.").reasons == ["cancel"]
    assert analyse_sentiment("Hablaré con mi abogado.").reasons == ["legal threat"]


def test_labels_from_the_compound_score():
    assert sentiment_label(-0.5, negative_below=-0.1, positive_above=0.3) == "negative"
    assert sentiment_label(0.0, negative_below=-0.1, positive_above=0.3) == "neutral"
    assert sentiment_label(0.5, negative_below=-0.1, positive_above=0.3) == "positive"
