//! Progress as engines report it: whole percentages, only when they rise, with 100 kept for
//! the moment the output has been verified.

use crate::ProgressFn;

pub(crate) struct Progress {
    report: ProgressFn,
    last: Option<u8>,
    /// Share of the bar taken by a first pass over the input (0 when there is none).
    first_pass_share: u8,
}

impl Progress {
    /// Starts at 0; `first_pass_share` percent go to an analysis pass before the main one.
    pub(crate) fn new(report: ProgressFn, first_pass_share: u8) -> Self {
        let mut progress = Self {
            report,
            last: None,
            first_pass_share: first_pass_share.min(99),
        };
        progress.set(0);
        progress
    }

    pub(crate) fn first_pass(&mut self, done: u64, total: u64) {
        self.stage(done, total, 0, self.first_pass_share);
    }

    /// Frames written of the output; tops out at 99.
    pub(crate) fn main_pass(&mut self, done: u64, total: u64) {
        self.stage(done, total, self.first_pass_share, 99);
    }

    /// `done` of `total` units of a stage that spans `from..to` percent (at most 99).
    fn stage(&mut self, done: u64, total: u64, from: u8, to: u8) {
        let to = to.min(99);
        let span = u64::from(to.saturating_sub(from));
        let percent = u64::from(from) + done.min(total).saturating_mul(span) / total.max(1);
        self.set(percent.min(99) as u8);
    }

    pub(crate) fn done(&mut self) {
        self.set(100);
    }

    fn set(&mut self, percent: u8) {
        if self.last.is_none_or(|last| percent > last) {
            self.last = Some(percent);
            (self.report)(percent);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_each_percentage_once_rising_and_saves_100_for_the_end() {
        let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = seen.clone();
        let mut progress = Progress::new(
            std::sync::Arc::new(move |p| sink.lock().unwrap().push(p)),
            0,
        );
        for done in 1..=3 {
            progress.main_pass(done, 3);
        }
        progress.main_pass(1, 3);
        progress.done();
        assert_eq!(*seen.lock().unwrap(), [0, 33, 66, 99, 100]);
        let seen2 = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink2 = seen2.clone();
        let mut two = Progress::new(
            std::sync::Arc::new(move |p| sink2.lock().unwrap().push(p)),
            15,
        );
        two.first_pass(1, 2);
        two.main_pass(1, 2);
        assert_eq!(*seen2.lock().unwrap(), [0, 7, 57]);
    }
}
