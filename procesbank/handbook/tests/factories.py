from __future__ import annotations

import io
import zipfile
from typing import Any

from procesbank.handbook.models import DocumentTemplate, Page, Section
from procesbank.handbook.services import pages as page_services
from procesbank.handbook.services import templates as template_services
from procesbank.organisations.models import User


def docx_bytes(text: str = "Projektgrundlag") -> bytes:
    """The smallest package Word's checks here accept: content types and a main part. The
    members carry a fixed time, so two calls give the same bytes (a test compares a download
    with a second call; the clock may tick between them)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, content in (
            ("[Content_Types].xml", "<Types/>"),
            ("word/document.xml", f"<document>{text}</document>"),
        ):
            package.writestr(zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0)), content)
    return buffer.getvalue()


def make_page(
    user: User,
    title: str = "Sådan tegner vi BPMN",
    body: str = "# Navngivning\n\nOpgaver navngives med udsagnsord og navneord.",
    visibility: str = "collaboration",
    section: str = Section.MAPPING,
    **fields: Any,
) -> Page:
    return page_services.page_create(
        user=user, title=title, section=section, body=body, visibility=visibility, **fields
    )


def make_template(
    owner: User, name: str = "Projektgrundlag", visibility: str = "collaboration", **fields: Any
) -> DocumentTemplate:
    return template_services.template_create(
        user=owner,
        name=name,
        file_name="projektgrundlag.docx",
        content=docx_bytes(),
        visibility=visibility,
        **fields,
    )
