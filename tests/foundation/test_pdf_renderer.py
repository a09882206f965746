"""The one PDF renderer: static files from disk, nothing else fetched, whoever prints."""

import pytest

from desabinaan.lib.pdf import BASE_URL, StaticFetcher, html_to_pdf


def test_weasyprint_reads_static_files_from_disk_and_fetches_nothing_else():
    fetcher = StaticFetcher()

    font = fetcher.fetch(BASE_URL + "static/fonts/LiberationSans-Regular.ttf")
    assert font.read(4) == b"\x00\x01\x00\x00"
    font.close()
    assert fetcher.fetch(BASE_URL + "static/css/pdf.css").read().startswith(b"/*")
    for url in (
        "http://127.0.0.1:8000/static/css/app.css",
        "http://127.0.0.1:9/secret",
        "https://example.org/tracker.png",
        BASE_URL + "media/summaries/secret.pdf",
        BASE_URL + "static/../../desabinaan/settings.py",
        BASE_URL + "static/%2e%2e/%2e%2e/desabinaan/settings.py",
        "file:///etc/passwd",
    ):
        with pytest.raises(ValueError):
            fetcher.fetch(url)


def test_a_page_linking_outside_resources_still_renders_without_them():
    html = (
        '<html><body><img src="https://example.org/x.png"><link rel="stylesheet" href="/media/x.css">Halo</body></html>'
    )
    assert html_to_pdf(html).startswith(b"%PDF")
