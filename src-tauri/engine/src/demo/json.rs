//! A minimal streaming JSON writer and the number, hex and time formats the events use.
//!
//! Writing bytes straight into one reused buffer keeps the benchmark hour (800 MB) at a few
//! seconds; building `serde_json::Value` trees would cost an allocation per field.

use crate::time::days_from_civil;

use super::rng::Rng;

/// How a timestamp is spelled; GitHub changed it twice.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum TimeStyle {
    /// `2024-03-04T00:00:01Z`, the Events API since 2015.
    Utc,
    /// `2013-04-01T00:00:03-07:00`, the 2012-2014 timeline in US Pacific time.
    Offset,
    /// `2012/03/01 15:01:33 -0800`, the timeline before 2012-03-10.
    Slash,
}

/// Appends JSON to a byte buffer, inserting commas itself.
pub(super) struct Json {
    pub(super) buf: Vec<u8>,
    comma: bool,
}

impl Json {
    pub(super) fn new() -> Self {
        Json { buf: Vec::with_capacity(64 * 1024), comma: false }
    }

    pub(super) fn clear(&mut self) {
        self.buf.clear();
        self.comma = false;
    }

    fn separate(&mut self) {
        if self.comma {
            self.buf.push(b',');
        }
    }

    /// Writes `"key":`; the next value call fills it in.
    pub(super) fn key(&mut self, key: &str) {
        self.separate();
        self.buf.push(b'"');
        self.buf.extend_from_slice(key.as_bytes());
        self.buf.extend_from_slice(b"\":");
        self.comma = false;
    }

    /// Opens an object as the value of `key`.
    pub(super) fn open(&mut self, key: &str) {
        self.key(key);
        self.buf.push(b'{');
    }

    /// Opens an object as an array element or a top-level value.
    pub(super) fn open_item(&mut self) {
        self.separate();
        self.buf.push(b'{');
        self.comma = false;
    }

    pub(super) fn close(&mut self) {
        self.buf.push(b'}');
        self.comma = true;
    }

    pub(super) fn open_array(&mut self, key: &str) {
        self.key(key);
        self.buf.push(b'[');
    }

    /// Opens an array as an array element.
    pub(super) fn open_array_item(&mut self) {
        self.separate();
        self.buf.push(b'[');
        self.comma = false;
    }

    pub(super) fn close_array(&mut self) {
        self.buf.push(b']');
        self.comma = true;
    }

    /// `"key":"value"` with the value escaped.
    pub(super) fn str(&mut self, key: &str, value: &str) {
        self.key(key);
        self.str_value(value);
    }

    /// A string as an array element (or after [`Json::key`]).
    pub(super) fn str_value(&mut self, value: &str) {
        self.separate();
        self.buf.push(b'"');
        escape_into(&mut self.buf, value);
        self.buf.push(b'"');
        self.comma = true;
    }

    pub(super) fn opt_str(&mut self, key: &str, value: Option<&str>) {
        match value {
            Some(v) => self.str(key, v),
            None => self.null(key),
        }
    }

    pub(super) fn num(&mut self, key: &str, value: u64) {
        self.key(key);
        self.num_value(value);
    }

    pub(super) fn num_value(&mut self, value: u64) {
        self.separate();
        put_u64(&mut self.buf, value);
        self.comma = true;
    }

    pub(super) fn bool(&mut self, key: &str, value: bool) {
        self.key(key);
        self.bool_value(value);
    }

    pub(super) fn bool_value(&mut self, value: bool) {
        self.separate();
        self.buf.extend_from_slice(if value { b"true" } else { b"false" });
        self.comma = true;
    }

    pub(super) fn null(&mut self, key: &str) {
        self.key(key);
        self.buf.extend_from_slice(b"null");
        self.comma = true;
    }

    /// `"key":<bytes>` where `bytes` is already a complete JSON value.
    pub(super) fn raw(&mut self, key: &str, bytes: &[u8]) {
        self.key(key);
        self.buf.extend_from_slice(bytes);
        self.comma = true;
    }

    /// `"key":[]`.
    pub(super) fn empty_array(&mut self, key: &str) {
        self.key(key);
        self.buf.extend_from_slice(b"[]");
        self.comma = true;
    }

    pub(super) fn time(&mut self, key: &str, seconds: i64, style: TimeStyle) {
        self.key(key);
        self.time_value(seconds, style);
    }

    pub(super) fn opt_time(&mut self, key: &str, seconds: Option<i64>, style: TimeStyle) {
        match seconds {
            Some(s) => self.time(key, s, style),
            None => self.null(key),
        }
    }

    pub(super) fn time_value(&mut self, seconds: i64, style: TimeStyle) {
        self.separate();
        self.buf.push(b'"');
        put_time(&mut self.buf, seconds, style);
        self.buf.push(b'"');
        self.comma = true;
    }

    /// `"key":"<40 hex digits>"`.
    pub(super) fn sha(&mut self, key: &str, sha: &Sha) {
        self.key(key);
        self.separate();
        self.buf.push(b'"');
        self.buf.extend_from_slice(&sha.0);
        self.buf.push(b'"');
        self.comma = true;
    }

