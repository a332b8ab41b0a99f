"""The same-site links of an HTML page, for the tools that walk the app as a person would: the
production-mode crawl (tests/prod) and the load test's users (tests/loadtest)."""

from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit


class _LinkParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a" and (href := dict(attrs).get("href")):
            self.links.append(href)


def links_of(html: str, page_url: str, base: str) -> list[str]:
    """The links of a page on `base`'s host, as paths with their query, fragments dropped;
    relative links are read from `page_url`."""
    parser = _LinkParser()
    parser.feed(html)
    origin = urlsplit(base)
    found = []
    for href in parser.links:
        url = urlsplit(urljoin(page_url, href))
        if url.scheme not in ("http", "https") or url.netloc != origin.netloc:
            continue
        found.append(url.path + (f"?{url.query}" if url.query else ""))
    return found
