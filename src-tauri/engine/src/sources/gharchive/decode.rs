//! Streaming decode of one GH Archive hour: gzip -> records -> validated events.
//!
//! Per hour, one thread inflates and cuts the stream into chunks that end on a record boundary;
//! [`PARSERS`] threads parse chunks, each taking the next one when free; and the calling thread
//! hands the parsed batches to the store's writer (a thread of its own) in file order, with line
//! numbers counted from the file's start. Memory stays bounded by a few chunks; the hour is
//! never held whole.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use aho_corasick::AhoCorasick;
use flate2::read::MultiGzDecoder;
use tokio_util::sync::CancellationToken;

use super::record::{TimeBounds, parse_line};
use crate::scope::Filter;
use crate::store::{Entities, QuarantinedRecord, StagedBatch};

/// Decompressed bytes handed to a parser at a time.
const CHUNK_BYTES: usize = 4 << 20;
/// A record longer than this cannot be real (the largest events are a few MB of payload).
const MAX_RECORD_BYTES: usize = 64 << 20;
/// Raw text kept with a quarantined record.
const EXCERPT_BYTES: usize = 400;

/// Cheap substring test that rejects most out-of-scope lines before they are parsed. It only
/// has to be conservative: every line it lets through is checked exactly after parsing.
#[derive(Debug)]
pub struct Prefilter {
    automaton: AhoCorasick,
}

impl Prefilter {
    pub fn for_filter(filter: &Filter) -> Option<Prefilter> {
        if filter.is_everything() {
            return None;
        }
        let mut needles: Vec<String> = filter.repos.iter().map(|r| r.to_string()).collect();
        for org in &filter.orgs {
            // `"acme"` finds org logins and legacy owners, `"acme/` repository names.
            needles.push(format!("\"{}\"", org.as_str()));
            needles.push(format!("\"{}/", org.as_str()));
        }
        let automaton = AhoCorasick::builder().ascii_case_insensitive(true).build(&needles).ok()?;
        Some(Prefilter { automaton })
    }

    pub fn may_match(&self, line: &[u8]) -> bool {
        self.automaton.is_match(line)
    }
}

/// What to keep from an hour.
#[derive(Debug)]
pub struct HourContext<'a> {
    pub bounds: TimeBounds,
    pub filter: &'a Filter,
    pub prefilter: Option<&'a Prefilter>,
}

/// Counts for one decoded hour.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct HourTally {
    /// Records read, whatever became of them.
    pub records: u64,
    /// Valid events in scope, handed on to be loaded.
    pub accepted: u64,
    pub rejected: u64,
    /// Lines or records skipped because they are about other repositories.
    pub out_of_scope: u64,
    pub compressed_bytes: u64,
}

