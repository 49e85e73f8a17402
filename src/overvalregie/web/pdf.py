"""PDF from an HTML page with WeasyPrint, without a single network fetch.

A report PDF may only use what the application ships: its static files (stylesheets, fonts,
images under ``STATIC_URL``, found by the staticfiles finders or, after ``collectstatic``, in the
static files storage) and ``data:`` URLs. Every other URL (http, https, file, ftp, ...) is
refused: a report must not leak what it shows to a third party through an image URL, and a
rendering server must not be made to fetch internal addresses (SSRF). WeasyPrint logs a refused
resource and renders the page without it.

WeasyPrint needs Pango at run time (Debian: ``libpango-1.0-0``, ``libpangoft2-1.0-0``).
"""

from __future__ import annotations

import logging
import mimetypes
import posixpath
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.exceptions import ImproperlyConfigured, SuspiciousFileOperation
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

logger = logging.getLogger(__name__)

__all__ = ["INTERNAL_BASE_URL", "StaticFilesFetcher", "render_pdf"]

#: Base URL for pages rendered without one: relative and root-relative URLs resolve against it,
#: and "/static/..." under it is served from the static files. The ".invalid" top-level domain
#: never resolves (RFC 2606).
INTERNAL_BASE_URL = "https://overvalregie.invalid/"


class StaticFilesFetcher(URLFetcher):
    """Serves ``STATIC_URL`` from the static files and ``data:`` URLs; refuses everything else.

    ``served`` and ``refused`` list the URLs asked for, in order.
    """

    def __init__(self, base_url: str | None = None):
        super().__init__(allowed_protocols=("data",), allow_redirects=False)
        static_url = str(settings.STATIC_URL)
        if urlsplit(static_url).scheme:
            prefixes = {static_url}
        else:
            path = "/" + static_url.lstrip("/")
            prefixes = {urljoin(INTERNAL_BASE_URL, path)}
            if base_url:
                prefixes.add(urljoin(base_url, path))
        self.prefixes = tuple(sorted(prefixes))
        self.served: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers=None) -> URLFetcherResponse:
        if urlsplit(url).scheme.lower() == "data":
            response = super().fetch(url, headers)
            self.served.append(url)
            return response
        name = self.static_name(url)
        found = self._read_static(name) if name else None
        if found is None:
            self.refused.append(url)
            # Scheme and host only: a path may say more than a log should.
            parts = urlsplit(url)
            logger.warning("PDF: refused to fetch a %s URL on %r", parts.scheme, parts.hostname)
            raise ValueError(f"a PDF may only use static files and data: URLs, not {url!r}")
        body, path = found
        self.served.append(url)
        content_type = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body, {"Content-Type": content_type})

    def static_name(self, url: str) -> str | None:
        """The static file name ``url`` asks for, or None when it is not a static URL."""
        parts = urlsplit(url)
        bare = parts._replace(query="", fragment="").geturl()
        for prefix in self.prefixes:
            if bare.startswith(prefix):
                name = unquote(bare[len(prefix) :])
                normal = posixpath.normpath(name)
                if not name or normal.startswith(("..", "/")) or "\\" in name or "\x00" in name:
                    return None
                return normal
        return None

    @staticmethod
    def _read_static(name: str) -> tuple[bytes, str] | None:
        """The file's bytes and path from the finders, else from the storage (collectstatic)."""
        try:
            path = finders.find(name)
        except SuspiciousFileOperation:
            return None
        if isinstance(path, list):  # pragma: no cover - find(all=False) returns one path
            path = path[0] if path else None
        if path:
            with open(path, "rb") as handle:
                return handle.read(), path
        try:
            if staticfiles_storage.exists(name):
                with staticfiles_storage.open(name) as handle:
                    return handle.read(), name
        except (ImproperlyConfigured, SuspiciousFileOperation, OSError, ValueError):
            return None
        return None


def render_pdf(
    html: str,
    *,
    base_url: str | None = None,
    url_fetcher: StaticFilesFetcher | None = None,
) -> bytes:
    """The PDF of ``html``, using only static files and ``data:`` URLs.

    ``base_url`` resolves relative URLs and links; pass the site's address (e.g.
    ``request.build_absolute_uri("/")``) so that links in the PDF lead to the site. Without
    it, ``INTERNAL_BASE_URL`` stands in. ``url_fetcher`` (default: a new ``StaticFilesFetcher``
    for ``base_url``) lets a caller see what was served and refused.
    """
    fetcher = url_fetcher or StaticFilesFetcher(base_url)
    document = HTML(string=html, base_url=base_url or INTERNAL_BASE_URL, url_fetcher=fetcher)
    return document.write_pdf(font_config=FontConfiguration())
