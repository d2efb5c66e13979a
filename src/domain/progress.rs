//! Progress and cancellation of long work on a background thread. The thread counts the items
//! it has done and checks the cancel flag. The window reads the counts and sets the flag.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// 256 items: long loops check the cancel flag and publish their count once per this many
/// items, so a cancel takes effect within one chunk and the loop pays one atomic load per chunk.
pub const CHECK_EVERY: usize = 256;

/// The counts of a running job and its cancel flag, shared through an `Arc`.
#[derive(Debug, Default)]
pub struct Progress {
    cancelled: AtomicBool,
    done: AtomicUsize,
    total: AtomicUsize,
}

impl Progress {
    /// Asks the work to stop at its next check.
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    /// Tells whether [`Progress::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    /// Sets how many items the work has in all and resets the count done.
    pub fn start(&self, total: usize) {
        self.total.store(total, Ordering::Relaxed);
        self.done.store(0, Ordering::Relaxed);
    }

    /// Sets how many items are done.
    pub fn set_done(&self, done: usize) {
        self.done.store(done, Ordering::Relaxed);
    }

    /// Returns the items done and the total. The total is 0 until the work has counted it.
    pub fn counts(&self) -> (usize, usize) {
        (self.done.load(Ordering::Relaxed), self.total.load(Ordering::Relaxed))
    }

    /// Publishes `done` and returns whether to stop, once every [`CHECK_EVERY`] items.
    /// Returns `false` between checks.
    pub fn checkpoint(&self, done: usize) -> bool {
        if !done.is_multiple_of(CHECK_EVERY) {
            return false;
        }
        self.set_done(done);
        self.is_cancelled()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checkpoint_sees_cancel_at_chunk_boundary() {
        let progress = Progress::default();
        progress.start(1000);
        progress.cancel();

        assert!(progress.checkpoint(0), "the first item is a check");
        assert!(!progress.checkpoint(CHECK_EVERY - 1), "between checks the flag is not read");
        assert!(progress.checkpoint(CHECK_EVERY));
        assert_eq!(progress.counts(), (CHECK_EVERY, 1000));
    }

    #[test]
    fn start_resets_done() {
        let progress = Progress::default();
        progress.start(10);
        progress.set_done(7);
        progress.start(20);
        assert_eq!(progress.counts(), (0, 20));
    }
}