    /// Opens a string value whose parts are appended with [`Piece::put`]; used through the
    /// [`cat!`] macro for URLs built from trusted pieces (generated names never need escaping).
    pub(super) fn begin_str(&mut self, key: &str) {
        self.key(key);
        self.separate();
        self.buf.push(b'"');
    }

    /// Opens a string value as an array element.
    pub(super) fn begin_str_item(&mut self) {
        self.separate();
        self.buf.push(b'"');
    }

    pub(super) fn end_str(&mut self) {
        self.buf.push(b'"');
        self.comma = true;
    }
}

/// Something that can be appended raw inside a JSON string.
pub(super) trait Piece {
    fn put(&self, buf: &mut Vec<u8>);
}

impl Piece for str {
    fn put(&self, buf: &mut Vec<u8>) {
        buf.extend_from_slice(self.as_bytes());
    }
}

impl<T: Piece + ?Sized> Piece for &T {
    fn put(&self, buf: &mut Vec<u8>) {
        (**self).put(buf);
    }
}

impl Piece for String {
    fn put(&self, buf: &mut Vec<u8>) {
        buf.extend_from_slice(self.as_bytes());
    }
}

impl Piece for u64 {
    fn put(&self, buf: &mut Vec<u8>) {
        put_u64(buf, *self);
    }
}

impl Piece for Sha {
    fn put(&self, buf: &mut Vec<u8>) {
        buf.extend_from_slice(&self.0);
    }
}

/// `cat!(json, "key", piece, piece, ...)` writes `"key":"<pieces concatenated>"` unescaped.
macro_rules! cat {
    ($json:expr, $key:expr, $($piece:expr),+ $(,)?) => {{
        let json: &mut $crate::demo::json::Json = $json;
        json.begin_str($key);
        $( $crate::demo::json::Piece::put(&$piece, &mut json.buf); )+
        json.end_str();
    }};
}
pub(super) use cat;

/// A git object id as 40 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Sha(pub(super) [u8; 40]);

impl Sha {
    pub(super) fn random(rng: &mut Rng) -> Self {
        let mut out = [0u8; 40];
        let mut word = 0u64;
        for (i, slot) in out.iter_mut().enumerate() {
            if i % 16 == 0 {
                word = rng.next_u64();
            }
            *slot = HEX[(word & 15) as usize];
            word >>= 4;
        }
        Sha(out)
    }

    pub(super) fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// Appends `count` hex digits derived from `seed` (gravatar ids, hashed e-mail addresses).
pub(super) fn put_hex(buf: &mut Vec<u8>, seed: u64, count: usize) {
    let mut rng = Rng::new(seed);
    let mut word = 0u64;
    for i in 0..count {
        if i % 16 == 0 {
            word = rng.next_u64();
        }
        buf.push(HEX[(word & 15) as usize]);
        word >>= 4;
    }
}

/// `count` hex digits derived from `seed`, as a string.
pub(super) fn hex_string(seed: u64, count: usize) -> String {
    let mut buf = Vec::with_capacity(count);
    put_hex(&mut buf, seed, count);
    String::from_utf8(buf).unwrap_or_default()
}

pub(super) fn put_u64(buf: &mut Vec<u8>, mut value: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[at..]);
}

fn put_2(buf: &mut Vec<u8>, value: i64) {
    buf.push(b'0' + (value / 10) as u8);
    buf.push(b'0' + (value % 10) as u8);
}

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm, inverse of
/// [`days_from_civil`]).
pub(super) fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// US Pacific offset from UTC in seconds at `seconds` (the 2007 rules, which cover every year
/// the timeline format was used): daylight time from the second Sunday of March at 10:00 UTC to
/// the first Sunday of November at 09:00 UTC.
pub(super) fn pacific_offset(seconds: i64) -> i64 {
    let (year, _, _) = civil_from_days(seconds.div_euclid(86_400));
    let first_sunday = |month: u32| {
        let first = days_from_civil(year, month, 1);
        // 1970-01-01 was a Thursday: (days + 4) mod 7 is 0 on Sundays.
        first + (7 - (first + 4).rem_euclid(7)) % 7
    };
    let dst_start = (first_sunday(3) + 7) * 86_400 + 10 * 3600;
    let dst_end = first_sunday(11) * 86_400 + 9 * 3600;
    if (dst_start..dst_end).contains(&seconds) { -7 * 3600 } else { -8 * 3600 }
}

