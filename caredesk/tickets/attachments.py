"""Attachment checks: size and type limits, executables refused by name and by content."""

import hashlib
import mimetypes
from dataclasses import dataclass

from django.conf import settings

from caredesk.core.errors import ValidationFailed

EXECUTABLE_EXTENSIONS = frozenset(
    {
        ".exe",
        ".com",
        ".bat",
        ".cmd",
        ".scr",
        ".pif",
        ".msi",
        ".msp",
        ".dll",
        ".cpl",
        ".js",
        ".jse",
        ".vbs",
        ".vbe",
        ".wsf",
        ".wsh",
        ".ps1",
        ".psm1",
        ".jar",
        ".sh",
        ".app",
        ".apk",
        ".lnk",
        ".hta",
        ".reg",
        ".elf",
        ".run",
        ".bin",
        ".dmg",
        ".deb",
        ".rpm",
    }
)
EXECUTABLE_SIGNATURES = (
    b"MZ",  # Windows PE
    b"\x7fELF",  # Linux
    b"#!",  # scripts
    b"\xfe\xed\xfa\xce",  # Mach-O 32
    b"\xfe\xed\xfa\xcf",
    b"\xce\xfa\xed\xfe",
    b"\xcf\xfa\xed\xfe",  # Mach-O 64
    b"\xca\xfe\xba\xbe",  # Mach-O fat / Java class
)
MAX_ATTACHMENTS_PER_MESSAGE = 20


@dataclass(frozen=True)
class IncomingFile:
    filename: str
    content: bytes
    content_type: str = ""


@dataclass(frozen=True)
class CheckedFile:
    filename: str
    content: bytes
    content_type: str
    sha256: str


def safe_filename(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip().strip(".")
    cleaned = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*')
    return cleaned[:200] or "attachment"


def check_file(incoming: IncomingFile) -> CheckedFile:
    name = safe_filename(incoming.filename)
    limit = settings.CAREDESK_MAX_ATTACHMENT_BYTES
    if len(incoming.content) > limit:
        raise ValidationFailed(
            f"Attachment {name!r} is {len(incoming.content)} bytes; the limit is {limit}.",
            field="attachments",
        )
    lowered = name.lower()
    if any(lowered.endswith(ext) for ext in EXECUTABLE_EXTENSIONS) or incoming.content.startswith(
        EXECUTABLE_SIGNATURES
    ):
        raise ValidationFailed(
            f"Attachment {name!r} looks like a program; executables are not accepted.",
            field="attachments",
        )
    content_type = (incoming.content_type or "").split(";")[0].strip().lower()
    if not content_type or "/" not in content_type or len(content_type) > 100:
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return CheckedFile(
        filename=name,
        content=incoming.content,
        content_type=content_type,
        sha256=hashlib.sha256(incoming.content).hexdigest(),
    )


def check_files(files: list[IncomingFile]) -> list[CheckedFile]:
    if len(files) > MAX_ATTACHMENTS_PER_MESSAGE:
        raise ValidationFailed(
            f"At most {MAX_ATTACHMENTS_PER_MESSAGE} attachments per message.", field="attachments"
        )
    return [check_file(incoming) for incoming in files]
