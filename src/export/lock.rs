//! One export at a time per folder: an exclusive lock on a file in the folder, held for the whole
//! run (two desks, a cron job and a person, a double Enter). The operating system drops the lock
//! when the process ends, however it ends, so a killed run never blocks the next one.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file's name in an export or outbox folder.
pub const LOCK_FILE: &str = ".intake-desk-export.lock";

/// Another export holds the folder and did not finish within the wait.
#[derive(Debug, thiserror::Error)]
#[error(
    "another export into {dir} is still running (waited {waited_s} s); nothing was written. Try again when it has finished."
)]
pub struct Busy {
    pub dir: PathBuf,
    pub waited_s: u64,
}

/// Held while an export works in a folder; dropping it releases the folder.
#[derive(Debug)]
pub struct FolderLock {
    _file: File,
}

impl FolderLock {
    /// Takes the folder's lock, waiting at most `wait` for a running export to finish;
    /// `on_wait` is called once if the folder is busy at first.
    pub fn acquire(
        dir: &Path,
        wait: Duration,
        on_wait: &mut dyn FnMut(),
    ) -> anyhow::Result<FolderLock> {
        let path = dir.join(LOCK_FILE);
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            // Never through a link: a link planted in a shared folder would make the run write
            // into the file it points to.
            options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
        }
        let mut file = options
            .open(&path)
            .map_err(|e| anyhow::anyhow!("cannot open the lock file {}: {e}", path.display()))?;
        let started = Instant::now();
        let mut told = false;
        loop {
            match file.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) => {
                    if !told {
                        on_wait();
                        told = true;
                    }
                    if started.elapsed() >= wait {
                        return Err(Busy {
                            dir: dir.to_path_buf(),
                            waited_s: started.elapsed().as_secs(),
                        }
                        .into());
                    }
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(TryLockError::Error(e)) => {
                    anyhow::bail!("cannot lock {}: {e}", path.display())
                }
            }
        }
        // Who holds it, for a person looking at the folder; the lock itself is what counts.
        let _ = file.set_len(0);
        let _ = writeln!(file, "{}", std::process::id());
        Ok(FolderLock { _file: file })
    }
}

/// Whether a live export holds the folder now.
pub fn in_use(dir: &Path) -> bool {
    let Ok(file) = File::open(dir.join(LOCK_FILE)) else {
        return false;
    };
    matches!(file.try_lock(), Err(TryLockError::WouldBlock))
}
