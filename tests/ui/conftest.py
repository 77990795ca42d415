"""Fixtures for the window tests: a real library in a temp folder, a real runner, a window.

Nothing here is a stand-in for our own layers: the library is the store package on a temp
file, settings are a QSettings INI file in the temp folder, and refreshes that need a server
use the sample-edition server on 127.0.0.1. The window reaches that library through
``GuiThreadGuard``: a call to it from the GUI thread fails the test (the window's library
work belongs on the runner's workers).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSettings
from PySide6.QtGui import QColor, QImage

from huaibei_reader.app.operations import OperationRunner
from huaibei_reader.app.services import Services
from huaibei_reader.app.settings import Settings
from huaibei_reader.models import Article, Block, BlockKind, Source
from huaibei_reader.ui.context import WindowContext
from huaibei_reader.ui.messages import MessageChannel

SHANGHAI = timezone(timedelta(hours=8))
SEED_TITLE = "淮北相山区:“三社联动”打造“熟人社区”"
IMAGE_URL = "http://127.0.0.1:9/static/anhui.png"
MISSING_IMAGE_URL = "http://127.0.0.1:9/static/not-stored.png"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # The offscreen platform warns that it cannot propagate size hints; not our warning.
    for item in items:
        if "/tests/ui/" in str(item.fspath) or "test_gui" in str(item.fspath):
            item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints"))


def png_bytes(width: int = 900, height: int = 500) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#4a7ab5"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def seed_article() -> Article:
    return Article(
        url="http://127.0.0.1:9/news/2022/1001/seed.html",
        title=SEED_TITLE,
        published=datetime(2022, 10, 1, 13, 39, 7, tzinfo=SHANGHAI),
        publisher="人民网-安徽频道",
        site_name="今日淮北",
        authors=("韩惠", "胡文静"),
        blocks=(
            Block(BlockKind.PARAGRAPH, "端午前夕,自然少不了粽子的“身影”。6月23日上午,安徽淮北相山区"
                  "西街道安康社区50多名“家庭主妇”聚在一起较量包粽子的技艺。"),
            Block(BlockKind.IMAGE, "社区志愿者在包粽子", src=IMAGE_URL, alt="包粽子"),
            Block(BlockKind.HEADING, "三社联动", level=2),
            Block(BlockKind.PARAGRAPH, "今年淮北市“三社联动”社区试点项目落户相山区安康社区。" * 12),
            Block(BlockKind.IMAGE, "", src=MISSING_IMAGE_URL, alt="没有保存的图片"),
            Block(BlockKind.PARAGRAPH, "共同打造和谐温馨家园。" * 20),
        ),
    )


def filler_article(i: int, base: datetime) -> Article:
    return Article(
        url=f"http://127.0.0.1:9/news/{i}.html",
        title=f"淮北新闻第{i}条 <b>not bold</b>",
        published=base - timedelta(minutes=i),
        publisher="今日淮北",
        blocks=(Block(BlockKind.PARAGRAPH, f"第{i}条新闻的正文。" * 30),
                Block(BlockKind.PARAGRAPH, "第二段。" * 40)),
    )


def fill_library(library: Any, count: int, *, with_seed: bool = True) -> Source:
    source = library.sources.add(Source(id=None, name="今日淮北", url="http://127.0.0.1:9/"))
    base = datetime.now(SHANGHAI) - timedelta(minutes=3)
    for i in range(count):
        library.articles.save(filler_article(i, base), source_id=source.id)
    if with_seed:
        library.articles.save(seed_article(), source_id=source.id)
        library.images.save(IMAGE_URL, png_bytes(), "image/png")
    return source


REPOSITORIES = ("articles", "versions", "search", "sources", "marks", "images")


class GuiThreadGuard:
    """Stands for the library (and its repositories) where the window gets it: every call is
    counted by thread, and one made on the GUI thread raises (failing the test)."""

    def __init__(self, target: Any, name: str = "library",
                 calls: dict[str, list[str]] | None = None) -> None:
        self._target = target
        self._name = name
        self.calls = calls if calls is not None else {"gui": [], "worker": []}

    def __getattr__(self, attr: str) -> Any:
        value = getattr(self._target, attr)
        if attr in REPOSITORIES:
            return GuiThreadGuard(value, f"{self._name}.{attr}", self.calls)
        if not callable(value):
            return value
        where = f"{self._name}.{attr}"

        def call(*args: Any, **kwargs: Any) -> Any:
            if threading.current_thread() is threading.main_thread():
                self.calls["gui"].append(where)
                raise AssertionError(f"{where} called on the GUI thread")
            self.calls["worker"].append(where)
            return value(*args, **kwargs)

        return call


class WindowFactory:
    """Builds windows on one data folder; remembers what they opened (for tests)."""

    def __init__(self, qtbot: Any, tmp_path: Path) -> None:
        self.qtbot = qtbot
        self.tmp_path = tmp_path
        self.runner = OperationRunner(max_threads=6)
        self.opened_urls: list[str] = []
        self.qsettings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        self.settings = Settings(self.qsettings)
        self.settings.set("refresh/on_start", False)
        # The test servers are on 127.0.0.1: allowed explicitly, and no politeness pause.
        self.settings.set("net/allow_local_sources", True)
        self.settings.set("net/host_delay_seconds", 0.0)
        self.services = Services(tmp_path, settings=self.settings)  # as the window builds it
        self.windows: list[Any] = []

    @property
    def library(self) -> Any:
        return self.services.library

    def window_services(self) -> Any:
        """The window's services over this folder's library, reached through the guard."""
        from huaibei_reader.app.window_services import build_window_services

        if not hasattr(self, "guard"):
            self.guard = GuiThreadGuard(self.services.library)
        return build_window_services(self.services, self.runner,
                                     open_library=lambda: self.guard)

    def build(self, *, wait: bool = True, show: bool = True) -> Any:
        from huaibei_reader.ui.main_window import MainWindow

        ctx = WindowContext(services=self.window_services(), settings=self.settings,
                            messages=MessageChannel(), open_url=self.opened_urls.append)
        window = MainWindow(ctx)
        self.qtbot.addWidget(window)
        self.windows.append(window)
        if show:
            window.show()
        if wait:
            self.qtbot.waitUntil(lambda: window.library_open
                                 and window.sources_controller.loaded
                                 and not window.model.loading, timeout=10_000)
        return window

    def close(self) -> None:
        for window in self.windows:
            window.close()
        self.runner.shutdown()
        self.services.close()
        guard = getattr(self, "guard", None)
        assert guard is None or guard.calls["gui"] == [], guard.calls["gui"]


@pytest.fixture
def factory(qtbot: Any, tmp_path: Path) -> Iterator[WindowFactory]:
    f = WindowFactory(qtbot, tmp_path)
    yield f
    f.close()


@pytest.fixture
def window(factory: WindowFactory) -> Any:
    fill_library(factory.library, 30)
    return factory.build()


@pytest.fixture
def chinese(qapp: Any) -> Iterator[None]:
    """The interface in Simplified Chinese for one test, English again after it."""
    from huaibei_reader.ui.i18n import Translations

    translations = Translations()
    assert translations.install(qapp, "zh_CN")
    yield
    translations.install(qapp, "en")
