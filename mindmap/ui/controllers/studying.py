"""Study mode: recall a branch's cards on the map itself, grade each, and see the run's summary;
or the blank-map exercise. Leaving gives the map back as it was (folds, focus, selection, zoom).

The rules are `core.recall`'s; this runs them on the session, keeps the study keys (Space,
Enter, N, 1–4, Escape) for itself while the map has the keyboard, saves each grade at once (a
run can stop at any moment and nothing is lost), and moves the view smoothly to each card.
"""

from __future__ import annotations

import html
from dataclasses import replace

from PySide6.QtCore import (
    QEvent,
    QObject,
    QPointF,
    QRectF,
    Qt,
    Signal,
)

from mindmap.core.annotations import Annotation, Mark
from mindmap.core.recall import (
    MapBefore,
    Recall,
    blank_below,
    depth_below,
    next_blank,
    remember,
    restore,
    reveal,
    wait_text,
)
from mindmap.core.session import NOTHING, Change
from mindmap.core.study import Grade, Schedule
from mindmap.ui.controllers.annotationsession import AnnotationSession
from mindmap.ui.controllers.mapcontrol import READABLE_PX, MapController
from mindmap.ui.controllers.studysettings import Clock, StudySettings
from mindmap.ui.map.glide import Glide
from mindmap.ui.map.tooltip import markdown_html
from mindmap.ui.panels.studybar import GRADE_KEYS, StudyBar
from mindmap.ui.theme import POINT_PX, level_style

_GRADE_OF_KEY = {getattr(Qt.Key, f"Key_{key}"): grade for grade, key in GRADE_KEYS.items()}
_KEYS = {
    Qt.Key.Key_Space,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_N,
    Qt.Key.Key_Escape,
    *_GRADE_OF_KEY,
}
# Keys that select a node (the arrows, Home): a blank selected would show its title in
# Details, so while studying they do nothing.
_SELECTING = {Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Home}


