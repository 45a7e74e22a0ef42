//! Reading keymap files: parse with positions, validate, and merge a user file over its base.

use super::{Binding, Context, Keymap, Origin, key::parse_sequence};
use crate::catalog::error::{DataError, line_column};
use crate::tui::action::Action;
use serde::Deserialize;
use std::fmt;
use std::path::Path;
use strum::IntoEnumIterator;
use toml::Spanned;

const DEFAULT: &str = include_str!("../../../keymaps/default.toml");
const VIM: &str = include_str!("../../../keymaps/vim.toml");
/// Writing this as `run` removes the base binding of that key.
const UNBIND: &str = "none";

pub fn builtin_names() -> &'static [&'static str] {
    &["default", "vim"]
}

fn builtin_text(name: &str) -> Option<&'static str> {
    match name {
        "default" => Some(DEFAULT),
        "vim" => Some(VIM),
        _ => None,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct KeymapErrors(pub Vec<DataError>);

impl From<KeymapErrors> for crate::error::Error {
    fn from(errors: KeymapErrors) -> Self {
        crate::error::Error::Keymap(crate::catalog::DataErrors(errors.0))
    }
}

impl fmt::Display for KeymapErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    base: Option<Spanned<String>>,
    global: Option<Vec<RawBinding>>,
    list: Option<Vec<RawBinding>>,
    form: Option<Vec<RawBinding>>,
    picker: Option<Vec<RawBinding>>,
    palette: Option<Vec<RawBinding>>,
    help: Option<Vec<RawBinding>>,
}

impl RawFile {
    fn take(&mut self, context: Context) -> Vec<RawBinding> {
        let slot = match context {
            Context::Global => &mut self.global,
            Context::List => &mut self.list,
            Context::Form => &mut self.form,
            Context::Picker => &mut self.picker,
            Context::Palette => &mut self.palette,
            Context::Help => &mut self.help,
        };
        slot.take().unwrap_or_default()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBinding {
    on: Spanned<String>,
    run: Spanned<String>,
}

/// One line of a keymap file: a binding, or the removal of one (`run = "none"`).
struct Entry {
    context: Context,
    keys: Vec<super::Key>,
    action: Option<Action>,
    origin: Origin,
}

impl Entry {
    fn into_binding(self) -> Option<Binding> {
        Some(Binding {
            context: self.context,
            keys: self.keys,
            action: self.action?,
            origin: self.origin,
        })
    }
}

/// A parsed file: its entries in order.
struct ParsedFile {
    base: Option<String>,
    entries: Vec<Entry>,
}

struct Located<'a> {
    name: &'a str,
    text: &'a str,
}

impl Located<'_> {
    fn error(&self, byte: usize, message: impl Into<String>, fix: impl Into<String>) -> DataError {
        let (line, column) = line_column(self.text, byte);
        DataError {
            file: self.name.to_string(),
            line,
            column,
            message: message.into(),
            fix: fix.into(),
        }
    }
}

