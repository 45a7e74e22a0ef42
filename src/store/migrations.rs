//! Versioned schema migrations, tracked in `PRAGMA user_version`. Append only: a released
//! migration is never edited; a change is a new entry.

use rusqlite::Connection;

const MIGRATIONS: &[&str] = &[
    // 1: the foundation.
    "CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE people (
        id TEXT PRIMARY KEY,
        official_name TEXT NOT NULL,
        first_name TEXT NOT NULL,
        birth_date TEXT,
        vn TEXT,
        sex INTEGER CHECK (sex IN (1, 2, 3)),
        nationality TEXT,
        language TEXT,
        residence_status TEXT NOT NULL DEFAULT 'none',
        commune_of_stay INTEGER,
        support_domicile INTEGER,
        phone TEXT,
        created_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX people_vn ON people (vn) WHERE vn IS NOT NULL;

    CREATE TABLE export_batches (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        target TEXT NOT NULL,
        format TEXT NOT NULL,
        visit_count INTEGER NOT NULL,
        sha256 TEXT,
        status TEXT NOT NULL,
        delivered_at TEXT
    ) STRICT;

    CREATE TABLE visits (
        id TEXT PRIMARY KEY,
        desk_id TEXT NOT NULL,
        staff_id TEXT NOT NULL,
        started_at TEXT NOT NULL,
        started_ms INTEGER NOT NULL,
        ended_at TEXT,
        kind TEXT NOT NULL,
        urgency TEXT NOT NULL,
        person_id TEXT REFERENCES people (id),
        topics TEXT NOT NULL DEFAULT '[]',
        stage_data TEXT NOT NULL DEFAULT '{}',
        consent_to_export INTEGER NOT NULL DEFAULT 0,
        waiting_seconds INTEGER,
        note TEXT,
        revision INTEGER NOT NULL DEFAULT 1,
        exported_batch TEXT REFERENCES export_batches (id),
        updated_at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX visits_started ON visits (started_ms);
    CREATE INDEX visits_pending_export ON visits (started_ms)
        WHERE person_id IS NOT NULL AND consent_to_export = 1 AND exported_batch IS NULL;

    CREATE TABLE referrals (
        id INTEGER PRIMARY KEY,
        visit_id TEXT NOT NULL REFERENCES visits (id) ON DELETE CASCADE,
        service_id TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        status TEXT NOT NULL,
        appointment_on TEXT,
        consent_to_share INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE INDEX referrals_visit ON referrals (visit_id);

    CREATE TABLE interpreter_use (
        visit_id TEXT PRIMARY KEY REFERENCES visits (id) ON DELETE CASCADE,
        language TEXT NOT NULL,
        mode TEXT NOT NULL CHECK (mode IN ('on-site', 'phone', 'video')),
        provider TEXT,
        minutes INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        visit_id TEXT,
        stage TEXT NOT NULL,
        data TEXT NOT NULL,
        updated_at TEXT NOT NULL
    ) STRICT;

    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        entity_id TEXT
    ) STRICT;",
    // 2: needs no service could meet, counted for the reports.
    "CREATE TABLE unmet_needs (
        id INTEGER PRIMARY KEY,
        recorded_at TEXT NOT NULL,
        recorded_ms INTEGER NOT NULL,
        desk_id TEXT NOT NULL,
        visit_id TEXT REFERENCES visits (id),
        searched_for TEXT NOT NULL DEFAULT '',
        reason TEXT NOT NULL
    ) STRICT;
    CREATE INDEX unmet_needs_recorded ON unmet_needs (recorded_ms);",
    // 3: the waiting queue, kept on disk so a restart loses nobody.
    "CREATE TABLE queue (
        id TEXT PRIMARY KEY,
        desk_id TEXT NOT NULL,
        checked_in_at TEXT NOT NULL,
        checked_in_ms INTEGER NOT NULL,
        label TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT '',
        urgency TEXT NOT NULL,
        language TEXT,
        interpreter_needed INTEGER NOT NULL DEFAULT 0,
        status TEXT NOT NULL CHECK (status IN ('waiting', 'taken', 'left')),
        ended_ms INTEGER,
        visit_id TEXT
    ) STRICT;
    CREATE INDEX queue_waiting ON queue (checked_in_ms) WHERE status = 'waiting';",
    // 4: returning visitors are found by name or AHV number through a full-text index that
    // ignores case and accents ("muller" finds "Müller"), with prefix indexes for typing.
    "CREATE VIRTUAL TABLE people_fts USING fts5(
        official_name, first_name, vn,
        content = 'people', content_rowid = 'rowid',
        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
    );
    CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
        INSERT INTO people_fts (rowid, official_name, first_name, vn)
        VALUES (new.rowid, new.official_name, new.first_name, new.vn);
    END;
    CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
        INSERT INTO people_fts (people_fts, rowid, official_name, first_name, vn)
        VALUES ('delete', old.rowid, old.official_name, old.first_name, old.vn);
    END;
    CREATE TRIGGER people_fts_update AFTER UPDATE ON people BEGIN
        INSERT INTO people_fts (people_fts, rowid, official_name, first_name, vn)
        VALUES ('delete', old.rowid, old.official_name, old.first_name, old.vn);
        INSERT INTO people_fts (rowid, official_name, first_name, vn)
        VALUES (new.rowid, new.official_name, new.first_name, new.vn);
    END;
    INSERT INTO people_fts (people_fts) VALUES ('rebuild');",
    // 5: corrections keep every earlier version of a visit.
    "CREATE TABLE visit_revisions (
        visit_id TEXT NOT NULL REFERENCES visits (id),
        revision INTEGER NOT NULL,
        replaced_at TEXT NOT NULL,
        record TEXT NOT NULL,
        PRIMARY KEY (visit_id, revision)
    ) STRICT;",
    // 6: a person's visit is found without a scan (returning visitors show when they came).
    "CREATE INDEX visits_person ON visits (person_id) WHERE person_id IS NOT NULL;",
    // 7: export. Identified visits with consent get an export sequence number as they are saved;
    // a batch of new visits covers a range of it, so exporting writes nothing per visit (a
    // million visits leave without rewriting a million rows). Visits carried in another version
    // than the first, and every visit of a correction batch, are listed in export_items.
    // The visit's person, interpreter and referrals carry the same number, so an export reads
    // the four tables side by side in that order instead of looking each visit's rows up.
    "ALTER TABLE visits ADD COLUMN export_seq INTEGER;
    UPDATE visits SET export_seq = rowid WHERE person_id IS NOT NULL AND consent_to_export = 1;
    CREATE UNIQUE INDEX visits_export_seq ON visits (export_seq) WHERE export_seq IS NOT NULL;
    ALTER TABLE people ADD COLUMN export_seq INTEGER;
    UPDATE people SET export_seq = (SELECT v.export_seq FROM visits v WHERE v.person_id = people.id);
    CREATE INDEX people_export_seq ON people (export_seq) WHERE export_seq IS NOT NULL;
    ALTER TABLE interpreter_use ADD COLUMN export_seq INTEGER;
    UPDATE interpreter_use
        SET export_seq = (SELECT v.export_seq FROM visits v WHERE v.id = interpreter_use.visit_id);
    CREATE INDEX interpreter_export_seq ON interpreter_use (export_seq) WHERE export_seq IS NOT NULL;
    ALTER TABLE referrals ADD COLUMN export_seq INTEGER;
    UPDATE referrals SET export_seq = (SELECT v.export_seq FROM visits v WHERE v.id = referrals.visit_id);
    CREATE INDEX referrals_export_seq ON referrals (export_seq, id) WHERE export_seq IS NOT NULL;
    CREATE INDEX visits_revised ON visits (export_seq) WHERE export_seq IS NOT NULL AND revision > 1;
    DROP INDEX visits_pending_export;
    ALTER TABLE export_batches ADD COLUMN action INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE export_batches ADD COLUMN test INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE export_batches ADD COLUMN header TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE export_batches ADD COLUMN first_seq INTEGER;
    ALTER TABLE export_batches ADD COLUMN last_seq INTEGER;
    CREATE TABLE export_items (
        batch_id TEXT NOT NULL REFERENCES export_batches (id) ON DELETE CASCADE,
        visit_id TEXT NOT NULL,
        revision INTEGER NOT NULL,
        previous_batch TEXT,
        PRIMARY KEY (batch_id, visit_id)
    ) STRICT, WITHOUT ROWID;
    CREATE INDEX export_items_visit ON export_items (visit_id, revision);",
    // 8: a batch records the version of its lines, so it is always written again in it; the
    // batches made before carry the first.
    "ALTER TABLE export_batches ADD COLUMN schema INTEGER NOT NULL DEFAULT 1;",
    // 9: the person across visits. Each visit keeps the person as recorded then (`people`);
    // `persons` is the one person those records belong to. The visits saved before are joined
    // to persons by `join_persons` below.
    "CREATE TABLE persons (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        merged_into TEXT REFERENCES persons (id)
    ) STRICT;
    ALTER TABLE people ADD COLUMN person_key TEXT REFERENCES persons (id);
    CREATE INDEX people_person_key ON people (person_key) WHERE person_key IS NOT NULL;",
    // 10: what finds a person again quickly. `name_key` holds the names folded (case and accents
    // aside) for the duplicate check on save; a person keeps the competence answer of their
    // latest visit that had one, for the worklist of upcoming changes; merges are kept so a
    // split can undo exactly what a merge moved. Filled by `fill_person_keys` below.
    "ALTER TABLE people ADD COLUMN name_key TEXT;
    CREATE INDEX people_name_key ON people (name_key) WHERE person_key IS NOT NULL;
    ALTER TABLE persons ADD COLUMN revision INTEGER NOT NULL DEFAULT 1;
    ALTER TABLE persons ADD COLUMN competence TEXT;
    ALTER TABLE persons ADD COLUMN competence_at TEXT;
    ALTER TABLE persons ADD COLUMN competence_ms INTEGER;
    CREATE TABLE person_merges (
        id TEXT PRIMARY KEY,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        kept TEXT NOT NULL REFERENCES persons (id),
        merged TEXT NOT NULL REFERENCES persons (id),
        records TEXT NOT NULL,
        split_at TEXT
    ) STRICT;
    CREATE INDEX person_merges_merged ON person_merges (merged) WHERE split_at IS NULL;",
    // 11: the duplicate check finds names with a birth date (or year and commune) in the index
    // itself, however common the names; a person keeps the day of the next change their latest
    // answer gave, so the worklist of upcoming changes works out again only those who have one.
    "DROP INDEX people_name_key;
    CREATE INDEX people_likeness ON people (name_key, birth_date, commune_of_stay)
        WHERE person_key IS NOT NULL;
    ALTER TABLE persons ADD COLUMN next_change_on TEXT;
    UPDATE persons SET next_change_on = json_extract(competence, '$.next_change.on');
    CREATE INDEX persons_next_change ON persons (next_change_on) WHERE next_change_on IS NOT NULL;",
    // 12: the names compared as passports spell umlauts (ae for ä) and without spaces or
    // hyphens (Jean Marc, Jean-Marc): `name_key` is written again by `fill_name_keys`.
    "UPDATE people SET name_key = NULL;",
    // 13: what staff correct or complete in the directory, laid over the shipped and imported
    // data (never written into it): every correction kept, the latest of a field counts.
    "CREATE TABLE service_corrections (
        id INTEGER PRIMARY KEY,
        service_id TEXT NOT NULL,
        field TEXT NOT NULL,
        value TEXT NOT NULL,
        staff TEXT NOT NULL,
        at TEXT NOT NULL
    ) STRICT;
    CREATE INDEX service_corrections_service ON service_corrections (service_id, field, id);",
    // 14: staff accounts (PINs as Argon2id hashes only) and the audit trail: append-only (the
    // triggers refuse changes and deletions), each entry hashed over the one before, so a changed
    // or removed entry shows. The entries of the old log are chained into it by `chain_old_log`.
    "CREATE TABLE staff (
        id TEXT PRIMARY KEY COLLATE NOCASE,
        role TEXT NOT NULL CHECK (role IN ('reception', 'social-worker', 'admin')),
        pin_hash TEXT NOT NULL,
        created_at TEXT NOT NULL,
        created_by TEXT,
        disabled_at TEXT,
        failed_count INTEGER NOT NULL DEFAULT 0,
        wait_until_ms INTEGER
    ) STRICT;
    CREATE TABLE audit_trail (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        at_ms INTEGER NOT NULL,
        staff TEXT NOT NULL,
        action TEXT NOT NULL,
        entity TEXT NOT NULL,
        record_ids TEXT NOT NULL,
        detail TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL
    ) STRICT;
    CREATE INDEX audit_trail_staff ON audit_trail (staff, seq);
    CREATE INDEX audit_trail_at ON audit_trail (at_ms);
    CREATE TRIGGER audit_trail_no_update BEFORE UPDATE ON audit_trail BEGIN
        SELECT RAISE(ABORT, 'the audit trail is append-only: entries cannot be changed');
    END;
    CREATE TRIGGER audit_trail_no_delete BEFORE DELETE ON audit_trail BEGIN
        SELECT RAISE(ABORT, 'the audit trail is append-only: entries cannot be deleted');
    END;
    ALTER TABLE export_batches ADD COLUMN staff_id TEXT;",
    // 15: retention. A visit whose personal data was purged says when; the name index forgets
    // what is deleted at once (FTS5 secure-delete) instead of at its next merge.
    "ALTER TABLE visits ADD COLUMN purged_at TEXT;
    CREATE INDEX visits_unpurged ON visits (started_ms) WHERE purged_at IS NULL;
    INSERT INTO people_fts (people_fts, rank) VALUES ('secure-delete', 1);",
    // 16: the audit trail's two indexes served no query (its filters are read in one pass over
    // the trail) and cost every save two page writes.
    "DROP INDEX audit_trail_staff;
    DROP INDEX audit_trail_at;",
    // 17: a name written in another script (Arabic, Ethiopic, Cyrillic …) keeps a Latin
    // consonant skeleton of itself, which staff's Latin spelling finds; filled by `fill_latin_keys`.
    "ALTER TABLE people ADD COLUMN latin TEXT NOT NULL DEFAULT '';",
    // 18: the name index holds that skeleton too.
    "DROP TRIGGER people_fts_insert;
    DROP TRIGGER people_fts_delete;
    DROP TRIGGER people_fts_update;
    DROP TABLE people_fts;
    CREATE VIRTUAL TABLE people_fts USING fts5(
        official_name, first_name, vn, latin,
        content = 'people', content_rowid = 'rowid',
        tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
    );
    CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
        INSERT INTO people_fts (rowid, official_name, first_name, vn, latin)
        VALUES (new.rowid, new.official_name, new.first_name, new.vn, new.latin);
    END;
    CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
        INSERT INTO people_fts (people_fts, rowid, official_name, first_name, vn, latin)
        VALUES ('delete', old.rowid, old.official_name, old.first_name, old.vn, old.latin);
    END;
    CREATE TRIGGER people_fts_update AFTER UPDATE ON people BEGIN
        INSERT INTO people_fts (people_fts, rowid, official_name, first_name, vn, latin)
        VALUES ('delete', old.rowid, old.official_name, old.first_name, old.vn, old.latin);
        INSERT INTO people_fts (rowid, official_name, first_name, vn, latin)
        VALUES (new.rowid, new.official_name, new.first_name, new.vn, new.latin);
    END;
    INSERT INTO people_fts (people_fts) VALUES ('rebuild');
    INSERT INTO people_fts (people_fts, rank) VALUES ('secure-delete', 1);",
];

