//! Renders the engine's progress stream: bars on a terminal, plain lines otherwise (logs, CI),
//! nothing in --json mode (stdout then carries only the JSON result).

use std::collections::HashMap;
use std::io::IsTerminal;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use octoscope_engine::pipeline::{CancellationToken, Progress, ProgressSink};

use crate::output::count;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Bars,
    Lines,
    Quiet,
}

struct Inner {
    mode: Mode,
    multi: MultiProgress,
    overall: Mutex<Option<ProgressBar>>,
    units: Mutex<HashMap<String, ProgressBar>>,
}

#[derive(Clone)]
pub struct ProgressView {
    inner: Arc<Inner>,
}

impl ProgressView {
    pub fn new(json: bool) -> Self {
        let mode = if json {
            Mode::Quiet
        } else if std::io::stderr().is_terminal() {
            Mode::Bars
        } else {
            Mode::Lines
        };
        let multi = MultiProgress::with_draw_target(if mode == Mode::Bars {
            ProgressDrawTarget::stderr_with_hz(8)
        } else {
            ProgressDrawTarget::hidden()
        });
        ProgressView {
            inner: Arc::new(Inner { mode, multi, overall: Mutex::new(None), units: Mutex::new(HashMap::new()) }),
        }
    }

    pub fn sink(&self) -> ProgressSink {
        let inner = Arc::clone(&self.inner);
        Arc::new(move |event| inner.handle(event))
    }

    /// A message that must not be garbled by the bars.
    pub fn note(&self, text: &str) {
        self.inner.line(text);
    }

    pub fn finish(&self) {
        if let Ok(mut overall) = self.inner.overall.lock()
            && let Some(bar) = overall.take()
        {
            bar.finish_and_clear();
        }
        let _ = self.inner.multi.clear();
    }
}

impl Inner {
    fn line(&self, text: &str) {
        match self.mode {
            Mode::Bars => {
                let _ = self.multi.println(text);
            }
            Mode::Lines => eprintln!("{text}"),
            Mode::Quiet => {}
        }
    }

    fn unit_bar(&self, unit: &str) -> Option<ProgressBar> {
        if self.mode != Mode::Bars {
            return None;
        }
        let mut units = self.units.lock().ok()?;
        Some(
            units
                .entry(unit.to_owned())
                .or_insert_with(|| {
                    let bar = self.multi.add(ProgressBar::new(0));
                    bar.set_style(
                        ProgressStyle::with_template(
                            "  {prefix:14} {bar:24.green/white} {bytes:>9}/{total_bytes:9} {msg}",
                        )
                        .unwrap_or_else(|_| ProgressStyle::default_bar())
                        .progress_chars("=> "),
                    );
                    bar.set_prefix(unit.to_owned());
                    bar.set_message("starting");
                    bar
                })
                .clone(),
        )
    }

    fn end_unit(&self, unit: &str) {
        if let Ok(mut units) = self.units.lock()
            && let Some(bar) = units.remove(unit)
        {
            bar.finish_and_clear();
            self.multi.remove(&bar);
        }
        if let Ok(overall) = self.overall.lock()
            && let Some(bar) = overall.as_ref()
        {
            bar.inc(1);
        }
    }

