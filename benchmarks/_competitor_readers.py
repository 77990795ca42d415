"""How each reader in benchmarks/competitors.py is set up and run: the generated feeds and the
loopback server that serves them, and the three readers (temp HOME, INI and database seeding,
launching, quitting)."""

from __future__ import annotations

import configparser
import html
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path
from typing import Any

from _competitor_probe import XProbe

REPO = Path(__file__).resolve().parents[1]
FEEDS = 20
START_DAY = datetime(2022, 1, 1, tzinfo=UTC)


# -- content -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Item:
    """One generated article as a feed carries it."""

    number: int
    title: str
    paragraphs: tuple[str, ...]
    image: str | None
    published: datetime
    author: str
    publisher: str


def generate_items(first: int, count: int, seed: int = 7) -> Iterator[tuple[Item, object]]:
    """Items numbered first..first+count-1 with the Article they came from (same seed, same
    text). Numbers past ``first`` are reached by generating and dropping the earlier ones, so
    item n is the same whichever range it is asked in."""
    from library import Generator  # benchmarks/library.py

    gen = Generator(seed)
    for n in range(first + count):
        when = START_DAY + timedelta(minutes=n * 15)
        article, _raw = gen.article(n, when=when)
        if n < first:
            continue
        paragraphs = tuple(b.text for b in article.blocks if b.text)
        image = next((b.src for b in article.blocks if b.src), None)
        yield Item(n, article.title or f"新闻{n}", paragraphs, image, when,
                   article.authors[0] if article.authors else "", article.publisher or ""), article


def feed_of(number: int) -> int:
    return number % FEEDS


def item_link(base: str, number: int) -> str:
    return f"{base}/a/{number}.html"


def item_html(item: Item) -> str:
    """The article body as feed HTML: paragraphs, then the image in its own block."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in item.paragraphs)
    if item.image:
        body += f'<p><img src="{html.escape(item.image)}" alt=""/></p>'
    return body


def rss_document(base: str, feed: int, items: Iterable[Item]) -> bytes:
    """An RSS 2.0 feed, newest first, full text in <description> (as many CMSs publish)."""
    entries = []
    for it in sorted(items, key=lambda x: x.published, reverse=True):
        link = item_link(base, it.number)
        entries.append(
            f"<item><title>{html.escape(it.title)}</title><link>{link}</link>"
            f'<guid isPermaLink="true">{link}</guid>'
            f"<pubDate>{format_datetime(it.published, usegmt=True)}</pubDate>"
            f"<author>{html.escape(it.author)}</author>"
            f"<description>{html.escape(item_html(it))}</description></item>")
    head = (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
            f"<title>淮北新闻 {feed + 1}</title><link>{base}/</link>"
            f"<description>generated Chinese local news, feed {feed + 1}</description>"
            f"<language>zh-cn</language>")
    return (head + "".join(entries) + "</channel></rss>\n").encode("utf-8")


def article_page(item: Item) -> bytes:
    """The article's own page, for our reader (it reads pages, not feed bodies)."""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in item.paragraphs)
    page = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(item.title)}"
            f"</title><meta property='article:published_time' "
            f"content='{item.published.isoformat()}'></head><body>"
            f"<div class='nav'><a href='/'>首页</a></div><div class='article'>"
            f"<h1>{html.escape(item.title)}</h1><div class='info'>来源：{item.publisher} "
            f"作者：{html.escape(item.author)} {item.published:%Y-%m-%d %H:%M}</div>"
            f"{body}</div><div class='footer'>版权所有 淮北日报社</div></body></html>")
    return page.encode("utf-8")


# -- the loopback server -------------------------------------------------------------------