/// Work a migration does that SQL alone cannot, run after its SQL, by the version it ends at.
fn after(version: i64, tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    match version {
        9 => join_persons(tx),
        10 => fill_person_keys(tx),
        12 => fill_name_keys(tx),
        14 => super::audit::chain_old_log(tx),
        17 => fill_latin_keys(tx),
        _ => Ok(()),
    }
}

/// Joins the person records of the visits saved before version 9 into persons: records with the
/// same AHV number, or the same names (folded: case and accents aside) and the same full birth
/// date, are one person; every other record is a person of its own. Nothing else joins them.
fn join_persons(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    struct Record {
        id: String,
        vn: Option<String>,
        names: String,
        birth: Option<String>,
    }
    let records: Vec<Record> = tx
        .prepare("SELECT id, vn, official_name, first_name, birth_date FROM people ORDER BY rowid")?
        .query_map([], |r| {
            let official: String = r.get(2)?;
            let first: String = r.get(3)?;
            let birth: Option<String> = r.get(4)?;
            Ok(Record {
                id: r.get(0)?,
                vn: r.get(1)?,
                names: format!(
                    "{}\u{1f}{}",
                    crate::text::fold(&official),
                    crate::text::fold(&first)
                ),
                // Only a full date joins: a year alone is shared by too many.
                birth: birth.filter(|b| b.len() == 10),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    // Union-find over the records: a shared AHV number or names-and-date joins two.
    let mut parent: Vec<usize> = (0..records.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut by_vn = std::collections::HashMap::new();
    let mut by_names = std::collections::HashMap::new();
    for (i, record) in records.iter().enumerate() {
        let join = |other: Option<usize>, parent: &mut Vec<usize>| {
            if let Some(j) = other {
                let (a, b) = (root(parent, i), root(parent, j));
                parent[a.max(b)] = a.min(b);
            }
        };
        if let Some(vn) = &record.vn {
            join(by_vn.insert(vn.clone(), i), &mut parent);
        }
        if let Some(birth) = &record.birth {
            join(
                by_names.insert((record.names.clone(), birth.clone()), i),
                &mut parent,
            );
        }
    }
    let now = super::now_rfc3339();
    let mut keys: std::collections::HashMap<usize, String> = std::collections::HashMap::new();
    let mut insert = tx.prepare("INSERT INTO persons (id, created_at) VALUES (?1, ?2)")?;
    let mut link = tx.prepare("UPDATE people SET person_key = ?1 WHERE id = ?2")?;
    for (i, record) in records.iter().enumerate() {
        let group = root(&mut parent, i);
        let key = match keys.get(&group) {
            Some(key) => key.clone(),
            None => {
                let key = uuid::Uuid::now_v7().to_string();
                insert.execute(rusqlite::params![key, now])?;
                keys.insert(group, key.clone());
                key
            }
        };
        link.execute(rusqlite::params![key, record.id])?;
    }
    Ok(())
}

/// Writes every record's names as the duplicate check compares them ([`super::persons::name_key`]).
fn fill_name_keys(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    let names: Vec<(i64, String, String)> = tx
        .prepare("SELECT rowid, official_name, first_name FROM people")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare("UPDATE people SET name_key = ?2 WHERE rowid = ?1")?;
    for (rowid, official, first) in names {
        update.execute(rusqlite::params![
            rowid,
            super::persons::name_key(&official, &first)
        ])?;
    }
    Ok(())
}

/// Writes the Latin skeleton of every record whose names are in another script.
fn fill_latin_keys(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    let names: Vec<(i64, String, String)> = tx
        .prepare("SELECT rowid, official_name, first_name FROM people")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare("UPDATE people SET latin = ?2 WHERE rowid = ?1")?;
    for (rowid, official, first) in names {
        let latin = super::persons::latin_of(&official, &first);
        if !latin.is_empty() {
            update.execute(rusqlite::params![rowid, latin])?;
        }
    }
    Ok(())
}

/// Fills what version 10 keeps for finding persons: every record's folded names (as version 12
/// writes them again), and every person's latest competence answer.
fn fill_person_keys(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    fill_name_keys(tx)?;
    // As version 10 had it (version 11 adds the day of the next change): a migration's work
    // stays what it was when released.
    tx.execute_batch(
        "UPDATE persons SET (competence, competence_at, competence_ms) = (
            SELECT json_extract(v.stage_data, '$.competence'), v.started_at, v.started_ms
            FROM people p JOIN visits v ON v.person_id = p.id
            WHERE p.person_key = persons.id
              AND json_extract(v.stage_data, '$.competence.inputs') IS NOT NULL
            ORDER BY v.started_ms DESC, v.rowid DESC LIMIT 1)",
    )
}

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Applies the missing migrations, all in one transaction.
pub fn migrate(conn: &Connection) -> rusqlite::Result<()> {
    migrate_to(conn, SCHEMA_VERSION)
}

/// Makes a database file as version `version` of intake-desk made it (before the application
/// id), for the tests of migrations.
#[doc(hidden)]
pub fn build_old_schema(path: &std::path::Path, version: i64) {
    let conn = Connection::open(path).expect("a new database");
    // Encrypted when the process has a key, as every database it makes.
    super::key::apply(&conn, super::key::current().as_ref()).expect("the key is taken");
    migrate_to(&conn, version).expect("the old migrations run");
}

/// Applies the migrations up to `target` (tests use it to build a database of an older version).
fn migrate_to(conn: &Connection, target: i64) -> rusqlite::Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current >= target {
        return Ok(());
    }
    let tx = conn.unchecked_transaction()?;
    for (at, sql) in MIGRATIONS[current as usize..target as usize]
        .iter()
        .enumerate()
    {
        tx.execute_batch(sql)?;
        after(current + at as i64 + 1, &tx)?;
    }
    tx.pragma_update(None, "user_version", target)?;
    tx.commit()
}

#[cfg(test)]
mod tests;
