//! Folding text for comparison: lowercase, without diacritics ("Müller" → "muller").

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn removes_case_and_accents_but_keeps_other_scripts() {
        assert_eq!(fold("Müller"), "muller");
        assert_eq!(fold("Hérémence"), "heremence");
        assert_eq!(fold("ZUSTÄNDIG"), "zustandig");
        assert_eq!(fold("ተስፋይ"), "ተስፋይ");
    }
}