class FeedServer:
    """Serves whatever is in ``routes`` (path -> bytes, content type) on 127.0.0.1:0, through
    the test kit (tests/support/loopback.py), counting what it served."""

    def __init__(self) -> None:
        from support.loopback import LoopbackServer

        self.routes: dict[str, tuple[bytes, str]] = {}
        self.served: dict[str, int] = {}
        self.lock = threading.Lock()
        self.server = LoopbackServer()
        self.server.fallback = self._answer
        self.base = self.server.base

    def _answer(self, req: Any) -> Any:
        from support.loopback import Reply

        path = req.path.split("?", 1)[0]
        route = self.routes.get(path)
        if route is None:
            return Reply(404, b"")
        with self.lock:
            self.served[path] = self.served.get(path, 0) + 1
        return Reply(200, route[0], {"Content-Type": route[1]})

    def feed_url(self, feed: int) -> str:
        return f"{self.base}/feed/{feed + 1}.xml"

    def publish(self, feeds: dict[int, list[Item]], pages: Iterable[Item] = ()) -> None:
        """Replace every feed's document (and add article pages)."""
        for feed in range(FEEDS):
            self.routes[f"/feed/{feed + 1}.xml"] = (
                rss_document(self.base, feed, feeds.get(feed, [])),
                "application/rss+xml; charset=utf-8")
        for it in pages:
            self.routes[f"/a/{it.number}.html"] = (article_page(it), "text/html; charset=utf-8")
        with self.lock:
            self.served.clear()

    def count_served(self, prefix: str) -> int:
        with self.lock:
            return sum(n for p, n in self.served.items() if p.startswith(prefix))

    def close(self) -> None:
        self.server.close()


# -- the readers ---------------------------------------------------------------------------

def fresh_env(home: Path) -> dict[str, str]:
    """An environment whose HOME and XDG folders all sit in home (nothing real is touched)."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("XDG_", "QT_", "HUAIBEI_READER"))}
    runtime = home / "run"
    runtime.mkdir(parents=True, exist_ok=True)
    runtime.chmod(0o700)
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"),
               XDG_DATA_HOME=str(home / ".local" / "share"),
               XDG_CACHE_HOME=str(home / ".cache"), XDG_STATE_HOME=str(home / ".local/state"),
               XDG_RUNTIME_DIR=str(runtime), LANG="C.UTF-8", LC_ALL="C.UTF-8")
    return env


def read_ini(path: Path) -> configparser.RawConfigParser:
    ini = configparser.RawConfigParser(strict=False)
    ini.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    if path.exists():
        ini.read(path, encoding="utf-8")
    return ini


def write_ini(path: Path, values: dict[str, dict[str, str]]) -> None:
    """Set keys in a Qt INI file, keeping the rest as it is."""
    ini = read_ini(path)
    for section, keys in values.items():
        if not ini.has_section(section):
            ini.add_section(section)
        for key, value in keys.items():
            ini.set(section, key, value)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as fh:
        ini.write(fh, space_around_delimiters=False)


def count_rows(db: Path, sql: str) -> int | None:
    if not db.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
        try:
            return int(conn.execute(sql).fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return None


class Reader:
    """One program under test, living in its own temp HOME."""

    name = ""
    binary = ""
    # Where its "Unread" view (every article of the library, unread) sits on the 1400x900
    # screen with its fresh configuration's default layout, found on screenshots; clicked by
    # the "open" measurement. None: not measured.
    unread_view: tuple[int, int] | None = None
    fetches_pages = False  # ours reads each article's page; the feed readers keep feed bodies

    def __init__(self, home: Path) -> None:
        self.home = home
        self.running: list[subprocess.Popen] = []

    def available(self) -> bool:
        return shutil.which(self.binary) is not None

    def version(self) -> str:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", self.binary],
                             capture_output=True, text=True)
        return out.stdout.strip() or "?"

    def command(self) -> list[str]:
        return [self.binary]

    def env(self) -> dict[str, str]:
        return fresh_env(self.home)

    def setup(self, feed_urls: list[str], probe: XProbe) -> None:
        """Create the reader's own files (one run), then subscribe it to the feeds."""

    def fetch_on_start(self, on: bool) -> None:
        raise NotImplementedError

    def item_count(self) -> int | None:
        raise NotImplementedError

    # helpers -------------------------------------------------------------------------------

    def launch(self) -> tuple[subprocess.Popen, float]:
        log = (self.home / "stderr.log").open("ab")
        started = time.perf_counter()
        proc = subprocess.Popen(self.command(), env=self.env(), stdout=log, stderr=log,
                                stdin=subprocess.DEVNULL, cwd=self.home)
        log.close()
        self.running.append(proc)
        return proc, started

    def kill_leftovers(self) -> None:
        """After a failure: end any process of ours still running (by its own id)."""
        for proc in self.running:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        self.running.clear()

    def stop(self, proc: subprocess.Popen, window: object | None) -> str:
        """Quit as a user does (Ctrl+Q on the focused window), else SIGTERM, else SIGKILL."""
        if proc.poll() is not None:
            return "already gone"
        if window is not None and shutil.which("xdotool"):
            subprocess.run(["xdotool", "windowfocus", "--sync", str(window.id), "key",
                            "--clearmodifiers", "ctrl+q"], env=dict(os.environ),
                           capture_output=True, timeout=20)
            try:
                proc.wait(timeout=30)
                return "ctrl+q"
            except subprocess.TimeoutExpired:
                pass
        proc.terminate()
        try:
            proc.wait(timeout=15)
            return "sigterm"
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
            return "sigkill"

    def first_run(self, probe: XProbe) -> None:
        """Run once so the reader creates its config and database, then quit."""
        proc, started = self.launch()
        shown = probe.wait_window(proc, started)
        self.stop(proc, shown[1] if shown else None)
        if shown is None:
            raise RuntimeError(f"{self.name} showed no window on its first run")


