//! Importing service data from other systems into a data folder.

pub mod hsds;
