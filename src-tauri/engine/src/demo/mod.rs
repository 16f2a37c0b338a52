//! Deterministic sample hours in GH Archive's format, for the offline demo workspace, tests and
//! benchmarks.
//!
//! An hour's bytes depend only on ([`SampleConfig`], hour): every event draws from a generator
//! keyed by (seed, hour, position) and from what earlier events of the same hour chose (bursts
//! of activity in one repository, issue numbers already opened), so any hour can be generated
//! alone, in any order, and comes out identical on every machine and in every release (the
//! generators are our own, see `rng.rs`). The population (people, organisations, repositories) depends on the seed and
//! population sizes only, so hours agree about who owns what.
//!
//! The shape follows the date, because the loader must read every shape the real archive has:
//!
//! | hours | shape |
//! | --- | --- |
//! | from [`TRIMMED_FROM`] (2025-10-07) | Events API with GitHub's trimmed push and pull request payloads |
//! | 2015-01-01 to 2025-10-07 | full Events API objects |
//! | [`SLASH_TIMES_UNTIL`] (2012-03-10) to [`TIMELINE_UNTIL`] (2015-01-01) | the timeline schema, no ids, `-07:00` times |
//! | before 2012-03-10 | the timeline schema with `2012/03/01 15:01:33 -0800` times, objects concatenated on one line |
//!
//! Each hour also carries the archive's imperfections: malformed lines, duplicated events and
//! events filed under the next hour (see [`SampleConfig`]).

mod events;
mod json;
mod legacy;
mod objects;
mod rng;
mod text;
mod threads;
mod words;
mod world;

#[cfg(test)]
mod tests;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::time::UtcHour;

use events::{Kind, Slot, write_event};
use json::{Json, TimeStyle};
use legacy::{LegacyKind, write_legacy_event};
use rng::{Rng, mix};
use threads::Memory;
use world::World;

/// What to generate. Two configurations are provided; tests build their own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SampleConfig {
    /// Everything random derives from this.
    pub seed: u64,
    /// Distinct events per hour, including those filed late (duplicates come on top).
    pub events_per_hour: u32,
    /// Size of the repository population.
    pub repositories: u32,
    /// Size of the human actor population (bots and organisations come on top).
    pub actors: u32,
    /// Records per hour that are not acceptable events: a truncated object, a line that is not
    /// JSON, an event without `type`, one whose `created_at` is `yesterday`, one whose repository
    /// name has no slash (Events API hours only). Before 2012-03-10, where one bad byte would
    /// corrupt the whole one-line file, only the kinds that stay valid JSON (no `type`, bad
    /// `created_at`) are used.
    pub malformed_per_hour: u32,
    /// Events written a second time in the same hour (same id, same `created_at`), per mille.
    pub duplicate_per_mille: u32,
    /// Events whose `created_at` lies in the previous hour, per mille: GH Archive files events
    /// by the hour it crawled them since 2025-05. They carry ids of the previous hour's range.
    pub misfiled_per_mille: u32,
}

impl SampleConfig {
    /// The offline demo workspace: about 3,000 events an hour over 400 repositories.
    pub fn demo() -> Self {
        SampleConfig {
            seed: 0x0C70_5C09_E000_2024,
            events_per_hour: 3_000,
            repositories: 400,
            actors: 2_000,
            malformed_per_hour: 3,
            duplicate_per_mille: 2,
            misfiled_per_mille: 3,
        }
    }

    /// A realistic busy hour for benchmarks: 200,000 events (about 800 MB uncompressed).
    pub fn benchmark() -> Self {
        SampleConfig {
            seed: 0x0C70_5C09_BE7C_4000,
            events_per_hour: 200_000,
            repositories: 60_000,
            actors: 90_000,
            malformed_per_hour: 20,
            duplicate_per_mille: 1,
            misfiled_per_mille: 2,
        }
    }
}

impl Default for SampleConfig {
    fn default() -> Self {
        SampleConfig::demo()
    }
}

