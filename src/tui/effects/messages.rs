//! The messages between the UI thread and the worker: a [`Job`] carries everything its I/O
//! needs, an [`Event`] what came of it.

use super::AfterQueue;
use crate::store::{QueueEntry, QueueExit, VisitFilter};
use std::path::PathBuf;

/// An effect with everything its I/O needs.
pub enum Job {
    SaveLanguage(String),
    WriteSlip {
        service: String,
        lang: String,
        visitor_lang: Option<crate::domain::LanguageCode>,
        /// The language the visitor reads second.
        visitor_second: Option<crate::domain::LanguageCode>,
        slips_dir: PathBuf,
        print_command: Option<String>,
        /// The SMZ/CMS issuing the slip (a region id).
        centre: Option<String>,
        today: chrono::NaiveDate,
        at: chrono::DateTime<chrono::FixedOffset>,
        /// Whom it is for and why (the visitor being served), when known.
        recipient: crate::slip::SlipFor,
        /// Who writes it: a slip with a name is a disclosure, in the audit trail.
        staff: String,
    },
    WriteCopy {
        topics: Vec<String>,
        lang: String,
        visitor_lang: Option<crate::domain::LanguageCode>,
        visitor_second: Option<crate::domain::LanguageCode>,
        slips_dir: PathBuf,
        print_command: Option<String>,
        centre: Option<String>,
        today: chrono::NaiveDate,
        at: chrono::DateTime<chrono::FixedOffset>,
    },
    RecordUnmetNeed(crate::store::UnmetNeed),
    /// Saved in the name of the visit's `staff_id`.
    SaveVisit {
        visit: Box<crate::domain::Visit>,
        draft: Option<String>,
    },
    SearchVisits(VisitFilter),
    CheckIn {
        desk: String,
        entry: QueueEntry,
    },
    ReopenQueueEntry {
        id: String,
        label: String,
    },
    EndQueueEntry {
        entry: Option<QueueEntry>,
        id: String,
        exit: QueueExit,
        then: AfterQueue,
        /// When the visitor left the queue (milliseconds since the epoch).
        at_ms: i64,
    },
    SaveDraft {
        id: String,
        stage: String,
        data: String,
    },
    DiscardDraft(String),
    LookupReturning(String),
    LoadExport,
    LoadChanges {
        today: chrono::NaiveDate,
    },
    LoadReport {
        period: crate::report::Period,
        today: chrono::NaiveDate,
    },
    /// Opened by `staff` (an audited read).
    OpenVisit {
        id: String,
        staff: String,
    },
    OpenDossier {
        key: String,
        staff: String,
    },
    SignIn {
        name: String,
        pin: String,
    },
    CreateFirstAdmin {
        name: String,
        pin: String,
    },
    Audit(crate::store::NewAuditEntry),
    FindLookAlikes {
        key: String,
        likeness: crate::store::Likeness,
    },
    MergePersons {
        kept: String,
        merged: String,
        staff: String,
    },
    CorrectService {
        service_id: String,
        changes: Vec<(crate::store::ServiceField, String)>,
        staff: String,
    },
    AddFollowUpNote {
        visit_id: String,
        text: String,
        staff: String,
    },
    SaveSettings {
        file: PathBuf,
        settings: crate::config::DeskSettings,
    },
}

impl Job {
    /// Whether the keys that follow depend on its answer (it changes the screen or the list the
    /// next key acts on): such keys wait, in order, until it has answered. Reads and drafts don't.
    pub fn holds_keys(&self) -> bool {
        matches!(
            self,
            Job::SaveVisit { .. }
                | Job::SignIn { .. }
                | Job::CreateFirstAdmin { .. }
                | Job::CheckIn { .. }
                | Job::EndQueueEntry { .. }
                | Job::ReopenQueueEntry { .. }
                | Job::AddFollowUpNote { .. }
        )
    }
}

