//! `octoscope coverage`, `octoscope alerts ...` and `octoscope logs`: thin adapters over the
//! engine's monitoring module.

use octoscope_engine::EngineError;
use octoscope_engine::monitoring::alerts::{self, AlertKind, AlertRule, RuleInput, StderrNotifier};
use octoscope_engine::monitoring::coverage::{CoverageReport, report_for};
use octoscope_engine::monitoring::logs::{LogLevel, LogQuery, read_logs};
use octoscope_engine::store::Store;
use octoscope_engine::time::{UtcHour, format_timestamp};
use octoscope_engine::workspace::Workspace;

use crate::args::{AlertsAction, AlertsArgs, CoverageArgs, LogsArgs, RuleSettings};
use crate::output::{count, print_json};

pub async fn coverage(workspace: &Workspace, args: CoverageArgs) -> Result<u8, EngineError> {
    let store = Store::open(workspace).await?;
    let report = coverage_for(&store, &args).await;
    store.close().await;
    let Some(report) = report? else {
        println!("The workspace holds no data yet: collect some (`octoscope ingest` or `octoscope demo`).");
        return Ok(0);
    };
    if args.json {
        print_json(&report);
    } else {
        print_coverage(&report, args.hours);
    }
    Ok(0)
}

async fn coverage_for(store: &Store, args: &CoverageArgs) -> Result<Option<CoverageReport>, EngineError> {
    let from = args.from.as_deref().map(UtcHour::parse).transpose()?;
    let to = args.to.as_deref().map(UtcHour::parse).transpose()?;
    report_for(store, from, to).await
}

fn print_coverage(report: &CoverageReport, every_hour: bool) {
    println!(
        "{} .. {}: {} present, {} partial ({} capture drops), {} missing",
        report.from,
        report.to,
        count(u64::from(report.present)),
        count(u64::from(report.partial)),
        count(u64::from(report.drops)),
        count(u64::from(report.missing))
    );
    println!();
    if every_hour {
        println!("{:<14} {:<8} {:>9}  WHY", "HOUR", "STATUS", "EVENTS");
        for hour in &report.hours {
            println!(
                "{:<14} {:<8} {:>9}  {}",
                hour.hour,
                hour.status.as_str(),
                count(hour.events.max(0) as u64),
                hour.reason.as_deref().unwrap_or("")
            );
        }
    } else {
        println!("{:<14} {:<14} {:>6} {:<8} {:>9}  WHY", "FROM", "TO", "HOURS", "STATUS", "EVENTS");
        for span in &report.spans {
            println!(
                "{:<14} {:<14} {:>6} {:<8} {:>9}  {}",
                span.from,
                span.to,
                span.hours,
                span.status.as_str(),
                count(span.events.max(0) as u64),
                span.reason.as_deref().unwrap_or("")
            );
        }
    }
    for note in &report.notes {
        println!("\nnote: {note}");
    }
}

pub async fn alerts(workspace: &Workspace, args: AlertsArgs) -> Result<u8, EngineError> {
    let store = Store::open(workspace).await?;
    let result = alerts_on(&store, args).await;
    store.close().await;
    result
}

fn rule_input(kind: AlertKind, settings: &RuleSettings, current: Option<&AlertRule>) -> RuleInput {
    RuleInput {
        kind,
        threshold: settings.threshold.or_else(|| current.and_then(|r| r.threshold)),
        repo: settings.repo.clone().or_else(|| current.and_then(|r| r.repo.clone())),
        enabled: if settings.disable {
            false
        } else if settings.enable {
            true
        } else {
            current.is_none_or(|r| r.enabled)
        },
    }
}

async fn alerts_on(store: &Store, args: AlertsArgs) -> Result<u8, EngineError> {
    match args.action {
        AlertsAction::Rules => {
            let rules = alerts::list_rules(store).await?;
            if args.json {
                print_json(&rules);
            } else {
                print_rules(&rules);
            }
        }
        AlertsAction::Add(add) => {
            let kind = AlertKind::parse(&add.kind)?;
            let rule = alerts::add_rule(store, &rule_input(kind, &add.settings, None)).await?;
            if args.json {
                print_json(&rule);
            } else {
                println!("Added rule {}: alert when {}.", rule.id, rule.describe());
            }
        }
        AlertsAction::Set { id, rule } => {
            let rules = alerts::list_rules(store).await?;
            let current = rules.iter().find(|r| r.id == id).ok_or_else(|| {
                EngineError::InvalidInput(format!("there is no alert rule {id}; `octoscope alerts rules` lists them"))
            })?;
            let updated = alerts::update_rule(store, id, &rule_input(current.kind, &rule, Some(current))).await?;
            if args.json {
                print_json(&updated);
            } else {
                let state = if updated.enabled { "on" } else { "off" };
                println!("Rule {id} ({state}): alert when {}.", updated.describe());
            }
        }
        AlertsAction::Remove { id } => {
            alerts::remove_rule(store, id).await?;
            if !args.json {
                println!("Removed rule {id}.");
            }
        }
        AlertsAction::Log { limit } => {
            let log = alerts::alert_log(store, limit).await?;
            if args.json {
                print_json(&log);
            } else if log.is_empty() {
                println!("No alert has fired.");
            } else {
                for alert in &log {
                    println!(
                        "{}  {:<8}  {}\n    {}",
                        format_timestamp(alert.fired_at),
                        alert.severity.as_str(),
                        alert.title,
                        alert.message
                    );
                }
            }
        }
        AlertsAction::Check => {
            let fired = check_alerts(store).await?;
            if args.json {
                print_json(&fired);
            } else if fired.is_empty() {
                println!("No new alerts.");
            } else {
                println!("{} new alert(s); `octoscope alerts log` lists them.", fired.len());
            }
        }
    }
    Ok(0)
}

fn print_rules(rules: &[AlertRule]) {
    if rules.is_empty() {
        println!("No alert rules: `octoscope alerts add KIND` adds one.");
        return;
    }
    println!("{:>4}  {:<18} {:<4}  WHEN", "ID", "KIND", "ON");
    for rule in rules {
        println!(
            "{:>4}  {:<18} {:<4}  {}",
            rule.id,
            rule.kind.as_str(),
            if rule.enabled { "yes" } else { "no" },
            rule.describe()
        );
    }
}

/// Checks the rules now; new firings go to stderr.
pub async fn check_alerts(store: &Store) -> Result<Vec<alerts::Alert>, EngineError> {
    alerts::check_and_notify(store, &StderrNotifier, chrono::Utc::now().timestamp()).await
}

pub fn logs(workspace: &Workspace, args: LogsArgs) -> Result<u8, EngineError> {
    let query = LogQuery {
        run_id: args.run,
        min_level: args.level.as_deref().map(LogLevel::parse).transpose()?,
        limit: args.limit,
    };
    let entries = read_logs(&workspace.logs_dir(), &query)?;
    if args.json {
        print_json(&entries);
        return Ok(0);
    }
    if entries.is_empty() {
        println!("No log lines match.");
    }
    for entry in entries.iter().rev() {
        let context: Vec<String> = [
            entry.run_id.map(|r| format!("run={r}")),
            entry.unit.as_ref().map(|u| format!("unit={u}")),
            entry.source.as_ref().map(|s| format!("source={s}")),
        ]
        .into_iter()
        .flatten()
        .chain(entry.fields.iter().map(|(k, v)| format!("{k}={v}")))
        .collect();
        println!("{} {:<5} {} {}", entry.time, entry.level.as_str().to_uppercase(), entry.message, context.join(" "));
    }
    Ok(0)
}
