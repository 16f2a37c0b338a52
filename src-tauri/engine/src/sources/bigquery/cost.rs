//! What a query will cost, and whether the workspace's budgets allow it.
//!
//! On-demand pricing bills bytes processed, rounded up to a whole MB per table referenced with
//! at least 10 MB per table. A dry run is free and says how many bytes a query would process.

use crate::error::{EngineError, Result};

pub const MB: u64 = 1 << 20;
pub const TIB: u64 = 1 << 40;
/// BigQuery bills at least this much for every table a query references.
pub const MIN_BYTES_PER_TABLE: u64 = 10 * MB;

/// Prices and budgets, from the workspace's settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CostPolicy {
    /// US dollars per TiB processed (on-demand).
    pub price_per_tib: f64,
    /// The most one run may spend, in dollars.
    pub run_budget: f64,
    /// The most all runs of a calendar month (UTC) may spend, in dollars.
    pub month_budget: f64,
}

impl Default for CostPolicy {
    fn default() -> Self {
        CostPolicy { price_per_tib: 6.25, run_budget: 1.0, month_budget: 10.0 }
    }
}

impl CostPolicy {
    pub fn dollars(&self, billed_bytes: u64) -> f64 {
        billed_bytes as f64 / TIB as f64 * self.price_per_tib
    }

    /// The most bytes `dollars` buys.
    pub fn bytes_for(&self, dollars: f64) -> u64 {
        if self.price_per_tib <= 0.0 {
            return u64::MAX;
        }
        (dollars / self.price_per_tib * TIB as f64).max(0.0) as u64
    }
}

/// The bytes BigQuery bills for a query that processes `processed` bytes over `tables` tables.
pub fn billed_bytes(processed: u64, tables: u64) -> u64 {
    processed.div_ceil(MB).saturating_mul(MB).max(tables.saturating_mul(MIN_BYTES_PER_TABLE))
}

/// `maximumBytesBilled` for a job estimated at `billed` bytes: a little headroom (a table can
/// grow between the dry run and the job), never more than the run may still spend.
pub fn maximum_bytes_billed(billed: u64, run_allowance: u64) -> u64 {
    (billed + billed / 20 + MB).min(run_allowance.max(billed))
}

/// Refuses a plan whose cost breaks a budget; the message says which, by how much, and how to
/// proceed.
pub fn check_budgets(policy: &CostPolicy, plan_dollars: f64, spent_this_month: f64) -> Result<()> {
    if plan_dollars > policy.run_budget {
        return Err(EngineError::BudgetExceeded(format!(
            "this collection would cost about ${plan_dollars:.2} on BigQuery, over the per-run budget of ${:.2}: \
             narrow the range or scope, use --mode daily-counts, or raise the setting bigquery.run_budget_usd",
            policy.run_budget
        )));
    }
    if spent_this_month + plan_dollars > policy.month_budget {
        return Err(EngineError::BudgetExceeded(format!(
            "this collection (about ${plan_dollars:.2}) would take this month's BigQuery spending to ${:.2}, over the \
             monthly budget of ${:.2} (${spent_this_month:.2} spent so far): wait for next month or raise the setting \
             bigquery.month_budget_usd",
            spent_this_month + plan_dollars,
            policy.month_budget
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_queries_are_billed_ten_megabytes_per_table() {
        assert_eq!(billed_bytes(0, 1), 10 * MB);
        assert_eq!(billed_bytes(1, 31), 310 * MB);
        assert_eq!(billed_bytes(50 * MB + 1, 1), 51 * MB);
        let policy = CostPolicy::default();
        assert!((policy.dollars(TIB) - 6.25).abs() < 1e-9);
        assert_eq!(policy.bytes_for(6.25), TIB);
    }

    #[test]
    fn the_byte_cap_has_headroom_but_stays_within_the_run_budget() {
        assert_eq!(maximum_bytes_billed(100 * MB, u64::MAX), 106 * MB);
        assert_eq!(maximum_bytes_billed(100 * MB, 103 * MB), 103 * MB);
        // Never below the estimate itself, or the job would fail for certain.
        assert_eq!(maximum_bytes_billed(100 * MB, 10 * MB), 100 * MB);
    }

    #[test]
    fn budgets_refuse_with_the_numbers() {
        let policy = CostPolicy { price_per_tib: 6.25, run_budget: 1.0, month_budget: 5.0 };
        assert!(check_budgets(&policy, 0.99, 0.0).is_ok());
        let run = check_budgets(&policy, 1.5, 0.0).unwrap_err().to_string();
        assert!(run.contains("$1.50") && run.contains("per-run budget of $1.00"), "{run}");
        let month = check_budgets(&policy, 0.5, 4.75).unwrap_err().to_string();
        assert!(month.contains("$5.25") && month.contains("$4.75 spent"), "{month}");
    }
}
