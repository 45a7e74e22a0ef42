//! Control characters never reach a terminal raw: ESC, BEL, OSC and the C1 controls could move
//! the cursor, retitle the window, write to the clipboard or hide text; bidirectional overrides
//! could make a name read as another. They are shown escaped (`\u{1b}`), so the text stays
//! readable and nothing runs.

use std::borrow::Cow;
use std::fmt::Write;

/// Characters that change how a terminal reads what follows rather than being read: C0 and C1
/// controls (except tab and newline, which text output uses), DEL, and the bidirectional
/// embeddings, overrides and isolates.
pub fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t') || is_bidi_control(c)
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The text with every unsafe character written as `\u{..}`; borrowed when there is none.
pub fn escape_control(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Why a typed name or note is refused, if it is: any control character (a line break or tab
/// included, unless `multiline`) or a bidirectional override. The character is named.
pub fn forbidden_in_input(text: &str, multiline: bool) -> Option<String> {
    text.chars()
        .find(|&c| {
            if multiline && (c == '\n' || c == '\t') {
                return false;
            }
            c.is_control() || is_bidi_control(c)
        })
        .map(|c| {
            let kind = if is_bidi_control(c) {
                "a bidirectional text override"
            } else {
                "a control character"
            };
            format!("contains {kind} (U+{:04X}), which is not allowed", c as u32)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_overrides_are_shown_not_run() {
        assert_eq!(escape_control("Müller"), "Müller");
        assert!(matches!(escape_control("Müller"), Cow::Borrowed(_)));
        assert_eq!(escape_control("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(
            escape_control("\u{1b}]52;c;aGk=\u{7}"),
            "\\u{1b}]52;c;aGk=\\u{7}"
        );
        assert_eq!(escape_control("x\u{9b}y"), "x\\u{9b}y", "C1 CSI");
        assert_eq!(escape_control("\u{202e}abc"), "\\u{202e}abc");
        assert_eq!(escape_control("two\nlines\tok"), "two\nlines\tok");
        assert_eq!(escape_control("a\rb"), "a\\u{d}b");
    }

    #[test]
    fn typed_text_with_controls_is_refused_with_the_character_named() {
        assert_eq!(forbidden_in_input("Anna-Lena Zenhäusern", false), None);
        assert_eq!(forbidden_in_input("محمد", false), None);
        assert!(
            forbidden_in_input("a\u{1b}b", false)
                .unwrap()
                .contains("U+001B")
        );
        assert!(
            forbidden_in_input("\u{2066}x", false)
                .unwrap()
                .contains("bidirectional")
        );
        assert!(forbidden_in_input("a\nb", false).is_some());
        assert_eq!(forbidden_in_input("call back\ntomorrow", true), None);
        assert!(forbidden_in_input("a\u{7}b", true).is_some());
    }
}

/// A writer that passes text on with every unsafe character escaped, for output that goes to a
/// terminal. A UTF-8 sequence split across two writes is held back until it is whole.
pub struct EscapingWriter<W: std::io::Write> {
    inner: W,
    pending: Vec<u8>,
}

impl<W: std::io::Write> EscapingWriter<W> {
    pub fn new(inner: W) -> Self {
        EscapingWriter {
            inner,
            pending: Vec::new(),
        }
    }
}

impl<W: std::io::Write> std::io::Write for EscapingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.pending.extend_from_slice(buf);
        let valid = match std::str::from_utf8(&self.pending) {
            Ok(text) => text.len(),
            // An incomplete sequence at the end waits; invalid bytes pass unchanged.
            Err(e) if e.error_len().is_none() => e.valid_up_to(),
            Err(_) => {
                self.inner.write_all(&self.pending)?;
                self.pending.clear();
                return Ok(buf.len());
            }
        };
        let text = std::str::from_utf8(&self.pending[..valid]).expect("checked above");
        self.inner.write_all(escape_control(text).as_bytes())?;
        self.pending.drain(..valid);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.write_all(&self.pending)?;
        self.pending.clear();
        self.inner.flush()
    }
}

impl<W: std::io::Write> Drop for EscapingWriter<W> {
    fn drop(&mut self) {
        let _ = std::io::Write::flush(self);
    }
}

#[cfg(test)]
mod writer_tests {
    use super::EscapingWriter;
    use std::io::Write;

    #[test]
    fn escapes_across_writes_and_keeps_split_characters_whole() {
        let mut out = Vec::new();
        {
            let mut writer = EscapingWriter::new(&mut out);
            let text = "Zenhäusern \u{1b}]0;x\u{7} ok\n".as_bytes();
            let split = text.iter().position(|&b| b == 0xC3).unwrap() + 1;
            writer.write_all(&text[..split]).unwrap();
            writer.write_all(&text[split..]).unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Zenhäusern \\u{1b}]0;x\\u{7} ok\n"
        );
    }
}