impl HourTally {
    /// Adds the record counts of `other` (the compressed bytes are read, not summed).
    fn add(&mut self, other: &HourTally) {
        self.records += other.records;
        self.accepted += other.accepted;
        self.rejected += other.rejected;
        self.out_of_scope += other.out_of_scope;
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    /// The file is damaged (truncated, not gzip): worth fetching again.
    #[error("{0}")]
    Corrupt(String),
    #[error("cancelled")]
    Cancelled,
    /// The consumer of batches has gone away.
    #[error("{0}")]
    Sink(String),
}

/// Receives each parsed batch; returning an error stops decoding.
pub type BatchSink<'a> = dyn FnMut(StagedBatch) -> Result<(), String> + 'a;

/// Decodes the gzip file at `path`, calling `sink` once per chunk and `on_progress` with running
/// tallies. Returns the tallies and every repository/actor/organisation seen in accepted events,
/// in one collection per parser: merging them is left to the caller, which can do it while the
/// unit's rollups are written ([`Entities::merged`]).
pub fn decode_hour_file(
    path: &Path,
    context: &HourContext<'_>,
    cancel: &CancellationToken,
    on_progress: &dyn Fn(&HourTally),
    sink: &mut BatchSink<'_>,
) -> Result<(HourTally, Vec<Entities>), DecodeError> {
    let file = File::open(path).map_err(|e| DecodeError::Corrupt(format!("cannot open {}: {e}", path.display())))?;
    let compressed_read = Arc::new(AtomicU64::new(0));
    let counting = CountingReader { inner: file, count: Arc::clone(&compressed_read) };
    decode_stream(
        MultiGzDecoder::new(BufReader::with_capacity(256 << 10, counting)),
        &compressed_read,
        context,
        cancel,
        on_progress,
        sink,
    )
}

/// The same as [`decode_hour_file`] for any decompressed-on-the-fly reader.
pub fn decode_stream<R: Read + Send>(
    reader: R,
    compressed_read: &AtomicU64,
    context: &HourContext<'_>,
    cancel: &CancellationToken,
    on_progress: &dyn Fn(&HourTally),
    sink: &mut BatchSink<'_>,
) -> Result<(HourTally, Vec<Entities>), DecodeError> {
    decode_in_chunks(reader, CHUNK_BYTES, compressed_read, context, cancel, on_progress, sink)
}

/// [`decode_stream`] with chunks of about `chunk_bytes` (tests use small ones).
fn decode_in_chunks<R: Read + Send>(
    reader: R,
    chunk_bytes: usize,
    compressed_read: &AtomicU64,
    context: &HourContext<'_>,
    cancel: &CancellationToken,
    on_progress: &dyn Fn(&HourTally),
    sink: &mut BatchSink<'_>,
) -> Result<(HourTally, Vec<Entities>), DecodeError> {
    let (chunks_tx, chunks_rx) = sync_channel::<Chunk>(PARSERS);
    let (spare_tx, spare_rx) = sync_channel::<Vec<u8>>(PARSERS + 2);
    let (parsed_tx, parsed_rx) = sync_channel::<ParsedChunk>(PARSERS);
    let chunks_rx = Mutex::new(Some(chunks_rx));
    std::thread::scope(|scope| {
        let cutter = scope.spawn(move || cut_chunks(reader, chunk_bytes, &chunks_tx, &spare_rx));
        let parsers: Vec<_> = (0..PARSERS)
            .map(|_| {
                let (chunks, spares, parsed) = (&chunks_rx, spare_tx.clone(), parsed_tx.clone());
                scope.spawn(move || parse_chunks(chunks, &spares, &parsed, context, cancel))
            })
            .collect();
        drop((spare_tx, parsed_tx));
        let forwarded = forward_in_order(&parsed_rx, compressed_read, cancel, on_progress, sink);
        drop(parsed_rx);
        let mut entities = Vec::with_capacity(PARSERS);
        let mut parser_failed = None;
        for parser in parsers {
            match parser.join() {
                Ok(Ok(found)) => entities.push(found),
                Ok(Err(error)) => parser_failed = parser_failed.or(Some(error)),
                Err(_) => {
                    parser_failed = parser_failed.or(Some(DecodeError::Corrupt("a parsing thread panicked".into())))
                }
            }
        }
        // Nobody receives chunks any more: unblock the cutter if it is still sending.
        drop(chunks_rx.lock().map(|mut guard| guard.take()));
        let cut = cutter.join().unwrap_or_else(|_| Err("the decompression thread panicked".into()));
        match (forwarded, parser_failed, cut) {
            (Err(e), _, _) | (Ok(_), Some(e), _) => Err(e),
            (Ok(_), None, Err(reason)) => Err(DecodeError::Corrupt(reason)),
            (Ok(tally), None, Ok(())) => Ok((tally, entities)),
        }
    })
}

/// Parsing threads per hour (decision 0018). Parsing is the longest of the three stages that
/// run together (inflate, parse, insert): on one thread it shared a core with the other two and
/// the hour waited for it. Two parsers keep both cores of a small machine busy, but only when
/// they give way to the writer, which is the bottleneck of a run of several hours: their
/// priority is lowered, which Linux can do for one thread. Elsewhere one parser stays.
const PARSERS: usize = if cfg!(target_os = "linux") { 2 } else { 1 };

/// How much lower than the rest of the process the parsers run (in nice steps; Linux weighs a
/// thread 10 steps lower at about a tenth, so they take what the writer leaves).
#[cfg(target_os = "linux")]
const PARSER_NICENESS: i32 = 10;

/// Lowers the calling thread's scheduling priority by [`PARSER_NICENESS`] (never raises it).
fn give_way_to_the_writer() {
    #[cfg(target_os = "linux")]
    {
        use rustix::process::{getpriority_process, setpriority_process};
        // On Linux a thread id names that one thread, not the whole process.
        let thread = Some(rustix::thread::gettid());
        let lowered = getpriority_process(thread).map(|nice| (nice + PARSER_NICENESS).min(19));
        if let Err(error) = lowered.and_then(|nice| setpriority_process(thread, nice)) {
            tracing::debug!(%error, "cannot lower the parsing thread's priority");
        }
    }
}

/// One chunk parsed: its batch (quarantine line numbers counted from the chunk's start), its
/// tallies and how many lines it had.
struct ParsedChunk {
    seq: u64,
    batch: StagedBatch,
    tally: HourTally,
    lines: u64,
}

/// Hands the parsed chunks to `sink` in file order (the parsers finish them in any order),
/// with quarantine line numbers counted from the file's start.
fn forward_in_order(
    parsed: &Receiver<ParsedChunk>,
    compressed_read: &AtomicU64,
    cancel: &CancellationToken,
    on_progress: &dyn Fn(&HourTally),
    sink: &mut BatchSink<'_>,
) -> Result<HourTally, DecodeError> {
    let mut tally = HourTally::default();
    let mut waiting = std::collections::BTreeMap::new();
    let (mut next, mut lines_before) = (0u64, 0u64);
    for chunk in parsed {
        waiting.insert(chunk.seq, chunk);
        while let Some(mut chunk) = waiting.remove(&next) {
            if cancel.is_cancelled() {
                return Err(DecodeError::Cancelled);
            }
            for reject in &mut chunk.batch.rejects {
                reject.line += lines_before;
            }
            lines_before += chunk.lines;
            tally.add(&chunk.tally);
            tally.compressed_bytes = compressed_read.load(Ordering::Relaxed);
            sink(chunk.batch).map_err(DecodeError::Sink)?;
            on_progress(&tally);
            next += 1;
        }
    }
    // Chunks left waiting mean one before them never came: a parser stopped, and says why.
    tally.compressed_bytes = compressed_read.load(Ordering::Relaxed);
    Ok(tally)
}

struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Decompressed bytes ending on a record boundary. `data` is longer than `len` and is reused
/// from chunk to chunk, so buffers are allocated and zeroed once, not per chunk.
struct Chunk {
    data: Vec<u8>,
    len: usize,
    /// Its place in the file, from 0.
    seq: u64,
}

/// Inflates and sends chunks that end exactly at a record boundary.
fn cut_chunks<R: Read>(
    mut reader: R,
    chunk_bytes: usize,
    chunks: &SyncSender<Chunk>,
    spares: &Receiver<Vec<u8>>,
) -> Result<(), String> {
    let mut buffer = vec![0u8; chunk_bytes];
    let mut filled = 0;
    let mut eof = false;
    let mut seq = 0;
    while !eof {
        // Fill up to the chunk size (or beyond, for an unusually long record).
        let target = chunk_bytes.max(filled + chunk_bytes / 4);
        if buffer.len() < target {
            buffer.resize(target, 0);
        }
        while filled < target {
            match reader.read(&mut buffer[filled..target]) {
                Ok(0) => {
                    eof = true;
                    break;
                }
                Ok(n) => filled += n,
                Err(error) if error.kind() == std::io::ErrorKind::Interrupted => {}
                Err(error) => return Err(describe_gzip_error(&error)),
            }
        }
        let data = &buffer[..filled];
        let cut = if eof {
            filled
        } else if let Some(newline) = memchr::memrchr(b'\n', data) {
            newline + 1
        } else if let Some(end) = last_object_end(data) {
            // Records concatenated without newlines (some 2011-2012 files): cut between objects.
            end
        } else if filled > MAX_RECORD_BYTES {
            return Err(format!(
                "a record is longer than {} MB; the file is not GH Archive data",
                MAX_RECORD_BYTES >> 20
            ));
        } else {
            continue;
        };
        let rest = filled - cut;
        let mut next = spares.try_recv().unwrap_or_else(|_| vec![0u8; chunk_bytes]);
        if next.len() < rest + chunk_bytes / 4 {
            next.resize(rest + chunk_bytes, 0);
        }
        next[..rest].copy_from_slice(&buffer[cut..filled]);
        let full = Chunk { data: std::mem::replace(&mut buffer, next), len: cut, seq };
        filled = rest;
        if cut > 0 {
            if chunks.send(full).is_err() {
                return Ok(()); // the parsers stopped; their reason wins
            }
            seq += 1;
        }
    }
    Ok(())
}

fn describe_gzip_error(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::UnexpectedEof => "the gzip stream ends early (truncated download or damaged file)".into(),
        std::io::ErrorKind::InvalidInput | std::io::ErrorKind::InvalidData => {
            format!("the file is not valid gzip: {error}")
        }
        _ => format!("reading the file failed: {error}"),
    }
}

