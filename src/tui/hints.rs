//! Footers made from the live keymap: each hint is an action of the screen with the key bound
//! to it in the current context, so a footer never names a key that does something else. Hints
//! come in order of importance; those that do not fit are left out and the help key is named.

use super::action::Action;
use super::context::Ctx;
use super::keymap::Context;
use unicode_width::UnicodeWidthStr;

/// A key as a person reads it: `Ctrl-E`, `PgDn`, `←`, `Enter`.
pub fn pretty_key(key: &str) -> String {
    pretty_key_with(key, &|_| None)
}

/// A key as a person reads it in the interface language: the names of keys and modifiers
/// (`key.<name>` in the UI strings, e.g. `Strg`, `Entrée`), where the language has them.
pub fn key_label(cx: &Ctx<'_>, key: &str) -> String {
    pretty_key_with(key, &|name| {
        let id = format!("key.{name}");
        let text = cx.catalog.i18n.text(cx.lang, &id);
        (text != id).then(|| text.to_string())
    })
}

fn pretty_key_with(key: &str, named: &dyn Fn(&str) -> Option<String>) -> String {
    key.split(' ')
        .map(|part| {
            let (modifiers, base) = match part.rfind('-') {
                Some(at) if at + 1 < part.len() => (&part[..at], &part[at + 1..]),
                _ => ("", part),
            };
            let base = match base {
                "left" => "←".to_string(),
                "right" => "→".to_string(),
                "up" => "↑".to_string(),
                "down" => "↓".to_string(),
                "backspace" => "⌫".to_string(),
                " " => named("space").unwrap_or_else(|| "Space".to_string()),
                "enter" | "esc" | "tab" | "pagedown" | "pageup" | "space" | "home" | "end" => {
                    named(base).unwrap_or_else(|| {
                        match base {
                            "enter" => "Enter",
                            "esc" => "Esc",
                            "tab" => "Tab",
                            "pagedown" => "PgDn",
                            "pageup" => "PgUp",
                            "space" => "Space",
                            "home" => "Home",
                            _ => "End",
                        }
                        .to_string()
                    })
                }
                f if f.starts_with('f') && f[1..].parse::<u8>().is_ok() => f.to_uppercase(),
                other if modifiers.is_empty() => other.to_string(),
                other => other.to_uppercase(),
            };
            let modifiers: Vec<String> = modifiers
                .split('-')
                .filter(|m| !m.is_empty())
                .map(|m| {
                    named(m).unwrap_or_else(|| {
                        let mut chars = m.chars();
                        chars.next().map_or_else(String::new, |c| {
                            c.to_uppercase().collect::<String>() + chars.as_str()
                        })
                    })
                })
                .collect();
            if modifiers.is_empty() {
                base
            } else {
                format!("{}-{base}", modifiers.join("-"))
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first key bound to `action` in `context` (or globally), as a person reads it.
pub fn key_for(cx: &Ctx<'_>, context: Context, action: Action) -> Option<String> {
    // A search screen in a modal keymap's normal mode keeps its own non-letter keys.
    let screen_keys = if context == Context::List && cx.screen.context() == Context::Picker {
        cx.keymap
            .keys_for(Context::Picker, action)
            .into_iter()
            .filter(|k| !k.chars().all(char::is_alphanumeric) || k.chars().count() > 1)
            .collect()
    } else {
        Vec::new()
    };
    cx.keymap
        .keys_for(context, action)
        .into_iter()
        .chain(screen_keys)
        .chain(cx.keymap.keys_for(Context::Global, action))
        .next()
        .map(|k| key_label(cx, &k))
}

/// The text `id` with each `{name}` filled with the key bound to its action in `context`
/// (or globally), so a sentence that names a key names the one that works; an action
/// without a key reads `(no key)`.
pub fn with_keys(cx: &Ctx<'_>, id: &str, context: Context, keys: &[(&str, Action)]) -> String {
    with_keys_and(cx, id, context, keys, &[])
}

/// [`with_keys`] with more placeholders filled with `args`.
pub fn with_keys_and(
    cx: &Ctx<'_>,
    id: &str,
    context: Context,
    keys: &[(&str, Action)],
    args: &[(&str, &str)],
) -> String {
    let labels: Vec<(&str, String)> = keys
        .iter()
        .map(|(name, action)| {
            let key = key_for(cx, context, *action).unwrap_or_else(|| cx.t("hint.unbound"));
            (*name, key)
        })
        .collect();
    let mut all: Vec<(&str, &str)> = labels.iter().map(|(n, k)| (*n, k.as_str())).collect();
    all.extend_from_slice(args);
    cx.tf(id, &all)
}

/// A footer of `hints` (an action and the key of its short label, `hint.<label>`), most
/// important first, in at most `width` columns. Actions without a key are left out.
pub fn footer(cx: &Ctx<'_>, context: Context, hints: &[(Action, &str)], width: usize) -> String {
    let parts: Vec<String> = hints
        .iter()
        .filter_map(|(action, label)| {
            let key = key_for(cx, context, *action)?;
            Some(format!("{key}: {}", cx.t(&format!("hint.{label}"))))
        })
        .collect();
    let more = key_for(cx, context, Action::Help)
        .map(|key| format!("{key}: {}", cx.t("hint.more")))
        .unwrap_or_default();
    let joined = |parts: &[String]| parts.join(" · ");
    if joined(&parts).width() <= width {
        return joined(&parts);
    }
    let mut kept: Vec<String> = Vec::new();
    for part in parts {
        let mut candidate = kept.clone();
        candidate.push(part);
        candidate.push(more.clone());
        if joined(&candidate).width() > width {
            break;
        }
        candidate.pop();
        kept = candidate;
    }
    kept.push(more);
    joined(&kept)
}

/// The footer of a screen framed by `area`, for its border: the screen's context, the border
/// and a space on each side taken off the width.
pub fn screen_footer(
    cx: &Ctx<'_>,
    hints: &[(Action, &str)],
    area: ratatui::layout::Rect,
) -> String {
    let text = footer(
        cx,
        cx.context(),
        hints,
        (area.width as usize).saturating_sub(4),
    );
    format!(" {text} ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_read_as_people_write_them() {
        assert_eq!(pretty_key("ctrl-e"), "Ctrl-E");
        assert_eq!(pretty_key("pagedown"), "PgDn");
        assert_eq!(pretty_key("alt-g"), "Alt-G");
        assert_eq!(pretty_key("f3"), "F3");
        assert_eq!(pretty_key("g g"), "g g");
        assert_eq!(pretty_key("shift-tab"), "Shift-Tab");
        assert_eq!(pretty_key("?"), "?");
        let shared = crate::tui::context::test_shared();
        let cx = shared.ctx(crate::tui::screens::ScreenId::Intake);
        assert_eq!(key_label(&cx, "ctrl-e"), "Strg-E");
        assert_eq!(key_label(&cx, "shift-tab"), "Umschalt-Tab");
        assert_eq!(key_label(&cx, "pagedown"), "Bild↓");
    }

    #[test]
    fn a_footer_keeps_the_first_hints_and_names_help_for_the_rest() {
        let shared = crate::tui::context::test_shared();
        let cx = shared.ctx(crate::tui::screens::ScreenId::Intake);
        let hints = [
            (Action::SaveVisit, "save"),
            (Action::UrgentHandover, "urgent"),
            (Action::PageDown, "next_stage"),
            (Action::NextField, "next_field"),
        ];
        // German keyboards say Strg for Ctrl.
        let wide = footer(&cx, Context::Form, &hints, 200);
        assert!(wide.starts_with("Strg-E: "), "{wide}");
        assert!(wide.contains("Strg-X: "), "{wide}");
        let narrow = footer(&cx, Context::Form, &hints, 40);
        assert!(narrow.width() <= 40, "{narrow}");
        assert!(narrow.starts_with("Strg-E: "), "{narrow}");
        assert!(
            narrow.ends_with(&format!("F1: {}", cx.t("hint.more"))),
            "{narrow}"
        );
    }
}
