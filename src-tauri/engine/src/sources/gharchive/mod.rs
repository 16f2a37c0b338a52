//! GH Archive: one gzip file of newline-delimited GitHub events per UTC hour, free and without
//! credentials. A unit is one hour.

pub mod cache;
pub mod decode;
pub mod fetch;
pub mod record;

pub use fetch::{ArchiveLocation, DEFAULT_BASE_URL, FetchPolicy, Fetched, Fetcher};

use crate::time::UtcHour;

/// The source's name in runs, units and coverage.
pub const SOURCE: &str = "gharchive";

/// Typical compressed size of one hour by year, in MB, from published archive sizes
/// (2015 ~6 MB, 2019 ~43 MB, 2021 ~105 MB). Used only for estimates before downloading.
fn typical_hour_megabytes(year: i32) -> f64 {
    match year {
        ..=2011 => 1.5,
        2012 => 3.0,
        2013 => 5.0,
        2014 => 5.5,
        2015 => 6.0,
        2016 => 15.0,
        2017 => 25.0,
        2018 => 33.0,
        2019 => 43.0,
        2020 => 75.0,
        2021..=2023 => 105.0,
        2024 => 100.0,
        _ => 80.0,
    }
}

/// Estimated download size of an hour, in bytes.
pub fn estimated_hour_bytes(hour: UtcHour) -> u64 {
    use chrono::Datelike;
    (typical_hour_megabytes(hour.to_datetime().year()) * 1_000_000.0) as u64
}

/// Estimated number of events in `bytes` of compressed hour: real hours inflate about 8x and
/// average about 3.5 KB per event.
pub fn estimated_events(bytes: u64) -> u64 {
    bytes * 8 / 3_500
}