/// What [`write_hour`] wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HourSummary {
    /// Newline-terminated lines; 1 for a one-line (pre 2012-03-10) hour.
    pub lines: u64,
    /// Acceptable event records written, duplicate copies included.
    pub events: u64,
    /// Records that are not acceptable events.
    pub malformed: u64,
    /// Extra copies of events already written in the hour (`events - duplicates` are distinct).
    pub duplicates: u64,
    /// Distinct legacy account-level events (FollowEvent, GistEvent) with no repository,
    /// included in `events`. They are not repository activity, so the loader quarantines them.
    pub repoless: u64,
    /// Extra copies of repo-less events, included in `duplicates`.
    pub repoless_copies: u64,
    /// Bytes written before compression.
    pub uncompressed_bytes: u64,
}

impl HourSummary {
    /// Events a loader keeps: distinct events that belong to a repository.
    pub fn loadable(&self) -> u64 {
        self.events - self.duplicates - self.repoless
    }

    /// Records a loader rejects: the malformed ones and every repo-less event record.
    pub fn rejectable(&self) -> u64 {
        self.malformed + self.repoless + self.repoless_copies
    }
}

/// The first hour of the offline sample workspace: 2024-03-04T00.
pub const DEMO_START: UtcHour = UtcHour(474_864);

/// Names of the most popular sample repositories, most active first. All fictional.
pub const FEATURED_REPOSITORIES: &[&str] = &[
    "acme/rocket",
    "octo-org/octoscope",
    "nimbus-labs/cloudkit",
    "jdoe/dotfiles",
    "pixel-forge/shader-playground",
    "mira-chen/tinyjson",
    "openfield/geo-tiles",
    "river-db/riverdb",
    "kaito-s/vim-lumen",
    "helios-ai/sunbeam",
];

/// `acme/rocket` (the first featured repository) was called `acme/rocket-old` before
/// [`RENAMED_AT`]: same repository id, different name, as when a real repository is renamed.
pub const RENAMED_FROM: &str = "acme/rocket-old";

/// The hour from which `acme/rocket-old` appears as `acme/rocket`: a day into the demo.
pub const RENAMED_AT: UtcHour = UtcHour(DEMO_START.0 + 24);

/// Hours before this (2012-03-10T00) use slash timestamps and one-line files.
pub const SLASH_TIMES_UNTIL: UtcHour = UtcHour(369_816);

/// Hours before this (2015-01-01T00) use the timeline schema.
pub const TIMELINE_UNTIL: UtcHour = UtcHour(394_464);

/// Hours from this (2025-10-07T00) on carry GitHub's trimmed Events API payloads.
pub const TRIMMED_FROM: UtcHour = UtcHour(488_832);

/// The first event id of 2014-12-31T23; ids grow by [`ID_STRIDE`] an hour from there.
const ID_AT_2015: u64 = 2_489_000_000;
/// Push ids are event ids shifted down by a constant, so they are unique too.
const PUSH_ID_AT_2015: u64 = 536_000_000;
/// Event ids handed out per hour (GitHub's real rate grew from ~0.2M to ~1.2M an hour).
const ID_STRIDE: u64 = 400_000;

/// The record shape used for an hour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Before 2012-03-10: timeline schema, slash timestamps, objects concatenated on one line.
    SlashTimeline,
    /// 2012-03-10 to 2015-01-01: timeline schema, one object per line.
    Timeline,
    /// 2015-01-01 to 2025-10-07: full Events API objects.
    EventsApi,
    /// From 2025-10-07: Events API with trimmed push and pull request payloads.
    TrimmedEventsApi,
}

impl Shape {
    pub fn of(hour: UtcHour) -> Self {
        if hour < SLASH_TIMES_UNTIL {
            Shape::SlashTimeline
        } else if hour < TIMELINE_UNTIL {
            Shape::Timeline
        } else if hour < TRIMMED_FROM {
            Shape::EventsApi
        } else {
            Shape::TrimmedEventsApi
        }
    }

    fn has_ids(self) -> bool {
        matches!(self, Shape::EventsApi | Shape::TrimmedEventsApi)
    }
}

/// Ways a record can be unacceptable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Malformed {
    Truncated,
    NotJson,
    MissingType,
    BadTime,
    NoSlash,
}

impl Malformed {
    fn kinds(shape: Shape) -> &'static [Malformed] {
        use Malformed::*;
        match shape {
            Shape::SlashTimeline => &[MissingType, BadTime],
            Shape::Timeline => &[Truncated, NotJson, MissingType, BadTime],
            Shape::EventsApi | Shape::TrimmedEventsApi => &[Truncated, NotJson, MissingType, BadTime, NoSlash],
        }
    }
}

