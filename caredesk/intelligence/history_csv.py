"""Reading a ticket-history export as it comes: any encoding, any of the usual separators,
quoted newlines, ragged rows and empty cells."""

import csv
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

SEPARATORS = ",;\t|"
LAST_LATIN_LETTER = 0x024F  # end of Latin Extended-B


class UnreadableExport(ValueError):
    pass


@dataclass
class Export:
    encoding: str
    columns: list[str]
    rows: list[dict[str, str]]

    def require(self, names: list[str]) -> None:
        missing = [name for name in names if name not in self.columns]
        if missing:
            raise UnreadableExport(
                f"Column {missing[0]!r} is not in the file; its columns are: {', '.join(self.columns)}"
            )


def _mostly_non_latin(text: str) -> bool:
    letters = [character for character in text if character.isalpha()]
    beyond_latin = sum(1 for character in letters if ord(character) > LAST_LATIN_LETTER)
    return bool(letters) and beyond_latin >= 0.2 * len(letters)


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with: a BOM or valid UTF-8 first, then the guess
    of charset-normalizer, then Windows-1252 (most spreadsheet exports), then Latin-1 (never fails)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    # charset-normalizer tells Shift-JIS or KOI8-R apart well, but on short Western exports it
    # picks look-alikes (mac_latin2 for Windows-1252): its guess counts only if it reads as a
    # non-Latin script.
    guess = from_bytes(data[:1_000_000]).best()
    if guess is not None:
        try:
            guessed = data.decode(guess.encoding)
        except (UnicodeDecodeError, LookupError):
            guessed = ""
        if _mostly_non_latin(guessed):
            return guessed, guess.encoding
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _separator(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:65536], delimiters=SEPARATORS).delimiter
    except csv.Error:
        return ","


def _looks_binary(text: str) -> bool:
    """A spreadsheet, archive or image read as text: control characters no CSV carries. NULs do
    not count: UTF-16 without a byte-order mark reads as UTF-8 with a NUL after each letter."""
    sample = text[:65536]
    controls = sum(1 for character in sample if character < " " and character not in "\t\r\n\x00")
    return controls > 0.01 * len(sample)


def read_export(path: str | Path) -> Export:
    return parse_export(Path(path).read_bytes())


def parse_export(data: bytes) -> Export:
    """The export in ``data``; ``UnreadableExport`` names what is wrong with a file that is not one."""
    if not data.strip():
        raise UnreadableExport("The file is empty.")
    text, encoding = decode(data)
    if _looks_binary(text):
        raise UnreadableExport(
            "The file is not a CSV export (it holds binary data); export the sheet as CSV first."
        )
    text = text.replace("\x00", "")
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_separator(text))
    try:
        header = [name.strip() for name in next(reader)]
        rows = []
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            cells = record + [""] * (len(header) - len(record))
            rows.append({name: cells[index] for index, name in enumerate(header)})
    except StopIteration:
        raise UnreadableExport("The file is empty.") from None
    except csv.Error as error:
        raise UnreadableExport(
            f"The file is not valid CSV (line {reader.line_num}): {error}."
        ) from error
    return Export(encoding=encoding, columns=header, rows=rows)
