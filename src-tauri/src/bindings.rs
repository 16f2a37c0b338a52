//! The TypeScript the UI compiles against: every type that crosses IPC (from ts-rs) and a map of
//! every command to its arguments and result, so the UI's one IPC module is typed end to end
//! and a renamed command or field fails the UI build. Written to `ui/src/ipc/bindings.ts` by
//! `UPDATE_BINDINGS=1 cargo test -p octoscope-desktop bindings`; CI fails when it is stale.

use octoscope_engine::ErrorCode;
use octoscope_engine::charts::{ChartData, ChartQuery, ChartSpec, ExportFormat, Mark, RankBy, Series, XAxis};
use octoscope_engine::monitoring::StageTiming;
use octoscope_engine::monitoring::alerts::{Alert, AlertKind, AlertRule, RuleInput, Severity};
use octoscope_engine::monitoring::coverage::{CoverageHour, CoverageReport, CoverageSpan, HourCause, HourStatus};
use octoscope_engine::monitoring::logs::{LogEntry, LogLevel, LogQuery};
use octoscope_engine::monitoring::overview::{MonitoringOverview, MonthSpend, RunPerformance};
use octoscope_engine::pipeline::{CollectionRequest, PlanSummary, Progress, RunSummary, UnitFailure};
use octoscope_engine::secrets::github::{GithubAccount, RateLimit};
use octoscope_engine::secrets::google::GcpAccount;
use octoscope_engine::secrets::{CheckedAccount, CredentialKind, CredentialSource, CredentialStatus, ErrorReport};
use octoscope_engine::settings::SettingValue;
use octoscope_engine::sources::bigquery::{BigQueryPlanSummary, BigQueryRequest, Mode as BigQueryMode};
use octoscope_engine::sources::github::{Fact, GithubPlanSummary, GithubRequest};
use octoscope_engine::store::browse::{TableInfo, TablePage};
use octoscope_engine::store::{
    BigQuerySpend, EndpointMetrics, EventTypeCount, Gap, QuarantineRecord, RatePoint, RunMetrics, RunRecord, RunStatus,
    UnitMetrics, WorkspaceStats,
};
use ts_rs::TS;

use crate::commands::workspace::WorkspaceInfo;
use crate::error::WireError;

/// `(event, TypeScript payload)`: what the shell emits to the window on its own initiative.
pub const EVENTS: &[(&str, &str)] = &[(crate::notify::ALERTS_FIRED, "Alert[]")];

/// `(command, TypeScript arguments, TypeScript result)`. Argument names are camelCase: Tauri
/// renames them on the way in.
pub const COMMANDS: &[(&str, &str, &str)] = &[
    ("workspace_info", "{}", "WorkspaceInfo"),
    ("open_sample_workspace", "{ onProgress: Channel<Progress> }", "WorkspaceInfo"),
    ("open_default_workspace", "{}", "WorkspaceInfo"),
    ("search_repositories", "{ text: string }", "string[]"),
    ("chart_catalogue", "{}", "ChartSpec[]"),
    ("build_chart", "{ id: string; query: ChartQuery }", "ChartData"),
    ("export_chart", "{ id: string; query: ChartQuery; format: ExportFormat; path: string }", "null"),
    ("plan_collection", "{ request: CollectionRequest }", "PlanSummary"),
    ("start_collection", "{ request: CollectionRequest; onProgress: Channel<Progress> }", "RunSummary"),
    ("plan_github_collection", "{ request: GithubRequest }", "GithubPlanSummary"),
    ("start_github_collection", "{ request: GithubRequest; onProgress: Channel<Progress> }", "RunSummary"),
    ("plan_bigquery_collection", "{ request: BigQueryRequest }", "BigQueryPlanSummary"),
    ("start_bigquery_collection", "{ request: BigQueryRequest; onProgress: Channel<Progress> }", "RunSummary"),
    ("cancel_run", "{}", "boolean"),
    ("list_runs", "{ limit: number }", "RunRecord[]"),
    ("list_quarantine", "{ runId: number | null; limit: number }", "QuarantineRecord[]"),
    ("credentials_status", "{}", "CredentialStatus[]"),
    ("save_credential", "{ kind: CredentialKind; secret: string }", "CredentialStatus"),
    ("remove_credential", "{ kind: CredentialKind }", "CredentialStatus"),
    ("list_settings", "{}", "SettingValue[]"),
    ("set_setting", "{ key: string; value: string }", "SettingValue[]"),
    ("monitoring_overview", "{}", "MonitoringOverview"),
    ("run_metrics", "{ runId: number }", "RunMetrics"),
    ("coverage_report", "{ from: string | null; to: string | null }", "CoverageReport | null"),
    ("list_alert_rules", "{}", "AlertRule[]"),
    ("add_alert_rule", "{ input: RuleInput }", "AlertRule"),
    ("update_alert_rule", "{ id: number; input: RuleInput }", "AlertRule"),
    ("remove_alert_rule", "{ id: number }", "null"),
    ("alert_log", "{ limit: number }", "Alert[]"),
    ("check_alerts", "{}", "Alert[]"),
    ("read_log", "{ query: LogQuery }", "LogEntry[]"),
    ("list_tables", "{}", "TableInfo[]"),
    ("browse_table", "{ table: string; offset: number; limit: number }", "TablePage"),
    ("export_table", "{ table: string; path: string }", "number"),
];

