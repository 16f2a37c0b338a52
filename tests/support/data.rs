//! Test data: generated GH Archive hours, gzipped in memory or written to a folder.

use std::io::Write;
use std::path::Path;

use octoscope_engine::demo::{HourSummary, SampleConfig, write_hour};
use octoscope_engine::time::UtcHour;

/// A small population so tests run fast in debug builds, with every imperfection switched on.
pub fn small_config(events_per_hour: u32) -> SampleConfig {
    SampleConfig {
        seed: 7,
        events_per_hour,
        repositories: 60,
        actors: 150,
        malformed_per_hour: 5,
        duplicate_per_mille: 20,
        misfiled_per_mille: 20,
    }
}

pub fn hour(text: &str) -> UtcHour {
    UtcHour::parse(text).expect("valid hour")
}

/// The uncompressed JSON of one hour.
pub fn raw_hour(config: &SampleConfig, hour: UtcHour) -> (Vec<u8>, HourSummary) {
    let mut raw = Vec::new();
    let summary = write_hour(config, hour, &mut raw).expect("generate hour");
    (raw, summary)
}

pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

/// One hour gzipped, as GH Archive serves it.
pub fn gz_hour(config: &SampleConfig, hour: UtcHour) -> (Vec<u8>, HourSummary) {
    let (raw, summary) = raw_hour(config, hour);
    (gzip(&raw), summary)
}

/// Writes hours into `dir` as `YYYY-MM-DD-H.json.gz` and returns their summaries.
pub fn write_hours(dir: &Path, config: &SampleConfig, hours: impl IntoIterator<Item = UtcHour>) -> Vec<HourSummary> {
    std::fs::create_dir_all(dir).expect("create dir");
    hours
        .into_iter()
        .map(|hour| {
            let (bytes, summary) = gz_hour(config, hour);
            std::fs::write(dir.join(format!("{}.json.gz", hour.archive_stem())), bytes).expect("write hour");
            summary
        })
        .collect()
}

/// Distinct events the loader must keep, as the generator counted them.
pub fn distinct_events(summaries: &[HourSummary]) -> u64 {
    summaries.iter().map(HourSummary::loadable).sum()
}

/// Records the loader must quarantine, as the generator counted them.
pub fn malformed(summaries: &[HourSummary]) -> u64 {
    summaries.iter().map(HourSummary::rejectable).sum()
}
