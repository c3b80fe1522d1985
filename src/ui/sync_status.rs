//! The sync's status line in the widget's header, when the host turned sync on: synced, syncing,
//! or "chưa đồng bộ" with the count of changes the server has not seen and why (offline, login
//! needed, …). A hook and a render function, not a component: the App shows it.

use yew::prelude::*;

use super::store::NotesStore;
use super::strings::Strings;
use crate::core::sync::{SyncActivity, SyncProblem, SyncStatus};

/// What the status line shows: the loop's status and how many of the server's documents (or
/// this reader's notes) were refused in the last round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct SyncShown {
    /// The loop's status ([`SyncStatus::reduce`]).
    pub status: SyncStatus,
    /// Documents refused in the last round.
    pub refused: usize,
}

/// The sync's status line as it is now (`None` when sync is off); the App renders again when it
/// changes.
#[hook]
pub fn use_sync_status(store: &NotesStore) -> Option<SyncShown> {
    let update = use_force_update();
    use_effect_with(store.clone(), move |store| {
        store.watch_sync(Some(Callback::from(move |()| update.force_update())));
        let store = store.clone();
        move || store.watch_sync(None)
    });
    store.sync_shown()
}

/// The words of the status line.
pub fn sync_text(shown: &SyncShown, s: &Strings) -> String {
    let status = &shown.status;
    let mut text = if status.activity == SyncActivity::Syncing {
        s.sync.syncing.to_owned()
    } else if status.synced() {
        s.sync.synced.to_owned()
    } else {
        (s.sync.pending)(status.pending)
    };
    if let Some(problem) = status.problem {
        let index = match problem {
            SyncProblem::Offline => 0,
            SyncProblem::LoginNeeded => 1,
            SyncProblem::NotAllowed => 2,
            SyncProblem::NoDatabase => 3,
            SyncProblem::BadServer => 4,
        };
        text.push(' ');
        text.push_str(s.sync.problems[index]);
    }
    if shown.refused > 0 {
        text.push(' ');
        text.push_str(&(s.sync.refused)(shown.refused));
    }
    text
}

/// The status line (nothing when sync is off). `data-aa-sync` says the state to style and to
/// test: `synced`, `syncing`, `pending` or `problem`.
pub fn sync_line(shown: Option<SyncShown>, s: &Strings) -> Html {
    let Some(shown) = shown else {
        return Html::default();
    };
    let state = match (&shown.status, shown.status.activity) {
        (_, SyncActivity::Syncing) => "syncing",
        (st, _) if st.problem.is_some() => "problem",
        (st, _) if st.synced() => "synced",
        _ => "pending",
    };
    html! {
        <p class="aa-sync" role="status" aria-live="polite" data-aa-sync={state}>{ sync_text(&shown, s) }</p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sync::SyncEvent;
    use crate::ui::strings::{EN, VI};

    #[track_caller]
    fn text_after(events: &[SyncEvent], refused: usize, s: &Strings) -> String {
        let status = SyncStatus::after(events);
        sync_text(&SyncShown { status, refused }, s)
    }

    #[test]
    fn the_line_says_synced_pending_and_why() {
        use SyncEvent::*;
        let offline = RoundFailed {
            problem: SyncProblem::Offline,
            pending: 3,
        };
        let login = RoundFailed {
            problem: SyncProblem::LoginNeeded,
            pending: 1,
        };
        // (events, refused, Vietnamese, English)
        let cases: Vec<(Vec<SyncEvent>, usize, &str, &str)> = vec![
            (
                vec![RoundStarted, RoundFinished { pending: 0 }],
                0,
                "Đã đồng bộ.",
                "Synced.",
            ),
            (vec![RoundStarted], 0, "Đang đồng bộ…", "Syncing…"),
            (
                vec![LocalChange { pending: 2 }],
                0,
                "Chưa đồng bộ (2 thay đổi).",
                "Not yet synced (2 changes).",
            ),
            (
                vec![RoundStarted, offline],
                0,
                "Chưa đồng bộ (3 thay đổi). Không kết nối được máy chủ; sẽ thử lại.",
                "Not yet synced (3 changes). The sync server cannot be reached; will retry.",
            ),
            (
                vec![login],
                0,
                "Chưa đồng bộ (1 thay đổi). Cần đăng nhập để đồng bộ.",
                "Not yet synced (1 change). Log in to sync.",
            ),
            (
                vec![RoundStarted, RoundFinished { pending: 0 }],
                2,
                "Đã đồng bộ. 2 ghi chú bị từ chối khi đồng bộ.",
                "Synced. 2 notes were refused while syncing.",
            ),
        ];
        for (events, refused, vi, en) in cases {
            assert_eq!(text_after(&events, refused, &VI), vi, "{events:?}");
            assert_eq!(text_after(&events, refused, &EN), en, "{events:?}");
        }
    }
}