/// Writes one hour as GH Archive does (uncompressed JSON lines).
pub fn write_hour(config: &SampleConfig, hour: UtcHour, out: &mut dyn Write) -> io::Result<HourSummary> {
    let world = World::new(config);
    let plan = Plan::new(config, hour);
    let shape = Shape::of(hour);
    let mut sink = Sink { out, chunk: Vec::with_capacity(1 << 20), shape, summary: HourSummary::default() };
    let mut json = Json::new();
    let mut pending: Vec<(usize, Vec<u8>)> = Vec::new();
    let (mut next_bad, mut next_dup) = (0, 0);
    let mut memory = Memory::default();
    for (position, slot) in plan.order.iter().enumerate() {
        while let Some(bad) = plan.malformed.get(next_bad).filter(|b| b.position <= position) {
            json.clear();
            malformed(&mut json, &world, config, hour, bad);
            sink.record(&json.buf, Record::Malformed)?;
            next_bad += 1;
        }
        json.clear();
        write_any(&mut json, &world, slot, shape, None, &mut memory);
        sink.record(&json.buf, Record::Event)?;
        if plan.duplicates.get(next_dup).is_some_and(|d| d.0 == position) {
            pending.push((position + plan.duplicates[next_dup].1, json.buf.clone()));
            next_dup += 1;
        }
        while let Some(at) = pending.iter().position(|p| p.0 <= position) {
            let (_, copy) = pending.remove(at);
            sink.record(&copy, Record::Duplicate)?;
        }
    }
    for (_, copy) in pending {
        sink.record(&copy, Record::Duplicate)?;
    }
    for bad in &plan.malformed[next_bad..] {
        json.clear();
        malformed(&mut json, &world, config, hour, bad);
        sink.record(&json.buf, Record::Malformed)?;
    }
    sink.finish()
}

/// Writes `dir/<archive_stem>.json.gz` (gzip level 6), creating `dir` if needed, and returns its
/// path and summary. The file appears under its final name only once complete.
pub fn write_hour_gz(config: &SampleConfig, hour: UtcHour, dir: &Path) -> io::Result<(PathBuf, HourSummary)> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("{}.json.gz", hour.archive_stem()));
    let partial = dir.join(format!("{}.json.gz.partial", hour.archive_stem()));
    let file = BufWriter::with_capacity(1 << 20, File::create(&partial)?);
    let mut encoder = GzEncoder::new(file, Compression::new(6));
    let summary = write_hour(config, hour, &mut encoder)?;
    encoder.finish()?.into_inner().map_err(|e| e.into_error())?;
    std::fs::rename(&partial, &path)?;
    Ok((path, summary))
}

/// Writes one event in the hour's shape.
fn write_any(json: &mut Json, world: &World, slot: &Slot, shape: Shape, kind: Option<Kind>, memory: &mut Memory) {
    match shape {
        Shape::SlashTimeline | Shape::Timeline => {
            let style = if shape == Shape::Timeline { TimeStyle::Offset } else { TimeStyle::Slash };
            let legacy = kind.map(|k| if k == Kind::Push { LegacyKind::Push } else { LegacyKind::Watch });
            write_legacy_event(json, world, slot, style, legacy, memory)
        }
        Shape::EventsApi => write_event(json, world, slot, false, kind, memory),
        Shape::TrimmedEventsApi => write_event(json, world, slot, true, kind, memory),
    }
}

/// One malformed record: written before the event at `position`.
struct BadRecord {
    position: usize,
    kind: Malformed,
    /// Its rank among the hour's malformed records, which keys its content.
    index: usize,
}

/// Where each record of the hour goes.
struct Plan {
    /// Distinct events in file order.
    order: Vec<Slot>,
    /// (position in `order` written after, delay in records) per duplicated event, sorted.
    duplicates: Vec<(usize, usize)>,
    /// Malformed records, sorted by position.
    malformed: Vec<BadRecord>,
}

