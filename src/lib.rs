//! intake-desk: the reception desk application of the social-medical centres (SMZ/CMS) of Valais.
//!
//! Dependencies flow one way: `tui` and `cli` → `export` → `store`, `catalog`, `search` → `domain`.
//! `domain` does no I/O; the `tui` never writes SQL.

pub mod catalog;
pub mod check;
pub mod cli;
pub mod config;
pub mod demo;
pub mod desk_time;
pub mod domain;
pub mod error;
pub mod export;
pub mod hsds;
pub mod import;
pub mod paths;
pub mod persons;
pub mod report;
pub mod search;
pub mod slip;
pub mod staff;
pub mod store;
pub mod text;
pub mod tui;
pub mod xlsx;

/// Settings key under which the chosen interface language is remembered.
pub const UI_LANGUAGE_SETTING: &str = "ui_language";
