//! Windows drawn over a screen: the `?` help, the command palette, a one-line prompt.

pub mod draft;
pub mod help;
pub mod palette;
pub mod prompt;

pub use help::HelpState;
pub use palette::PaletteState;
pub use prompt::PromptState;

use ratatui::layout::{Constraint, Flex, Layout, Rect};

/// A rectangle of at most `width` x `height` centred horizontally, `top` rows from the top.
pub fn centered(area: Rect, width: u16, height: u16, top: u16) -> Rect {
    let [column] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(Flex::Center)
        .areas(area);
    let height = height.min(area.height.saturating_sub(top));
    Rect {
        y: area.y + top.min(area.height),
        height,
        ..column
    }
}
