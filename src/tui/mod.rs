//! The terminal interface. One loop: terminal event → keymap → [`Action`] → [`App::update`]
//! → [`render::render`] from state alone. Screens are modules with their own state and render.

pub mod action;
pub mod app;
pub mod choose;
pub mod context;
pub mod effect;
mod effects;
mod executor;
pub mod find;
pub mod fit;
pub mod form;
pub mod gate;
pub mod hints;
#[cfg(test)]
mod hints_check;
pub mod keymap;
#[cfg(test)]
mod layout_check;
pub mod list;
pub mod overlays;
pub mod render;
pub mod screens;
pub mod session;
mod shutdown;
pub mod table;
mod terminal;
#[cfg(test)]
mod test_desk;
pub mod theme;

pub use action::Action;
pub use app::{App, Effect, Session};
pub use effect::AfterQueue;
pub use terminal::run;