impl Plan {
    fn new(config: &SampleConfig, hour: UtcHour) -> Self {
        let n = config.events_per_hour as usize;
        let late = (n * config.misfiled_per_mille.min(1000) as usize / 1000).min(n);
        let mut rng = Rng::keyed(&[config.seed, 10, hour.0 as u64]);
        let start = hour.start();

        // Times spread over the hour, sorted like the crawler's output, with a little jitter so
        // the order is only roughly increasing, as in real files.
        let mut offsets: Vec<i64> = (0..n - late).map(|_| rng.below(3600) as i64).collect();
        offsets.sort_unstable();
        let own = offsets.iter().enumerate().map(|(i, &offset)| {
            let jitter = if rng.percent(3) { rng.range(1, 3) as i64 } else { 0 };
            slot(config, hour, i, 0, start + (offset - jitter).max(0))
        });
        let own: Vec<Slot> = own.collect();
        // Late events belong to the previous hour: its last seconds, and ids from its range (the
        // second lane, which the previous hour's own events never use).
        let mut late_offsets: Vec<i64> = (0..late).map(|_| 1 + rng.below(180) as i64).collect();
        late_offsets.sort_unstable_by(|a, b| b.cmp(a));
        let previous = UtcHour(hour.0 - 1);
        let late_slots =
            late_offsets.iter().enumerate().map(|(k, &back)| slot(config, previous, n - late + k, 1, start - back));

        let mut order = Vec::with_capacity(n);
        let mut late_slots = late_slots.peekable();
        for (i, s) in own.into_iter().enumerate() {
            if i % 2 == 0 {
                order.extend(late_slots.next());
            }
            order.push(s);
        }
        order.extend(late_slots);

        let dup_count = (n * config.duplicate_per_mille.min(1000) as usize / 1000).min(n);
        let duplicates = (0..dup_count)
            .map(|j| {
                let span = n / dup_count;
                (j * span + rng.index(span), 1 + rng.index(40))
            })
            .collect();
        let kinds = Malformed::kinds(Shape::of(hour));
        let bad = config.malformed_per_hour as usize;
        let malformed = (0..bad)
            .map(|j| {
                let span = (n / bad.max(1)).max(1);
                let position = j * n / bad + rng.index(span);
                let kind = kinds[(hour.0.rem_euclid(kinds.len() as i64) as usize + j) % kinds.len()];
                BadRecord { position, kind, index: j }
            })
            .collect();
        Plan { order, duplicates, malformed }
    }
}

/// The event at `index` of `hour`'s id range, in `lane` 0 (the hour's own events) or 1 (events
/// filed an hour late).
fn slot(config: &SampleConfig, hour: UtcHour, index: usize, lane: u64, time: i64) -> Slot {
    let n = u64::from(config.events_per_hour.max(1));
    let stride = ID_STRIDE.max(2 * n);
    let step = stride / n;
    // Counted from the hour before 2015 so that the first Events API hour's late events (which
    // happened in 2014) still get a range of their own. Timeline hours ignore the id.
    let hours = (hour.0 - TIMELINE_UNTIL.0 + 1).max(0) as u64;
    let id = ID_AT_2015 + hours * stride + index as u64 * step + lane;
    Slot { id, time, key: mix(&[config.seed, 9, hour.0 as u64, index as u64, lane]) }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Record {
    Event,
    Duplicate,
    Malformed,
}

/// Buffers records into large writes and counts them.
struct Sink<'a> {
    out: &'a mut dyn Write,
    chunk: Vec<u8>,
    shape: Shape,
    summary: HourSummary,
}

impl Sink<'_> {
    fn record(&mut self, bytes: &[u8], kind: Record) -> io::Result<()> {
        self.chunk.extend_from_slice(bytes);
        let mut written = bytes.len() as u64;
        if self.shape != Shape::SlashTimeline {
            self.chunk.push(b'\n');
            self.summary.lines += 1;
            written += 1;
        } else {
            self.summary.lines = 1;
        }
        self.summary.uncompressed_bytes += written;
        // Only the timeline schema has account-level events; they are the records without one.
        let repoless = matches!(self.shape, Shape::SlashTimeline | Shape::Timeline)
            && kind != Record::Malformed
            && memchr::memmem::find(bytes, b"\"repository\":").is_none();
        match kind {
            Record::Event => {
                self.summary.events += 1;
                self.summary.repoless += u64::from(repoless);
            }
            Record::Duplicate => {
                self.summary.events += 1;
                self.summary.duplicates += 1;
                self.summary.repoless_copies += u64::from(repoless);
            }
            Record::Malformed => self.summary.malformed += 1,
        }
        if self.chunk.len() >= 1 << 20 {
            self.out.write_all(&self.chunk)?;
            self.chunk.clear();
        }
        Ok(())
    }

    fn finish(self) -> io::Result<HourSummary> {
        self.out.write_all(&self.chunk)?;
        self.out.flush()?;
        Ok(self.summary)
    }
}

