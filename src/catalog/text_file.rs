//! Reading a text file that people edit (data, keymap, configuration): it must be UTF-8 and
//! hold no control characters, raw or written as TOML escapes, so nothing read from it can
//! reach a terminal as a command. Problems name the file and the line and column of the first
//! bad byte.

use super::error::{DataError, line_column};
use std::path::Path;

/// Reads `path`; `None` when it does not exist.
pub fn read(path: &Path) -> Result<Option<String>, DataError> {
    let name = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => decode(&name, bytes).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(DataError {
            file: name,
            line: 1,
            column: 1,
            message: format!("cannot read: {e}"),
            fix: "check that the file is readable".into(),
        }),
    }
}

/// The file's text, after the checks of the module's comment.
pub fn decode(name: &str, bytes: Vec<u8>) -> Result<String, DataError> {
    let toml = name.ends_with(".toml") || name.ends_with(".toml (embedded)");
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let before = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            let (line, column) = line_column(before, valid);
            return Err(DataError {
                file: name.to_string(),
                line,
                column,
                message: format!("byte 0x{:02X} is not UTF-8", bytes[valid]),
                fix: "save the file as UTF-8 (not Latin-1 or Windows-1252)".into(),
            });
        }
    };
    let bad_char = text
        .char_indices()
        .find(|(_, c)| crate::text::is_unsafe_char(*c) && *c != '\r')
        .map(|(at, c)| (at, format!("U+{:04X}", c as u32)));
    let bad_escape = if toml { control_escape(&text) } else { None };
    let first = [bad_char, bad_escape]
        .into_iter()
        .flatten()
        .min_by_key(|(at, _)| *at);
    if let Some((byte, what)) = first {
        let (line, column) = line_column(&text, byte);
        return Err(DataError {
            file: name.to_string(),
            line,
            column,
            message: format!(
                "a control character or text-direction override ({what}), which data files may not hold"
            ),
            fix: "remove it; a terminal would run it as a command".into(),
        });
    }
    Ok(text)
}

/// The first TOML escape that makes a control character (other than tab, line feed and carriage
/// return): `\b`, `\f`, `\e`, `\u0000`-`\u001F`, `\u007F`-`\u009F`, and their `\U` forms.
fn control_escape(text: &str) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes[i] != b'\\' {
            i += 1;
            continue;
        }
        let next = bytes[i + 1];
        let digits = match next {
            b'b' | b'f' | b'e' => return Some((i, format!("\\{}", next as char))),
            b'u' => 4,
            b'U' => 8,
            _ => {
                i += 2;
                continue;
            }
        };
        let code = text
            .get(i + 2..i + 2 + digits)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32);
        if let Some(c) = code
            && c.is_control()
            && !matches!(c, '\n' | '\r' | '\t')
        {
            return Some((i, text[i..i + 2 + digits].to_string()));
        }
        i += 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_bytes_are_placed_at_their_line_and_column() {
        let error = decode("x/services.csv", b"id,name\nsmz,Z\xfcrich\n".to_vec()).unwrap_err();
        assert_eq!((error.line, error.column), (2, 6));
        assert!(error.message.contains("0xFC"), "{}", error.message);
        assert_eq!(error.file, "x/services.csv");
    }

    #[test]
    fn control_characters_raw_or_escaped_are_refused_where_they_stand() {
        let error = decode("a.csv", b"id,name\nx,a\x1b[31mb\n".to_vec()).unwrap_err();
        assert_eq!((error.line, error.column), (2, 4));
        let error = decode("a.csv", b"id\n\x00\n".to_vec()).unwrap_err();
        assert!(error.message.contains("U+0000"), "{}", error.message);
        let error = decode("t.toml", br#"a = "x\u001b]0;t\u0007""#.to_vec()).unwrap_err();
        assert_eq!((error.line, error.column), (1, 7));
        assert!(error.message.contains("\\u001b"), "{}", error.message);
        assert!(decode("t.toml", br#"a = "tab\tnew\nline \\u001b""#.to_vec()).is_ok());
        assert!(decode("a.csv", b"id,name\r\nx,\"a\tb\"\r\n".to_vec()).is_ok());
        let error = decode("a.csv", "id,name\nx,Caritas \u{202e}Wallis\n".into()).unwrap_err();
        assert!(error.message.contains("U+202E"), "{}", error.message);
    }
}

#[cfg(test)]
mod shipped {
    #[test]
    fn every_shipped_data_file_passes_the_checks_of_edited_files() {
        let files = super::super::source::DataSource::embedded_files();
        assert!(files.len() > 10, "the embedded data is there");
        for (path, bytes) in files {
            if let Err(e) = super::decode(&path, bytes.to_vec()) {
                panic!("{e}");
            }
        }
    }
}
