"""PDF rendering: static files only, never the network; A4 pages with footer and page numbers."""

from __future__ import annotations

import io
import re
import shutil
import socket
import subprocess
import zlib

import pytest
from django.utils import translation

from overvalregie.web.charts import bar_chart
from overvalregie.web.pdf import INTERNAL_BASE_URL, StaticFilesFetcher, render_pdf

PRINT_CSS = '<link rel="stylesheet" href="/static/overvalregie/print.css">'
#: A red dot as a data: URL (inline data needs no fetch).
DOT_PNG = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8"
    "DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg=="
)


def page(body: str, *, running: bool = True) -> str:
    footer = (
        '<p class="ovr-print-running" data-page="page" data-of="of">'
        "1 May 2026 · A. Analyst · version 3</p>"
        if running
        else ""
    )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Report</title>'
        f"{PRINT_CSS}</head><body>{footer}"
        '<nav class="ovr-no-print">Navigation to hide</nav>'
        f"<h1>Local safety analysis</h1>{body}</body></html>"
    )


def page_count(pdf: bytes) -> int:
    """Pages in a PDF, also when its objects sit in compressed object streams."""
    chunks = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.DOTALL):
        try:
            chunks.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return sum(len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", chunk)) for chunk in chunks)


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection or look up a host fails the test."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError(f"network access during a PDF render: {args!r}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


@pytest.fixture
def chart():
    with translation.override("en"):
        return bar_chart(
            ["2023", "2024", "2025"], [7, None, 12], title="Robberies per year", value_label="N"
        )


def test_a_page_with_a_chart_and_the_print_stylesheet_becomes_a_pdf(chart, no_network):
    fetcher = StaticFilesFetcher()
    pdf = render_pdf(page(chart.html()), url_fetcher=fetcher)
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) == 1
    assert fetcher.served == [f"{INTERNAL_BASE_URL}static/overvalregie/print.css"]
    assert fetcher.refused == []
    assert no_network == []


def test_long_content_runs_over_several_pages(chart):
    paragraphs = "".join(f"<p>Paragraph {i} of the analysis.</p>" for i in range(150))
    pdf = render_pdf(page(chart.html() + paragraphs))
    assert page_count(pdf) > 1


def test_external_and_file_urls_are_refused_and_the_page_still_renders(chart, no_network):
    fetcher = StaticFilesFetcher()
    body = (
        '<img src="http://example.com/x.png" alt="">'
        '<img src="https://example.com/tracker.gif" alt="">'
        '<img src="file:///etc/passwd" alt="">'
        '<img src="/static/../settings.py" alt="">'
        f'<img src="{DOT_PNG}" alt="">'
        f"{chart.html()}"
    )
    pdf = render_pdf(page(body), url_fetcher=fetcher)
    assert pdf.startswith(b"%PDF")
    assert "http://example.com/x.png" in fetcher.refused
    assert "https://example.com/tracker.gif" in fetcher.refused
    assert "file:///etc/passwd" in fetcher.refused
    assert not any("passwd" in url or "settings.py" in url for url in fetcher.served)
    assert DOT_PNG in fetcher.served  # inline data needs no network
    assert no_network == []


def test_static_urls_are_served_from_the_finders_on_our_own_origin_only():
    fetcher = StaticFilesFetcher(base_url="https://overvalregie.example.nl/analyses/3/")
    css = fetcher.fetch("https://overvalregie.example.nl/static/overvalregie/print.css?v=1")
    assert css.content_type == "text/css"
    assert b"@page" in css.read()
    internal = fetcher.fetch(f"{INTERNAL_BASE_URL}static/overvalregie/print.css")
    assert internal.read().startswith(b"/*")
    for url in [
        "https://elsewhere.example/static/overvalregie/print.css",
        "https://overvalregie.example.nl/media/upload.png",
        "https://overvalregie.example.nl/static/overvalregie/missing.css",
        "https://overvalregie.example.nl/static/../../etc/passwd",
        "https://overvalregie.example.nl/static/%2e%2e/settings.py",
        "file:///static/overvalregie/print.css",
        "ftp://overvalregie.example.nl/static/overvalregie/print.css",
    ]:
        with pytest.raises(ValueError):
            fetcher.fetch(url)
        assert fetcher.refused[-1] == url
    assert fetcher.fetch(DOT_PNG).read().startswith(b"\x89PNG")


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs pdftotext (poppler-utils)")
def test_every_page_has_the_running_footer_and_page_x_of_y(tmp_path):
    paragraphs = "".join(f"<p>Paragraph {i} of the analysis.</p>" for i in range(150))
    (tmp_path / "report.pdf").write_bytes(render_pdf(page(paragraphs)))
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "report.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages = text.split("\f")[:-1]
    assert len(pages) >= 2
    for number, content in enumerate(pages, start=1):
        assert f"page {number} of {len(pages)}" in content
        assert "1 May 2026 · A. Analyst · version 3" in content
    assert "Navigation to hide" not in text
    # Without the template's strings the footer is empty and the number reads "X / Y".
    (tmp_path / "plain.pdf").write_bytes(render_pdf(page(paragraphs, running=False)))
    plain = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "plain.pdf"), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert re.search(r"\b2 ?/ ?\d+\b", plain)


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs pdftoppm (poppler-utils)")
def test_the_first_page_is_not_blank(chart, tmp_path):
    from PIL import Image

    (tmp_path / "report.pdf").write_bytes(render_pdf(page(chart.html())))
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "40",
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(tmp_path / "report.pdf"),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    image = Image.open(io.BytesIO((tmp_path / "page.png").read_bytes())).convert("RGB")
    width, height = image.size
    assert width < height  # portrait A4
    assert abs(height / width - 297 / 210) < 0.02
    pixels = list(image.get_flattened_data())
    dark = sum(1 for r, g, b in pixels if r + g + b < 600)
    blue = sum(1 for r, g, b in pixels if b > 150 and r < 60)  # the bars (#0072B2)
    assert dark > 0.005 * len(pixels)
    assert blue > 50
