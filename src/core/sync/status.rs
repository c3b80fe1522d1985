//! The sync loop as the reader sees it ("đã đồng bộ", "chưa đồng bộ (3)", "đang đồng bộ", why
//! not) and when its next round runs: a pure reducer the shell drives with what happened.

use std::time::Duration;

use super::{backoff_delay, SyncError, BACKOFF_MAX, POLL_INTERVAL};

/// What the loop is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SyncActivity {
    /// Between rounds, the last one fine.
    #[default]
    Idle,
    /// A round is running.
    Syncing,
    /// The last round failed in a way that may pass (offline, server down): retrying with
    /// back-off.
    Retrying,
    /// The last round failed in a way only the reader or the site can fix (login, permission, no
    /// database): retrying rarely.
    Blocked,
}

/// Why the last round failed, for the UI to say in the reader's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncProblem {
    /// No answer: offline, server down.
    Offline,
    /// The server asks to log in (401).
    LoginNeeded,
    /// The reader may not use this database (403).
    NotAllowed,
    /// No such database (404).
    NoDatabase,
    /// The server answered something unusable (not JSON, wrong shape, an unexpected status).
    BadServer,
}

impl From<&SyncError> for SyncProblem {
    fn from(error: &SyncError) -> SyncProblem {
        match error {
            SyncError::Offline => SyncProblem::Offline,
            SyncError::Unauthorized => SyncProblem::LoginNeeded,
            SyncError::Forbidden => SyncProblem::NotAllowed,
            SyncError::NoDatabase => SyncProblem::NoDatabase,
            SyncError::TooLarge
            | SyncError::Status(_)
            | SyncError::NotJson { .. }
            | SyncError::BadShape(_)
            | SyncError::NotWaiting => SyncProblem::BadServer,
        }
    }
}

impl SyncProblem {
    /// Whether waiting may fix it (back off and retry) rather than the reader or the site.
    pub fn passes(self) -> bool {
        matches!(self, SyncProblem::Offline | SyncProblem::BadServer)
    }
}

/// What happened, as the shell reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyncEvent {
    /// The reader changed a note; `pending` is [`super::SyncState::pending`] now.
    LocalChange {
        /// Changes the server has not seen.
        pending: usize,
    },
    /// A round started.
    RoundStarted,
    /// A round ended.
    RoundFinished {
        /// Changes the server has still not seen (refused ones).
        pending: usize,
    },
    /// A round failed.
    RoundFailed {
        /// Why.
        problem: SyncProblem,
        /// Changes the server has not seen.
        pending: usize,
    },
    /// The browser says it is online again (`online` event): retry now.
    BackOnline,
}

/// The loop's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyncStatus {
    /// What it is doing.
    pub activity: SyncActivity,
    /// Local changes the server has not seen: the count beside "chưa đồng bộ".
    pub pending: usize,
    /// Failed rounds in a row.
    pub failures: u32,
    /// Why the last round failed, until one succeeds.
    pub problem: Option<SyncProblem>,
}

impl SyncStatus {
    /// The state after `events`, from the start (the tests' scripted histories).
    #[cfg(test)]
    pub(crate) fn after(events: &[SyncEvent]) -> SyncStatus {
        events
            .iter()
            .fold(SyncStatus::default(), |s, &e| s.reduce(e))
    }

    /// The state after `event`.
    pub fn reduce(self, event: SyncEvent) -> SyncStatus {
        match event {
            SyncEvent::LocalChange { pending } => SyncStatus { pending, ..self },
            SyncEvent::RoundStarted => SyncStatus {
                activity: SyncActivity::Syncing,
                ..self
            },
            SyncEvent::RoundFinished { pending } => SyncStatus {
                activity: SyncActivity::Idle,
                pending,
                failures: 0,
                problem: None,
            },
            SyncEvent::RoundFailed { problem, pending } => SyncStatus {
                activity: if problem.passes() {
                    SyncActivity::Retrying
                } else {
                    SyncActivity::Blocked
                },
                pending,
                failures: self.failures.saturating_add(1),
                problem: Some(problem),
            },
            SyncEvent::BackOnline if self.activity == SyncActivity::Retrying => SyncStatus {
                failures: 0,
                ..self
            },
            SyncEvent::BackOnline => self,
        }
    }