class QuiteRSS(Reader):
    name = "QuiteRSS"
    binary = "quiterss"
    unread_view = (76, 417)  # "Unread" under Categories

    @property
    def ini(self) -> Path:
        return self.home / ".config" / "QuiteRss" / "QuiteRss.ini"

    @property
    def db(self) -> Path:
        return self.home / ".local" / "share" / "QuiteRss" / "QuiteRss" / "feeds.db"

    def setup(self, feed_urls: list[str], probe: XProbe) -> None:
        self.first_run(probe)
        write_ini(self.ini, {"Settings": {
            "showSplashScreen": "false", "updateCheckEnabled": "false",
            "autoUpdatefeeds": "false", "autoUpdatefeedsStartUp": "false"}})
        conn = sqlite3.connect(self.db)
        with conn:
            for row, url in enumerate(feed_urls):
                conn.execute(
                    "INSERT INTO feeds(text, title, xmlUrl, htmlUrl, rowToParent, parentId, "
                    "hasChildren, unread, newCount, created, f_Expanded) "
                    "VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0, ?, 1)",
                    (f"淮北新闻 {row + 1}", f"淮北新闻 {row + 1}", url, url.rsplit("/", 2)[0],
                     row, datetime.now(UTC).isoformat()))
        conn.close()

    def fetch_on_start(self, on: bool) -> None:
        write_ini(self.ini, {"Settings": {"autoUpdatefeedsStartUp": str(on).lower()}})

    def item_count(self) -> int | None:
        return count_rows(self.db, "SELECT count(*) FROM news")


