//! The batch header after eCH-0058 (message header) and the manifest written beside each batch.

use crate::store::BatchAction;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Header {
    /// Who sends: this desk.
    pub sender_id: String,
    /// The batch id (UUIDv7), also the HTTP idempotency key.
    pub message_id: String,
    pub message_type: String,
    pub sending_application: SendingApplication,
    /// When the batch was made (RFC 3339).
    pub message_date: String,
    /// 1 new, 4 correction.
    pub action: BatchAction,
    pub test_delivery_flag: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendingApplication {
    pub manufacturer: String,
    pub product: String,
    pub product_version: String,
}

pub const MESSAGE_TYPE: &str = "intake-desk/visit-batch";

impl Header {
    pub fn new(
        desk: &str,
        batch_id: &str,
        message_date: &str,
        action: BatchAction,
        test: bool,
    ) -> Header {
        Header {
            sender_id: sender_id(desk),
            message_id: batch_id.to_string(),
            message_type: MESSAGE_TYPE.to_string(),
            sending_application: SendingApplication {
                manufacturer: "intake-desk project".into(),
                product: "intake-desk".into(),
                product_version: env!("CARGO_PKG_VERSION").into(),
            },
            message_date: message_date.to_string(),
            action,
            test_delivery_flag: test,
        }
    }
}

/// The characters a `senderId` may hold: it is a URI (eCH-0058), so the unreserved ones and `:`.
fn uri_safe(c: char) -> bool {
    c.is_ascii_alphanumeric() || "-._~:".contains(c)
}

/// At most this long (eCH-0058 `senderId`).
pub const SENDER_ID_MAX: usize = 50;

/// The sender as eCH-0058 wants it: a URI of at most 50 characters. A configured id that is
/// one already is used as it is; else `intake-desk:` and the desk's name folded to letters,
/// digits and dashes ("SMZO Visp 1" → `intake-desk:smzo-visp-1`).
pub fn sender_id(desk: &str) -> String {
    if desk.len() <= SENDER_ID_MAX && desk.contains(':') && desk.chars().all(uri_safe) {
        return desk.to_string();
    }
    let mut slug = String::new();
    for c in crate::text::fold(desk).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    let prefix = "intake-desk:";
    let room = SENDER_ID_MAX - prefix.len();
    let slug: String = slug.chars().take(room).collect();
    let slug = slug.trim_end_matches('-');
    format!("{prefix}{}", if slug.is_empty() { "desk" } else { slug })
}

/// Written beside a batch once the batch file is complete: a batch without its manifest is not
/// published and must not be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    pub batch_id: String,
    pub schema: String,
    pub format: String,
    pub file: String,
    pub count: u64,
    /// SHA-256 of the batch file, lowercase hex.
    pub sha256: String,
    pub header: Header,
}

impl Manifest {
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("plain data serialises");
        bytes.push(b'\n');
        bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sender_is_a_uri_of_at_most_50_characters() {
        assert_eq!(sender_id("SMZO Visp 1"), "intake-desk:smzo-visp-1");
        assert_eq!(
            sender_id("Guichet Sion / Hérens"),
            "intake-desk:guichet-sion-herens"
        );
        assert_eq!(sender_id("urn:smz:visp-1"), "urn:smz:visp-1");
        assert_eq!(sender_id("ዴስክ"), "intake-desk:desk");
        let long = sender_id(&"Schalter ".repeat(20));
        assert!(
            long.len() <= SENDER_ID_MAX && !long.ends_with('-'),
            "{long}"
        );
        for id in [long, sender_id("a b\u{1b}[2J")] {
            assert!(id.chars().all(uri_safe), "{id}");
        }
    }
}
