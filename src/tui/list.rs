//! Moving the selection in a list: one set of rules for every list of the interface, so the
//! same key does the same in each.

use super::Action;

/// Rows a page key moves.
pub const PAGE: usize = 10;

/// The movements every list takes, for the help of its screen.
pub const MOVES: [Action; 8] = [
    Action::Up,
    Action::Down,
    Action::PageUp,
    Action::PageDown,
    Action::HalfPageUp,
    Action::HalfPageDown,
    Action::First,
    Action::Last,
];

/// The selection after a list-moving action (up, down, page up and down, first, last) in a list of
/// `count` rows; `None` for any other action.
pub fn moved(selected: usize, action: Action, count: usize) -> Option<usize> {
    let last = count.saturating_sub(1);
    Some(match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(last),
        Action::PageUp => selected.saturating_sub(PAGE),
        Action::PageDown => (selected + PAGE).min(last),
        Action::HalfPageUp => selected.saturating_sub(PAGE / 2),
        Action::HalfPageDown => (selected + PAGE / 2).min(last),
        Action::First => 0,
        Action::Last => last,
        _ => return None,
    })
}

/// A selection kept inside a list that may have shrunk.
pub fn clamped(selected: usize, count: usize) -> usize {
    selected.min(count.saturating_sub(1))
}

/// The first row to show of `count` when `shown` fit, so that `selected` is in view (it stays
/// on the last shown row while moving down).
pub fn window_start(selected: usize, shown: usize, count: usize) -> usize {
    if shown == 0 || count <= shown {
        return 0;
    }
    selected.saturating_sub(shown - 1).min(count - shown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stay_inside_the_list_and_other_actions_are_not_moves() {
        assert_eq!(moved(0, Action::Up, 5), Some(0));
        assert_eq!(moved(4, Action::Down, 5), Some(4));
        assert_eq!(moved(2, Action::PageDown, 5), Some(4));
        assert_eq!(moved(12, Action::PageUp, 30), Some(2));
        assert_eq!(moved(3, Action::First, 5), Some(0));
        assert_eq!(moved(0, Action::Last, 5), Some(4));
        assert_eq!(moved(0, Action::Last, 0), Some(0), "an empty list");
        assert_eq!(moved(1, Action::Confirm, 5), None);
        assert_eq!(clamped(7, 3), 2);
        assert_eq!(clamped(7, 0), 0);
        assert_eq!(window_start(0, 4, 10), 0);
        assert_eq!(window_start(3, 4, 10), 0);
        assert_eq!(window_start(4, 4, 10), 1, "the selected row stays in view");
        assert_eq!(window_start(9, 4, 10), 6);
        assert_eq!(window_start(5, 4, 3), 0, "all fit");
    }
}
