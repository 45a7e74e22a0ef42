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
            sender_id: format!("intake-desk:{desk}"),
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