fn parse_file(name: &str, text: &str) -> Result<ParsedFile, Vec<DataError>> {
    let file = Located { name, text };
    let mut raw: RawFile = toml::from_str(text).map_err(|e| {
        vec![file.error(
            e.span().map_or(0, |s| s.start),
            e.message().trim().to_string(),
            "see keymaps/default.toml for the form: list = [ { on = \"q\", run = \"quit\" } ]",
        )]
    })?;
    let mut errors = Vec::new();
    let base = raw.base.take().and_then(|b| {
        if builtin_text(b.get_ref()).is_some() {
            Some(b.into_inner())
        } else {
            errors.push(file.error(
                b.span().start,
                format!("unknown base keymap {:?}", b.get_ref()),
                format!("write one of: {}", builtin_names().join(", ")),
            ));
            None
        }
    });
    let mut entries: Vec<Entry> = Vec::new();
    for context in Context::iter() {
        for raw_binding in raw.take(context) {
            let keys = match parse_sequence(raw_binding.on.get_ref()) {
                Ok(keys) => keys,
                Err(e) => {
                    errors.push(file.error(
                        raw_binding.on.span().start,
                        e.to_string(),
                        "fix the key name",
                    ));
                    continue;
                }
            };
            let run = raw_binding.run.get_ref().trim();
            if run != UNBIND
                && let Some(why) = never_fires(context, &keys)
            {
                errors.push(file.error(raw_binding.on.span().start, why.0, why.1));
                continue;
            }
            let action = if run == UNBIND {
                None
            } else {
                match run.parse::<Action>() {
                    Ok(action) => Some(action),
                    Err(_) => {
                        errors.push(file.error(
                            raw_binding.run.span().start,
                            format!("unknown action {run:?}"),
                            "run `intake-desk keymap show` for the action names, or write \"none\" to unbind",
                        ));
                        continue;
                    }
                }
            };
            let (line, _) = line_column(text, raw_binding.on.span().start);
            let entry = Entry {
                context,
                keys,
                action,
                origin: Origin {
                    file: name.to_string(),
                    line,
                },
            };
            if let Some(earlier) = entries
                .iter()
                .find(|e| e.context == context && overlaps(&e.keys, &entry.keys))
            {
                let describe = |a: &Option<Action>| a.map_or(UNBIND, Action::name);
                let message = if earlier.keys == entry.keys {
                    format!(
                        "`{}` is bound twice in [{}]: to {} on line {} and to {} here",
                        raw_binding.on.get_ref(),
                        context.name(),
                        describe(&earlier.action),
                        earlier.origin.line,
                        describe(&action)
                    )
                } else {
                    format!(
                        "`{}` and the sequence on line {} start alike in [{}], so one of them can never be typed",
                        raw_binding.on.get_ref(),
                        earlier.origin.line,
                        context.name()
                    )
                };
                errors.push(file.error(
                    raw_binding.on.span().start,
                    message,
                    "keep one binding per key in each context",
                ));
                continue;
            }
            entries.push(entry);
        }
    }
    if errors.is_empty() {
        Ok(ParsedFile { base, entries })
    } else {
        Err(errors)
    }
}

/// Why a binding could never work where it stands (the problem and the fix), if it could not:
/// a plain character in a context that types text would take that character from every field,
/// and no terminal sends Ctrl with a letter outside a–z.
fn never_fires(context: Context, keys: &[super::Key]) -> Option<(String, String)> {
    use crossterm::event::{KeyCode, KeyModifiers};
    if context.takes_text()
        && let Some(c) = keys.first().and_then(super::Key::typed_char)
    {
        return Some((
            format!(
                "`{c}` in [{}] is a character typed into the field: bound, it could never be typed",
                context.name()
            ),
            "bind it with ctrl- or alt- (e.g. ctrl-s), or in [list]".into(),
        ));
    }
    for key in keys {
        if let KeyCode::Char(c) = key.code
            && key.modifiers.contains(KeyModifiers::CONTROL)
            && !c.is_ascii()
        {
            return Some((
                format!("no terminal sends ctrl-{c}: the binding could never fire"),
                "use ctrl- with a letter a–z, or alt-".into(),
            ));
        }
    }
    None
}

/// Two key sequences clash when one is the start of the other (or they are equal).
fn overlaps(a: &[super::Key], b: &[super::Key]) -> bool {
    a.starts_with(b) || b.starts_with(a)
}

/// A shipped keymap on its own.
pub fn load_builtin(name: &str) -> Result<Keymap, KeymapErrors> {
    let text = builtin_text(name).ok_or_else(|| {
        KeymapErrors(vec![DataError {
            file: name.to_string(),
            line: 1,
            column: 1,
            message: format!("there is no shipped keymap {name:?}"),
            fix: format!("use one of: {}", builtin_names().join(", ")),
        }])
    })?;
    let parsed =
        parse_file(&format!("keymaps/{name}.toml (embedded)"), text).map_err(KeymapErrors)?;
    Ok(Keymap {
        base: name.to_string(),
        bindings: parsed
            .entries
            .into_iter()
            .filter_map(Entry::into_binding)
            .collect(),
    })
}

