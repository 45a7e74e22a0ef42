//! What a screen may read while it handles a key or draws: the catalog, the texts in the
//! interface language, the session, the keymap and the screen shown. Screens get this, never
//! the `App`.

use super::keymap::Keymap;
use super::screens::ScreenId;
use super::session::Session;
use crate::catalog::Catalog;
use crate::search::directory::DirectoryIndex;

pub struct Ctx<'a> {
    pub catalog: &'a Catalog,
    pub lang: &'a str,
    pub session: &'a Session,
    pub keymap: &'a Keymap,
    pub screen: ScreenId,
    pub directory_index: &'a DirectoryIndex,
}

impl Ctx<'_> {
    /// A UI string in the interface language.
    pub fn t(&self, key: &str) -> String {
        self.catalog.i18n.text(self.lang, key).to_string()
    }

    pub fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.catalog.i18n.format(self.lang, key, args)
    }
}
