"""The map session: every user operation on the map's state, without a display."""

from __future__ import annotations

from mindmap.core.layout import IncrementalLayout, LayoutMode
from mindmap.core.model import Node
from mindmap.core.navigation import Direction
from mindmap.core.outline import parse_outline
from mindmap.core.session import NOTHING, MapSession

TEXT = """\
Root:
  - Alpha:
      - a1
      - a2:
          - deep
  - title: Beta
    collapsed: true
    note: about beta
    children:
      - b1
  - Gamma
"""


def outline(text: str = TEXT):
    return parse_outline(text, "o.yaml").outline


def laid_out(session: MapSession) -> MapSession:
    """Lay out the session's state as the shell would, and hand the layout back."""
    assert session.outline is not None

    def measure(_node: Node) -> tuple[float, float]:
        return 40.0, 20.0

    engine = IncrementalLayout(session.shown_root, measure, session.mode)
    session.laid_out(engine.update(frozenset(session.folds), None).layout)
    return session


def opened(text: str = TEXT) -> MapSession:
    session = MapSession()
    session.show(outline(text))
    return laid_out(session)


def test_first_show_folds_as_written_or_as_remembered() -> None:
    session = MapSession()
    change = session.show(outline())
    assert session.folds == {"Root/Beta"}
    assert change.rebuild
    assert not change.keep_sides
    again = MapSession()
    again.show(outline(), folds={"Root/Alpha", "Root/Gone"})
    assert again.folds == {"Root/Alpha"}  # a remembered fold of a node now gone is dropped


def test_fold_toggles_keep_the_node_still_and_ignore_leaves() -> None:
    session = opened()
    change = session.toggle_fold("Root/Alpha")
    assert (change.relayout, change.still) == (True, "Root/Alpha")
    assert "Root/Alpha" in session.folds
    assert session.toggle_fold("Root/Gamma") == session.toggle_fold("nowhere")
    assert not session.toggle_fold("Root/Gamma").relayout
    session.toggle_fold("Root/Alpha")
    assert "Root/Alpha" not in session.folds


def test_levels_and_expand_all_rebalance_the_sides() -> None:
    session = opened()
    change = session.show_levels(1)
    assert session.folds == {"Root/Alpha", "Root/Beta"}
    assert change.fit
    assert not change.keep_sides
    session.select("Root/Gamma")
    change = session.expand_all()
    assert session.folds == set()
    assert (change.still, change.keep_sides) == ("Root/Gamma", False)


def test_a_fold_that_hides_the_selection_moves_it_to_the_folded_node() -> None:
    session = opened()
    session.select("Root/Alpha/a2/deep")
    session.toggle_fold("Root/Alpha")
    assert laid_out(session).selected == "Root/Alpha"


def test_reload_keeps_state_and_flashes_new_nodes() -> None:
    session = opened()
    session.select("Root/Alpha/a1")
    session.toggle_fold("Root/Alpha/a2")
    added = TEXT.replace(
        "  - Gamma\n", "  - Gamma\n  - title: Delta\n    collapsed: true\n    children: [d1]\n"
    )
    change = session.apply(outline(added))
    assert change.flash == {"Root/Delta", "Root/Delta/d1"}
    assert not change.keep_sides  # a main branch came: the sides balance anew
    assert session.folds == {"Root/Alpha/a2", "Root/Beta", "Root/Delta"}
    assert session.selected == "Root/Alpha/a1"
    same = session.apply(outline(added.replace("a1", "a one")))
    assert same.keep_sides
    assert same.flash == {"Root/Alpha/a one"}
    assert session.selected is None  # its node is gone


def test_lineage_goes_up_to_the_root() -> None:
    session = opened()
    assert session.lineage("Root/Alpha/a2/deep") == [
        "Root/Alpha/a2/deep",
        "Root/Alpha/a2",
        "Root/Alpha",
        "Root",
    ]
    assert session.lineage(None) == []


def test_reveal_unfolds_selects_and_centres() -> None:
    session = opened()
    change = session.reveal("Root/Beta/b1")
    assert "Root/Beta" not in session.folds
    assert (change.relayout, change.centre, session.selected) == (
        True,
        "Root/Beta/b1",
        "Root/Beta/b1",
    )
    assert not session.reveal("Root/Beta/b1").relayout  # showing already


def test_find_steps_through_matches_unfolding_them() -> None:
    session = opened()
    change = session.find("b", {"Root/Gamma": "my note on bees"})
    assert session.matches == ["Root/Beta", "Root/Beta/b1", "Root/Gamma"]
    assert change.repaint == {"Root/Beta", "Root/Beta/b1", "Root/Gamma"}
    step = session.step_match(1)
    assert (session.selected, step.relayout) == ("Root/Beta", False)
    step = session.step_match(1)
    assert (session.selected, step.relayout, step.still) == ("Root/Beta/b1", True, "Root/Beta/b1")
    session.step_match(-1)
    assert session.selected == "Root/Beta"
    assert session.end_find().repaint == {"Root/Beta", "Root/Beta/b1", "Root/Gamma"}
    assert session.matches == []
    assert not session.step_match(1).selection


