//! An export run in the background for the interface: on a connection of its own, so the desk
//! goes on saving while it writes; progress and the outcome come back through a channel.

use super::{ExportOptions, Step};
use std::sync::mpsc::{Receiver, channel};

/// What the export thread reports.
#[derive(Debug)]
pub enum JobMessage {
    /// Another export holds the folder; this one waits for it.
    Waiting,
    Progress(u64, u64),
    /// Visits and batches written, or what went wrong.
    Done(Result<(u64, usize), String>),
}

/// Runs an export on its own connection in a thread; progress comes back every 1,000 visits.
pub fn start(opener: crate::store::Opener, options: ExportOptions) -> Receiver<JobMessage> {
    let (sender, receiver) = channel();
    std::thread::spawn(move || {
        let outcome = (|| -> anyhow::Result<(u64, usize)> {
            let mut store = opener.open()?;
            let progress_sender = sender.clone();
            let report = crate::export::run(&mut store, &options, &mut |step| match step {
                Step::Waiting(_) => {
                    let _ = progress_sender.send(JobMessage::Waiting);
                }
                Step::Written(done, total) => {
                    if done % 1000 == 0 || done == total {
                        let _ = progress_sender.send(JobMessage::Progress(done, total));
                    }
                }
            })?;
            if let Some(refused) = report.refused {
                anyhow::bail!("{refused}");
            }
            if let Some(redirected) = report.redirected {
                anyhow::bail!("{redirected}");
            }
            if let Some(unreachable) = report.unreachable {
                anyhow::bail!("{unreachable}");
            }
            let count: u64 = report.batches.iter().map(|b| b.count).sum();
            Ok((count, report.batches.len()))
        })();
        let _ = sender.send(JobMessage::Done(outcome.map_err(|e| format!("{e:#}"))));
    });
    receiver
}
