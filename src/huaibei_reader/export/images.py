"""Where an export's pictures come from: the library's stored bytes, never the web.

A writer asks an ``ImageSource`` for the address to put in its ``src``: a ``data:`` URI of
the stored bytes (one self-contained file), or a file name in a folder written beside the
export (``FolderImages``). None means the library does not hold that picture: the writer
shows its caption instead of linking the original, so opening the export contacts no one.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from urllib.parse import quote

ImageLookup = Callable[[str], "tuple[bytes, str] | None"]
ImageSource = Callable[[str], "str | None"]

_EXTENSIONS = {"image/png": "png", "image/jpeg": "jpg", "image/jpg": "jpg", "image/gif": "gif",
               "image/webp": "webp", "image/svg+xml": "svg", "image/bmp": "bmp",
               "image/x-ms-bmp": "bmp", "image/tiff": "tif", "image/avif": "avif",
               "image/x-icon": "ico", "image/vnd.microsoft.icon": "ico"}


def stored_image(images: ImageLookup | None, url: str) -> tuple[bytes, str] | None:
    """The stored bytes and bare content type of ``url`` if it is a stored picture."""
    found = images(url) if images and url else None
    if not found:
        return None
    data, content_type = found
    content_type = (content_type or "").split(";")[0].strip().lower()
    if not content_type.startswith("image/") or not data:
        return None
    return data, content_type


def data_uri_source(images: ImageLookup | None) -> ImageSource:
    """Image ``src`` values as data: URIs of the stored bytes (None when not stored)."""

    def src(url: str) -> str | None:
        found = stored_image(images, url)
        if found is None:
            return None
        data, content_type = found
        return f"data:{content_type};base64,{base64.b64encode(data).decode('ascii')}"

    return src


class FolderImages:
    """Pictures to be written into ``folder_name`` beside the export, named in order.

    Used as an ``ImageSource``: each stored picture gets a file name (``001.jpg``...), once
    per URL, and the relative link to it; ``files`` holds what to write.
    """

    def __init__(self, images: ImageLookup | None, folder_name: str) -> None:
        self._images = images
        self.folder_name = folder_name
        self.files: dict[str, bytes] = {}
        self._names: dict[str, str | None] = {}

    def __call__(self, url: str) -> str | None:
        if url not in self._names:
            found = stored_image(self._images, url)
            name = None
            if found is not None:
                data, content_type = found
                name = f"{len(self.files) + 1:03d}.{_EXTENSIONS.get(content_type, 'img')}"
                self.files[name] = data
            self._names[url] = name
        name = self._names[url]
        return None if name is None else f"{quote(self.folder_name)}/{name}"
