//! Colour schemes: every colour on screen comes from the theme, by what it means (an error, a
//! warning, an urgent visitor). `dark` suits dark terminals, `light` light ones (no yellow on
//! white), `high-contrast` uses no colour at all, only bold, reverse and underline. Whatever the
//! theme, meaning never rests on colour alone: urgency has its symbol and word, errors their
//! text. `NO_COLOR` is honoured by the terminal layer (crossterm writes no colours then).

use ratatui::style::{Color, Modifier, Style};
use strum::{EnumIter, EnumString, IntoStaticStr};

#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    EnumString,
    IntoStaticStr,
    EnumIter,
    serde::Deserialize,
)]
#[strum(serialize_all = "kebab-case")]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    HighContrast,
}

/// The styles of a theme, by meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// A value refused, a rule broken.
    pub error: Style,
    /// Something to look at: a note, an unreviewed text, a deadline near.
    pub warning: Style,
    /// A visitor to be seen today.
    pub urgent: Style,
    /// A visitor to be seen this week.
    pub soon: Style,
    /// The banner of a damaged database.
    pub alarm: Style,
}

impl ThemeName {
    pub fn name(self) -> &'static str {
        self.into()
    }

    pub fn next(self) -> ThemeName {
        match self {
            ThemeName::Dark => ThemeName::Light,
            ThemeName::Light => ThemeName::HighContrast,
            ThemeName::HighContrast => ThemeName::Dark,
        }
    }

    pub fn styles(self) -> Theme {
        let bold = Style::default().add_modifier(Modifier::BOLD);
        match self {
            ThemeName::Dark => Theme {
                error: Style::default().fg(Color::Red),
                warning: Style::default().fg(Color::Yellow),
                urgent: bold.fg(Color::Red),
                soon: Style::default().fg(Color::Yellow),
                alarm: bold.fg(Color::White).bg(Color::Red),
            },
            // Dark red and a brown-orange that read on white (256-colour palette).
            ThemeName::Light => Theme {
                error: Style::default().fg(Color::Indexed(124)),
                warning: Style::default().fg(Color::Indexed(130)),
                urgent: bold.fg(Color::Indexed(124)),
                soon: bold.fg(Color::Indexed(130)),
                alarm: bold.fg(Color::White).bg(Color::Indexed(124)),
            },
            ThemeName::HighContrast => Theme {
                error: bold.add_modifier(Modifier::UNDERLINED),
                warning: bold,
                urgent: bold.add_modifier(Modifier::REVERSED),
                soon: bold.add_modifier(Modifier::UNDERLINED),
                alarm: bold.add_modifier(Modifier::REVERSED),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use strum::IntoEnumIterator;

    #[test]
    fn every_theme_tells_urgent_from_soon_and_high_contrast_uses_no_colour() {
        for name in ThemeName::iter() {
            let theme = name.styles();
            assert_ne!(theme.urgent, theme.soon, "{name:?}");
            assert_ne!(theme.urgent, Style::default(), "{name:?}");
            assert_eq!(name.name().parse::<ThemeName>().unwrap(), name);
        }
        let high = ThemeName::HighContrast.styles();
        for style in [high.error, high.warning, high.urgent, high.soon, high.alarm] {
            assert_eq!((style.fg, style.bg), (None, None));
        }
        // No yellow on a light terminal.
        let light = ThemeName::Light.styles();
        for style in [light.error, light.warning, light.urgent, light.soon] {
            assert_ne!(style.fg, Some(Color::Yellow));
        }
    }
}
