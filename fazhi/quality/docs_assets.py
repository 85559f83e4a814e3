"""Data Docs that render styled without the internet: CDN links replaced by vendored files.

Reads the HTML pages Great Expectations rendered under a Data Docs folder; copies Bootstrap and
jQuery and Font Awesome's icon font from their PyPI packages (``xstatic-bootstrap``,
``xstatic-jquery``, ``xstatic-font-awesome``) into
``static/vendor/`` beside them and points every page there. Remote scripts and styles that have
no vendored copy (table filters, date pickers, charts) and remote images (GX's logo,
fetched with the context id in its URL) are dropped: offline they could only fail, and the pages
read fine without them.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

VENDOR_DIR = Path("static") / "vendor"
_REMOTE_TAG = re.compile(
    r'<link[^>]*href="(?P<css>https?://[^"]+)"[^>]*/?>'
    r'|<script[^>]*src="(?P<js>https?://[^"]+)"[^>]*>\s*</script>'
    r'|<img[^>]*src="(?P<img>https?://[^"]+)"[^>]*/?>',
    re.IGNORECASE,
)


def _vendored() -> dict[str, Path]:
    """Vendored file (relative to the vendor folder) → where its package installed it."""
    import xstatic.pkg.bootstrap as bootstrap
    import xstatic.pkg.font_awesome as font_awesome
    import xstatic.pkg.jquery as jquery

    icons = Path(font_awesome.BASE_DIR)
    files = {
        "bootstrap.min.css": Path(bootstrap.BASE_DIR) / "css" / "bootstrap.min.css",
        "bootstrap.bundle.min.js": Path(bootstrap.BASE_DIR) / "js" / "bootstrap.bundle.min.js",
        "jquery.min.js": Path(jquery.BASE_DIR) / "jquery.min.js",
        "fontawesome/css/all.min.css": icons / "css" / "all.min.css",
    }
    # the stylesheet reaches its fonts as ../webfonts/
    for font in (icons / "webfonts").glob("*.woff2"):
        files[f"fontawesome/webfonts/{font.name}"] = font
    return files


def _replacement(url: str) -> str | None:
    """The vendored file standing in for a remote ``url``, or None to drop it."""
    name = url.rsplit("/", 1)[-1]
    if name == "bootstrap.min.css" and "/bootstrap/" in url:
        return "bootstrap.min.css"
    if name == "bootstrap.min.js" and "/bootstrap/" in url:
        return "bootstrap.bundle.min.js"  # the bundle carries Popper, whose CDN tag is dropped
    if name.startswith("jquery") and name.endswith(".min.js"):
        return "jquery.min.js"
    if name == "all.min.css" and "font-awesome" in url:
        return "fontawesome/css/all.min.css"  # status icons of the result pages
    return None


def vendor_assets(data_docs_dir: Path) -> int:
    """Copy the vendored files and rewrite every page's remote links; pages changed."""
    vendor = data_docs_dir / VENDOR_DIR
    vendor.mkdir(parents=True, exist_ok=True)
    for name, source in _vendored().items():
        (vendor / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, vendor / name)
    changed = 0
    for page in data_docs_dir.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        offline = localise(text, Path(os.path.relpath(vendor, page.parent)).as_posix())
        if offline != text:
            page.write_text(offline, encoding="utf-8")
            changed += 1
    return changed


def localise(html: str, vendor_href: str) -> str:
    """``html`` with remote styles and scripts pointed at ``vendor_href`` or removed."""

    def swap(match: re.Match[str]) -> str:
        url = match.group("css") or match.group("js") or match.group("img")
        local = _replacement(url)
        if local is None:
            return ""
        return match.group(0).replace(url, f"{vendor_href}/{local}")

    return _REMOTE_TAG.sub(swap, html)