    /// How long from now the next round should start; `None` while one runs. A change made here
    /// is pushed at once when all is well, and waits for the back-off when the server is failing.
    pub fn next_round_in(&self) -> Option<Duration> {
        match self.activity {
            SyncActivity::Syncing => None,
            SyncActivity::Idle if self.pending > 0 => Some(Duration::ZERO),
            SyncActivity::Idle => Some(POLL_INTERVAL),
            SyncActivity::Retrying => Some(backoff_delay(self.failures)),
            SyncActivity::Blocked => Some(BACKOFF_MAX),
        }
    }

    /// Everything here is on the server and the last round went well ("đã đồng bộ").
    pub fn synced(&self) -> bool {
        self.pending == 0 && self.problem.is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_and_next_round_table() {
        use SyncEvent::*;
        let offline = RoundFailed {
            problem: SyncProblem::Offline,
            pending: 2,
        };
        let login = RoundFailed {
            problem: SyncProblem::LoginNeeded,
            pending: 2,
        };
        // (events, synced, pending, next round in)
        let cases: Vec<(Vec<SyncEvent>, bool, usize, Option<Duration>)> = vec![
            (vec![], true, 0, Some(POLL_INTERVAL)),
            (
                vec![LocalChange { pending: 1 }],
                false,
                1,
                Some(Duration::ZERO),
            ),
            (
                vec![LocalChange { pending: 1 }, RoundStarted],
                false,
                1,
                None,
            ),
            (
                vec![RoundStarted, RoundFinished { pending: 0 }],
                true,
                0,
                Some(POLL_INTERVAL),
            ),
            (
                vec![RoundStarted, offline],
                false,
                2,
                Some(Duration::from_secs(1)),
            ),
            (
                vec![
                    RoundStarted,
                    offline,
                    RoundStarted,
                    offline,
                    RoundStarted,
                    offline,
                ],
                false,
                2,
                Some(Duration::from_secs(4)),
            ),
            (
                vec![offline, offline, LocalChange { pending: 3 }],
                false,
                3,
                Some(Duration::from_secs(2)),
            ),
            (
                vec![offline, offline, BackOnline],
                false,
                2,
                Some(Duration::ZERO),
            ),
            (vec![login], false, 2, Some(BACKOFF_MAX)),
            (vec![login, BackOnline], false, 2, Some(BACKOFF_MAX)),
            (
                vec![offline, RoundStarted, RoundFinished { pending: 1 }],
                false,
                1,
                Some(Duration::ZERO),
            ),
        ];
        for (events, synced, pending, next) in cases {
            let s = SyncStatus::after(&events);
            assert_eq!(
                (s.synced(), s.pending, s.next_round_in()),
                (synced, pending, next),
                "{events:?}"
            );
        }
    }

    #[test]
    fn problems_from_errors() {
        let cases = [
            (SyncError::Offline, SyncProblem::Offline, true),
            (SyncError::Unauthorized, SyncProblem::LoginNeeded, false),
            (SyncError::Forbidden, SyncProblem::NotAllowed, false),
            (SyncError::NoDatabase, SyncProblem::NoDatabase, false),
            (SyncError::Status(503), SyncProblem::BadServer, true),
            (SyncError::BadShape("results"), SyncProblem::BadServer, true),
        ];
        for (error, problem, passes) in cases {
            assert_eq!(SyncProblem::from(&error), problem, "{error}");
            assert_eq!(
                (problem.passes(), error.retryable()),
                (passes, passes),
                "{error}"
            );
        }
    }
}