_LEAVE_SUMMARY = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class Studying(QObject):
    """Emits `message` (text, ms) for the status bar and `active_changed(bool)`."""

    message = Signal(str, int)
    active_changed = Signal(bool)

    def __init__(
        self,
        maps: MapController,
        annotations: AnnotationSession,
        bar: StudyBar,
        settings: StudySettings,
        clock: Clock,
    ) -> None:
        super().__init__(bar)
        self.maps, self.session, self.annotations = maps, maps.session, annotations
        self.bar, self.settings, self.clock = bar, settings, clock
        self.recall: Recall | None = None  # the run through the cards, if one is on
        self.levels: int | None = None  # the blank map's levels shown, while it is on
        self._deepest = 0  # the blank map's deepest level below its root
        self._before: tuple[MapBefore, float, QPointF] | None = None  # the map, zoom, centre
        self._glide = Glide(maps.view)
        bar.reveal_next.connect(self.reveal_next)
        bar.reveal_all.connect(self.reveal_all)
        bar.reveal_note.connect(self.reveal_note)
        bar.graded.connect(self.grade)
        bar.keep.connect(bar.decided)  # the grade keeps it: nothing else to do
        bar.reset.connect(self._reset_card)
        bar.levels_changed.connect(self._blank_levels)
        bar.leave.connect(self.leave)
        maps.scene.node_clicked.connect(self._clicked)
        maps.view.installEventFilter(self)
        maps.view.viewport().installEventFilter(self)  # its double-clicks

    @property
    def active(self) -> bool:
        return self._before is not None

    # --- starting and leaving ----------------------------------------------------------------

    def study_branch(self) -> None:
        """Study the selected branch (a leaf: its parent's), else the map shown."""
        self.study(self._branch())

    def study_map(self) -> None:
        outline = self.session.outline
        self.study(outline.root.key if outline is not None else None)

    def study(self, key: str | None) -> None:
        """A run through the cards of branch `key` that are due (else all of them)."""
        outline = self.session.outline
        if outline is None or key is None or key not in outline.by_key:
            self.message.emit("Open an outline to study it.", 5000)
            return
        schedule = self.annotations.store.schedule
        run = Recall.start(outline, schedule, self.settings.planner(), key, self.clock())
        if run is None:
            self.message.emit(
                "Nothing to study here: a card is a node with children, and this has none.", 8000
            )
            return
        self._enter(key)
        self.recall, self.levels = run, None
        title, cards = outline.by_key[key].title, f"{len(run.queue)} cards"
        if run.ahead:
            self.message.emit(f"Nothing in {title} is due today: {cards}, ahead of schedule", 8000)
        else:
            self.message.emit(f"Studying {title}: {cards} due or new today", 8000)
        self._ask()

    def blank_map(self) -> None:
        """The blank-map exercise on the selected branch (else the map shown)."""
        key, outline = self._branch(), self.session.outline
        if key is None or outline is None:
            self.message.emit("Open an outline to study it.", 5000)
            return
        deepest = depth_below(outline.by_key[key])
        if deepest == 0:
            self.message.emit("Nothing to blank here: this branch has no nodes below it.", 8000)
            return
        self._enter(key)
        self.recall = None
        self._deepest = deepest
        self._blank_levels(min(1, deepest - 1))

    def leave(self) -> None:
        """The map as it was before study, every title shown."""
        if self._before is None:
            return
        before, zoom, centre = self._before
        self._before, self.recall, self.levels = None, None, None
        self._glide.stop()
        self.bar.hide()
        self.maps.run(restore(self.session, before))
        self.maps.view.set_zoom(zoom)
        self.maps.view.centerOn(centre)
        self.active_changed.emit(False)

    def leave_for_another(self) -> bool:
        """Before the file is left or the window closes: the map as it was, to remember."""
        self.leave()
        return True

    def reloaded(self) -> None:
        """The outline changed on disk while studying: the same card (or the next one left)
        asked again, the blank map blanked again."""
        run, outline = self.recall, self.session.outline
        if not self.active or outline is None:
            return
        if self.levels is not None:
            self._blank_levels(self.levels)
        elif run is not None and run.current is not None:
            if run.current in outline.by_key or run.advance(
                outline, self.annotations.store.schedule, self.clock()
            ):
                self._ask()
            else:
                self._finish()

    def _enter(self, key: str) -> None:
        """Keep the map as it is, then show branch `key` as the whole map."""
        if self._before is None:
            self.maps.run(self.session.clear_filter())  # a filter's dimming would hide blanks
            view = self.maps.view
            centre = view.mapToScene(view.viewport().rect().center())
            self._before = (remember(self.session), view.zoom(), QPointF(centre))
            self.active_changed.emit(True)
        self.maps.focus_on(key)
        self.maps.view.setFocus()

    def _branch(self) -> str | None:
        """The selected node's branch (a leaf's parent), else the map shown."""
        session, outline = self.session, self.session.outline
        if outline is None:
            return None
        key = session.selected or session.root_key
        parent = outline.parent_of.get(key)
        return parent.key if not outline.by_key[key].children and parent is not None else key

    # --- a card ------------------------------------------------------------------------------

    def _ask(self) -> None:
        """Show the current card, its children blank, and glide to it."""
        run, outline = self.recall, self.session.outline
        assert run is not None
        assert outline is not None
        key = run.current
        assert key is not None
        self.maps.run(run.show(self.session))
        node = outline.by_key[key]
        path = " › ".join(n.title for n in [*outline.ancestors(key), node][-3:])
        where = f"Card {run.index + 1} of {len(run.queue)} · {path}"
        has_note = node.note is not None or self._annotation_text(key) != ""
        changed = run.changed(outline, self.annotations.store.schedule)
        self.bar.ask(where, len(self.session.blanks), has_note=has_note, changed=changed)
        self._revealed(NOTHING)  # asked again after a reload: what was revealed stays so
        self.maps.scene.flash({key})  # the eye finds the card asked
        self._follow(key)

    def reveal_next(self) -> None:
        if self.recall is not None:
            self._revealed(self.recall.reveal_next(self.session))
        elif self.levels is not None:
            self._revealed(reveal(self.session, next_blank(self.session)))

    def reveal_all(self) -> None:
        if self.recall is not None:
            self._revealed(self.recall.reveal_all(self.session))
        elif self.levels is not None:
            self._revealed(reveal(self.session, list(self.session.blanks)))

    def _clicked(self, key: str) -> None:
        """A click on a blank reveals it."""
        if self.active and key in self.session.blanks:
            if self.recall is not None:
                self._revealed(self.recall.reveal(self.session, [key]))
            else:
                self._revealed(reveal(self.session, [key]))

    def _revealed(self, change: Change) -> None:
        self.maps.run(change)
        if self.recall is not None and self.recall.current is not None:
            blanks = len(self.session.blanks)
            answered = self.recall.answered(self.session)
            self.bar.answer(blanks, self._waits() if answered else {})
        elif self.levels is not None:
            self.bar.blank_map(self._where(), self.levels, len(self.session.blanks), self._deepest)

    def reveal_note(self) -> None:
        """The author's note and the user's annotation on the current card."""
        run, outline = self.recall, self.session.outline
        if run is None or outline is None or run.current is None:
            return
        node = outline.by_key[run.current]
        parts = [markdown_html(node.note)] if node.note else []
        annotation = self._annotation_text(run.current)
        if annotation:
            parts.append(f"<p><i>Your annotation:</i></p>{markdown_html(annotation)}")
        self.bar.show_note("".join(parts) or html.escape("No note on this card."))

    def _annotation_text(self, key: str) -> str:
        shown = self.annotations.shown.on_node(key)
        return shown.text.strip() if shown is not None else ""

    def _waits(self) -> dict[Grade, str]:
        """When each grade would bring the current card back."""
        assert self.recall is not None
        assert self.recall.current is not None
        now = self.clock()
        planner, schedule = self.settings.planner(), self.annotations.store.schedule
        dues = planner.preview(schedule, self.recall.current, now)
        return {grade: wait_text(now, due) for grade, due in dues.items()}

    # --- grading -----------------------------------------------------------------------------

    def grade(self, grade: Grade) -> None:
        """Grade the current card (saved at once), then on to the next one due."""
        run, outline = self.recall, self.session.outline
        if run is None or outline is None or run.current is None or not run.answered(self.session):
            return
        node, now, planner = outline.by_key[run.current], self.clock(), self.settings.planner()
        if not self.annotations.change_schedule(
            lambda schedule: planner.grade(schedule, node, grade, now)
        ):
            return  # the sidecar may not be written: `problem` said why; the card stays
        run.graded(grade)
        if grade is Grade.AGAIN and self.settings.again_marks:
            self._mark_revise(node.key, node.title)
        if run.advance(outline, self.annotations.store.schedule, now):
            self._ask()
        else:
            self._finish()

    def _mark_revise(self, key: str, title: str) -> None:
        """Mark "revise again" a node the user has not marked (their marks stay theirs)."""
        shown = self.annotations.store.on_node(key)
        if shown is not None and (shown.mark is not None or shown.unknown_mark is not None):
            return
        base = shown or Annotation(key, title)
        self.annotations.set(key, replace(base, mark=Mark.REVISE), title)

    def _reset_card(self) -> None:
        """The changed card starts afresh: its schedule is dropped (its review log stays)."""
        run = self.recall
        if run is None or run.current is None:
            return
        key = run.current

        def drop(schedule: Schedule) -> None:
            schedule.cards.pop(key, None)

        if self.annotations.change_schedule(drop):
            self.bar.decided()
            if run.answered(self.session):
                self.bar.answer(len(self.session.blanks), self._waits())

    def _finish(self) -> None:
        """The run is over: every title shown, and what it did."""
        run, outline = self.recall, self.session.outline
        assert run is not None
        assert outline is not None
        self.maps.run(reveal(self.session, list(self.session.blanks)))
        summary = run.summary(outline, self.annotations.store.schedule, self.clock())
        graded = f"{summary.cards} cards reviewed ({summary.grades} grades)"
        well = f"{summary.recalled_well} recalled well"
        text = f"{graded} · {well} · {summary.due_tomorrow} due tomorrow"
        self.bar.finish(f"Done: {outline.by_key[run.scope].title}", text)
        self.message.emit(f"Study done: {text}", 10_000)
        self._follow(run.scope)  # back to the top of what was studied

    # --- the blank map -----------------------------------------------------------------------

    def _blank_levels(self, levels: int) -> None:
        self.levels = levels
        self.maps.run(blank_below(self.session, levels))
        self.bar.blank_map(self._where(), levels, len(self.session.blanks), self._deepest)

    def _where(self) -> str:
        return f"Blank map · {self.session.shown_root.title}"

    # --- following the cards -----------------------------------------------------------------

    def _follow(self, key: str) -> None:
        """Glide to the card and its children, at a zoom where they read."""
        layout = self.session.layout
        if layout is None or key not in layout.boxes:
            return
        children = self.recall.children(self.session) if self.recall is not None else []
        boxes = [layout.boxes[k] for k in [key, *children] if k in layout.boxes]
        rect = QRectF()
        for box in boxes:
            rect = rect.united(QRectF(box.x, box.y, box.width, box.height))
        depth = max(box.depth for box in boxes)
        readable = READABLE_PX / (level_style(depth).font.pointSizeF() * POINT_PX)
        card = layout.boxes[key]
        anchor = QPointF(card.x + card.width / 2, card.y + card.height / 2)
        self._glide.to_rect(rect, least=readable, most=1.0, anchor=anchor)

    @property
    def gliding(self) -> bool:
        return self._glide.running

    # --- the study keys ----------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """While studying, the study keys on the map are the bar's, not the menus' (Space
        folds, Enter centres, 1–3 mark, Escape clears the selection); the selecting keys are
        nobody's. A double-click on the map is a click (it would annotate the node)."""
        kind = event.type()
        if self.active and kind == QEvent.Type.MouseButtonDblClick:
            return True  # its first click revealed; it would open the annotation editor too
        if not self.active or kind not in (QEvent.Type.ShortcutOverride, QEvent.Type.KeyPress):
            return super().eventFilter(watched, event)
        key = event.key()  # type: ignore[attr-defined]
        if key not in _KEYS | _SELECTING or event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:  # type: ignore[attr-defined]
            return super().eventFilter(watched, event)
        event.accept()
        if kind == QEvent.Type.KeyPress:
            self._press(key)
        return True

    def _press(self, key: Qt.Key) -> None:
        finished = self.recall is not None and self.recall.current is None
        if key == Qt.Key.Key_Escape or (finished and key in _LEAVE_SUMMARY):
            self.leave()
        elif key == Qt.Key.Key_Space:
            self.reveal_next()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.reveal_all()
        elif key == Qt.Key.Key_N:
            self.reveal_note()
        elif key in _GRADE_OF_KEY:
            self.grade(_GRADE_OF_KEY[key])
