"""Settings declared once and read in their declared type, whatever the store returns."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from huaibei_reader.app.settings import DECLARED, DictStore, Settings


def test_every_setting_is_declared_with_a_description_and_a_valid_default():
    names = [s.name for s in DECLARED]
    assert len(names) == len(set(names))
    settings = Settings(DictStore())
    for spec in DECLARED:
        assert spec.description
        assert settings.get(spec.name) == spec.default


def test_values_come_back_typed_from_an_ini_file(tmp_path, qapp):
    path = str(tmp_path / "settings.ini")
    settings = Settings(QSettings(path, QSettings.Format.IniFormat))
    settings.set("refresh/interval_minutes", 45)
    settings.set("refresh/on_start", False)
    settings.set("net/host_delay_seconds", 2.5)
    settings.set("ui/saved_searches", ["三社联动", "淮北"])
    settings.set("ui/geometry", b"\x01\x02\xff")
    settings.sync()
    again = Settings(QSettings(path, QSettings.Format.IniFormat))
    assert again.get("refresh/interval_minutes") == 45
    assert again.get("refresh/on_start") is False
    assert again.get("net/host_delay_seconds") == 2.5
    assert again.get("ui/saved_searches") == ["三社联动", "淮北"]
    assert again.get("ui/geometry") == b"\x01\x02\xff"


def test_out_of_range_or_garbage_falls_back_to_the_default():
    store = DictStore()
    settings = Settings(store)
    store.setValue("ui/theme", "purple")
    store.setValue("reader/font_size", "huge")
    store.setValue("refresh/interval_minutes", -5)
    assert settings.get("ui/theme") == "system"
    assert settings.get("reader/font_size") == 17
    assert settings.get("refresh/interval_minutes") == 30
    with pytest.raises(ValueError):
        settings.set("reader/font_size", 400)
    with pytest.raises(KeyError):
        settings.get("no/such/setting")
