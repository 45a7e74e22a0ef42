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

/// A name as a Latin consonant skeleton, for finding a name written in another script from how
/// staff type it: transliterated (Arabic, Ethiopic, Cyrillic …), lowercased, vowels (and the
/// semivowels y, w) dropped, a letter repeated (across dropped vowels too) made one. `شاهين` and
/// `shahin` both give `shn`,
/// `ዘርኡ` and `zeru` both `zr`. Words stay apart.
pub fn latin_key(text: &str) -> String {
    let latin = any_ascii::any_ascii(text).to_lowercase();
    latin
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter_map(|word| {
            let mut key = String::new();
            for c in word.chars().filter(|c| !"aeiouyw".contains(*c)) {
                if !key.ends_with(c) {
                    key.push(c);
                }
            }
            (!key.is_empty()).then_some(key)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a text has letters of a script other than Latin (which staff cannot type).
pub fn has_other_script(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_alphabetic() && !any_ascii::any_ascii_char(c).is_empty() && !is_latin(c))
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic() || matches!(c as u32, 0x00C0..=0x024F | 0x1E00..=0x1EFF)
}

#[cfg(test)]
mod latin_tests {
    use super::*;

    #[test]
    fn names_in_other_scripts_meet_their_latin_spelling() {
        for (written, typed) in [
            ("شاهين", "shahin"),
            ("ዘርኡ", "zeru"),
            ("محمد", "mohammed"),
            ("Олександр", "oleksandr"),
            ("ተስፋይ", "tesfay"),
        ] {
            assert_eq!(latin_key(written), latin_key(typed), "{written} / {typed}");
        }
        assert_ne!(latin_key("شاهين"), latin_key("zeru"));
        assert!(has_other_script("ዘርኡ") && has_other_script("Шевченко"));
        assert!(!has_other_script("Zenhäusern-Müller"));
    }
}
