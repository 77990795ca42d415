"""Images kept in the library, stored once per content however many URLs show them."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable

from huaibei_reader.errors import InputError
from huaibei_reader.store.connection import Connections, first_column_in

MAX_IMAGE_BYTES = 20 * 1024 * 1024  # a bigger "image" is not something a reader pane shows


class ImageRepository:
    """``library.images``: image bytes by URL, deduplicated by SHA-256."""

    def __init__(self, connections: Connections) -> None:
        self._db = connections

    def save(self, url: str, data: bytes, content_type: str) -> str:
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

    def get(self, url: str) -> tuple[bytes, str] | None:
        """The stored bytes and content type of the image at ``url``, or None."""
        with self._db.read("read an image") as conn:
            row = conn.execute("SELECT i.data, u.content_type FROM image_urls u "
                               "JOIN images i ON i.sha256 = u.sha256 WHERE u.url = ?",
                               (url,)).fetchone()
        return (bytes(row[0]), str(row[1])) if row else None

    def known_urls(self, urls: Iterable[str]) -> set[str]:
        """Which of ``urls`` have a stored image (so a refresh need not fetch them again)."""
        with self._db.read("look up images") as conn:
            return first_column_in(conn, "SELECT url FROM image_urls WHERE url IN ({})", urls)


def drop_orphan_images(conn: sqlite3.Connection) -> None:
    """Forget the images no stored article shows any more (inside the caller's write)."""
    conn.execute("DELETE FROM image_urls WHERE url NOT IN (SELECT url FROM article_images)")
    conn.execute("DELETE FROM images WHERE sha256 NOT IN (SELECT sha256 FROM image_urls)")