/// The keymap in use: the user file (if any) merged over the base it names (`default` if none).
pub fn load(user_file: Option<&Path>) -> Result<Keymap, KeymapErrors> {
    let Some(path) = user_file else {
        return load_builtin("default");
    };
    let name = path.display().to_string();
    let text = crate::catalog::text_file::read(path)
        .map_err(|e| KeymapErrors(vec![e]))?
        .ok_or_else(|| {
            KeymapErrors(vec![DataError {
                file: name.clone(),
                line: 1,
                column: 1,
                message: "the keymap file does not exist".into(),
                fix: "check the path".into(),
            }])
        })?;
    let parsed = parse_file(&name, &text).map_err(KeymapErrors)?;
    let mut keymap = load_builtin(parsed.base.as_deref().unwrap_or("default"))?;
    for entry in parsed.entries {
        keymap
            .bindings
            .retain(|b| !(b.context == entry.context && overlaps(&b.keys, &entry.keys)));
        keymap.bindings.extend(entry.into_binding());
    }
    Ok(keymap)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keymap::{Resolution, key::Key};

    fn parse_errors(text: &str) -> Vec<DataError> {
        parse_file("user.toml", text).err().expect("should fail")
    }

    #[test]
    fn both_shipped_keymaps_load() {
        for name in builtin_names() {
            let map = load_builtin(name).unwrap();
            assert!(map.bindings.len() > 20, "{name}");
        }
    }

    #[test]
    fn unknown_action_is_reported_with_line_and_column() {
        let errors = parse_errors("list = [\n  { on = \"x\", run = \"explode\" },\n]\n");
        assert_eq!((errors[0].line, errors[0].column), (2, 21));
        assert!(errors[0].message.contains("explode"));
    }

    #[test]
    fn bad_key_syntax_is_reported_with_line_and_column() {
        let errors = parse_errors("global = [ { on = \"ctrl-\", run = \"quit\" } ]\n");
        assert_eq!((errors[0].line, errors[0].column), (1, 19));
    }

    #[test]
    fn two_actions_on_one_key_in_one_context_is_an_error() {
        let errors = parse_errors(
            "list = [\n  { on = \"x\", run = \"quit\" },\n  { on = \"x\", run = \"help\" },\n]\n",
        );
        assert_eq!(errors[0].line, 3);
        assert!(
            errors[0].message.contains("line 2"),
            "{}",
            errors[0].message
        );
    }

    #[test]
    fn the_same_key_in_two_contexts_is_fine() {
        assert!(parse_file("u", "list = [ { on = \"x\", run = \"quit\" } ]\nhelp = [ { on = \"x\", run = \"close\" } ]\n").is_ok());
    }

    #[test]
    fn unknown_context_and_toml_syntax_errors_have_positions() {
        let errors = parse_errors("\n\nlsit = []\n");
        assert_eq!(errors[0].line, 3);
        let errors = parse_errors("list = [ { on = \"x\" run = \"quit\" } ]\n");
        assert_eq!(errors[0].line, 1);
    }

    #[test]
    fn a_user_file_overrides_and_unbinds_over_its_base() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("keymap.toml");
        std::fs::write(
            &path,
            "base = \"vim\"\nlist = [\n  { on = \"x\", run = \"quit\" },\n  { on = \"q\", run = \"none\" },\n]\n",
        )
        .unwrap();
        let map = load(Some(&path)).unwrap();
        assert_eq!(map.base, "vim");
        let key = |t: &str| t.parse::<Key>().unwrap();
        assert_eq!(
            map.resolve(Context::List, &[key("x")]),
            Resolution::Action(Action::Quit)
        );
        assert_eq!(map.resolve(Context::List, &[key("q")]), Resolution::Unbound);
        // Bindings the user did not touch stay.
        assert_eq!(
            map.resolve(Context::List, &[key("j")]),
            Resolution::Action(Action::Down)
        );
    }
}
