//! Telling the user about new firings. The log already holds each condition once; the notifier
//! gets only what [`super::evaluate`] found new, and a burst becomes one summary so a first
//! check of a long history does not open forty notifications.

use std::sync::Mutex;

use super::{Alert, Severity};

/// More new firings than this at once are summarised in one notice.
pub const MAX_SEPARATE_NOTICES: usize = 3;

/// One notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub title: String,
    pub body: String,
}

/// Where notices go: the desktop's notifications, stderr, or a test's list.
pub trait Notifier: Send + Sync {
    fn notify(&self, notice: &Notice);
}

/// The notices for a batch of new firings: one each, or one summary for a burst.
pub fn notices_for(fired: &[Alert]) -> Vec<Notice> {
    if fired.len() <= MAX_SEPARATE_NOTICES {
        return fired.iter().map(|a| Notice { title: a.title.clone(), body: a.message.clone() }).collect();
    }
    let critical = fired.iter().filter(|a| a.severity == Severity::Critical).count();
    let mut titles: Vec<&str> = fired.iter().take(MAX_SEPARATE_NOTICES).map(|a| a.title.as_str()).collect();
    titles.push("…");
    let title = if critical > 0 {
        format!("{} new alerts ({critical} critical)", fired.len())
    } else {
        format!("{} new alerts", fired.len())
    };
    vec![Notice { title, body: format!("{}. The alert log lists them all.", titles.join("; ")) }]
}

/// The CLI's notifier: one line per notice on stderr, where it does not mix with `--json`.
#[derive(Debug, Default)]
pub struct StderrNotifier;

impl Notifier for StderrNotifier {
    fn notify(&self, notice: &Notice) {
        eprintln!("alert: {}: {}", notice.title, notice.body);
    }
}

/// Keeps notices in memory: for tests, and for callers that deliver them later.
#[derive(Debug, Default)]
pub struct RecordingNotifier {
    notices: Mutex<Vec<Notice>>,
}

impl RecordingNotifier {
    pub fn take(&self) -> Vec<Notice> {
        std::mem::take(&mut self.notices.lock().unwrap_or_else(|e| e.into_inner()))
    }
}

impl Notifier for RecordingNotifier {
    fn notify(&self, notice: &Notice) {
        self.notices.lock().unwrap_or_else(|e| e.into_inner()).push(notice.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::super::AlertKind;
    use super::*;

    fn alert(id: i64, severity: Severity) -> Alert {
        Alert {
            id,
            rule_id: Some(1),
            kind: AlertKind::DataGap,
            condition_key: format!("day:{id}"),
            severity,
            title: format!("gap {id}"),
            message: format!("hours missing on day {id}"),
            fired_at: 0,
        }
    }

    #[test]
    fn a_few_firings_notify_one_by_one_and_a_burst_once() {
        let few: Vec<Alert> = (1..=3).map(|i| alert(i, Severity::Warning)).collect();
        let notices = notices_for(&few);
        assert_eq!(notices.len(), 3);
        assert_eq!(notices[1], Notice { title: "gap 2".into(), body: "hours missing on day 2".into() });

        let mut burst: Vec<Alert> = (1..=40).map(|i| alert(i, Severity::Warning)).collect();
        burst[7].severity = Severity::Critical;
        let notices = notices_for(&burst);
        assert_eq!(notices.len(), 1);
        assert_eq!(notices[0].title, "40 new alerts (1 critical)");
        assert!(notices[0].body.starts_with("gap 1; gap 2; gap 3; …"), "{}", notices[0].body);
        assert!(notices_for(&[]).is_empty());
    }
}
