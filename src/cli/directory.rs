//! `intake-desk directory search QUERY ...`, `intake-desk directory stale` and
//! `intake-desk slip SERVICE ...`.

use super::Cli;
use super::setup::{Setup, setup};
use crate::catalog::communes;
use crate::catalog::services::CATEGORIES;
use crate::check::InputError;
use crate::error::{Error, Result};
use crate::search::directory::{DirectoryIndex, Filters};
use crate::text::escape_control;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// What to look for: a name, a need ("schulden", "dettes"), a category
    pub query: Vec<String>,
    /// The visitor's commune (Valais): services of its SMZ/CMS region come first
    #[arg(long, value_name = "NAME|BFS")]
    pub commune: Option<String>,
    /// Only this category
    #[arg(long, value_name = "K")]
    pub category: Option<String>,
    /// Only services working in this language (de, fr, it, ...)
    #[arg(long, value_name = "LANG")]
    pub language: Option<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Serialize)]
struct Hit<'a> {
    id: &'a str,
    name: &'a str,
    categories: &'a [String],
    phone: Option<&'a str>,
    /// What the number is, where it is not the service's own line.
    phone_note: Option<&'a str>,
    /// The fields corrected at a desk, with who and when.
    local: &'a [crate::store::ServiceCorrection],
    web: Option<&'a str>,
    address: Option<&'a str>,
    regions: &'a [String],
    /// Whether the service serves the region of `--commune` (null without it).
    serves_commune: Option<bool>,
}

