//! Ending cleanly on SIGTERM and SIGHUP (the terminal window closed, the session logged out).
//!
//! A signal asks the event loop to stop. But when the terminal itself is gone, crossterm's
//! reader can spin on end-of-file without ever returning to the loop (crossterm issue #793), so
//! a watchdog gives the loop a moment and otherwise restores what it can and exits. Nothing is
//! lost by exiting: every save is its own committed transaction.

use signal_hook::consts::{SIGHUP, SIGTERM};
use signal_hook::iterator::{Handle, Signals};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};
use std::time::Duration;

/// How long the event loop has to notice a stop request before the process ends anyway.
const GRACE: Duration = Duration::from_millis(600);

pub struct Shutdown {
    /// Set when a signal asked the loop to stop.
    pub requested: Arc<AtomicBool>,
    finished: Arc<AtomicBool>,
    handle: Handle,
    watchdog: Option<JoinHandle<()>>,
}

impl Shutdown {
    pub fn install() -> std::io::Result<Shutdown> {
        let requested = Arc::new(AtomicBool::new(false));
        let finished = Arc::new(AtomicBool::new(false));
        let mut signals = Signals::new([SIGTERM, SIGHUP])?;
        let handle = signals.handle();
        let watchdog = {
            let requested = Arc::clone(&requested);
            let finished = Arc::clone(&finished);
            thread::spawn(move || {
                // The iterator ends when `handle.close()` is called on a normal exit.
                if let Some(signal) = signals.forever().next() {
                    requested.store(true, Ordering::SeqCst);
                    thread::sleep(GRACE);
                    if !finished.load(Ordering::SeqCst) {
                        ratatui::restore();
                        std::process::exit(128 + signal);
                    }
                }
            })
        };
        Ok(Shutdown {
            requested,
            finished,
            handle,
            watchdog: Some(watchdog),
        })
    }

    pub fn is_requested(&self) -> bool {
        self.requested.load(Ordering::SeqCst)
    }
}

impl Drop for Shutdown {
    /// The loop has ended: tell the watchdog, and stop it if no signal came.
    fn drop(&mut self) {
        self.finished.store(true, Ordering::SeqCst);
        self.handle.close();
        if let Some(watchdog) = self.watchdog.take()
            && !self.is_requested()
        {
            let _ = watchdog.join();
        }
    }
}
