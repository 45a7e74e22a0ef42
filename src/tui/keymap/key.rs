//! One key press as keymap files write it: `ctrl-p`, `alt-1`, `shift-tab`, `f2`, `?`, `space`.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub modifiers: KeyModifiers,
}

const NAMED: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("space", KeyCode::Char(' ')),
];

impl Key {
    /// Normalises a terminal event so it compares equal to the parsed keymap entry:
    /// shift is part of the character already, and shift-tab arrives as back-tab.
    pub fn from_event(event: KeyEvent) -> Key {
        let mut modifiers =
            event.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match event.code {
            KeyCode::Char(c) => {
                modifiers.remove(KeyModifiers::SHIFT);
                if modifiers.is_empty() {
                    KeyCode::Char(c)
                } else {
                    KeyCode::Char(c.to_ascii_lowercase())
                }
            }
            KeyCode::BackTab => {
                modifiers.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        Key { code, modifiers }
    }

    /// A character typed into a text field: printable, without ctrl or alt.
    pub fn typed_char(&self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if self.modifiers.is_empty() && !c.is_control() => Some(c),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "{0:?} is not a key; write e.g. ctrl-p, alt-1, shift-tab, f2, enter, esc, space or one character"
)]
pub struct KeyParseError(pub String);

impl FromStr for Key {
    type Err = KeyParseError;

    fn from_str(input: &str) -> Result<Self, Self::Err> {
        let error = || KeyParseError(input.to_string());
        let mut modifiers = KeyModifiers::NONE;
        let mut rest = input;
        // A lone "-" is the minus key, not a separator.
        while rest.len() > 1 {
            let Some((prefix, tail)) = rest.split_once('-') else {
                break;
            };
            let m = match prefix.to_ascii_lowercase().as_str() {
                "ctrl" | "c" => KeyModifiers::CONTROL,
                "alt" | "a" | "m" => KeyModifiers::ALT,
                "shift" | "s" => KeyModifiers::SHIFT,
                _ => break,
            };
            if tail.is_empty() || modifiers.contains(m) {
                return Err(error());
            }
            modifiers |= m;
            rest = tail;
        }
        let lower = rest.to_ascii_lowercase();
        let code = if let Some((_, code)) = NAMED.iter().find(|(name, _)| *name == lower) {
            *code
        } else if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            if !(1..=12).contains(&n) {
                return Err(error());
            }
            KeyCode::F(n)
        } else {
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) if !c.is_control() && c != ' ' => KeyCode::Char(c),
                _ => return Err(error()),
            }
        };
        let key = Key::from_event(KeyEvent::new(code, modifiers));
        // shift-tab is back-tab; shift with a letter means the capital letter.
        Ok(match (key.code, modifiers.contains(KeyModifiers::SHIFT)) {
            (KeyCode::Tab, true) => Key {
                code: KeyCode::BackTab,
                modifiers: key.modifiers - KeyModifiers::SHIFT,
            },
            (KeyCode::Char(c), true) if modifiers == KeyModifiers::SHIFT => Key {
                code: KeyCode::Char(c.to_ascii_uppercase()),
                modifiers: KeyModifiers::NONE,
            },
            _ => key,
        })
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (m, name) in [
            (KeyModifiers::CONTROL, "ctrl-"),
            (KeyModifiers::ALT, "alt-"),
            (KeyModifiers::SHIFT, "shift-"),
        ] {
            if self.modifiers.contains(m) {
                f.write_str(name)?;
            }
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            KeyCode::BackTab => f.write_str("shift-tab"),
            code => match NAMED.iter().find(|(_, c)| *c == code) {
                Some((name, _)) => f.write_str(name),
                None => write!(f, "{code:?}"),
            },
        }
    }
}

/// Parses a key sequence: keys separated by spaces (`g g`).
pub fn parse_sequence(input: &str) -> Result<Vec<Key>, KeyParseError> {
    let keys: Vec<Key> = input
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()?;
    if keys.is_empty() {
        return Err(KeyParseError(input.to_string()));
    }
    Ok(keys)
}

pub fn format_sequence(keys: &[Key]) -> String {
    keys.iter()
        .map(Key::to_string)
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(code: KeyCode, modifiers: KeyModifiers) -> Key {
        Key::from_event(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn parsed_keys_match_what_the_terminal_sends() {
        let cases = [
            ("ctrl-p", event(KeyCode::Char('p'), KeyModifiers::CONTROL)),
            (
                "ctrl-P",
                event(
                    KeyCode::Char('P'),
                    KeyModifiers::CONTROL | KeyModifiers::SHIFT,
                ),
            ),
            ("?", event(KeyCode::Char('?'), KeyModifiers::SHIFT)),
            ("G", event(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            ("shift-g", event(KeyCode::Char('G'), KeyModifiers::SHIFT)),
            ("shift-tab", event(KeyCode::BackTab, KeyModifiers::SHIFT)),
            ("f2", event(KeyCode::F(2), KeyModifiers::NONE)),
            ("alt-1", event(KeyCode::Char('1'), KeyModifiers::ALT)),
            ("space", event(KeyCode::Char(' '), KeyModifiers::NONE)),
            ("-", event(KeyCode::Char('-'), KeyModifiers::NONE)),
            ("ctrl--", event(KeyCode::Char('-'), KeyModifiers::CONTROL)),
            ("esc", event(KeyCode::Esc, KeyModifiers::NONE)),
        ];
        for (text, expected) in cases {
            assert_eq!(text.parse::<Key>(), Ok(expected), "{text}");
        }
    }

    #[test]
    fn display_round_trips() {
        for text in [
            "ctrl-p",
            "alt-1",
            "shift-tab",
            "f12",
            "?",
            "G",
            "space",
            "pagedown",
            "-",
        ] {
            let key: Key = text.parse().unwrap();
            assert_eq!(key.to_string(), text);
            assert_eq!(key.to_string().parse::<Key>(), Ok(key));
        }
    }

    #[test]
    fn rejects_what_is_not_a_key() {
        for text in ["", "ctrl-", "hyper-x", "f13", "f0", "ab", "ctrl-ctrl-a"] {
            assert!(text.parse::<Key>().is_err(), "{text}");
        }
    }

    #[test]
    fn sequences_are_space_separated() {
        let seq = parse_sequence("g g").unwrap();
        assert_eq!(format_sequence(&seq), "g g");
        assert!(parse_sequence("  ").is_err());
    }
}