/// The end of the last complete top-level JSON object in `bytes`, if any.
fn last_object_end(bytes: &[u8]) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped, mut last) = (0usize, false, false, None);
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'{' | b'[' => depth += 1,
            b'}' | b']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    last = Some(i + 1);
                }
            }
            _ => {}
        }
    }
    last
}

/// One parser: takes chunks until there are none left, sending each parsed. Returns the
/// entities its chunks mentioned. Dropping the shared receiver when it stops early unblocks
/// the cutter.
fn parse_chunks(
    chunks: &Mutex<Option<Receiver<Chunk>>>,
    spares: &SyncSender<Vec<u8>>,
    parsed: &SyncSender<ParsedChunk>,
    context: &HourContext<'_>,
    cancel: &CancellationToken,
) -> Result<Entities, DecodeError> {
    give_way_to_the_writer();
    let mut entities = Entities::default();
    loop {
        let next = match chunks.lock() {
            Ok(guard) => guard.as_ref().and_then(|receiver| receiver.recv().ok()),
            Err(_) => None,
        };
        let Some(chunk) = next else { return Ok(entities) };
        if cancel.is_cancelled() {
            drop(chunks.lock().map(|mut guard| guard.take()));
            return Err(DecodeError::Cancelled);
        }
        let (batch, tally, lines) = parse_chunk(&chunk.data[..chunk.len], context, &mut entities);
        let _ = spares.try_send(chunk.data);
        if parsed.send(ParsedChunk { seq: chunk.seq, batch, tally, lines }).is_err() {
            // The batches' consumer stopped: so does the cutter.
            drop(chunks.lock().map(|mut guard| guard.take()));
            return Ok(entities);
        }
    }
}

