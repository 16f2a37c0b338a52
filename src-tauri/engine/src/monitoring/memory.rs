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

/// Most malloc arenas glibc may create (its default is 8 per core).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MALLOC_ARENAS: i32 = 2;

/// Caps glibc's malloc arenas; call it first thing in `main`, before any other thread starts.
///
/// glibc gives threads arenas of their own, up to 8 per core, and an arena keeps what is freed
/// into it for its own later use. An hour's decoding threads come and go (three new ones an
/// hour, decision 0018) and the writer frees the batches they allocated, so a long run spread freed
/// memory over many arenas: 30 hours peaked at 309 MB resident with glibc's default against
/// 250 MB with two arenas, which also ran 3% faster (docs/benchmarks.md). Elsewhere: nothing.
pub fn limit_malloc_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: `mallopt` only sets a malloc parameter. glibc reads its parameters without
        // locks, so it must not race with another thread's allocation: callers call this before
        // any other thread exists. It fails (returns 0) only for an unknown parameter.
        #[allow(unsafe_code)]
        let accepted = unsafe { libc::mallopt(libc::M_ARENA_MAX, MALLOC_ARENAS) };
        debug_assert_eq!(accepted, 1, "glibc refused M_ARENA_MAX");
    }
}

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

    /// The arenas glibc has, from its own report (`malloc_info`: one `<heap nr=...>` each).
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    fn malloc_arenas() -> usize {
        let (mut buffer, mut size): (*mut libc::c_char, libc::size_t) = (std::ptr::null_mut(), 0);
        // SAFETY: open_memstream allocates the buffer and updates both pointers on fclose;
        // malloc_info writes to the valid stream; the text is read before the buffer is freed.
        #[allow(unsafe_code)]
        let report = unsafe {
            let stream = libc::open_memstream(&mut buffer, &mut size);
            assert!(!stream.is_null(), "open_memstream failed");
            assert_eq!(libc::malloc_info(0, stream), 0, "malloc_info failed");
            libc::fclose(stream);
            let report = std::ffi::CStr::from_ptr(buffer).to_string_lossy().into_owned();
            libc::free(buffer.cast());
            report
        };
        report.matches("<heap nr=").count()
    }

    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    #[test]
    fn threads_allocating_at_once_share_at_most_the_capped_arenas() {
        // Each test runs in a process of its own (cargo nextest), so the cap stays here.
        limit_malloc_arenas();
        let barrier = std::sync::Barrier::new(8);
        std::thread::scope(|scope| {
            for _ in 0..8 {
                scope.spawn(|| {
                    // Allocating together, while the others hold theirs, makes glibc look for
                    // free arenas (and create new ones, without the cap).
                    let held: Vec<Vec<u8>> = (0..64).map(|i| vec![i as u8; 4096]).collect();
                    barrier.wait();
                    let more: Vec<Vec<u8>> = (0..64).map(|i| vec![i as u8; 4096]).collect();
                    barrier.wait();
                    assert_eq!(held.len() + more.len(), 128);
                });
            }
        });
        let arenas = malloc_arenas();
        assert!((1..=MALLOC_ARENAS as usize).contains(&arenas), "{arenas} arenas");
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