pub(super) fn put_time(buf: &mut Vec<u8>, seconds: i64, style: TimeStyle) {
    let offset = if style == TimeStyle::Utc { 0 } else { pacific_offset(seconds) };
    let local = seconds + offset;
    let (year, month, day) = civil_from_days(local.div_euclid(86_400));
    let in_day = local.rem_euclid(86_400);
    let date_sep = if style == TimeStyle::Slash { b'/' } else { b'-' };
    put_u64(buf, year.max(0) as u64);
    buf.push(date_sep);
    put_2(buf, month);
    buf.push(date_sep);
    put_2(buf, day);
    buf.push(if style == TimeStyle::Slash { b' ' } else { b'T' });
    put_2(buf, in_day / 3600);
    buf.push(b':');
    put_2(buf, in_day / 60 % 60);
    buf.push(b':');
    put_2(buf, in_day % 60);
    let hours = -offset / 3600;
    match style {
        TimeStyle::Utc => buf.push(b'Z'),
        TimeStyle::Offset => {
            buf.push(b'-');
            put_2(buf, hours);
            buf.extend_from_slice(b":00");
        }
        TimeStyle::Slash => {
            buf.extend_from_slice(b" -");
            put_2(buf, hours);
            buf.extend_from_slice(b"00");
        }
    }
}

/// Escapes `value` as JSON string content.
pub(super) fn escape_into(buf: &mut Vec<u8>, value: &str) {
    for &b in value.as_bytes() {
        match b {
            b'"' => buf.extend_from_slice(b"\\\""),
            b'\\' => buf.extend_from_slice(b"\\\\"),
            b'\n' => buf.extend_from_slice(b"\\n"),
            b'\r' => buf.extend_from_slice(b"\\r"),
            b'\t' => buf.extend_from_slice(b"\\t"),
            0..=0x1f => {
                buf.extend_from_slice(b"\\u00");
                buf.push(HEX[usize::from(b >> 4)]);
                buf.push(HEX[usize::from(b & 15)]);
            }
            _ => buf.push(b),
        }
    }
}

const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding, as in GitHub's legacy node ids (`MDQ6VXNlcjE=` is `04:User1`).
pub(super) fn put_base64(buf: &mut Vec<u8>, bytes: &[u8]) {
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                buf.push(BASE64[(n >> (18 - 6 * i) & 63) as usize]);
            } else {
                buf.push(b'=');
            }
        }
    }
}

/// `"node_id":"<prefix><base64 of id>"`: legacy ids encode `04:User123`, newer ones a prefix
/// and a packed number; both only need to look right and be stable.
pub(super) fn node_id(json: &mut Json, legacy_prefix: &str, id: u64) {
    json.begin_str("node_id");
    let mut text = Vec::with_capacity(40);
    text.extend_from_slice(legacy_prefix.as_bytes());
    put_u64(&mut text, id);
    put_base64(&mut json.buf, &text);
    json.end_str();
}

/// `"node_id":"PR_kwDOABCD5M5abcd"` style ids of objects created after 2021.
pub(super) fn new_node_id(json: &mut Json, kind: &str, parent: u64, id: u64) {
    json.begin_str("node_id");
    json.buf.extend_from_slice(kind.as_bytes());
    json.buf.extend_from_slice(b"_kwDO");
    put_base64(&mut json.buf, &(parent as u32).to_be_bytes());
    json.buf.extend_from_slice(b"M4");
    put_base64(&mut json.buf, &(id as u32).to_be_bytes()[1..]);
    json.end_str();
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_event_time;

    fn formatted(seconds: i64, style: TimeStyle) -> String {
        let mut buf = Vec::new();
        put_time(&mut buf, seconds, style);
        String::from_utf8(buf).unwrap()
    }

    #[test]
    fn times_round_trip_in_every_style() {
        let summer = parse_event_time("2013-04-01T07:00:03Z").unwrap();
        assert_eq!(formatted(summer, TimeStyle::Utc), "2013-04-01T07:00:03Z");
        assert_eq!(formatted(summer, TimeStyle::Offset), "2013-04-01T00:00:03-07:00");
        let winter = parse_event_time("2012-03-01T23:01:33Z").unwrap();
        assert_eq!(formatted(winter, TimeStyle::Slash), "2012/03/01 15:01:33 -0800");
        for step in 0..2000 {
            let t = 1_300_000_000 + step * 86_413;
            for style in [TimeStyle::Utc, TimeStyle::Offset, TimeStyle::Slash] {
                assert_eq!(parse_event_time(&formatted(t, style)), Some(t));
            }
        }
    }

    #[test]
    fn daylight_time_switches_on_the_right_sundays() {
        // 2013: DST began 2013-03-10 at 10:00 UTC and ended 2013-11-03 at 09:00 UTC.
        let at = |s: &str| parse_event_time(s).unwrap();
        assert_eq!(pacific_offset(at("2013-03-10T09:59:59Z")), -8 * 3600);
        assert_eq!(pacific_offset(at("2013-03-10T10:00:00Z")), -7 * 3600);
        assert_eq!(pacific_offset(at("2013-11-03T08:59:59Z")), -7 * 3600);
        assert_eq!(pacific_offset(at("2013-11-03T09:00:00Z")), -8 * 3600);
    }

    #[test]
    fn base64_matches_github_node_ids() {
        let mut json = Json::new();
        json.open_item();
        node_id(&mut json, "04:User", 1);
        json.close();
        assert_eq!(json.buf, b"{\"node_id\":\"MDQ6VXNlcjE=\"}");
    }
}
