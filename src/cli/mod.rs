//! The command line: no subcommand starts the terminal interface; subcommands serve scripting
//! and administration. Every command ends with exit code 0 (done), 2 (input to fix) or 1 (failure).

mod audit;
mod check;
mod copy;
mod data;
mod db;
mod db_key;
mod demo;
mod directory;
mod directory_export;
mod export;
mod import;
mod keymap;
mod persons;
mod purge;
mod report;
mod setup;
mod sign_in;
mod staff;
mod start;
mod visits;

use crate::error::Result;
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "intake-desk",
    version,
    about = "Reception desk for the social-medical centres (SMZ/CMS) of Valais"
)]
pub struct Cli {
    /// Database file [default: the platform data folder, e.g. ~/.local/share/intake-desk/visits.db]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Folder whose files override the embedded data/ files, file by file
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Configuration file [default: ~/.config/intake-desk/config.toml]
    #[arg(long, global = true, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Interface language (de, fr, en, or any language file in data/i18n)
    #[arg(long, global = true, value_name = "LANG")]
    pub lang: Option<String>,
    /// Staff member who signs in for commands on personal data [default: INTAKE_DESK_STAFF];
    /// the PIN comes from INTAKE_DESK_PIN or a prompt
    #[arg(long, global = true, value_name = "NAME")]
    pub staff: Option<String>,
    /// Keymap: a shipped one (default, vim) or a keymap file [default: keymap.toml in the config folder]
    #[arg(long, global = true, value_name = "NAME|FILE")]
    pub keymap: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Competence check: who is responsible for a person
    Check(check::CheckArgs),
    /// Search the directory of specialist services
    Directory {
        #[command(subcommand)]
        command: DirectoryCommand,
    },
    /// Write a referral slip for a service
    Slip(directory::SlipArgs),
    /// Write the printable copy of information topics in the visitor's language
    Copy(copy::CopyArgs),
    /// Import service data into the data folder given with --data
    Import {
        #[command(subcommand)]
        command: ImportCommand,
    },
    /// Check reference data
    Data {
        #[command(subcommand)]
        command: DataCommand,
    },
    /// Check and show keymaps
    Keymap {
        #[command(subcommand)]
        command: KeymapCommand,
    },
    /// Fill a database with synthetic visits over the last 12 months
    Demo {
        /// Number of visits to add
        #[arg(long, value_name = "N")]
        visits: usize,
        /// Seed: the same seed and end date give the same visits
        #[arg(long, value_name = "S", default_value_t = 1)]
        seed: u64,
        /// Last day of the 12 months the visits are spread over [default: now]
        #[arg(long, value_name = "YYYY-MM-DD")]
        until: Option<chrono::NaiveDate>,
    },
    /// List and show saved visits
    Visits {
        #[command(subcommand)]
        command: VisitsCommand,
    },
    /// Persons across their visits: whose responsibility changes soon, duplicates, merge and split
    Persons {
        #[command(subcommand)]
        command: PersonsCommand,
    },
    /// Export due visits to the case system (a folder or an HTTP endpoint)
    Export(export::ExportArgs),
    /// Statistics of a month or period: visits, topics, referrals, languages, waiting times
    Report(report::ReportArgs),
    /// Remove the personal data of visits past retention_days (exported, or never to be) (admin)
    Purge(purge::PurgeArgs),
    /// Staff accounts that sign in at the desks (admin)
    Staff {
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// The audit trail: who read or changed which record, when (admin); `audit verify` checks it
    Audit(audit::AuditArgs),
    /// Inspect the database
    Db {
        #[command(subcommand)]
        command: DbCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum DirectoryCommand {
    /// Find services by name, need or category
    Search(directory::SearchArgs),
    /// Services not compared with their source for more than 12 months (oldest first)
    Stale(directory::StaleArgs),
    /// Correct or complete a service at this desk (kept in the database, over the data files)
    Correct(directory::CorrectArgs),
    /// Write the directory as this desk sees it as an HSDS 3.0 tabular package (CSV files)
    Export(directory_export::ExportArgs),
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// An Open Referral HSDS 3.0 tabular package (CSV files)
    Services(import::ImportServicesArgs),
}

#[derive(Debug, Subcommand)]
pub enum DataCommand {
    /// Validate a data folder laid over the embedded data (or the embedded data alone)
    Check {
        /// Folder with data files (communes.csv, regions.csv, i18n/*.toml ...)
        dir: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeymapCommand {
    /// Validate a keymap file
    Check { file: PathBuf },
    /// Show the bindings in effect
    Show {
        /// Only this context: global, list, form, picker, palette, help
        #[arg(long, value_name = "CONTEXT")]
        context: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum VisitsCommand {
    /// Visits in a date range (all without --since/--until)
    List(visits::ListArgs),
    /// One visit with every stage's data, the person and every earlier version
    Show(visits::ShowArgs),
    /// Add a follow-up note to a saved visit (a new revision; the earlier one is kept)
    Note(visits::NoteArgs),
    /// Correct the visitor's names or birth date (a new revision; the earlier one is kept)
    Correct(visits::CorrectArgs),
}

#[derive(Debug, Subcommand)]
pub enum PersonsCommand {
    /// Persons whose responsibility changes within the coming days (e.g. a B refugee reaching
    /// the fifth year since the asylum application), worked out from their latest visit
    Changes(persons::ChangesArgs),
    /// Persons who may be one (the same AHV number; or names and birth date; or names, birth
    /// year and commune); nothing is merged
    Duplicates(persons::DuplicatesArgs),
    /// Merge person B into person A: every visit of B becomes A's (each visit revised, so the
    /// next export corrects it); `persons split B` undoes it
    Merge {
        /// The person kept (a stable id, as `persons duplicates` shows it)
        kept: String,
        /// The person merged into it
        merged: String,
        /// Merge even though the two resemble by none of the three rules
        #[arg(long)]
        unlike: bool,
    },
    /// Undo the last merge of a person: the visits that merge moved are theirs again
    Split {
        /// The person merged before
        merged: String,
    },
    /// A person's request to be forgotten: the personal data of all their visits removed (admin)
    Erase {
        /// The person's stable id
        person: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum StaffCommand {
    /// Add an account; on a database without staff, the first admin (no sign-in needed). The
    /// new PIN is asked twice, or taken from INTAKE_DESK_NEW_PIN
    Add(staff::AddArgs),
    /// Every account with its role
    List(staff::ListArgs),
    /// Stop an account from signing in (its visits and audit entries keep the name)
    Disable { name: String },
    /// Set a new PIN: one's own, or anyone's for an admin
    Pin { name: String },
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Show the database path, schema version and counts
    Info,
    /// Check the whole database for damage (SQLite integrity check); exit 1 when damaged
    Check,
    /// Save a consistent copy of the database into a new file (0600), even while desks work
    Backup {
        /// The copy to create; an existing file is not overwritten
        file: PathBuf,
    },
    /// Encrypt a plain database with the key of INTAKE_DESK_DB_KEY or db_key_file (or
    /// INTAKE_DESK_NEW_DB_KEY); close the app at every desk first (admin)
    Encrypt,
    /// Give an encrypted database a new key (INTAKE_DESK_NEW_DB_KEY or the prompt) (admin)
    Rekey,
}

/// Standard output: for text a person reads with control characters escaped (a name or a file
/// could hold terminal commands); for data (JSON, CSV) as written.
pub(crate) fn stdout_for(text: bool) -> Box<dyn std::io::Write> {
    let out = std::io::stdout().lock();
    if text {
        Box::new(crate::text::EscapingWriter::new(out))
    } else {
        Box::new(out)
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => return argument_error(error),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of our output went away (`| head`): nothing is wrong, stop quietly.
        Err(error) if error.is_broken_pipe() => ExitCode::SUCCESS,
        Err(error) => {
            // Messages echo arguments, file contents and servers' words: escaped, never run.
            eprintln!("{}", crate::text::escape_control(&error.to_string()));
            ExitCode::from(error.exit_code())
        }
    }
}

/// Help and version as clap writes them; a wrong argument as one line, escaped (an argument may
/// hold terminal commands), exit 2.
fn argument_error(error: clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if matches!(
        error.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        let _ = error.print();
        return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
    }
    let text = error.render().to_string();
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("For more information"));
    let first = lines.next().unwrap_or("error: invalid arguments");
    let detail: Vec<&str> = lines.filter(|l| !l.starts_with("Usage:")).collect();
    let line = if detail.is_empty() {
        first.to_string()
    } else {
        format!("{first} ({})", detail.join("; "))
    };
    eprintln!("{} (see --help)", crate::text::escape_control(&line));
    ExitCode::from(2)
}

pub fn run(cli: Cli) -> Result<()> {
    // Every connection of this run opens an encrypted database with it.
    crate::store::use_key(db_key::configured(&cli)?);
    match &cli.command {
        None => start::run(&cli),
        Some(Command::Check(args)) => check::run(&cli, args),
        Some(Command::Directory {
            command: DirectoryCommand::Search(args),
        }) => directory::search(&cli, args),
        Some(Command::Directory {
            command: DirectoryCommand::Stale(args),
        }) => directory::stale(&cli, args),
        Some(Command::Directory {
            command: DirectoryCommand::Correct(args),
        }) => directory::correct(&cli, args),
        Some(Command::Directory {
            command: DirectoryCommand::Export(args),
        }) => directory_export::run(&cli, args),
        Some(Command::Slip(args)) => directory::slip(&cli, args),
        Some(Command::Copy(args)) => copy::run(&cli, args),
        Some(Command::Import {
            command: ImportCommand::Services(args),
        }) => import::services(&cli, args),
        Some(Command::Data {
            command: DataCommand::Check { dir },
        }) => data::check(&cli, dir.as_deref()),
        Some(Command::Keymap {
            command: KeymapCommand::Check { file },
        }) => keymap::check(file),
        Some(Command::Keymap {
            command: KeymapCommand::Show { context },
        }) => keymap::show(&cli, context.as_deref()),
        Some(Command::Demo {
            visits,
            seed,
            until,
        }) => demo::run(&cli, *visits, *seed, *until),
        Some(Command::Db {
            command: DbCommand::Info,
        }) => db::info(&cli),
        Some(Command::Db {
            command: DbCommand::Check,
        }) => db::check(&cli),
        Some(Command::Db {
            command: DbCommand::Backup { file },
        }) => db::backup(&cli, file),
        Some(Command::Db {
            command: DbCommand::Encrypt,
        }) => db_key::encrypt(&cli),
        Some(Command::Db {
            command: DbCommand::Rekey,
        }) => db_key::rekey(&cli),
        Some(Command::Export(args)) => export::run(&cli, args),
        Some(Command::Persons {
            command: PersonsCommand::Changes(args),
        }) => persons::changes(&cli, args),
        Some(Command::Persons {
            command: PersonsCommand::Duplicates(args),
        }) => persons::duplicates(&cli, args),
        Some(Command::Persons {
            command:
                PersonsCommand::Merge {
                    kept,
                    merged,
                    unlike,
                },
        }) => persons::merge(&cli, kept, merged, *unlike),
        Some(Command::Persons {
            command: PersonsCommand::Split { merged },
        }) => persons::split(&cli, merged),
        Some(Command::Report(args)) => report::run(&cli, args),
        Some(Command::Purge(args)) => purge::run(&cli, args),
        Some(Command::Persons {
            command: PersonsCommand::Erase { person },
        }) => purge::erase(&cli, person),
        Some(Command::Staff {
            command: StaffCommand::Add(args),
        }) => staff::add(&cli, args),
        Some(Command::Staff {
            command: StaffCommand::List(args),
        }) => staff::list(&cli, args),
        Some(Command::Staff {
            command: StaffCommand::Disable { name },
        }) => staff::disable(&cli, name),
        Some(Command::Staff {
            command: StaffCommand::Pin { name },
        }) => staff::pin(&cli, name),
        Some(Command::Audit(args)) => audit::run(&cli, args),
        Some(Command::Visits {
            command: VisitsCommand::List(args),
        }) => visits::list(&cli, args),
        Some(Command::Visits {
            command: VisitsCommand::Show(args),
        }) => visits::show(&cli, args),
        Some(Command::Visits {
            command: VisitsCommand::Note(args),
        }) => visits::note(&cli, args),
        Some(Command::Visits {
            command: VisitsCommand::Correct(args),
        }) => visits::correct(&cli, args),
    }
}
