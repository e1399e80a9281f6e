import pytest

from caredesk.intelligence.history_csv import UnreadableExport, parse_export


def test_utf16_without_a_byte_order_mark_still_reads():
    export = parse_export("Subject,Team\r\nRückerstattung,billing\r\n".encode("utf-16-le"))

    assert (export.columns, export.rows) == (
        ["Subject", "Team"],
        [{"Subject": "Rückerstattung", "Team": "billing"}],
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b"  \r\n", "The file is empty."),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(32)) * 40, "The file is not a CSV export"),
    ],
)
def test_what_is_not_an_export_is_refused_by_name(data, message):
    with pytest.raises(UnreadableExport, match=message):
        parse_export(data)
