"""Markdown of the handbook's pages as safe HTML, without Django.

markdown-it-py (MIT) renders CommonMark with tables and strikethrough. What a writer types is
never trusted as HTML:

- raw HTML is off: ``<script>`` is shown as text, escaped;
- a link goes only to ``http:``, ``https:``, ``mailto:`` or a path on the platform
  (``/processer/4/``, ``#afsnit``, ``skabeloner/``); ``javascript:``, ``data:``, ``vbscript:``,
  ``file:`` and protocol-relative ``//host`` links are left as plain text;
- an image is shown only from the platform itself (a path without a scheme or host, such as
  ``/media/...`` or ``billeder/x.png``); an image from elsewhere or a ``data:`` image is
  replaced by its alternative text, so a page cannot make the reader's browser call a
  stranger's server;
- external links get ``rel="nofollow noopener noreferrer"``;
- a text longer than :data:`MAX_CHARS` is refused before it is parsed (:class:`TooLong`), and
  nesting is capped by markdown-it's ``maxNesting``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.renderer import RendererHTML
from markdown_it.token import Token
from markdown_it.utils import EnvType, OptionsDict

#: The most a page's Markdown may hold (about 60 printed pages).
MAX_CHARS = 200_000

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_INVISIBLE = re.compile(r"[\x00-\x20\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


class TooLong(ValueError):
    """The Markdown is longer than :data:`MAX_CHARS`."""


def _compact(url: str) -> str:
    """The URL as a browser would read its scheme: without whitespace and control characters
    (``java\\tscript:`` is ``javascript:`` to a browser), lower case."""
    return _INVISIBLE.sub("", url).lower()


def _is_local(url: str) -> bool:
    """A path on the platform itself: no scheme, no host, no backslash tricks."""
    compact = _compact(url)
    if not compact or "\\" in compact or compact.startswith("//"):
        return False
    parts = urlsplit(compact)
    return not parts.scheme and not parts.netloc


def link_allowed(url: str) -> bool:
    """Whether a link may point at ``url``: http(s), mailto or a path on the platform."""
    compact = _compact(url)
    if _is_local(url):
        return ":" not in compact.split("/", 1)[0]  # "javascript:x" has no slash before ":"
    parts = urlsplit(compact)
    if parts.scheme not in LINK_SCHEMES:
        return False
    return parts.scheme == "mailto" or bool(parts.netloc)


def image_allowed(url: str) -> bool:
    """Whether an image may load from ``url``: only from the platform (a path, no host)."""
    return _is_local(url) and ":" not in _compact(url).split("/", 1)[0]


def _validate_link(url: str) -> bool:
    # Called for links and images alike; the image rule below narrows images further.
    return link_allowed(url)


class _SafeRenderer(RendererHTML):
    def image(self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
        token = tokens[idx]
        source = str(token.attrGet("src") or "")
        if not image_allowed(source):
            alt = self.renderInlineAsText(token.children or [], options, env)
            return escapeHtml(alt)
        return super().image(tokens, idx, options, env)

    def link_open(
        self, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType
    ) -> str:
        token = tokens[idx]
        href = str(token.attrGet("href") or "")
        if not _is_local(href):
            token.attrSet("rel", "nofollow noopener noreferrer")
        return self.renderToken(tokens, idx, options, env)


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable(["table", "strikethrough"])
    md.validateLink = _validate_link  # type: ignore[method-assign]
    md.renderer = _SafeRenderer(md)
    return md


_MD = _parser()


def render(text: str) -> str:
    """``text`` (Markdown) as safe HTML; raises :class:`TooLong` above :data:`MAX_CHARS`."""
    if len(text) > MAX_CHARS:
        raise TooLong(len(text))
    return _MD.render(text.replace("\x00", "\ufffd"))


def plain_text(text: str, limit: int = 240) -> str:
    """A short plain-text extract of the Markdown (search snippets): the text of the first
    paragraphs, without markup, cut at a word boundary."""
    tokens: list[Any] = _MD.parse(text[:MAX_CHARS])
    words: list[str] = []
    for token in tokens:
        if token.type == "inline":
            words.append(
                "".join(
                    child.content
                    for child in token.children or []
                    if child.type in {"text", "code_inline"}
                )
            )
        if sum(len(w) for w in words) > limit:
            break
    joined = " ".join(" ".join(words).split())
    if len(joined) <= limit:
        return joined
    return joined[:limit].rsplit(" ", 1)[0] + " …"
