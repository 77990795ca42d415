"""The extraction engine: page bytes in, a clean Article (metadata + structured blocks) out."""

from huaibei_reader.extract.decode import DecodedPage, decode_html
from huaibei_reader.extract.engine import extract_article
from huaibei_reader.extract.fallback import page_text

__all__ = ["DecodedPage", "decode_html", "extract_article", "page_text"]