/// The whole generated file.
pub fn typescript() -> String {
    let cfg = ts_rs::Config::default();
    let declarations = [
        WireError::decl(&cfg),
        ErrorCode::decl(&cfg),
        ErrorReport::decl(&cfg),
        WorkspaceInfo::decl(&cfg),
        WorkspaceStats::decl(&cfg),
        Gap::decl(&cfg),
        EventTypeCount::decl(&cfg),
        ChartSpec::decl(&cfg),
        ChartQuery::decl(&cfg),
        ChartData::decl(&cfg),
        Series::decl(&cfg),
        Mark::decl(&cfg),
        XAxis::decl(&cfg),
        RankBy::decl(&cfg),
        ExportFormat::decl(&cfg),
        CollectionRequest::decl(&cfg),
        PlanSummary::decl(&cfg),
        GithubRequest::decl(&cfg),
        GithubPlanSummary::decl(&cfg),
        Fact::decl(&cfg),
        BigQueryRequest::decl(&cfg),
        BigQueryPlanSummary::decl(&cfg),
        BigQueryMode::decl(&cfg),
        SettingValue::decl(&cfg),
        Progress::decl(&cfg),
        RunSummary::decl(&cfg),
        UnitFailure::decl(&cfg),
        RunStatus::decl(&cfg),
        RunRecord::decl(&cfg),
        QuarantineRecord::decl(&cfg),
        CredentialKind::decl(&cfg),
        CredentialSource::decl(&cfg),
        CredentialStatus::decl(&cfg),
        CheckedAccount::decl(&cfg),
        GithubAccount::decl(&cfg),
        RateLimit::decl(&cfg),
        GcpAccount::decl(&cfg),
        MonitoringOverview::decl(&cfg),
        RunPerformance::decl(&cfg),
        MonthSpend::decl(&cfg),
        RunMetrics::decl(&cfg),
        EndpointMetrics::decl(&cfg),
        RatePoint::decl(&cfg),
        BigQuerySpend::decl(&cfg),
        StageTiming::decl(&cfg),
        UnitMetrics::decl(&cfg),
        CoverageReport::decl(&cfg),
        CoverageSpan::decl(&cfg),
        CoverageHour::decl(&cfg),
        HourStatus::decl(&cfg),
        HourCause::decl(&cfg),
        AlertRule::decl(&cfg),
        AlertKind::decl(&cfg),
        RuleInput::decl(&cfg),
        Alert::decl(&cfg),
        Severity::decl(&cfg),
        LogQuery::decl(&cfg),
        LogEntry::decl(&cfg),
        LogLevel::decl(&cfg),
        TableInfo::decl(&cfg),
        TablePage::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit: run\n\
         // `UPDATE_BINDINGS=1 cargo test -p octoscope-desktop bindings` after changing them.\n\n\
         import type { Channel } from \"@tauri-apps/api/core\";\n\n",
    );
    for declaration in declarations {
        // Every integer crossing IPC is a count, an id or a unix time far below 2^53, and
        // serde_json sends them as JSON numbers: `number` is the honest TypeScript type.
        out.push_str("export ");
        out.push_str(&declaration.replace("bigint", "number"));
        out.push_str("\n\n");
    }
    out.push_str("/** Every command: its arguments and what it resolves to. */\nexport interface Commands {\n");
    for (name, args, result) in COMMANDS {
        out.push_str(&format!("  {name}: {{ args: {args}; result: {result} }};\n"));
    }
    out.push_str("}\n\n/** Every event the shell emits: its payload. */\nexport interface Events {\n");
    for (name, payload) in EVENTS {
        out.push_str(&format!("  {name}: {payload};\n"));
    }
    out.push_str("}\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const BINDINGS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/ipc/bindings.ts");

    #[test]
    fn bindings_are_fresh() {
        let generated = typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(BINDINGS, &generated).unwrap();
        }
        let committed = std::fs::read_to_string(BINDINGS).unwrap_or_default();
        assert!(
            committed == generated,
            "ui/src/ipc/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p octoscope-desktop bindings`"
        );
    }

    #[test]
    fn every_registered_command_is_in_the_bindings_and_back() {
        let source = include_str!("lib.rs");
        let registered: std::collections::BTreeSet<&str> = source
            .lines()
            .filter_map(|line| line.trim().strip_prefix("commands::"))
            .filter_map(|path| path.trim_end_matches(',').rsplit("::").next())
            .collect();
        let listed: std::collections::BTreeSet<&str> = COMMANDS.iter().map(|c| c.0).collect();
        assert_eq!(registered, listed);
    }
}