def test_arrows_walk_the_laid_out_map() -> None:
    session = opened()
    assert session.move_selection(Direction.RIGHT).selection
    assert session.selected == "Root"  # from nothing: the root
    session.move_selection(Direction.RIGHT)
    assert session.selected is not None
    assert session.outline is not None
    first = session.selected
    assert session.outline.parent_of[first].key == "Root"
    change = session.move_selection(
        Direction.LEFT if _side(session, first) > 0 else Direction.RIGHT
    )
    assert session.selected == "Root"
    assert change.into_view == "Root"


def _side(session: MapSession, key: str) -> int:
    assert session.layout is not None
    return session.layout.boxes[key].side


def test_the_split_is_kept_only_while_more_than_the_root_shows() -> None:
    session = opened()
    split = session.split
    assert split is not None
    session.toggle_fold("Root")
    laid_out(session)
    assert session.split == split
    assert session.sides(keep=True) == split
    assert session.sides(keep=False) is None


def test_layout_mode_change_fits_and_rebalances() -> None:
    session = opened()
    change = session.set_mode(LayoutMode.RIGHT)
    assert (session.mode, change.fit, change.keep_sides) == (LayoutMode.RIGHT, True, False)


def test_the_current_match_is_known_and_repainted_when_it_moves_on() -> None:
    session = opened()
    session.find("b", None)
    assert session.current_match is None  # found, not yet stepped to
    session.step_match(1)
    assert session.current_match == "Root/Beta"
    session.select("Root/Alpha")  # the user looks elsewhere; the current match stays
    change = session.step_match(1)
    assert session.current_match == "Root/Beta/b1"
    assert {"Root/Beta", "Root/Beta/b1", "Root/Alpha"} <= change.repaint
    assert change.readable
    session.end_find()
    assert session.current_match is None


FILTERED = """\
Root:
  - Alpha:
      - a1:
          - a1x
      - a2:
          - deep
  - Beta:
      - b1:
          - b1x
  - Gamma:
      - g1
"""


def test_filtering_by_mark_folds_down_to_the_paths_dims_the_rest_and_restores_the_folds() -> None:
    session = opened(FILTERED)
    session.folds = {"Root/Beta/b1"}  # the user's own folds
    change = session.filter_marks({"Root/Alpha/a2/deep", "Root/Gamma"})
    assert change.relayout
    assert change.dim
    assert change.fit
    # every branch off the paths is folded; the paths and the marked nodes show
    assert session.folds == {"Root/Alpha/a1", "Root/Beta", "Root/Gamma"}
    assert session.filtered == {"Root", "Root/Alpha", "Root/Alpha/a2", "Root/Alpha/a2/deep",
                                "Root/Gamma"}  # fmt: skip
    assert session.dimmed("Root/Alpha/a1")
    assert session.dimmed("Root/Beta")
    assert not session.dimmed("Root/Alpha")
    assert not session.dimmed("Root/Gamma")

    session.toggle_fold("Root/Alpha/a1")  # the user may still look around while filtered
    change = session.clear_filter()
    assert change.relayout
    assert change.dim
    assert session.folds == {"Root/Beta/b1"}  # as they were before the filter
    assert session.filtered is None
    assert not session.dimmed("Root/Beta")
    assert session.clear_filter() == NOTHING


def test_a_second_filter_keeps_the_folds_from_before_the_first() -> None:
    session = opened(FILTERED)
    session.folds = {"Root/Beta/b1"}
    session.filter_marks({"Root/Gamma/g1"})
    session.filter_marks({"Root/Beta/b1/b1x"})
    assert session.folds == {"Root/Alpha", "Root/Gamma"}
    session.clear_filter()
    assert session.folds == {"Root/Beta/b1"}


def test_filtering_with_no_marked_node_changes_nothing_and_a_new_file_forgets_it() -> None:
    session = opened(FILTERED)
    assert session.filter_marks(set()) == NOTHING
    assert session.filter_marks({"Root/Gone"}) == NOTHING  # keys of no node are left out
    assert session.filtered is None
    session.filter_marks({"Root/Gamma"})
    session.clear()
    assert session.filtered is None
    assert not session.dimmed("Root/Beta")


def test_a_reload_while_filtered_keeps_the_filter_on_the_nodes_still_there() -> None:
    session = opened(FILTERED)
    session.folds = {"Root/Beta/b1"}
    session.filter_marks({"Root/Gamma/g1"})
    session.apply(outline(FILTERED.replace("  - Beta:\n      - b1:\n          - b1x\n", "")))
    assert session.filtered == {"Root", "Root/Gamma", "Root/Gamma/g1"}
    session.clear_filter()
    assert session.folds == set()  # Beta's fold went with Beta


def test_the_folds_remembered_for_next_time_are_the_users_not_a_filters() -> None:
    session = opened(FILTERED)
    session.folds = {"Root/Beta/b1"}
    assert session.own_folds == {"Root/Beta/b1"}
    session.filter_marks({"Root/Gamma/g1"})
    assert session.own_folds == {"Root/Beta/b1"}  # closing now remembers these
    session.clear_filter()
    assert session.own_folds == {"Root/Beta/b1"}


