"""Render a page of the real GUI offscreen to a PNG (README screenshots, visual checks)."""

from __future__ import annotations

import os
from pathlib import Path

from app.domain import i18n
from app.domain.errors import BadInput, StorageError

SIZE = (1280, 800)


def screenshot(db_path: Path, page: str, out: Path, lang: str | None = None) -> None:
    """Open `db_path`, show `page` as the first active account and save the window to `out`."""
    if lang is not None and lang not in i18n.SUPPORTED:
        raise BadInput(
            f"不支持的语言 {lang}，可选：{', '.join(i18n.SUPPORTED)}",
            f"Unsupported language {lang}; choose from {', '.join(i18n.SUPPORTED)}",
            field="lang",
        )
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    # Qt is imported only now, so that the platform choice above takes effect.
    from PySide6.QtCore import QThreadPool
    from PySide6.QtWidgets import QApplication

    from app.gui.app import build_main_window, prepare_application
    from app.gui.main_window import PAGES

    if page not in PAGES:
        raise BadInput(
            f"没有页面“{page}”，可选：{', '.join(PAGES)}",
            f"No page '{page}'; choose from {', '.join(PAGES)}",
            field="page",
        )
    from app.gui.translation import apply_language
    from app.services import accounts, bootstrap, settings
    from app.store import queries

    prepare_application()
    bootstrap.open_books(Path(db_path), create=False)
    apply_language(lang or settings.language())
    active = [a for a in accounts.list_accounts() if a.active]
    window = build_main_window(active[0] if active else None)
    window.resize(*SIZE)
    window.show()
    window.show_page(page)
    QApplication.processEvents()
    if page == "stock":
        window.stock_page.model.fetch_all_top()
        window.stock_page.expand_first()
    elif page == "card":
        busiest = queries.busiest_item_id()
        if busiest is not None:
            window.card_page.show_for(busiest)
    elif page == "catalogue":
        window.catalogue_page.table.selectRow(0)
    elif page == "dashboard":
        window.dashboard_page.build_charts()  # the page draws them just after the first paint
    elif page == "reserve" and window.reserve_page.top_up.rows:
        window.reserve_page.select_item(window.reserve_page.top_up.rows[0].item_id)
    for _ in range(3):
        QApplication.processEvents()
    QThreadPool.globalInstance().waitForDone(60_000)  # pages' background work, e.g. previews
    for _ in range(3):
        QApplication.processEvents()
    out = Path(out)
    if out.parent and not out.parent.exists():
        out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        raise StorageError(f"无法写入图片 {out}", f"Cannot write the image {out}", field="out")
    window.close()
    window.deleteLater()
    QApplication.processEvents()
