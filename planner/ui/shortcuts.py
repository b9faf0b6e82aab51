"""Every keyboard shortcut that acts inside one part of a page, in one table, and the checks on them.

Window-wide shortcuts are the menu actions of the main window (and the search box's Ctrl+K/F);
they are added to the window itself, so they work before any menu has been opened. Shortcuts
that only make sense where the focus is — Delete in the matrix, F2 in a table — are declared in
:data:`SCOPED` and installed on their widget with :func:`install` (context
``WidgetWithChildrenShortcut``), so the same key can mean "delete this piece" in the matrix and
"delete this outlet" on the outlets page without ever being ambiguous.

:func:`bindings` lists every shortcut of a window with the widgets where it is live, and
:func:`clashes` finds two bindings of one key that are live at the same place: Qt calls such a key
"ambiguous" and fires *neither*. The help dialog (F1) and the README's list are made from the same
table (:func:`help_rows`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu, QMenuBar, QWidget

_CTX = "Shortcuts"


@dataclass(frozen=True)
class Key:
    """One scoped shortcut: its name in :data:`SCOPED`, its keys, and what it does (Chinese source)."""

    name: str
    keys: tuple[str, ...]
    text: str


#: Scope → (where, shortcuts). ``where`` names the place for the help dialog.
SCOPED: dict[str, tuple[str, tuple[Key, ...]]] = {
    "directory": (QT_TRANSLATE_NOOP("Shortcuts", "媒体单位、联合体、人员列表"), (
        Key("edit", ("F2", "Return", "Enter"), QT_TRANSLATE_NOOP("Shortcuts", "编辑选中项")),
        Key("delete", ("Del",), QT_TRANSLATE_NOOP("Shortcuts", "删除选中项")),
    )),
    "projects": (QT_TRANSLATE_NOOP("Shortcuts", "项目列表"), (
        Key("edit", ("F2",), QT_TRANSLATE_NOOP("Shortcuts", "编辑项目")),
        Key("delete", ("Del",), QT_TRANSLATE_NOOP("Shortcuts", "删除项目")),
    )),
    "stages": (QT_TRANSLATE_NOOP("Shortcuts", "环节列表"), (
        Key("edit", ("F2", "Return", "Enter"), QT_TRANSLATE_NOOP("Shortcuts", "编辑环节")),
        Key("add", ("Ins",), QT_TRANSLATE_NOOP("Shortcuts", "新建环节")),
        Key("delete", ("Del",), QT_TRANSLATE_NOOP("Shortcuts", "删除环节")),
        Key("up", ("Alt+Up",), QT_TRANSLATE_NOOP("Shortcuts", "环节上移")),
        Key("down", ("Alt+Down",), QT_TRANSLATE_NOOP("Shortcuts", "环节下移")),
    )),
    "schedule": (QT_TRANSLATE_NOOP("Shortcuts", "日程"), (
        Key("previous", ("PgUp",), QT_TRANSLATE_NOOP("Shortcuts", "上一天、上一周或上一月")),
        Key("next", ("PgDown",), QT_TRANSLATE_NOOP("Shortcuts", "下一天、下一周或下一月")),
        Key("today", ("Home",), QT_TRANSLATE_NOOP("Shortcuts", "回到今天")),
        Key("cancel", ("Esc",), QT_TRANSLATE_NOOP("Shortcuts", "取消拖动")),
    )),
    "due": (QT_TRANSLATE_NOOP("Shortcuts", "到期任务列表"), (
        Key("open", ("Return", "Enter"), QT_TRANSLATE_NOOP("Shortcuts", "在项目中打开任务")),
    )),
    "matrix": (QT_TRANSLATE_NOOP("Shortcuts", "覆盖矩阵"), (
        Key("open", ("Return", "Enter", "F2"), QT_TRANSLATE_NOOP("Shortcuts", "打开格子里的任务（空格子：新建）")),
        Key("add", ("Ins",), QT_TRANSLATE_NOOP("Shortcuts", "在格子里再加一种形式")),
        Key("delete", ("Del",), QT_TRANSLATE_NOOP("Shortcuts", "删除格子里的任务（可撤销）")),
    )),
    "assignments": (QT_TRANSLATE_NOOP("Shortcuts", "任务列表"), (
        Key("open", ("Return", "Enter", "F2"), QT_TRANSLATE_NOOP("Shortcuts", "编辑任务")),
        Key("delete", ("Del",), QT_TRANSLATE_NOOP("Shortcuts", "删除所选任务")),
    )),
}


def tr(text: str) -> str:
    return QCoreApplication.translate(_CTX, text)


def install(widget: QWidget, scope: str, slots: dict[str, Callable[[], object]]) -> dict[str, QAction]:
    """Create the actions of ``SCOPED[scope]`` on ``widget`` (live while the focus is in it or its
    children), each calling ``slots[name]``. Every declared key must get a slot."""
    _where, keys = SCOPED[scope]
    missing = {k.name for k in keys} - set(slots)
    if missing:
        raise KeyError(f"no slot for {sorted(missing)} in scope {scope}")
    out: dict[str, QAction] = {}
    for key in keys:
        action = QAction(tr(key.text), widget)
        action.setShortcuts([QKeySequence(k) for k in key.keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setProperty("shortcut_scope", scope)
        slot = slots[key.name]
        action.triggered.connect(lambda _checked=False, f=slot: f())
        widget.addAction(action)
        out[key.name] = action
    return out


# -- the checks --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Binding:
    """One key of one action or shortcut object, and where it is live."""

    key: str  # portable text, e.g. "Ctrl+Shift+T"
    owner: QObject  # the QAction or QShortcut
    label: str
    context: Qt.ShortcutContext
    widgets: tuple[QWidget, ...]  # where the owner is attached (the window for window shortcuts)


def _label(owner: QObject) -> str:
    if isinstance(owner, QAction):
        return owner.text().replace("&", "") or owner.objectName()
    return str(owner.property("description") or owner.objectName() or type(owner).__name__)


def bindings(window: QWidget) -> list[Binding]:
    """Every shortcut key of every action and QShortcut that lives in ``window``."""
    out: list[Binding] = []
    seen: set[int] = set()
    owners: list[QObject] = [*window.findChildren(QAction), *window.actions(), *window.findChildren(QShortcut)]
    for owner in owners:
        if id(owner) in seen:
            continue
        seen.add(id(owner))
        if isinstance(owner, QAction):
            keys = owner.shortcuts()
            widgets = tuple(w for w in owner.associatedObjects()
                            if isinstance(w, QWidget) and not isinstance(w, QMenu | QMenuBar))
            context = owner.shortcutContext()
        else:
            keys = [owner.key()]
            parent = owner.parent()
            widgets = (parent,) if isinstance(parent, QWidget) else ()
            context = owner.context()
        for key in keys:
            if key.isEmpty():
                continue
            out.append(Binding(key.toString(QKeySequence.SequenceFormat.PortableText), owner, _label(owner),
                               context, widgets))
    return out


def _contains(outer: QWidget, inner: QWidget) -> bool:
    w: QWidget | None = inner
    while w is not None:
        if w is outer:
            return True
        w = w.parentWidget()
    return False


def _live_at(b: Binding, widget: QWidget) -> bool:
    """Whether ``b`` fires when the focus is in ``widget``."""
    if b.context == Qt.ShortcutContext.ApplicationShortcut:
        return True
    for w in b.widgets:
        if b.context == Qt.ShortcutContext.WindowShortcut:
            if w.window() is widget.window():
                return True
        elif b.context == Qt.ShortcutContext.WidgetWithChildrenShortcut:
            if _contains(w, widget):
                return True
        elif w is widget:
            return True
    return False


def clashes(window: QWidget) -> list[tuple[Binding, Binding]]:
    """Pairs of bindings of one key that are live at the same widget (Qt fires neither)."""
    found = bindings(window)
    out: list[tuple[Binding, Binding]] = []
    for i, a in enumerate(found):
        for b in found[i + 1:]:
            if a.key != b.key or a.owner is b.owner:
                continue
            if any(_live_at(b, w) for w in a.widgets) or any(_live_at(a, w) for w in b.widgets):
                out.append((a, b))
    return out


def dead(window: QWidget) -> list[Binding]:
    """Bindings attached to no widget at all (only to a menu): Qt ignores them until the menu opens."""
    return [b for b in bindings(window) if not b.widgets and b.context != Qt.ShortcutContext.ApplicationShortcut]


# -- the help ----------------------------------------------------------------------------------
def native(key: str) -> str:
    return QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)


def help_rows(menus: list[QMenu], extra: list[tuple[str, str]]) -> list[tuple[str, list[tuple[str, str]]]]:
    """Sections of (keys, what) for the help dialog: each menu's actions with keys, ``extra`` window
    shortcuts that have no menu entry, then every scoped table."""
    sections: list[tuple[str, list[tuple[str, str]]]] = []
    for menu in menus:
        rows = _menu_rows(menu)
        if rows:
            sections.append((menu.title().replace("&", "").split("(")[0], rows))
    if extra:
        sections.append((QCoreApplication.translate("Shortcuts", "全局"), extra))
    for where, keys in SCOPED.values():
        sections.append((tr(where), [(" / ".join(native(k) for k in key.keys), tr(key.text)) for key in keys]))
    return sections


def _menu_rows(menu: QMenu) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for action in menu.actions():
        if action.menu() is not None:
            rows += _menu_rows(action.menu())
            continue
        keys = [k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts() if not k.isEmpty()]
        if keys:
            text = action.property("help_text") or action.text().replace("&", "").rstrip("…")
            rows.append((" / ".join(keys), str(text)))
    return rows