def test_expand_all_or_levels_end_a_filter_the_users_new_folds_stay() -> None:
    for act in (lambda s: s.expand_all(), lambda s: s.show_levels(2)):
        session = opened(FILTERED)
        session.folds = {"Root/Beta/b1"}
        session.filter_marks({"Root/Gamma/g1"})
        change = act(session)
        assert change.dim
        assert session.filtered is None
        assert not session.dimmed("Root/Beta")
        folds = set(session.folds)
        assert session.clear_filter() == NOTHING  # nothing to restore: the user chose anew
        assert session.folds == folds


def test_set_folds_replaces_the_folds_and_balances_the_sides_anew() -> None:
    session = opened()
    change = session.set_folds({"Root/Alpha", "Root/Gone"})
    assert session.folds == {"Root/Alpha"}
    assert change.relayout
    assert not change.keep_sides


def test_the_count_says_how_many_nodes_show_when_folds_hide_some() -> None:
    session = opened()  # Beta is folded by its author
    assert session.count_text() == "7 of 8 nodes show"
    session.expand_all()
    laid_out(session)
    assert session.count_text() == "8 nodes"
    assert opened("Alone\n").count_text() == "1 node"


DEEP = """\
Root:
  - A:
      - A1:
          - A1a:
              - leaf
          - A1b
      - A2:
          - A2a
  - B:
      - B1:
          - B1a
"""


def test_below_the_level_shown_an_unfold_shows_one_level_at_a_time() -> None:
    """A map opened (or shown) to a level unfolds a level at a time: a main branch of a
    million-node map unfolds its children, not its 200,000 nodes."""
    session = opened(DEEP)
    session.show_levels(1)
    session.toggle_fold("Root/A")
    assert {"Root/A/A1", "Root/A/A2", "Root/B"} <= session.folds
    assert "Root/A/A1" in laid_out(session).layout.boxes
    assert "Root/A/A1/A1a" not in session.layout.boxes
    session.toggle_fold("Root/A/A1")
    assert "Root/A/A1/A1a" in session.folds
    assert "Root/A/A1/A1b" in laid_out(session).layout.boxes
    session.toggle_fold("Root/A")
    session.toggle_fold("Root/A")  # unfolded again: A1 stays as the user left it
    assert "Root/A/A1" not in session.folds
    session.expand_all()
    session.toggle_fold("Root/B")
    session.toggle_fold("Root/B")  # after Expand All, an unfold shows the whole branch again
    assert session.folds == set()


def test_below_the_level_shown_a_reveal_unfolds_only_the_way_to_the_node() -> None:
    session = opened(DEEP)
    session.set_folds({"Root/A", "Root/B"}, level=1)
    change = session.reveal("Root/A/A1/A1a/leaf")
    assert change.relayout
    assert session.folds == {"Root/A/A2", "Root/B"}
    assert "Root/A/A1/A1a/leaf" in laid_out(session).layout.boxes


def test_focus_shows_one_branch_as_the_whole_map_with_the_way_back_up() -> None:
    session = opened(DEEP)
    session.toggle_fold("Root/A/A1")  # folded before the focus: kept inside it
    session.select("Root/B/B1")
    change = session.focus_on("Root/A")
    assert (change.rebuild, change.fit, change.keep_sides) == (True, True, False)
    assert session.focus == "Root/A"
    assert session.shown_root.key == "Root/A"
    assert [node.key for node in session.breadcrumb()] == ["Root", "Root/A"]
    laid_out(session)
    assert session.selected is None  # outside the focus
    assert "Root/A/A1" in session.folds
    assert session.focus_on("Root/A/A2/A2a") is NOTHING  # a leaf is no branch to focus on
    assert session.focus_on("Root/A/A1").rebuild
    assert "Root/A/A1" not in session.folds  # the focus shows its children
    assert session.unfocus().rebuild  # one level up
    assert session.focus == "Root/A"
    session.focus_on(None)
    assert session.focus is None
    assert session.shown_root.key == "Root"
    assert session.unfocus() is NOTHING


def test_a_match_outside_the_focus_leaves_the_focus() -> None:
    session = opened(DEEP)
    session.focus_on("Root/A")
    session.find("B1a")
    change = session.step_match(1)
    assert session.focus is None
    assert change.rebuild
    assert "Root/B/B1/B1a" in laid_out(session).layout.boxes


def test_a_reload_without_the_focused_branch_shows_the_whole_map() -> None:
    session = opened(DEEP)
    session.focus_on("Root/B")
    session.apply(outline(DEEP.replace("  - B:\n      - B1:\n          - B1a\n", "")))
    assert session.focus is None


def test_home_goes_to_the_focused_branch() -> None:
    session = opened(DEEP)
    session.focus_on("Root/A")
    change = session.select_root()
    assert (session.selected, change.centre) == ("Root/A", "Root/A")
