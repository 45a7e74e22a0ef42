//! `intake-desk copy TOPIC… --visitor-lang L`: the written copy of information topics, one printable
//! page in the visitor's language beside the staff language.

use super::Cli;
use super::setup::setup;
use crate::domain::LanguageCode;
use crate::error::{Error, Result};
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct CopyArgs {
    /// Topic ids, in the order they were given (see `data/topics/de.toml`)
    #[arg(required = true)]
    pub topics: Vec<String>,
    /// The visitor's language (ti or tir); the staff language is the global --lang
    #[arg(long, value_name = "LANG")]
    pub visitor_lang: String,
    /// The language the visitor reads second, for topics missing in the first
    #[arg(long, value_name = "LANG")]
    pub second: Option<String>,
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

fn language(flag: &str, text: &str) -> Result<LanguageCode> {
    LanguageCode::parse_any(text).map_err(|_| {
        Error::Usage(format!(
            "{flag} {text}: not a language code (ISO 639-1 such as ti, or ISO 639-3 such as tir)"
        ))
    })
}

pub fn run(cli: &Cli, args: &CopyArgs) -> Result<()> {
    let setup = setup(cli)?;
    let staff = setup.language(cli, None)?;
    let catalog = &setup.catalog;
    let ids = catalog.topics.ids();
    if let Some(unknown) = args.topics.iter().find(|t| !ids.contains(t)) {
        return Err(Error::Usage(format!(
            "unknown topic {unknown:?}; the topics are: {}",
            ids.join(", ")
        )));
    }
    let visitor = language("--visitor-lang", &args.visitor_lang)?;
    let second = args
        .second
        .as_deref()
        .map(|s| language("--second", s))
        .transpose()?;
    let copy = crate::slip::WrittenCopy {
        topics: &catalog.topics,
        i18n: &catalog.i18n,
        ids: &args.topics,
        staff: &staff,
        visitor: Some(visitor),
        second,
        issuer: super::directory::issuer(&setup, catalog, args.centre.as_ref())?,
        today: crate::desk_time::today(),
    };
    super::directory::deliver(&setup, &copy.html(), args.out.as_deref(), args.print)
}