pub fn search(cli: &Cli, args: &SearchArgs) -> Result<()> {
    let mut out = super::stdout_for(args.format == ListFormat::Text);
    let mut setup = setup(cli)?;
    setup.with_local_directory(cli)?;
    let lang = setup.language(cli, None)?;
    let catalog = &setup.catalog;
    let region = match &args.commune {
        None => None,
        Some(query) => {
            let commune = communes::find(&catalog.communes, query).map_err(|e| {
                Error::Usage(
                    InputError::from_lookup(query, e)
                        .message(&catalog.i18n, &lang, |f| f.cli_flag().to_string()),
                )
            })?;
            Some(commune.region.clone())
        }
    };
    if let Some(category) = &args.category
        && !CATEGORIES.contains(&category.as_str())
    {
        return Err(Error::Usage(format!(
            "--category {category}: unknown; categories: {}",
            CATEGORIES.join(", ")
        )));
    }
    if let Some(wanted) = &args.language {
        let mut known: Vec<&str> = catalog
            .services
            .iter()
            .flat_map(|s| s.languages.iter().map(String::as_str))
            .collect();
        known.sort_unstable();
        known.dedup();
        if !known.contains(&wanted.as_str()) {
            return Err(Error::Usage(format!(
                "--language {}: no service of the directory works in that language; languages: {}",
                escape_control(wanted),
                known.join(", ")
            )));
        }
    }
    let filters = Filters {
        region: region.clone(),
        category: args.category.clone(),
        language: args.language.clone(),
    };
    let index = DirectoryIndex::new(&catalog.services, &catalog.i18n);
    let hits = index.search(&catalog.services, &args.query.join(" "), &filters);
    match args.format {
        ListFormat::Json => {
            let list: Vec<Hit> = hits
                .iter()
                .map(|i| {
                    let s = &catalog.services[*i];
                    Hit {
                        id: &s.id,
                        name: s.name(&lang),
                        categories: &s.categories,
                        phone: s.phone.as_deref(),
                        phone_note: s.phone_note_in(&lang).map(|(note, _)| note),
                        local: &s.local,
                        web: s.web.as_deref(),
                        address: s.address(&lang),
                        regions: &s.regions,
                        serves_commune: region.as_deref().map(|r| s.serves(r)),
                    }
                })
                .collect();
            writeln!(
                out,
                "{}",
                serde_json::to_string(&list).expect("plain data serialises")
            )?;
        }
        ListFormat::Text => {
            for i in &hits {
                let s = &catalog.services[*i];
                let categories: Vec<String> = s
                    .categories
                    .iter()
                    .map(|c| {
                        catalog
                            .i18n
                            .text(&lang, &format!("category.{c}"))
                            .to_string()
                    })
                    .collect();
                writeln!(
                    out,
                    "{:<26} {} · {} · {}",
                    s.id,
                    s.name(&lang),
                    s.phone_line(&lang, &catalog.i18n),
                    categories.join(", ")
                )?;
            }
        }
    }
    Ok(())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SlipFormat {
    Text,
    Html,
}

#[derive(Debug, clap::Args)]
pub struct SlipArgs {
    /// Service id (see `intake-desk directory search`)
    pub service: String,
    /// The visitor's language (ti or tir): the slip is repeated in it where the app has a
    /// slip's texts in it, else in the service's own language
    #[arg(long, value_name = "LANG")]
    pub visitor_lang: Option<String>,
    #[arg(long, value_enum, default_value_t = SlipFormat::Html)]
    pub format: SlipFormat,
    /// Whom the slip is for: a name, or the ticket number of the check-in
    #[arg(long = "for", value_name = "NAME")]
    pub for_whom: Option<String>,
    /// Why the visitor is referred, as they gave it
    #[arg(long, value_name = "TEXT")]
    pub reason: Option<String>,
    /// The appointment made with the service (2026-12-03 or 03.12.2026), today or later
    #[arg(long, value_name = "DATE")]
    pub appointment: Option<String>,
    /// The issuing SMZ/CMS (a region id such as smzo) [default: `centre` of the configuration]
    #[arg(long, value_name = "ID")]
    pub centre: Option<String>,
    /// Write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Print the written file with the configured print_command
    #[arg(long, requires = "out")]
    pub print: bool,
}

pub fn slip(cli: &Cli, args: &SlipArgs) -> Result<()> {
    let mut setup = setup(cli)?;
    setup.with_local_directory(cli)?;
    let lang = setup.language(cli, None)?;
    let catalog = &setup.catalog;
    let service = catalog.service(&args.service).ok_or_else(|| {
        let ranked = crate::search::rank(
            &args.service,
            catalog
                .services
                .iter()
                .map(|s| (s.id.as_str(), s.id.clone())),
        );
        let similar: Vec<&str> = ranked.into_iter().take(5).collect();
        Error::Usage(format!(
            "unknown service {:?}; similar: {}",
            args.service,
            similar.join(", ")
        ))
    })?;
    let visitor = match &args.visitor_lang {
        None => None,
        Some(text) => Some(crate::domain::LanguageCode::parse_any(text).map_err(|_| {
            Error::Usage(format!(
                "--visitor-lang {text}: not a language code (ISO 639-1 such as ti, or ISO 639-3 such as tir)"
            ))
        })?),
    };
    // What people typed goes on a printed page: no control characters or direction overrides.
    for (flag, value) in [("--for", &args.for_whom), ("--reason", &args.reason)] {
        if let Some(value) = value
            && let Some(problem) = crate::text::forbidden_in_input(value, false)
        {
            return Err(Error::Usage(format!("{flag}: {problem}")));
        }
    }
    let today = crate::desk_time::today();
    let appointment = match &args.appointment {
        None => None,
        Some(text) => match crate::domain::period::parse_day(text) {
            None => {
                return Err(Error::Usage(format!(
                    "--appointment {text:?}: not a date; write it as 2026-12-03 or 03.12.2026"
                )));
            }
            Some(day) if day < today => {
                return Err(Error::Usage(format!(
                    "--appointment {text}: that day is past; give the day of the appointment"
                )));
            }
            Some(day) => Some(day),
        },
    };
    let issuer = issuer(&setup, catalog, args.centre.as_ref())?;
    let recipient = crate::slip::SlipFor {
        who: args.for_whom.clone().filter(|w| !w.trim().is_empty()),
        reason: args.reason.clone().filter(|r| !r.trim().is_empty()),
        appointment,
    };
    let slip = crate::slip::Slip {
        service,
        i18n: &catalog.i18n,
        topics: &catalog.topics,
        staff: &lang,
        visitor,
        second: None,
        recipient: &recipient,
        issuer,
        today,
    };
    let content = match args.format {
        SlipFormat::Html => slip.html(),
        SlipFormat::Text => slip.text(),
    };
    deliver(&setup, &content, args.out.as_deref(), args.print)
}

/// A printed page to standard output, or to a file (owner only: it names a visitor's service
/// or language) handed to the printer with `print`.
pub(super) fn deliver(
    setup: &Setup,
    content: &str,
    out: Option<&std::path::Path>,
    print: bool,
) -> Result<()> {
    match out {
        None => write!(super::stdout_for(true), "{content}")?,
        Some(path) => {
            crate::paths::create_private_file(path)
                .and_then(|mut file| file.write_all(content.as_bytes()))
                .map_err(|e| anyhow::anyhow!("cannot write {}: {e}", path.display()))?;
            if print {
                let command = setup.config.print_command.as_deref().ok_or_else(|| {
                    Error::Usage("--print: no print_command in the configuration (e.g. print_command = \"lp\")".into())
                })?;
                crate::slip::print(command, path).map_err(|e| Error::Other(anyhow::anyhow!(e)))?;
            }
        }
    }
    Ok(())
}

/// The issuing SMZ/CMS: `--centre`, else `centre` of the configuration.
pub(super) fn issuer<'c>(
    setup: &Setup,
    catalog: &'c crate::catalog::Catalog,
    centre: Option<&String>,
) -> Result<Option<&'c crate::catalog::Region>> {
    let Some(id) = centre.or(setup.config.centre.as_ref()) else {
        return Ok(None);
    };
    catalog.region(id).map(Some).ok_or_else(|| {
        let known: Vec<&str> = catalog.regions.iter().map(|r| r.id.as_str()).collect();
        Error::Usage(format!(
            "--centre {id}: not an SMZ/CMS region; use one of {}",
            known.join(", ")
        ))
    })
}