    fn handle(&self, event: Progress) {
        match event {
            Progress::RunStarted { run_id, source, units_total, units_to_run, units_skipped, .. } => {
                let noun = if source == "gharchive" { "hours" } else { "units" };
                if self.mode == Mode::Bars {
                    let bar = self.multi.add(ProgressBar::new(units_to_run));
                    bar.set_style(
                        ProgressStyle::with_template(
                            &format!("{{spinner}} run {{msg}} [{{elapsed_precise}}] {{bar:30.cyan/blue}} {{pos}}/{{len}} {noun}, eta {{eta}}"),
                        )
                        .unwrap_or_else(|_| ProgressStyle::default_bar()),
                    );
                    bar.set_message(run_id.to_string());
                    bar.enable_steady_tick(Duration::from_millis(250));
                    if let Ok(mut overall) = self.overall.lock() {
                        *overall = Some(bar);
                    }
                }
                self.line(&format!(
                    "run {run_id}: {units_total} {noun} planned, {units_to_run} to load, {units_skipped} skipped"
                ));
            }
            Progress::UnitStarted { unit } => {
                self.unit_bar(&unit);
            }
            Progress::UnitDownloading { unit, bytes, total_bytes } => {
                if let Some(bar) = self.unit_bar(&unit) {
                    bar.set_length(total_bytes.unwrap_or(bytes));
                    bar.set_position(bytes);
                    bar.set_message("downloading");
                }
            }
            Progress::UnitDecoding { unit, compressed_bytes, total_bytes, events, rejected } => {
                if let Some(bar) = self.unit_bar(&unit) {
                    bar.set_length(total_bytes);
                    bar.set_position(compressed_bytes);
                    let rejects = if rejected > 0 { format!(", {} rejected", count(rejected)) } else { String::new() };
                    bar.set_message(format!("loading: {} events{rejects}", count(events)));
                }
            }
            Progress::UnitQuerying { unit, elapsed_ms } => {
                if let Some(bar) = self.unit_bar(&unit) {
                    bar.set_message(format!("BigQuery job running ({} s)", elapsed_ms / 1000));
                }
            }
            Progress::UnitPaging { unit, rows_read, rows_total } => {
                let of = rows_total.map(|t| format!(" of {}", count(t))).unwrap_or_default();
                let text = format!("read {} rows{of}", count(rows_read));
                match self.unit_bar(&unit) {
                    Some(bar) => bar.set_message(text),
                    None => self.line(&format!("{unit}: {text}")),
                }
            }
            Progress::UnitRetrying { unit, attempt, reason, delay_ms } => {
                self.line(&format!(
                    "{unit}: attempt {attempt} failed ({reason}); retrying in {:.1} s",
                    delay_ms as f64 / 1000.0
                ));
            }
            Progress::UnitDone { unit, events_loaded, duplicates, quarantined, .. } => {
                self.end_unit(&unit);
                self.line(&format!(
                    "{unit}: loaded {} events ({} duplicates, {} quarantined)",
                    count(events_loaded),
                    count(duplicates),
                    count(quarantined)
                ));
            }
            Progress::UnitWaiting { unit, until, primary } => {
                let limit = if primary { "the hourly rate limit" } else { "a secondary rate limit" };
                let at = octoscope_engine::time::format_timestamp(until);
                if let Some(bar) = self.unit_bar(&unit) {
                    bar.set_message(format!("waiting until {at}"));
                }
                self.line(&format!("{unit}: GitHub's {limit} is reached; waiting until {at}, then going on by itself"));
            }
            Progress::UnitMissing { unit, reason } => {
                self.end_unit(&unit);
                self.line(&format!("{unit}: gap: {reason}"));
            }
            Progress::UnitFailed { unit, reason } => {
                self.end_unit(&unit);
                self.line(&format!("{unit}: FAILED: {reason}"));
            }
            Progress::RunFinished { .. } => {}
        }
    }
}

/// Ctrl-C once: cancel cleanly (finished units are kept, the run resumes next time).
/// Ctrl-C twice: stop at once; the database is still consistent, only unfinished units are lost.
pub fn cancel_on_ctrl_c(view: ProgressView) -> CancellationToken {
    let cancel = CancellationToken::new();
    let token = cancel.clone();
    tokio::spawn(async move {
        if tokio::signal::ctrl_c().await.is_ok() {
            view.note("Cancelling: unfinished hours are rolled back; press Ctrl-C again to stop at once.");
            token.cancel();
            if tokio::signal::ctrl_c().await.is_ok() {
                std::process::exit(i32::from(crate::exit::CANCELLED));
            }
        }
    });
    cancel
}
