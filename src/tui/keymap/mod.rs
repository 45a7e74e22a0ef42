//! Keymaps: `keymaps/default.toml` and `keymaps/vim.toml` are embedded; a user file names a base
//! (`base = "vim"`) and lists only the bindings it changes. Bindings live in contexts; the first
//! binding of the active context wins, then the global ones.

pub mod key;
mod load;

pub use key::{Key, format_sequence, parse_sequence};
pub use load::{KeymapErrors, builtin_names, load, load_builtin};

use super::action::Action;
use strum::{EnumIter, EnumString, IntoStaticStr};

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, EnumString, IntoStaticStr, EnumIter,
)]
#[strum(serialize_all = "kebab-case")]
pub enum Context {
    /// Everywhere, unless the active context binds the key itself.
    Global,
    /// A screen showing a list or a read-only page.
    List,
    /// A form with text fields.
    Form,
    /// A fuzzy picker (commune, topic, language, service).
    Picker,
    /// The command palette.
    Palette,
    /// The help overlay.
    Help,
}

impl Context {
    pub fn name(self) -> &'static str {
        self.into()
    }

    /// In these contexts a plain character is text, not a command.
    pub fn takes_text(self) -> bool {
        matches!(self, Context::Form | Context::Picker | Context::Palette)
    }
}

/// Where a binding was written, for error messages and `keymap show`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub file: String,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub origin: Origin,
}

/// What a key press (with any keys pressed before it) means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    Action(Action),
    /// The keys so far start a sequence; wait for the next key.
    Pending,
    /// A character for the focused text field.
    Text(char),
    Unbound,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// Name of the shipped keymap this one is built on.
    pub base: String,
    pub bindings: Vec<Binding>,
}

impl Keymap {
    /// The vim keymap has modes: on a screen with a search line, keys move in the list until
    /// `/` (or `i`) goes into the search, and `Esc` or `Enter` comes back out of it.
    pub fn modal(&self) -> bool {
        self.base == "vim"
    }

    pub fn resolve(&self, context: Context, keys: &[Key]) -> Resolution {
        let in_context = self.match_in(context, keys);
        if in_context != Resolution::Unbound {
            return in_context;
        }
        if context.takes_text()
            && let [key] = keys
            && let Some(c) = key.typed_char()
        {
            return Resolution::Text(c);
        }
        self.match_in(Context::Global, keys)
    }

    fn match_in(&self, context: Context, keys: &[Key]) -> Resolution {
        let mut pending = false;
        for binding in self.bindings.iter().filter(|b| b.context == context) {
            if binding.keys == keys {
                return Resolution::Action(binding.action);
            }
            pending |= binding.keys.starts_with(keys);
        }
        if pending {
            Resolution::Pending
        } else {
            Resolution::Unbound
        }
    }

    /// The bindings that work in `context`: its own, then the global ones it does not shadow.
    pub fn live_bindings(&self, context: Context) -> Vec<&Binding> {
        self.live_where(context, |_| true).collect()
    }

    /// [`Self::live_bindings`] that `wanted` picks; the costly shadowing check is made only for
    /// the global bindings picked (the footer asks for a few actions every frame).
    fn live_where<'a>(
        &'a self,
        context: Context,
        wanted: impl Fn(&Binding) -> bool + Copy + 'a,
    ) -> impl Iterator<Item = &'a Binding> + 'a {
        let own = self
            .bindings
            .iter()
            .filter(move |b| b.context == context && wanted(b));
        let global = self.bindings.iter().filter(move |g| {
            context != Context::Global
                && g.context == Context::Global
                && wanted(g)
                && self.resolve(context, &g.keys) == Resolution::Action(g.action)
        });
        own.chain(global)
    }

    /// The key sequences that run `action` in `context`, e.g. `["ctrl-p", ":"]`.
    pub fn keys_for(&self, context: Context, action: Action) -> Vec<String> {
        self.live_where(context, |b| b.action == action)
            .map(|b| format_sequence(&b.keys))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn key(text: &str) -> Key {
        text.parse().unwrap()
    }

    #[test]
    fn default_keymap_resolves_by_context_then_global() {
        let map = load_builtin("default").unwrap();
        assert_eq!(
            map.resolve(Context::List, &[key("q")]),
            Resolution::Action(Action::Quit)
        );
        assert_eq!(
            map.resolve(Context::List, &[key("ctrl-p")]),
            Resolution::Action(Action::Palette)
        );
        // In the palette, q is text and ctrl-p still opens nothing else but what palette binds.
        assert_eq!(
            map.resolve(Context::Palette, &[key("q")]),
            Resolution::Text('q')
        );
        assert_eq!(
            map.resolve(Context::Palette, &[key("esc")]),
            Resolution::Action(Action::Close)
        );
        assert_eq!(
            map.resolve(Context::Palette, &[key("ctrl-q")]),
            Resolution::Action(Action::Quit)
        );
    }

    #[test]
    fn vim_keymap_waits_for_the_second_key_of_a_sequence() {
        let map = load_builtin("vim").unwrap();
        assert_eq!(map.resolve(Context::List, &[key("g")]), Resolution::Pending);
        assert_eq!(
            map.resolve(Context::List, &[key("g"), key("g")]),
            Resolution::Action(Action::First)
        );
        assert_eq!(
            map.resolve(Context::List, &[key("j")]),
            Resolution::Action(Action::Down)
        );
    }

    #[test]
    fn shifted_question_mark_from_the_terminal_opens_help() {
        let map = load_builtin("default").unwrap();
        let pressed = Key::from_event(KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT));
        assert_eq!(
            map.resolve(Context::List, &[pressed]),
            Resolution::Action(Action::Help)
        );
    }

    #[test]
    fn live_bindings_hide_global_keys_the_context_takes_over() {
        let map = load_builtin("default").unwrap();
        let palette = map.live_bindings(Context::Palette);
        assert!(palette.iter().any(|b| b.action == Action::Quit));
        assert!(
            map.keys_for(Context::List, Action::Palette)
                .contains(&"ctrl-p".to_string())
        );
    }
}
