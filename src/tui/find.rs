//! `/` on a list without a search line (Queue, Export batches): find the next row whose text
//! holds the words typed, `n` and `N` for the next and the one before, from the selection on.

/// The row after (or before) `selected` whose text holds `query` (folded: case and accents do
/// not matter), going round the end; `None` when no row does.
pub fn next_match(rows: &[String], query: &str, selected: usize, forward: bool) -> Option<usize> {
    let query = crate::text::fold(query);
    let words: Vec<&str> = query.split_whitespace().collect();
    if rows.is_empty() || words.is_empty() {
        return None;
    }
    let count = rows.len();
    let matches = |i: usize| {
        let row = crate::text::fold(&rows[i]);
        words.iter().all(|w| row.contains(w))
    };
    (1..=count)
        .map(|step| {
            if forward {
                (selected + step) % count
            } else {
                (selected + count - step % count) % count
            }
        })
        .find(|i| matches(*i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_forward_and_back_round_the_end_without_regard_to_case_or_accents() {
        let rows: Vec<String> = [
            "Ticket 1 Miete",
            "Zenhäusern Anna",
            "Ticket 3 Schulden",
            "zenhausern",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(next_match(&rows, "ZENHAUSERN", 0, true), Some(1));
        assert_eq!(next_match(&rows, "zenhäusern", 1, true), Some(3));
        assert_eq!(
            next_match(&rows, "zenhausern", 3, true),
            Some(1),
            "round the end"
        );
        assert_eq!(
            next_match(&rows, "ticket", 0, false),
            Some(2),
            "back, round the start"
        );
        assert_eq!(next_match(&rows, "ticket schulden", 0, true), Some(2));
        assert_eq!(next_match(&rows, "nobody", 0, true), None);
        assert_eq!(next_match(&[], "x", 0, true), None);
    }

    #[test]
    fn slash_on_the_queue_selects_the_visitor_and_n_goes_on() {
        use crate::tui::action::Action;
        let mut desk = crate::tui::test_desk::Desk::new("en");
        desk.press(Action::ScreenQueue);
        let labels: Vec<String> = desk
            .app
            .screens_mut()
            .queue
            .entries
            .iter()
            .map(|e| e.label.clone())
            .collect();
        let selected = |desk: &mut crate::tui::test_desk::Desk| {
            let queue = &desk.app.screens_mut().queue;
            queue.entries[queue.selected].label.clone()
        };
        assert_eq!(selected(&mut desk), labels[0]);
        desk.press(Action::FocusSearch);
        desk.type_text("ticket");
        desk.press(Action::Confirm);
        assert_eq!(selected(&mut desk), "Ticket 12");
        desk.press(Action::FindNext);
        assert_eq!(
            selected(&mut desk),
            "Ticket 12",
            "the only match, round the end"
        );
        desk.press(Action::FocusSearch);
        desk.press(Action::ClearInput);
        desk.type_text("hohenberg");
        desk.press(Action::Confirm);
        assert_eq!(selected(&mut desk), labels[0]);
        desk.press(Action::FocusSearch);
        desk.press(Action::ClearInput);
        desk.type_text("nobody");
        desk.press(Action::Confirm);
        assert_eq!(
            selected(&mut desk),
            labels[0],
            "no match: the selection stays"
        );
        let message = desk.app.message().unwrap_or_default().to_string();
        assert!(message.contains("nobody"), "{message}");
    }
}
