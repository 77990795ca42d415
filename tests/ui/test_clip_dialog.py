"""The Clip dialog: quote, note and tags in, a Clipping out; copy with citation."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "export"))
from export_seed import QUOTE, SEED_URL, seed_citation, seed_clipping, seed_item

from huaibei_reader.ui.clip_dialog import ClipDialog, parse_tags

GBT = ("韩惠, 胡文静. 淮北相山区:“三社联动”打造“熟人社区”[EB/OL]. "
       f"(2022-10-01)[2026-11-28]. {SEED_URL}.")


def test_tags_split_on_chinese_and_latin_separators():
    assert parse_tags(" 社区, 采访，相山区、社区;  ；x ") == ("社区", "采访", "相山区", "x")


def test_dialog_shows_reference_and_builds_the_clipping(qtbot):
    dialog = ClipDialog(f"  {QUOTE}\n", seed_citation(), known_tags=["社区"])
    qtbot.addWidget(dialog)
    assert dialog.quote == QUOTE
    assert dialog.reference_label.text() == GBT
    dialog.style_combo.setCurrentIndex(dialog.style_combo.findData("apa"))
    assert dialog.reference_label.text().startswith("韩惠, & 胡文静. (2022, October 1).")
    dialog.note_edit.insertPlainText("导语用")  # keyClicks types ASCII only
    dialog.tags_edit.insert("社区，采访")
    clip = dialog.clipping(article_id=7, article_version=2)
    assert (clip.id, clip.article_id, clip.article_version) == (None, 7, 2)
    assert (clip.quote, clip.note, clip.tags) == (QUOTE, "导语用", ("社区", "采访"))
    assert clip.citation == seed_citation()


def test_save_is_disabled_without_a_quote(qtbot):
    dialog = ClipDialog("", seed_citation())
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and not dialog.copy_button.isEnabled()
    qtbot.keyClicks(dialog.quote_edit, "a quote")
    assert ok.isEnabled()


def test_copy_with_citation_puts_quote_and_reference_on_clipboard(qtbot):
    dialog = ClipDialog(QUOTE, seed_citation())
    qtbot.addWidget(dialog)
    QApplication.clipboard().clear()
    dialog.copy_button.click()
    # The quote's own quotation marks alternate inside ours: “真正成为社区‘一家人’”.
    assert QApplication.clipboard().text() == "“真正成为社区‘一家人’”" + f"\n\n{GBT}"


@pytest.mark.parametrize("accept", [True, False])
def test_ask_returns_a_clipping_or_none(qtbot, accept):
    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ClipDialog)
        dialog.tags_edit.setText("社区")
        dialog.accept() if accept else dialog.reject()

    QTimer.singleShot(0, answer)
    clip = ClipDialog.ask(None, seed_item(version=3), QUOTE, known_tags=["社区"])
    if accept:
        assert clip is not None and clip.article_version == 3 and clip.tags == ("社区",)
        assert clip.citation == seed_citation()
    else:
        assert clip is None


def test_edit_keeps_identity_and_reports_no_change(qtbot):
    original = seed_clipping()

    def change_note():
        dialog = QApplication.activeModalWidget()
        dialog.note_edit.setPlainText("新笔记")
        dialog.accept()

    QTimer.singleShot(0, change_note)
    changed = ClipDialog.edit(None, original)
    assert changed is not None and changed.note == "新笔记"
    assert (changed.id, changed.created_at, changed.citation) == (
        original.id, original.created_at, original.citation)

    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().accept())
    assert ClipDialog.edit(None, original) is None
