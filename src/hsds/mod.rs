//! Open Referral HSDS 3.0 tabular packages written from the directory: the tables and their
//! `datapackage.json` (`package`), the columns we add to the standard (`extension`) and the
//! directory laid out as the standard's tables (`export`). Reading a package is
//! [`crate::import::hsds`].

pub mod export;
pub mod extension;
pub mod package;
