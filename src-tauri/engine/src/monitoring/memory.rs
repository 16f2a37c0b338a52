//! A run's peak memory: the process's resident set, sampled while the run goes.
//!
//! The kernel's own high-water mark (`VmHWM`) covers the whole life of the process, which for
//! the desktop app is hours of unrelated work, so a run samples `VmRSS` itself. Samples are
//! 100 ms apart: a spike shorter than that can be missed, which the docs say.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tokio_util::sync::CancellationToken;

const SAMPLE_EVERY: Duration = Duration::from_millis(100);

/// The resident set of this process in bytes, where the platform tells (Linux).
pub fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    parse_vm_rss(&status)
}

fn parse_vm_rss(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.trim_start_matches("VmRSS:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kib * 1024)
}

/// Samples the resident set until finished; the highest sample is the run's peak.
#[derive(Debug)]
pub struct PeakMemory {
    peak: Arc<AtomicU64>,
    stop: CancellationToken,
}

impl PeakMemory {
    /// Starts sampling on the current Tokio runtime.
    pub fn start() -> PeakMemory {
        let peak = Arc::new(AtomicU64::new(resident_bytes().unwrap_or(0)));
        let stop = CancellationToken::new();
        let (sampled, stopped) = (Arc::clone(&peak), stop.clone());
        tokio::spawn(async move {
            loop {
                tokio::select! {
                    () = stopped.cancelled() => break,
                    () = tokio::time::sleep(SAMPLE_EVERY) => {
                        if let Some(now) = resident_bytes() {
                            sampled.fetch_max(now, Ordering::Relaxed);
                        }
                    }
                }
            }
        });
        PeakMemory { peak, stop }
    }

    /// Stops sampling; the peak, or `None` where the platform does not say.
    pub fn finish(self) -> Option<u64> {
        self.stop.cancel();
        if let Some(now) = resident_bytes() {
            self.peak.fetch_max(now, Ordering::Relaxed);
        }
        Some(self.peak.load(Ordering::Relaxed)).filter(|&p| p > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_resident_set_from_proc_status() {
        let status = "Name:\toctoscope\nVmHWM:\t  90000 kB\nVmRSS:\t   51234 kB\nThreads:\t4\n";
        assert_eq!(parse_vm_rss(status), Some(51_234 * 1024));
        assert_eq!(parse_vm_rss("Name:\tx\n"), None);
    }

    #[tokio::test]
    async fn the_peak_sees_memory_held_during_the_run() {
        let before = resident_bytes().expect("Linux reports VmRSS");
        let sampler = PeakMemory::start();
        // Touch 64 MB so the pages are resident, hold them across a few samples, free them.
        let block = vec![1u8; 64 << 20];
        tokio::time::sleep(SAMPLE_EVERY * 3).await;
        assert_eq!(block.iter().step_by(4096).map(|&b| u64::from(b)).sum::<u64>(), (64 << 20) / 4096);
        drop(block);
        let peak = sampler.finish().unwrap();
        assert!(peak >= before + (48 << 20), "peak {peak} should include the 64 MB held (before: {before})");
    }
}
