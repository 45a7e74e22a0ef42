//! What the state asks the loop to do: work it cannot do itself (see `effects`).

/// What follows when a visitor is taken from the queue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterQueue {
    /// Nothing: the visitor left unseen.
    Nothing,
    /// An information visit (the fast path).
    Information,
    /// The guided intake, all five stages.
    Intake,
    /// Handed over at once to the social worker on duty.
    UrgentHandover,
}

/// Work for the loop that the state cannot do itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Remember the interface language for the next start.
    SaveLanguage(String),
    /// Put a phone number on the clipboard (`None`: the service has none).
    CopyPhone(Option<String>),
    /// Write (and print, if configured) a referral slip.
    WriteSlip {
        service: String,
        visitor_lang: Option<crate::domain::LanguageCode>,
        /// The language the visitor reads second.
        visitor_second: Option<crate::domain::LanguageCode>,
    },
    /// Write (and print, if configured) the written copy of the topics marked for it.
    WriteCopy {
        topics: Vec<String>,
        visitor_lang: Option<crate::domain::LanguageCode>,
        visitor_second: Option<crate::domain::LanguageCode>,
    },
    /// Read a person's dossier (by their stable id).
    OpenDossier(String),
    /// Find the recorded persons who resemble a dossier's person (to merge one into it).
    FindLookAlikes {
        key: String,
        likeness: crate::store::Likeness,
    },
    /// Keep corrections of a service (an empty `Checked` value: today).
    CorrectService {
        service_id: String,
        changes: Vec<(crate::store::ServiceField, String)>,
    },
    /// Merge the person `merged` into `kept` (confirmed).
    MergePersons { kept: String, merged: String },
    /// The appointment made with a referral's service (intake stage 4).
    SetAppointment {
        service_id: String,
        on: chrono::NaiveDate,
    },
    /// Record that no service fits, with the reason.
    RecordUnmetNeed {
        searched_for: String,
        reason: String,
    },
    /// Save a finished visit; the intake's draft, if any, is discarded once the visit is safe.
    SaveVisit {
        visit: Box<crate::domain::Visit>,
        draft: Option<String>,
    },
    /// Read the latest visits for the History screen.
    LoadHistory,
    /// Add a visitor to the queue.
    CheckIn(crate::store::QueueEntry),
    /// Store the intake as it stands.
    SaveDraft {
        id: String,
        stage: String,
        data: String,
    },
    /// Throw an unfinished intake away.
    DiscardDraft(String),
    /// Show a notice in the status line.
    Notice(String),
    /// Select the next row of the list shown that holds this text (`/`).
    Find(String),
    /// Look returning visitors up for the intake's name or AHV field.
    LookupReturning(String),
    /// Read what is due and the batches for the Export screen.
    LoadExport,
    /// Compute a month's figures for the Reports screen.
    LoadReport(crate::report::Period),
    /// Read the persons whose responsibility changes in the coming days (Reports screen).
    LoadChanges,
    /// Start an export in the background.
    StartExport,
    /// Read a saved visit for the History screen.
    OpenVisit(String),
    /// Append a follow-up note to a saved visit (kept as a revision).
    AddFollowUpNote { visit_id: String, text: String },
    /// Write the desk's settings into the configuration file.
    SaveSettings(crate::config::DeskSettings),
    /// Check a PIN against the staff accounts.
    SignIn { name: String, pin: String },
    /// Make the first admin of a database without staff (and sign them in).
    CreateFirstAdmin { name: String, pin: String },
    /// Append to the audit trail (a lock, a sign-out).
    Audit(crate::store::NewAuditEntry),
    /// A visitor noted as gone unseen goes back into the queue (undo).
    ReopenQueueEntry { id: String, label: String },
    /// A visitor leaves the queue: taken into a visit, or gone unseen.
    EndQueueEntry {
        id: String,
        exit: crate::store::QueueExit,
        then: AfterQueue,
    },
}
