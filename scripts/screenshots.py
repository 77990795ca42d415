#!/usr/bin/env python3
"""Screenshots of the window, for the README and for looking at what users see.

Run under Xvfb (real fonts, real rendering; the offscreen platform draws no CJK glyph hinting):

    xvfb-run -a -s "-screen 0 1400x900x24" .venv/bin/python scripts/screenshots.py [OUT_DIR]

Each shot runs in its own process (one QApplication per language/theme) on a temporary data
folder, with the sample edition served on loopback: nothing touches the user's library.
Shots: first run (en), reading the seed article (zh_CN light, zh_CN dark, en light),
offline (zh_CN), search results (zh_CN).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

SEED_TITLE = "淮北相山区:“三社联动”打造“熟人社区”"
SHOTS = {
    "first-run-en": dict(language="en", theme="light", scenario="first_run"),
    "reading-zh-light": dict(language="zh_CN", theme="light", scenario="reading"),
    "reading-zh-dark": dict(language="zh_CN", theme="dark", scenario="reading"),
    "reading-en-light": dict(language="en", theme="light", scenario="reading"),
    "reading-en-dark": dict(language="en", theme="dark", scenario="reading"),
    "offline-zh": dict(language="zh_CN", theme="light", scenario="offline"),
    "offline-empty-en": dict(language="en", theme="light", scenario="offline_empty"),
    "search-zh": dict(language="zh_CN", theme="light", scenario="search"),
}


def shoot(name: str, out: Path) -> int:
    """Child process: build the app for one shot, act out the scenario, save the PNG."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from huaibei_reader.ui.application import GuiApp

    spec = SHOTS[name]
    data_dir = Path(tempfile.mkdtemp(prefix=f"huaibei-shot-{name}-"))
    qs = QSettings(str(data_dir / "settings.ini"), QSettings.Format.IniFormat)
    qs.setValue("ui/language", spec["language"])
    qs.setValue("ui/theme", spec["theme"])
    qs.setValue("refresh/on_start", spec["scenario"] in ("reading", "search", "offline"))
    qs.sync()
    del qs
    app = QApplication.instance() or QApplication(sys.argv[:1])
    gui = GuiApp(data_dir, demo=spec["scenario"] in ("reading", "search", "offline"),
                 self_test=False)
    state: dict[str, object] = {"done": False}

    def save() -> None:
        window = gui.window
        window.grab().save(str(out / f"{name}.png"))
        state["done"] = True
        app.quit()

    def later(ms: int, fn) -> None:  # noqa: ANN001
        QTimer.singleShot(ms, fn)

    def on_started() -> None:
        window = gui.window
        window.resize(1280, 800)
        scenario = spec["scenario"]
        if scenario == "first_run":
            window.library_ready.connect(lambda: later(600, save))
        elif scenario in ("reading", "search"):
            def after_refresh(_outcome: object) -> None:
                if scenario == "search":
                    window.search_edit.setText("三社联动")
                    window.search_edit.returnPressed.emit()
                    window.model.page_loaded.connect(pick)
                else:
                    window.model.page_loaded.connect(pick)
                    window.list_controller.apply_query()

            def pick() -> None:
                model = window.model
                for row in range(model.rowCount()):
                    if model.row(row).title == SEED_TITLE:
                        window.article_shown.connect(lambda _id: later(500, save))
                        window.list_controller.select_row(row)
                        return

            window.refresh_finished.connect(after_refresh)
        elif scenario == "offline":
            # Refresh the sample edition, then take the server away and refresh again: the
            # banner says offline and the stored articles stay readable.
            state["round"] = 0

            def after(_outcome: object) -> None:
                state["round"] = int(state["round"]) + 1
                if state["round"] == 1:
                    gui.server.stop()
                    window.model.page_loaded.connect(pick_seed)
                    window.list_controller.apply_query()
                elif state["round"] == 2:
                    later(600, save)

            def pick_seed() -> None:
                model = window.model
                for row in range(model.rowCount()):
                    if model.row(row).title == SEED_TITLE and window.current_id is None:
                        refresh = window.refresh_controller
                        window.article_shown.connect(lambda _id: later(300, refresh.start))
                        window.list_controller.select_row(row)
                        return

            window.refresh_finished.connect(after)
        elif scenario == "offline_empty":
            from huaibei_reader.models import Source

            def add_and_refresh() -> None:
                library = gui.services.library  # the script's own setup, not the window's
                if not library.sources.all():
                    library.sources.add(Source(id=None, name="今日淮北",
                                               url="http://127.0.0.1:9/"))
                window.sources_controller.reload_sources(select="all")
                later(300, window.refresh_controller.start)

            window.library_ready.connect(add_and_refresh)
            window.refresh_finished.connect(lambda _o: later(600, save))
        later(60_000, app.quit)

    QTimer.singleShot(0, on_started)
    try:
        gui.run()
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    if not state["done"]:
        print(f"{name}: not taken", file=sys.stderr)
        return 1
    print(f"{name}: {out / (name + '.png')}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", nargs="?", default=str(REPO / "screenshots"))
    parser.add_argument("--shot", choices=sorted(SHOTS), help=argparse.SUPPRESS)
    parser.add_argument("--only", nargs="*", default=None, help="take only these shots")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    if args.shot:
        return shoot(args.shot, out)
    if not os.environ.get("DISPLAY") and os.environ.get("QT_QPA_PLATFORM") != "offscreen":
        print("no display: run under xvfb-run (see the docstring)", file=sys.stderr)
        return 2
    failures = 0
    for name in args.only or SHOTS:
        code = subprocess.call([sys.executable, __file__, str(out), "--shot", name])
        failures += code != 0
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