/// Writes the `j`-th malformed record of the hour.
fn malformed(json: &mut Json, world: &World, config: &SampleConfig, hour: UtcHour, bad: &BadRecord) {
    let (shape, kind) = (Shape::of(hour), bad.kind);
    let mut rng = Rng::keyed(&[config.seed, 11, hour.0 as u64, bad.index as u64]);
    let time = hour.start() + rng.below(3600) as i64;
    // Malformed records borrow the second id lane from the front of the hour's range, which no
    // valid event uses, so they never collide with a real id.
    let slot = Slot { time, ..slot(config, hour, bad.index, 1, time) };
    if kind == Malformed::NotJson {
        json.buf.extend_from_slice(rng.pick(NOT_JSON).as_bytes());
        return;
    }
    if kind == Malformed::Truncated {
        // A push cut inside its commits, so the fragment holds an e-mail address the loader must
        // not keep; trimmed hours have no commits, so their fragment uses the full shape.
        let full = if shape == Shape::TrimmedEventsApi { Shape::EventsApi } else { shape };
        write_any(json, world, &slot, full, Some(Kind::Push), &mut Memory::default());
    } else {
        write_any(json, world, &slot, shape, Some(Kind::Watch), &mut Memory::default());
    }
    match kind {
        Malformed::Truncated => {
            let text = &json.buf;
            let marker: &[u8] = if shape.has_ids() { b"\"name\":\"" } else { b"\",\"" };
            let email_at = find(text, b"@", find(text, b"commits", 0).or(find(text, b"shas", 0)).unwrap_or(0));
            let cut = email_at.and_then(|at| find(text, marker, at)).map_or(text.len() / 2, |at| at + marker.len());
            json.buf.truncate(cut);
        }
        Malformed::MissingType => {
            replace_first(&mut json.buf, b"\"type\":\"WatchEvent\",", b"");
        }
        Malformed::BadTime => {
            if let Some(at) = find(&json.buf, b"\"created_at\":\"", 0) {
                let value = at + b"\"created_at\":\"".len();
                if let Some(end) = find(&json.buf, b"\"", value) {
                    json.buf.splice(value..end, b"yesterday".iter().copied());
                }
            }
        }
        Malformed::NoSlash => {
            let (full, short) = world.names_at(repo_of(&json.buf, world), time);
            let (full, short) = (full.to_owned(), short.to_owned());
            replace_first(
                &mut json.buf,
                format!("\"name\":\"{full}\"").as_bytes(),
                format!("\"name\":\"{short}\"").as_bytes(),
            );
            replace_first(&mut json.buf, format!("repos/{full}\"").as_bytes(), format!("repos/{short}\"").as_bytes());
        }
        Malformed::NotJson => {}
    }
}

/// The repository an Events API record names, found by id.
fn repo_of(buf: &[u8], world: &World) -> usize {
    let Some(at) = find(buf, b"\"repo\":{\"id\":", 0) else { return 0 };
    let digits = &buf[at + b"\"repo\":{\"id\":".len()..];
    let id = digits.iter().take_while(|b| b.is_ascii_digit()).fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
    world.repos.iter().position(|r| r.id == id).unwrap_or(0)
}

fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack.get(from..)?.windows(needle.len()).position(|w| w == needle).map(|p| p + from)
}

fn replace_first(buf: &mut Vec<u8>, from: &[u8], to: &[u8]) {
    if let Some(at) = find(buf, from, 0) {
        buf.splice(at..at + from.len(), to.iter().copied());
    }
}

/// Lines that are not JSON at all, as a crawler hiccup leaves them.
const NOT_JSON: &[&str] = &[
    "<html><head><title>502 Bad Gateway</title></head><body>502 Bad Gateway</body></html>",
    "Error: connection reset by peer (os error 104)",
    "PushEvent acme/rocket refs/heads/main",
    "event stream interrupted, resuming at offset 8388608",
];