/// Parses the records of one chunk: its batch, its tallies and its number of lines.
fn parse_chunk(bytes: &[u8], context: &HourContext<'_>, entities: &mut Entities) -> (StagedBatch, HourTally, u64) {
    let mut tally = HourTally::default();
    let mut batch = StagedBatch { events: Vec::with_capacity(2048), rejects: Vec::new() };
    let mut line_number = 0u64;
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).chain((bytes.last() != Some(&b'\n')).then_some(bytes.len()));
    for end in ends {
        let line = &bytes[start..end];
        start = end + 1;
        line_number += 1;
        let line = line.trim_ascii();
        if line.is_empty() {
            continue;
        }
        if context.prefilter.is_some_and(|p| !p.may_match(line)) {
            tally.records += 1;
            tally.out_of_scope += 1;
            continue;
        }
        parse_line(line, context.bounds, |range, result| {
            tally.records += 1;
            match result {
                Ok(event) => {
                    if !context.filter.matches(&event.repo_name, event.org_login.as_deref()) {
                        tally.out_of_scope += 1;
                        return;
                    }
                    let row = &event.row;
                    entities.see_repo(row.repo_id, &event.repo_name, row.created_at);
                    entities.see_actor(row.actor_id, &event.actor_login, row.is_bot, row.created_at);
                    if let (Some(id), Some(login)) = (row.org_id, event.org_login.as_deref()) {
                        entities.see_org(id, login, row.created_at);
                    }
                    tally.accepted += 1;
                    batch.events.push(event.row);
                }
                Err(reason) => {
                    tally.rejected += 1;
                    batch.rejects.push(QuarantinedRecord { line: line_number, reason, excerpt: excerpt(&line[range]) });
                }
            }
        });
    }
    (batch, tally, line_number)
}

