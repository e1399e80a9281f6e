import subprocess
import sys

import pytest

from caredesk.core.email_url import (
    CONSOLE_BACKEND,
    MAILGUN_BACKEND,
    POSTMARK_BACKEND,
    SMTP_BACKEND,
    EmailTransport,
    EmailUrlError,
    parse_email_url,
)


def smtp(host, port, username="", password="", *, use_tls=False, use_ssl=False, **extra):
    options = {
        "host": host,
        "port": port,
        "username": username,
        "password": password,
        "use_tls": use_tls,
        "use_ssl": use_ssl,
        **extra,
    }
    return EmailTransport(SMTP_BACKEND, options)


@pytest.mark.parametrize(
    ("url", "transport"),
    [
        ("smtp://mail.example.com", smtp("mail.example.com", 25)),
        (
            "smtp://helpdesk:p%40ss%2Fword@mail.example.com:2525?timeout=10",
            smtp("mail.example.com", 2525, "helpdesk", "p@ss/word", timeout=10.0),
        ),
        ("smtp+tls://u:p@smtp.example.com", smtp("smtp.example.com", 587, "u", "p", use_tls=True)),
        ("smtps://u:p@smtp.example.com", smtp("smtp.example.com", 465, "u", "p", use_ssl=True)),
        ("console://", EmailTransport(CONSOLE_BACKEND)),
        (
            "mailgun://key-123@api.eu.mailgun.net",
            EmailTransport(
                MAILGUN_BACKEND,
                {"api_key": "key-123", "api_url": "https://api.eu.mailgun.net/v3"},
            ),
        ),
        ("mailgun://key-123@", EmailTransport(MAILGUN_BACKEND, {"api_key": "key-123"})),
        ("postmark://token-1@", EmailTransport(POSTMARK_BACKEND, {"server_token": "token-1"})),
    ],
)
def test_email_urls_name_a_backend_and_its_options(url, transport):
    assert parse_email_url(url) == transport


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("smtp://", "needs a host"),
        ("smtp://mail.example.com:99999", "not a URL"),
        ("smtp://mail.example.com?timeout=soon", "timeout must be a number"),
        ("mailgun://api.mailgun.net", "needs the API key"),
        ("postmark://", "needs the server token"),
        ("sendmail://localhost", "'sendmail' is not one of"),
    ],
)
def test_bad_email_urls_say_what_is_wrong(url, message):
    with pytest.raises(EmailUrlError, match=message):
        parse_email_url(url)


def test_settings_read_the_email_url():
    transport = parse_email_url("smtp+tls://u:p@smtp.example.com:2587")

    assert transport.django_settings() == {
        "EMAIL_BACKEND": SMTP_BACKEND,
        "EMAIL_HOST": "smtp.example.com",
        "EMAIL_PORT": 2587,
        "EMAIL_HOST_USER": "u",
        "EMAIL_HOST_PASSWORD": "p",
        "EMAIL_USE_TLS": True,
        "EMAIL_USE_SSL": False,
    }
    assert parse_email_url("postmark://t@").django_settings() == {
        "EMAIL_BACKEND": POSTMARK_BACKEND,
        "ANYMAIL": {"POSTMARK_SERVER_TOKEN": "t"},
    }


def read_settings(email_url: str, data_dir) -> subprocess.CompletedProcess:
    probe = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.EMAIL_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, s.ANYMAIL.get('MAILGUN_API_KEY'))"
    )
    return subprocess.run(  # noqa: S603 - our interpreter
        [sys.executable, "-c", probe],
        env={
            "DJANGO_SETTINGS_MODULE": "caredesk.settings",
            "EMAIL_URL": email_url,
            "CAREDESK_DATA_DIR": str(data_dir),
            "PATH": "",
        },
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_the_settings_module_configures_mail_from_the_environment(tmp_path):
    good = read_settings("mailgun://key-9@", tmp_path)
    bad = read_settings("smtp://", tmp_path)

    assert good.stdout.split() == [MAILGUN_BACKEND, "localhost", "25", "key-9"]
    assert bad.returncode == 1
    assert "EMAIL_URL smtp:// needs a host" in bad.stderr
