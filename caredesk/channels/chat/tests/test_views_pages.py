from django.test import Client


def test_the_demo_page_embeds_the_widget_with_one_tag(db):
    response = Client().get("/chat/demo/?team=support")

    assert response.status_code == 200
    html = response.content.decode()
    assert (
        '<script src="/static/chat/widget.js" data-caredesk-url="http://testserver" '
        'data-team="support" defer></script>'
    ) in html
    assert "<style" not in html
    assert " style=" not in html


def test_the_widget_and_its_stylesheet_are_served(db):
    client = Client()

    script = client.get("/static/chat/widget.js")
    stylesheet = client.get("/static/chat/widget.css")
    script.close()
    stylesheet.close()

    assert script.status_code == 200
    assert stylesheet.status_code == 200


def test_agents_see_the_chat_queue_with_waiting_times(client, online_agent, start):
    start(text="Where is my parcel?")
    client.force_login(online_agent)

    response = client.get("/workspace/chats/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Where is my parcel?" in html
    assert "data-waiting-since=" in html
    assert 'href="/workspace/chats/" aria-current="page"' in html


def test_customers_are_sent_to_the_portal(client, customer_user):
    client.force_login(customer_user)

    response = client.get("/workspace/chats/")

    assert response.status_code == 302
    assert response["Location"] == "/portal/"
