"""Refresh from the window (a mixin of MainWindow): toolbar action, Ctrl+R and the interval
timer start it as a background operation; the status bar shows progress with a cancel button;
the end reports the new-article count, failures on their sources, or a quiet offline banner.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from huaibei_reader.app.operations import Operation, OperationContext, Progress
from huaibei_reader.errors import Cancelled, KnownError
from huaibei_reader.ui.context import RefreshOutcome

if TYPE_CHECKING:
    from huaibei_reader.ui.main_window import MainWindow

    _Base = MainWindow
else:
    _Base = object


class RefreshMixin(_Base):
    # ------------------------------------------------------------------ refresh
    @property
    def refreshing(self) -> bool:
        return self._refresh_token is not None

    def _on_refresh_timer_timeout(self) -> None:
        if not self.refreshing and self.library is not None:
            self.start_refresh()

    def start_refresh(self, source_ids: list[int] | None = None) -> bool:
        library = self.library
        if library is None or self.refreshing:
            return False
        refresh = self.ctx.refresh

        def work(ctx: OperationContext) -> RefreshOutcome:
            sources = [s for s in library.sources.all()
                       if source_ids is None or s.id in source_ids]
            return refresh(library, sources, ctx)

        self.actions_.refresh.setEnabled(False)
        self.actions_.cancel_refresh.setEnabled(True)
        self.progress.setRange(0, 0)
        self.progress.show()
        self.cancel_button.show()
        self.status_label.setText(self.tr("Refreshing…"))
        self._refresh_token = Operation(self.runner, work).success(self._on_refresh_done) \
            .failure(self._on_refresh_failed).with_progress(self._on_refresh_progress) \
            .run_in_background()
        return True

    def cancel_refresh(self) -> None:
        if self._refresh_token is not None:
            self._refresh_token.cancel()
            self.status_label.setText(self.tr("Cancelling…"))

    def _on_refresh_progress(self, progress: Progress) -> None:
        if progress.total > 0:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(min(progress.done, progress.total))
        if progress.label:
            self.status_label.setText(self.tr("Refreshing: %1").replace("%1", progress.label))

    def _end_refresh(self) -> None:
        self._refresh_token = None
        self.actions_.refresh.setEnabled(True)
        self.actions_.cancel_refresh.setEnabled(False)
        self.progress.hide()
        self.cancel_button.hide()

    def _on_refresh_done(self, outcome: RefreshOutcome) -> None:
        self._end_refresh()
        if outcome.offline:
            self.show_banner(self.tr("Offline: the sources cannot be reached. Everything "
                                     "stored stays readable."))
        else:
            self.show_banner("")
        text = self.tr("Refresh finished: %1 new articles.").replace("%1", str(outcome.new))
        if outcome.offline:
            text = self.tr("Offline: nothing could be fetched.")
        elif outcome.failed_sources:
            text += " " + self.tr("%1 sources failed (see the sidebar).").replace(
                "%1", str(len(outcome.failed_sources)))
        if outcome.notes and not outcome.offline:
            text += " " + " ".join(outcome.notes)  # the hosts given up on, one line each
        self.ctx.messages.info(text)
        self.reload_sources()
        self._apply_cache_limit()
        self.index_search_queue()
        if outcome.new or outcome.updated:
            self._pending_select = self.current_id
            self._apply_query()
        self.refresh_finished.emit(outcome)

    def index_search_queue(self) -> None:
        """Index the texts saved since the last time, on a worker (saving only queues them,
        and search reads the queue until then). Stops at shutdown between two chunks."""
        library = self.library
        if library is None:
            return
        Operation(self.runner, lambda ctx: int(library.search.index_pending(cancel=ctx.cancel))) \
            .success(self.search_index_updated.emit).latest_wins("search-index") \
            .run_in_background()

    def _apply_cache_limit(self) -> None:
        """Preferences' library size limit: evict the oldest articles after a refresh."""
        limit_mb = self.settings.get("library/cache_limit_mb")
        library = self.library
        if not limit_mb or library is None:
            return

        def done(removed: int) -> None:
            if removed:
                self.ctx.messages.info(self.tr("%1 old articles removed to keep the library "
                                               "under its size limit.").replace("%1",
                                                                                str(removed)))
                self.reload_counts()
                self._apply_query()

        Operation(self.runner, lambda ctx: int(library.evict(max_bytes=limit_mb * 1024 * 1024))) \
            .success(done).run_in_background()

    def _on_refresh_failed(self, exc: KnownError) -> None:
        self._end_refresh()
        saved = getattr(exc, "saved", None)  # app.refresh.RefreshCancelled says what it kept
        if isinstance(exc, Cancelled) and isinstance(saved, int):
            self.ctx.messages.info(self.tr("Refresh cancelled: %1 articles saved before it "
                                           "stopped.").replace("%1", str(saved)))
        elif isinstance(exc, Cancelled):
            self.ctx.messages.info(self.tr("Refresh cancelled."))
        else:
            self.ctx.messages.error(self.tr("Refresh failed: %1").replace("%1", str(exc)))
        self.reload_sources()
        self.refresh_finished.emit(exc)
