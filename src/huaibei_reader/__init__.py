"""Huaibei Reader: a desktop news reader for Chinese local news."""

__version__ = "0.1.0"
APP_NAME = "Huaibei Reader"
APP_ID = "huaibei-reader"
