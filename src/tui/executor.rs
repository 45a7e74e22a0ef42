//! The worker that owns the store: jobs go to it through a channel and their answers come back
//! as events, so typing is never held up by the disk (or, later, by a database server). Jobs
//! run in the order they were asked for; when the interface ends, the worker finishes every
//! job already asked for (a visit being saved is never dropped) before the program exits.

use super::effects::{Event, Job, perform};
use crate::catalog::Catalog;
use crate::store::Store;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// For the test that proves the interface does not wait: every job takes this long
/// (`INTAKE_DESK_EFFECT_DELAY_MS`).
const DELAY_ENV: &str = "INTAKE_DESK_EFFECT_DELAY_MS";

pub enum Work {
    /// Boxed: jobs differ much in size and the channel holds many.
    Job(Box<Job>),
    /// Wait for the damage check before the next job (`true`: damaged, refuse every write): a
    /// sign-in typed before the check answered would otherwise write into a damaged file
    /// (keyed, the check's own connection first derives the key, about 0.1 s).
    AwaitCheck(Receiver<bool>),
}

pub struct Executor {
    jobs: Option<Sender<Work>>,
    events: Receiver<Event>,
    worker: Option<JoinHandle<()>>,
    /// For each job asked for and not answered, oldest first: whether keys wait for it.
    in_flight: std::collections::VecDeque<bool>,
    /// For work that needs a connection of its own (the export).
    opener: crate::store::Opener,
}

impl Executor {
    pub fn spawn(mut store: Store, catalog: Catalog) -> Executor {
        let opener = store.opener();
        let (jobs, inbox) = channel::<Work>();
        let (answers, events) = channel();
        let delay = std::env::var(DELAY_ENV)
            .ok()
            .and_then(|ms| ms.parse().ok())
            .map(Duration::from_millis);
        let worker = std::thread::spawn(move || {
            for work in inbox {
                match work {
                    Work::AwaitCheck(damaged) => {
                        // No answer (the check could not run): as before, no hold.
                        if damaged.recv().unwrap_or(false) {
                            store.stop_writing();
                        }
                    }
                    Work::Job(job) => {
                        if let Some(delay) = delay {
                            std::thread::sleep(delay);
                        }
                        let event = perform(*job, &mut store, &catalog);
                        if answers.send(event).is_err() {
                            // The interface is gone; the remaining jobs still run.
                            continue;
                        }
                    }
                }
            }
        });
        Executor {
            jobs: Some(jobs),
            events,
            worker: Some(worker),
            in_flight: std::collections::VecDeque::new(),
            opener,
        }
    }

    pub fn opener(&self) -> crate::store::Opener {
        self.opener.clone()
    }

    pub fn submit(&mut self, job: Job) {
        let holds_keys = job.holds_keys();
        if let Some(jobs) = &self.jobs
            && jobs.send(Work::Job(Box::new(job))).is_ok()
        {
            self.in_flight.push_back(holds_keys);
        }
    }

    /// A job the next keys depend on has not answered yet.
    pub fn holds_keys(&self) -> bool {
        self.in_flight.iter().any(|holds| *holds)
    }

    /// Jobs asked for from now on wait for the damage check, whose answer goes to the sender
    /// returned.
    pub fn hold_jobs_for_check(&mut self) -> Sender<bool> {
        let (answer, damaged) = channel();
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(Work::AwaitCheck(damaged));
        }
        answer
    }

    /// Jobs asked for and not answered yet.
    pub fn in_flight(&self) -> usize {
        self.in_flight.len()
    }

    /// The next answer, waiting at most until `deadline` (not at all when it has passed).
    pub fn next_event(&mut self, deadline: Instant) -> Option<Event> {
        if self.in_flight.is_empty() {
            return None;
        }
        let wait = deadline.saturating_duration_since(Instant::now());
        let event = if wait.is_zero() {
            self.events.try_recv().ok()
        } else {
            // Timed out, or the worker is gone: no answer now.
            self.events.recv_timeout(wait).ok()
        };
        if event.is_some() {
            // One worker, jobs in order: the answer is the oldest job's.
            self.in_flight.pop_front();
        }
        event
    }
}

impl Drop for Executor {
    /// Lets the worker finish what was asked for: closing the channel ends its loop after the
    /// last job.
    fn drop(&mut self) {
        self.jobs = None;
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}