/// What came of a job: the data read, or what failed (an interface text key and the error).
pub enum Event {
    /// A job that only tells when it fails.
    Done,
    /// The PIN was right: who is at the desk now.
    SignedIn(crate::staff::SignedIn),
    /// Why the sign-in was refused (a wrong PIN, the wait, a disabled account).
    SignInRefused(crate::staff::SignInError),
    /// The first admin could not be made (the reason as the store gave it).
    FirstAdminRefused(String),
    Failed {
        what: &'static str,
        error: String,
    },
    /// A check-in that could not be saved: the form comes back with what was typed.
    CheckInFailed {
        entry: QueueEntry,
        error: String,
    },
    /// A follow-up note that could not be saved: the note window comes back with its text.
    NoteFailed {
        visit_id: String,
        text: String,
        error: String,
    },
    SlipWritten {
        /// The service, and the record of the slip for its referral.
        service: String,
        slip: crate::domain::SlipWritten,
        path: PathBuf,
        printed: Option<Result<String, String>>,
    },
    /// The written copy of these topics was written (and printed).
    CopyWritten {
        topics: Vec<String>,
        copy: crate::domain::SlipWritten,
        path: PathBuf,
        printed: Option<Result<String, String>>,
    },
    UnmetNeedRecorded(u64),
    /// The visit was not saved: its person resembles someone recorded (staff choose).
    SamePerson {
        visit: Box<crate::domain::Visit>,
        draft: Option<String>,
        candidates: Vec<crate::store::Resemblance>,
    },
    VisitSaved {
        kind: crate::domain::VisitKind,
        topics: usize,
        draft: Option<String>,
        /// Visits due for export now; a count that could not be read is read again.
        pending_exports: Result<u64, String>,
    },
    HistoryLoaded(Vec<crate::store::VisitSummary>),
    CheckedIn {
        label: String,
        queue: Result<Vec<QueueEntry>, String>,
    },
    /// What `/` looked for, to select in the list shown.
    Find(String),
    QueueReopened {
        label: String,
        /// False when the visitor was no longer noted as gone (another desk, a purge).
        reopened: bool,
        queue: Result<Vec<QueueEntry>, String>,
    },
    QueueEnded {
        entry: Option<QueueEntry>,
        exit: QueueExit,
        then: AfterQueue,
        waited: Option<u32>,
        queue: Result<Vec<QueueEntry>, String>,
    },
    ReturningFound(crate::store::Returning),
    ExportLoaded {
        pending: u64,
        outbox: u64,
        batches: Vec<crate::store::BatchInfo>,
    },
    ReportLoaded(Box<crate::report::Figures>),
    ChangesLoaded(Vec<crate::persons::Upcoming>),
    VisitOpened(Option<Box<(crate::store::VisitRecord, usize)>>),
    NoteAdded {
        visit_id: String,
        revision: u32,
    },
    SettingsSaved(crate::config::DeskSettings),
    /// A person's visits, read for the dossier.
    DossierOpened(Vec<crate::store::VisitRecord>),
    LookAlikes {
        key: String,
        found: Vec<crate::store::Resemblance>,
    },
    /// The directory corrections in force after a correction, or why it was not kept.
    ServiceCorrected(Result<Vec<crate::store::ServiceCorrection>, String>),
    /// A merge done (the kept person's dossier opens again) or why not.
    PersonsMerged(Result<crate::store::Merge, String>),
    /// An appointment was entered for a referral of the intake.
    AppointmentSet {
        service_id: String,
        on: chrono::NaiveDate,
    },
    /// Events of the loop itself, not of a job: a notice, the phone put on the clipboard (or
    /// none known), an export begun in the background, the damage check's finding, whether
    /// answers are awaited.
    Notice(String),
    PhoneCopied(Option<String>),
    ExportStarted(std::sync::mpsc::Receiver<crate::tui::screens::export::JobMessage>),
    Damaged(String),
    Working(bool),
}
