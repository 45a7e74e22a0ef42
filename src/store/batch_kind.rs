//! The kinds of a batch as stored: its eCH-0058 action and where it stands. Typed in the program,
//! the same numbers and words in the database and on the wire.

use serde::Serialize;

/// eCH-0058 action codes used by batches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(into = "u8", try_from = "u8")]
pub enum BatchAction {
    /// 1: visits that leave for the first time.
    New,
    /// 4: later versions of visits that left before.
    Correction,
}

impl BatchAction {
    pub fn code(self) -> u8 {
        match self {
            BatchAction::New => 1,
            BatchAction::Correction => 4,
        }
    }
}

impl From<BatchAction> for u8 {
    fn from(action: BatchAction) -> u8 {
        action.code()
    }
}

impl TryFrom<u8> for BatchAction {
    type Error = String;
    fn try_from(code: u8) -> Result<Self, String> {
        match code {
            1 => Ok(BatchAction::New),
            4 => Ok(BatchAction::Correction),
            other => Err(format!(
                "unknown batch action {other} (1 new, 4 correction)"
            )),
        }
    }
}

/// The eCH-0058 code, as the CSV and the header write it.
impl std::fmt::Display for BatchAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.code())
    }
}

impl rusqlite::types::ToSql for BatchAction {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(i64::from(self.code()).into())
    }
}

impl rusqlite::types::FromSql for BatchAction {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let code = u8::try_from(value.as_i64()?)
            .map_err(|e| rusqlite::types::FromSqlError::Other(Box::new(e)))?;
        BatchAction::try_from(code).map_err(|e| rusqlite::types::FromSqlError::Other(e.into()))
    }
}

/// Where a batch stands, as stored in `export_batches.status`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    strum::EnumString,
    strum::IntoStaticStr,
    strum::Display,
    strum::EnumIter,
)]
#[serde(rename_all = "lowercase")]
#[strum(serialize_all = "lowercase")]
pub enum BatchStatus {
    /// Reserved: its visits are its own; the file is being written (or a run stopped doing so).
    Writing,
    /// Written, waiting in the outbox for the HTTP server to accept it.
    Outbox,
    /// In the folder, or accepted by the server.
    Delivered,
}

impl rusqlite::types::ToSql for BatchStatus {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(<&'static str>::from(*self).into())
    }
}

impl rusqlite::types::FromSql for BatchStatus {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        let text = value.as_str()?;
        // A status this version does not know is an error, never a default.
        text.parse().map_err(|_| {
            rusqlite::types::FromSqlError::Other(format!("unknown batch status {text:?}").into())
        })
    }
}

#[cfg(test)]
mod action_tests {
    use super::BatchAction;

    #[test]
    fn actions_keep_their_ech_0058_codes_and_unknown_codes_are_refused() {
        assert_eq!(serde_json::to_string(&BatchAction::New).unwrap(), "1");
        assert_eq!(
            serde_json::to_string(&BatchAction::Correction).unwrap(),
            "4"
        );
        assert_eq!(
            serde_json::from_str::<BatchAction>("4").unwrap(),
            BatchAction::Correction
        );
        assert!(serde_json::from_str::<BatchAction>("3").is_err());
        assert_eq!(BatchAction::Correction.to_string(), "4");
    }
}

/// The version of the visit lines a batch carries (`intake-desk/visit/<n>`): a batch is always
/// written again in its own version, so a redo gives the same bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum LineSchema {
    /// The first: no visit reason, no competence inputs.
    V1,
    /// Adds the visit's reason, interpreter need and visitor language, referral slips, and the
    /// competence answer's inputs, since and next change.
    V2,
    /// The person's `localPersonId` is their stable id, the same in every visit of theirs (it
    /// was the id of the visit's own person record).
    V3,
    /// The person's nationality with its eCH-0011 status (unknown, stateless, known; the code
    /// checked against ISO 3166-1) and the language of correspondence as ISO 639-1.
    V4,
    /// Every moment in the desks' local time, Europe/Zurich, with its offset (`+01:00`,
    /// `+02:00` in summer) rather than in UTC.
    V5,
}

impl LineSchema {
    /// What new batches carry.
    pub const CURRENT: LineSchema = LineSchema::V5;

    pub fn number(self) -> u8 {
        match self {
            LineSchema::V1 => 1,
            LineSchema::V2 => 2,
            LineSchema::V3 => 3,
            LineSchema::V4 => 4,
            LineSchema::V5 => 5,
        }
    }

    /// The version a manifest names.
    pub fn from_name(name: &str) -> Option<LineSchema> {
        [
            LineSchema::V1,
            LineSchema::V2,
            LineSchema::V3,
            LineSchema::V4,
            LineSchema::V5,
        ]
        .into_iter()
        .find(|s| s.name() == name)
    }

    /// The name every line and manifest gives.
    pub fn name(self) -> &'static str {
        match self {
            LineSchema::V1 => "intake-desk/visit/1",
            LineSchema::V2 => "intake-desk/visit/2",
            LineSchema::V3 => "intake-desk/visit/3",
            LineSchema::V4 => "intake-desk/visit/4",
            LineSchema::V5 => "intake-desk/visit/5",
        }
    }
}

impl Serialize for LineSchema {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl rusqlite::types::ToSql for LineSchema {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        Ok(i64::from(self.number()).into())
    }
}

impl rusqlite::types::FromSql for LineSchema {
    fn column_result(value: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
        match value.as_i64()? {
            1 => Ok(LineSchema::V1),
            2 => Ok(LineSchema::V2),
            3 => Ok(LineSchema::V3),
            4 => Ok(LineSchema::V4),
            5 => Ok(LineSchema::V5),
            other => Err(rusqlite::types::FromSqlError::Other(
                format!("unknown export schema {other} (this version writes 1 to 5)").into(),
            )),
        }
    }
}
