"""Images kept in the library, stored once per content however many URLs show them."""

from __future__ import annotations

import hashlib

from huaibei_reader.errors import InputError
from huaibei_reader.store.connection import Connections

MAX_IMAGE_BYTES = 20 * 1024 * 1024  # a bigger "image" is not something a reader pane shows


class ImagesMixin:
    _db: Connections

    def save_image(self, url: str, data: bytes, content_type: str) -> str:
        """Keep ``data`` as the image at ``url``; return its SHA-256 (hex)."""
        if not url:
            raise InputError("an image needs a URL to be stored")
        if len(data) > MAX_IMAGE_BYTES:
            raise InputError(f"the image {url} is too large to keep "
                             f"({len(data) // (1024 * 1024)} MB)")
        content_type = (content_type or "application/octet-stream").split(";")[0].strip()
        digest = hashlib.sha256(data).hexdigest()
        with self._db.write("save an image") as conn:
            conn.execute("INSERT OR IGNORE INTO images (sha256, content_type, size, data) "
                         "VALUES (?, ?, ?, ?)", (digest, content_type, len(data), data))
            conn.execute("INSERT OR REPLACE INTO image_urls (url, sha256, content_type) "
                         "VALUES (?, ?, ?)", (url, digest, content_type))
        return digest

    def image(self, url: str) -> tuple[bytes, str] | None:
        """The stored bytes and content type of the image at ``url``, or None."""
        with self._db.read("read an image") as conn:
            row = conn.execute("SELECT i.data, u.content_type FROM image_urls u "
                               "JOIN images i ON i.sha256 = u.sha256 WHERE u.url = ?",
                               (url,)).fetchone()
        return (bytes(row[0]), row[1]) if row else None

    def has_images(self, urls: list[str]) -> set[str]:
        """Which of ``urls`` have a stored image (so a refresh need not fetch them again)."""
        found: set[str] = set()
        with self._db.read("look up images") as conn:
            for i in range(0, len(urls), 500):
                chunk = urls[i:i + 500]
                marks = ",".join("?" * len(chunk))
                found.update(r[0] for r in conn.execute(
                    f"SELECT url FROM image_urls WHERE url IN ({marks})", chunk))
        return found
