"""The offline library: SQLite storage of sources, articles, versions, images and marks."""

from huaibei_reader.store.library import Library
from huaibei_reader.store.schema import SCHEMA_VERSION
from huaibei_reader.store.search import SNIPPET_CLOSE, SNIPPET_OPEN
from huaibei_reader.store.types import ArticleVersion, RawPage, SaveResult, SearchHit

__all__ = [
    "SCHEMA_VERSION",
    "SNIPPET_CLOSE",
    "SNIPPET_OPEN",
    "ArticleVersion",
    "Library",
    "RawPage",
    "SaveResult",
    "SearchHit",
]
