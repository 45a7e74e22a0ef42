//! Looking after the file itself: a full integrity check, and a consistent copy made while the
//! desk may go on working (SQLite's online backup).

use super::Store;
use std::path::Path;

impl Store {
    /// SQLite's quick check of the file at `path` on a connection of its own: `Some(problem)`
    /// when it is damaged.
    pub fn damage(path: &Path) -> Option<String> {
        // A file that cannot even be opened to check is not taken to be sound.
        let check = |page_hmac: &str| -> rusqlite::Result<String> {
            let conn = rusqlite::Connection::open_with_flags(
                path,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY
                    | rusqlite::OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            super::key::apply_with(&conn, super::key::current().as_ref(), page_hmac)?;
            conn.query_row("PRAGMA quick_check(1)", [], |r| r.get(0))
        };
        let not_a_database =
            |e: &rusqlite::Error| e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase);
        match super::key::in_either_layout(check, not_a_database) {
            Ok(first) if first == "ok" => None,
            Ok(first) => Some(super::open::one_line(&first)),
            Err(e) => Some(e.to_string()),
        }
    }

    /// Refuses every write from now on (SQLite's `query_only`): for a database found damaged.
    pub fn stop_writing(&self) {
        let _ = self.conn.pragma_update(None, "query_only", true);
    }

    /// SQLite's full integrity check: every page, every index against its table. Empty when
    /// the database is intact, else the problems found (at most `limit`).
    pub fn integrity_problems(&self, limit: u32) -> super::Result<Vec<String>> {
        let check = |pragma: &str, limit: u32| -> rusqlite::Result<Vec<String>> {
            let mut statement = self.conn.prepare(&format!("PRAGMA {pragma}({limit})"))?;
            let rows: Vec<String> = statement
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            Ok(rows.into_iter().filter(|r| r != "ok").collect())
        };
        let corrupt = |e: &rusqlite::Error| {
            e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseCorrupt)
        };
        // Damage bad enough to stop the full check is a finding, not a failure: the quick check
        // (pages only, stopping at the first problem) then says where it is.
        let found = match check("integrity_check", limit) {
            Err(e) if corrupt(&e) => match check("quick_check", 1) {
                Ok(rows) if !rows.is_empty() => Ok(rows),
                Err(quick) if !corrupt(&quick) => Err(quick),
                _ => Ok(vec![e.to_string()]),
            },
            other => other,
        };
        Ok(found?)
    }

    /// Copies the database page by page into `target`, a new file created readable by its owner
    /// only; the copy is consistent even while other processes write.
    /// The copy is made under a hidden name beside `target` and renamed when complete, so a copy
    /// stopped half-way never stands under the name asked for.
    pub fn backup_to(&self, target: &Path) -> anyhow::Result<()> {
        let name = target
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or_else(|| anyhow::anyhow!("{}: give a file name", target.display()))?;
        let partial = target.with_file_name(format!(".{name}.partial"));
        let _ = std::fs::remove_file(&partial);
        let _ = std::fs::remove_file(partial.with_file_name(format!(".{name}.partial-journal")));
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        options
            .open(&partial)
            .map_err(|e| anyhow::anyhow!("cannot create {}: {e}", partial.display()))?;
        let copied = (|| -> rusqlite::Result<()> {
            let mut copy = rusqlite::Connection::open(&partial)?;
            // An encrypted database is copied encrypted, with the same key.
            match super::key::page_hmac_of(&self.conn)? {
                Some(page_hmac) => {
                    super::key::apply_with(&copy, super::key::current().as_ref(), &page_hmac)?
                }
                None => super::key::apply(&copy, None)?,
            }
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut copy)?;
            backup.run_to_completion(1024, std::time::Duration::from_millis(5), None)?;
            drop(backup);
            // The copy stands alone: no write-ahead log beside it.
            copy.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
            Ok(())
        })();
        if let Err(e) = copied {
            let _ = std::fs::remove_file(&partial);
            anyhow::bail!("the copy to {} failed: {e}", target.display());
        }
        // A file that appeared meanwhile under the name is not replaced; where the file system
        // has no links, a rename (which would replace one) after a last look.
        match std::fs::hard_link(&partial, target) {
            Ok(()) => std::fs::remove_file(&partial)?,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                let _ = std::fs::remove_file(&partial);
                anyhow::bail!(
                    "{} appeared meanwhile; it was not replaced",
                    target.display()
                );
            }
            Err(_) if !target.exists() => std::fs::rename(&partial, target)?,
            Err(e) => anyhow::bail!("cannot create {}: {e}", target.display()),
        }
        Ok(())
    }
}

impl Store {
    /// Writes the whole database into `target` (a new, empty file of the owner's) encrypted with
    /// `key` (`None`: plain), schema version and application id included, with SQLCipher's
    /// export; the write-ahead log is checkpointed into this file first.
    pub fn export_with_key(&self, target: &Path, key: Option<&super::DbKey>) -> super::Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        self.conn.execute(
            "ATTACH DATABASE ?1 AS rekeyed KEY ?2",
            (
                target.to_string_lossy(),
                key.map_or("", super::DbKey::passphrase),
            ),
        )?;
        let exported = (|| -> rusqlite::Result<()> {
            // Written anew in the current page layout, whatever the source's.
            if key.is_some() {
                self.conn.pragma_update(
                    Some("rekeyed"),
                    "cipher_hmac_algorithm",
                    super::key::PAGE_HMAC,
                )?;
            }
            self.conn
                .query_row("SELECT sqlcipher_export('rekeyed')", [], |_| Ok(()))?;
            self.conn
                .pragma_update(Some("rekeyed"), "user_version", version)?;
            self.conn
                .pragma_update(Some("rekeyed"), "application_id", super::APPLICATION_ID)?;
            Ok(())
        })();
        let detached = self.conn.execute_batch("DETACH DATABASE rekeyed");
        exported?;
        Ok(detached?)
    }
}
