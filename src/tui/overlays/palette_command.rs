//! Commands typed in the palette with their arguments, as in vim's command line:
//! `report 2026-11`, `lang fr`, `goto history`, `export`. A query that starts with a command's
//! name and a space (or is `export`) is that command; anything else searches the actions.

use crate::catalog::I18n;
use crate::report::Period;
use crate::tui::screens::ScreenId;

/// The commands, in the order completion offers them.
pub const NAMES: [&str; 4] = ["report", "lang", "goto", "export"];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// The Reports screen on that month.
    Report(Period),
    /// The interface language.
    Language(String),
    Goto(ScreenId),
    /// Export what is due now (the Export screen's question first).
    Export,
}

/// Why a command cannot run: the UI string and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub key: &'static str,
    pub arg: String,
}

fn refused(key: &'static str, arg: &str) -> Refusal {
    Refusal {
        key,
        arg: arg.to_string(),
    }
}

/// The screen a word names: its id (`history`) or its title in `lang` (`Verlauf`), or the
/// start of either.
fn screen_named(word: &str, i18n: &I18n, lang: &str) -> Option<ScreenId> {
    let word = word.to_lowercase();
    let names = |s: ScreenId| {
        [
            s.key().to_string(),
            i18n.text(lang, &s.title_key()).to_lowercase(),
        ]
    };
    ScreenId::ALL
        .into_iter()
        .find(|s| names(*s).contains(&word))
        .or_else(|| {
            let mut starting = ScreenId::ALL
                .into_iter()
                .filter(|s| names(*s).iter().any(|n| n.starts_with(&word)));
            match (starting.next(), starting.next()) {
                (Some(only), None) => Some(only),
                _ => None,
            }
        })
}

/// The command a palette query is, if it is one.
pub fn parse(
    query: &str,
    i18n: &I18n,
    lang: &str,
    today: chrono::NaiveDate,
) -> Option<Result<Command, Refusal>> {
    let query = query.trim_start();
    let (name, arg) = match query.split_once(' ') {
        Some((name, arg)) => (name, arg.trim()),
        None if query == "export" => ("export", ""),
        None => return None,
    };
    let command = match name {
        "report" if arg.is_empty() => Ok(Command::Report(Period::of_day(today))),
        "report" => match Period::month(arg) {
            Some(period) if period.from > today => Err(refused("palette.future_month", arg)),
            Some(period) => Ok(Command::Report(period)),
            None => Err(refused("palette.bad_month", arg)),
        },
        "lang" => match i18n.languages().iter().find(|l| l.as_str() == arg) {
            Some(code) => Ok(Command::Language(code.clone())),
            None => Err(refused(
                "palette.bad_language",
                &i18n.languages().join(", "),
            )),
        },
        "goto" => match screen_named(arg, i18n, lang) {
            Some(screen) => Ok(Command::Goto(screen)),
            None => Err(refused(
                "palette.bad_screen",
                &ScreenId::ALL.map(|s| s.key()).join(", "),
            )),
        },
        "export" if arg.is_empty() => Ok(Command::Export),
        _ => return None,
    };
    Some(command)
}

/// The query completed as far as it is certain (Tab): a command's name, a screen, a language,
/// this month for `report`.
pub fn complete(query: &str, i18n: &I18n, today: chrono::NaiveDate) -> Option<String> {
    let (name, arg) = match query.split_once(' ') {
        Some((name, arg)) => (name, arg),
        None => {
            let mut starting = NAMES
                .iter()
                .filter(|n| n.starts_with(query) && !query.is_empty());
            return match (starting.next(), starting.next()) {
                (Some(only), None) if *only == "export" => Some("export".into()),
                (Some(only), None) => Some(format!("{only} ")),
                _ => None,
            };
        }
    };
    let choices: Vec<String> = match name {
        "goto" => ScreenId::ALL.map(|s| s.key().to_string()).to_vec(),
        "lang" => i18n.languages().to_vec(),
        "report" => vec![today.format("%Y-%m").to_string()],
        _ => return None,
    };
    let mut starting = choices.iter().filter(|c| c.starts_with(arg));
    match (starting.next(), starting.next()) {
        (Some(only), None) => Some(format!("{name} {only}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> chrono::NaiveDate {
        "2026-12-04".parse().unwrap()
    }

    #[test]
    fn commands_take_their_arguments_and_say_what_is_wrong() {
        let catalog = crate::catalog::Catalog::embedded();
        let i18n = &catalog.i18n;
        let parse = |q: &str| parse(q, i18n, "de", today());
        assert_eq!(
            parse("report 2026-11"),
            Some(Ok(Command::Report(Period::month("2026-11").unwrap())))
        );
        assert_eq!(
            parse("report 2026-13").unwrap().unwrap_err().key,
            "palette.bad_month"
        );
        assert_eq!(
            parse("report 2027-01").unwrap().unwrap_err().key,
            "palette.future_month"
        );
        assert_eq!(parse("lang fr"), Some(Ok(Command::Language("fr".into()))));
        assert_eq!(
            parse("lang xx").unwrap().unwrap_err().key,
            "palette.bad_language"
        );
        assert_eq!(
            parse("goto history"),
            Some(Ok(Command::Goto(ScreenId::History)))
        );
        assert_eq!(
            parse("goto verl"),
            Some(Ok(Command::Goto(ScreenId::History))),
            "by its German title"
        );
        assert_eq!(parse("export"), Some(Ok(Command::Export)));
        // Anything else searches the actions.
        assert_eq!(parse("hilfe"), None);
        assert_eq!(parse("exp"), None);
    }

    #[test]
    fn tab_completes_what_is_certain() {
        let catalog = crate::catalog::Catalog::embedded();
        let i18n = &catalog.i18n;
        assert_eq!(complete("rep", i18n, today()).as_deref(), Some("report "));
        assert_eq!(
            complete("report ", i18n, today()).as_deref(),
            Some("report 2026-12")
        );
        assert_eq!(
            complete("goto hi", i18n, today()).as_deref(),
            Some("goto history")
        );
        assert_eq!(
            complete("lang f", i18n, today()).as_deref(),
            Some("lang fr")
        );
        assert_eq!(complete("goto ", i18n, today()), None, "not certain");
        assert_eq!(complete("e", i18n, today()).as_deref(), Some("export"));
    }
}