/// A bounded, e-mail-free excerpt of a rejected record for the quarantine.
pub fn excerpt(record: &[u8]) -> String {
    let text = String::from_utf8_lossy(&record[..record.len().min(EXCERPT_BYTES * 2)]);
    let redacted = redact_emails(&text);
    if redacted.len() <= EXCERPT_BYTES {
        return redacted;
    }
    let cut = (0..=EXCERPT_BYTES).rev().find(|&i| redacted.is_char_boundary(i)).unwrap_or(0);
    format!("{}…", &redacted[..cut])
}

/// Replaces anything shaped like an e-mail address with `<email>`. Quarantine excerpts are raw
/// data, and raw GitHub data carries commit authors' addresses, which we never keep.
pub fn redact_emails(text: &str) -> String {
    let is_local = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let is_domain = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '@' {
            let mut start = i;
            while start > 0 && is_local(chars[start - 1]) {
                start -= 1;
            }
            let mut end = i + 1;
            while end < chars.len() && is_domain(chars[end]) {
                end += 1;
            }
            let local_len = i - start;
            let domain: String = chars[i + 1..end].iter().collect();
            if local_len > 0 && domain.contains('.') {
                // Drop the local part already copied, then write the marker.
                for _ in 0..local_len {
                    out.pop();
                }
                out.push_str("<email>");
                i = end;
                continue;
            }
        }
        out.push(chars[i]);
        i += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scope::RepoName;
    use crate::time::parse_event_time;
    use std::io::Write;

    fn event(id: u64, repo: &str, login: &str) -> String {
        format!(
            r#"{{"id":"{id}","type":"WatchEvent","actor":{{"id":{id},"login":"{login}"}},"repo":{{"id":{},"name":"{repo}"}},"payload":{{"action":"started"}},"created_at":"2024-01-15T10:00:00Z"}}"#,
            repo.len()
        )
    }

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(data).unwrap();
        encoder.finish().unwrap()
    }

    fn decode(bytes: &[u8], filter: &Filter) -> Result<(HourTally, Vec<StagedBatch>), DecodeError> {
        decode_in(bytes, filter, CHUNK_BYTES)
    }

    fn decode_in(
        bytes: &[u8],
        filter: &Filter,
        chunk_bytes: usize,
    ) -> Result<(HourTally, Vec<StagedBatch>), DecodeError> {
        let bounds = TimeBounds::for_file_hour(parse_event_time("2024-01-15T10:00:00Z").unwrap());
        let prefilter = Prefilter::for_filter(filter);
        let context = HourContext { bounds, filter, prefilter: prefilter.as_ref() };
        let mut batches = Vec::new();
        let read = AtomicU64::new(0);
        let (tally, _) = decode_in_chunks(
            MultiGzDecoder::new(bytes),
            chunk_bytes,
            &read,
            &context,
            &CancellationToken::new(),
            &|_| {},
            &mut |b| {
                batches.push(b);
                Ok(())
            },
        )?;
        Ok((tally, batches))
    }

    #[test]
    fn chunks_parsed_in_parallel_reach_the_writer_in_file_order_with_file_line_numbers() {
        // About 20 records a chunk, so some 150 chunks shared by the parsers; every 97th line
        // is broken and every 61st blank (blank lines count as lines).
        let (mut text, mut ids, mut broken_lines) = (String::new(), Vec::new(), Vec::new());
        for line in 1..=3000u64 {
            if line % 97 == 0 {
                text.push_str("{\"id\": broken\n");
                broken_lines.push(line);
            } else if line % 61 == 0 {
                text.push('\n');
            } else {
                text.push_str(&(event(line, "a/b", "x") + "\n"));
                ids.push(line as i64);
            }
        }
        let (tally, batches) = decode_in(&gzip(text.as_bytes()), &Filter::default(), 4096).unwrap();
        assert!(batches.len() > 100, "{} batches", batches.len());
        let loaded: Vec<i64> = batches.iter().flat_map(|b| b.events.iter().map(|e| e.id)).collect();
        assert_eq!(loaded, ids, "events in file order");
        let quarantined: Vec<u64> = batches.iter().flat_map(|b| b.rejects.iter().map(|r| r.line)).collect();
        assert_eq!(quarantined, broken_lines, "line numbers from the file's start");
        assert_eq!((tally.accepted, tally.rejected), (ids.len() as u64, broken_lines.len() as u64));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_parser_lowers_its_own_priority_only() {
        use rustix::process::getpriority_process;
        let process = getpriority_process(None).unwrap();
        let parser = std::thread::spawn(|| {
            give_way_to_the_writer();
            getpriority_process(Some(rustix::thread::gettid())).unwrap()
        });
        assert_eq!(parser.join().unwrap(), (process + PARSER_NICENESS).min(19));
        assert_eq!(getpriority_process(Some(rustix::thread::gettid())).unwrap(), process, "this thread");
        assert_eq!(getpriority_process(None).unwrap(), process, "the process");
    }

    #[test]
    fn splits_lines_and_quarantines_bad_ones_with_line_numbers() {
        let text = format!("{}\n\nnot json\n{}\n", event(1, "a/b", "x"), event(2, "a/c", "y"));
        let (tally, batches) = decode(&gzip(text.as_bytes()), &Filter::default()).unwrap();
        assert_eq!((tally.records, tally.accepted, tally.rejected), (3, 2, 1));
        let rejects: Vec<_> = batches.iter().flat_map(|b| &b.rejects).collect();
        assert_eq!(rejects[0].line, 3);
        assert!(rejects[0].reason.starts_with("invalid JSON"));
    }

    #[test]
    fn accepts_multi_member_gzip_and_records_without_newlines() {
        let mut bytes = gzip(format!("{}\n", event(1, "a/b", "x")).as_bytes());
        let glued: String = (2..2000).map(|i| event(i, "a/b", "y")).collect();
        bytes.extend(gzip(glued.as_bytes()));
        let (tally, _) = decode(&bytes, &Filter::default()).unwrap();
        assert_eq!((tally.accepted, tally.rejected), (1999, 0));
    }

    #[test]
    fn a_truncated_stream_is_reported_as_corrupt() {
        let text: String = (1..20_000).map(|i| event(i, "a/b", "x") + "\n").collect();
        let bytes = gzip(text.as_bytes());
        let error = decode(&bytes[..bytes.len() / 2], &Filter::default()).unwrap_err();
        assert!(matches!(&error, DecodeError::Corrupt(m) if m.contains("ends early")), "{error}");
        let error = decode(b"<html>404</html>", &Filter::default()).unwrap_err();
        assert!(matches!(error, DecodeError::Corrupt(_)));
    }

    #[test]
    fn scope_filter_keeps_only_matching_repositories() {
        let text = format!(
            "{}\n{}\n{}\n",
            event(1, "Acme/Rocket", "x"),
            event(2, "acme/rocket-2", "y"),
            event(3, "other/x", "z")
        );
        let filter = Filter::new(vec![RepoName::parse("acme/rocket").unwrap()], vec![]);
        let (tally, batches) = decode(&gzip(text.as_bytes()), &filter).unwrap();
        assert_eq!((tally.accepted, tally.out_of_scope), (1, 2));
        assert_eq!(batches.iter().map(|b| b.events.len()).sum::<usize>(), 1);
    }

    #[test]
    fn excerpts_are_bounded_and_carry_no_email() {
        let record = format!("{{\"email\":\"jane.doe+gh@example.co.uk\",\"x\":\"{}\"", "y".repeat(5000));
        let text = excerpt(record.as_bytes());
        assert!(!text.contains("jane") && !text.contains("example.co.uk"), "{text}");
        assert!(text.contains("<email>"));
        assert!(text.len() <= EXCERPT_BYTES + 4);
        assert_eq!(redact_emails("a @ b, x@y, me@host.org!"), "a @ b, x@y, <email>!");
    }

    #[test]
    fn object_ends_respect_strings_and_escapes() {
        assert_eq!(last_object_end(br#"{"a":"}{\"}"}{"b":1"#), Some(13));
        assert_eq!(last_object_end(br#"{"a":"#), None);
    }
}