class RSSGuard(Reader):
    name = "RSS Guard"
    binary = "rssguard"
    unread_view = (136, 614)  # "Unread articles" in the feed tree

    @property
    def ini(self) -> Path:
        return self.home / ".config" / "RSS Guard 4" / "config" / "config.ini"

    @property
    def db(self) -> Path:
        return self.home / ".config" / "RSS Guard 4" / "database" / "database.db"

    def env(self) -> dict[str, str]:
        env = super().env()
        # Its QtWebEngine (Chromium) refuses to start as root unless its sandbox is off.
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
        return env

    def setup(self, feed_urls: list[str], probe: XProbe) -> None:
        self.first_run(probe)
        write_ini(self.ini, {"main": {"first_run": "false", "update_on_start": "false"},
                             "feeds": {"feeds_update_on_startup": "false",
                                       "feeds_update_on_startup_delay": "0",
                                       "auto_update_enabled": "false"}})
        conn = sqlite3.connect(self.db)
        with conn:
            account = conn.execute("INSERT INTO Accounts(type) VALUES ('std-rss')").lastrowid
            for row, url in enumerate(feed_urls):
                custom = json.dumps({"source_type": 0, "type": 1, "encoding": "UTF-8",
                                     "post_process": "", "protected": False, "username": "",
                                     "password": ""})
                feed = conn.execute(
                    "INSERT INTO Feeds(title, description, date_created, category, source, "
                    "update_type, update_interval, account_id, custom_id, custom_data) "
                    "VALUES (?, '', ?, -1, ?, 1, 15, ?, 'new', ?)",
                    (f"淮北新闻 {row + 1}", int(time.time() * 1000), url, account,
                     custom)).lastrowid
                conn.execute("UPDATE Feeds SET custom_id = ? WHERE id = ?", (str(feed), feed))
        conn.close()

    def fetch_on_start(self, on: bool) -> None:
        write_ini(self.ini, {"feeds": {"feeds_update_on_startup": str(on).lower()}})

    def item_count(self) -> int | None:
        return count_rows(self.db, "SELECT count(*) FROM Messages")


class Ours(Reader):
    name = "Huaibei Reader"
    binary = "huaibei_reader"
    fetches_pages = True
    unread_view = (25, 124)  # 未读 in the sidebar

    def __init__(self, home: Path, items: list[Item] | None = None,
                 library: Path | None = None) -> None:
        super().__init__(home)
        self.items = items
        self.library = library

    @property
    def data_dir(self) -> Path:
        return self.home / "data"

    @property
    def db(self) -> Path:
        return self.data_dir / "library.sqlite3"

    def available(self) -> bool:
        return True

    def version(self) -> str:
        from huaibei_reader import __version__

        return __version__

    def command(self) -> list[str]:
        return [sys.executable, "-m", "huaibei_reader", "--data-dir", str(self.data_dir)]

    def env(self) -> dict[str, str]:
        env = super().env()
        env["PYTHONPATH"] = str(REPO / "src")
        return env

    def setup(self, feed_urls: list[str], probe: XProbe) -> None:
        from huaibei_reader.models import Source
        from huaibei_reader.store import Library
        from huaibei_reader.store.types import ToSave

        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.library is not None:
            shutil.copy(self.library, self.db)
        with Library.open(self.db) as lib:
            sources = [lib.sources.add(Source(None, f"淮北新闻 {i + 1}", url, kind="feed",
                                              feed_url=url)) for i, url in enumerate(feed_urls)]
            if self.library is None:
                batch: list[ToSave] = []
                for it, article in self.items or []:
                    batch.append(ToSave(article, sources[feed_of(it.number)].id, None,
                                        {"Content-Type": "text/html; charset=utf-8"}))
                    if len(batch) == 500:
                        lib.articles.save_many(batch)
                        batch = []
                if batch:
                    lib.articles.save_many(batch)
                lib.search.index_pending()
        self.fetch_on_start(False)

    def fetch_on_start(self, on: bool) -> None:
        # The keys benchmarks/ui.py's write_settings sets: no timer, no politeness pause
        # against loopback (a local address, allowed explicitly), Chinese UI; refresh on
        # start only for the fetch measurement.
        write_ini(self.data_dir / "settings.ini", {
            "refresh": {"on_start": str(on).lower(), "interval_minutes": "0"},
            "net": {"host_delay_seconds": "0", "allow_local_sources": "true"},
            "ui": {"language": "zh_CN"}})

    def item_count(self) -> int | None:
        return count_rows(self.db, "SELECT count(*) FROM articles")