#[derive(Debug, clap::Args)]
pub struct StaleArgs {
    /// Not checked for more than this many months
    #[arg(long, default_value_t = crate::catalog::services::STALE_MONTHS, value_parser = clap::value_parser!(u32).range(1..=240))]
    pub months: u32,
    /// The day to look from [default: today]
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub on: Option<chrono::NaiveDate>,
    #[arg(long, value_enum, default_value_t = ListFormat::Text)]
    pub format: ListFormat,
}

#[derive(Serialize)]
struct StaleLine<'a> {
    id: &'a str,
    name: &'a str,
    last_checked: &'a str,
    source: &'a str,
}

pub fn stale(cli: &Cli, args: &StaleArgs) -> Result<()> {
    let mut setup = setup(cli)?;
    setup.with_local_directory(cli)?;
    let lang = setup.language(cli, None)?;
    let today = args.on.unwrap_or_else(crate::desk_time::today);
    let mut stale: Vec<&crate::catalog::Service> = setup
        .catalog
        .services
        .iter()
        .filter(|s| s.is_stale(today, args.months))
        .collect();
    stale.sort_by_key(|s| (s.checked_on(), s.id.clone()));
    let lines: Vec<StaleLine> = stale
        .iter()
        .map(|s| StaleLine {
            id: &s.id,
            name: s.name(&lang),
            last_checked: &s.last_checked,
            source: &s.source,
        })
        .collect();
    let mut out = super::stdout_for(args.format == ListFormat::Text);
    match args.format {
        ListFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string(&lines).expect("plain data serialises")
        )?,
        ListFormat::Text => {
            if lines.is_empty() {
                writeln!(
                    out,
                    "every service was checked within {} months of {today}",
                    args.months
                )?;
            }
            for line in &lines {
                writeln!(
                    out,
                    "{:<26} {}  {}",
                    line.id,
                    line.last_checked,
                    escape_control(line.name)
                )?;
            }
        }
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct CorrectArgs {
    /// The service's id (as `directory search` shows it)
    pub service: String,
    /// The phone number (an empty value takes the correction back)
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub hours: Option<String>,
    /// Languages the service works in: ISO 639-1 codes (639-3 where none), e.g. de;fr;ti
    #[arg(long)]
    pub languages: Option<String>,
    #[arg(long)]
    pub note: Option<String>,
    /// The entry was compared with its source today
    #[arg(long)]
    pub checked: bool,
}

pub fn correct(cli: &Cli, args: &CorrectArgs) -> Result<()> {
    use crate::store::ServiceField;
    let setup = setup(cli)?;
    let service = setup.catalog.service(args.service.trim()).ok_or_else(|| {
        Error::Usage(format!(
            "no service with the id {:?} (`intake-desk directory search` shows the ids)",
            args.service
        ))
    })?;
    let today = crate::desk_time::today().to_string();
    let mut changes: Vec<(ServiceField, String)> = [
        (ServiceField::Phone, &args.phone),
        (ServiceField::Address, &args.address),
        (ServiceField::Hours, &args.hours),
        (ServiceField::Languages, &args.languages),
        (ServiceField::Note, &args.note),
    ]
    .into_iter()
    .filter_map(|(field, value)| value.clone().map(|v| (field, v)))
    .collect();
    if args.checked {
        changes.push((ServiceField::Checked, today));
    }
    if changes.is_empty() {
        return Err(Error::Usage(
            "nothing to correct: give --phone, --address, --hours, --languages, --note or --checked"
                .into(),
        ));
    }
    for (field, value) in &changes {
        field
            .check(value)
            .map_err(|why| Error::Usage(format!("--{}: {why}", field.name())))?;
    }
    let mut store = Setup::open_store(cli)?;
    let who = super::sign_in::require(cli, &mut store, crate::staff::Needs::Intake)?;
    for (field, value) in &changes {
        store.correct_service(&service.id, *field, value, who.id.as_str())?;
    }
    writeln!(
        super::stdout_for(true),
        "{}: {} corrected at this desk (the shipped data stays as it was)",
        service.id,
        changes
            .iter()
            .map(|(f, _)| f.name())
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    Ok(())
}
