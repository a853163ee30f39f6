from __future__ import annotations

import io
import zipfile
from typing import Any

from procesbank.handbook.models import DocumentTemplate, Page, Section
from procesbank.handbook.services import pages as page_services
from procesbank.handbook.services import templates as template_services
from procesbank.organisations.models import User


def docx_bytes(text: str = "Projektgrundlag") -> bytes:
    """The smallest package Word's checks here accept: content types and a main part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", f"<document>{text}</document>")
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
