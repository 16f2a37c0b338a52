//! One GH Archive record -> one validated, normalised event.
//!
//! Three shapes exist in the archive: the Events API shape (2015 on, with payloads trimmed on
//! 2025-10-07) and the 2011-2014 "timeline" shape (`repository` object, `actor` as a login string
//! with `actor_attributes`, no event id, timestamps with offsets or in `2012/04/11 15:01:33 -0700`
//! form). The raw structs below declare only the fields we keep; serde skips everything else
//! without building it, which is most of the cost saved. E-mail addresses are never declared, so
//! they never leave the parser.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::time::parse_event_time;

/// A normalised event, ready for the `events` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventRow {
    pub id: i64,
    pub created_at: i64,
    pub kind: Cow<'static, str>,
    pub action: Option<Cow<'static, str>>,
    pub repo_id: i64,
    pub actor_id: i64,
    pub org_id: Option<i64>,
    pub number: Option<i64>,
    pub is_bot: bool,
    pub merged: Option<bool>,
    pub item_created_at: Option<i64>,
    pub item_author_id: Option<i64>,
    pub commit_count: Option<i64>,
    pub ref_type: Option<Cow<'static, str>>,
    /// ReleaseEvent: the tag it published.
    pub release_tag: Option<Box<str>>,
}

/// An event with the names that go to the repository, actor and organisation tables.
#[derive(Debug)]
pub struct ParsedEvent<'a> {
    pub row: EventRow,
    pub repo_name: Cow<'a, str>,
    pub actor_login: Cow<'a, str>,
    pub org_login: Option<Cow<'a, str>>,
}

/// Bounds a plausible `created_at` must lie within, in unix seconds.
#[derive(Debug, Clone, Copy)]
pub struct TimeBounds {
    pub earliest: i64,
    pub latest: i64,
}

impl TimeBounds {
    /// GitHub opened in 2008; anything before its beta is corrupt. An event cannot be created
    /// after the hour its file was written, but clocks drift, so allow a day.
    pub fn for_file_hour(hour_start: i64) -> Self {
        TimeBounds { earliest: 1_191_196_800 /* 2007-10-01 */, latest: hour_start + 3600 + 86_400 }
    }
}

/// Defines a raw struct of optional fields and its `Deserialize`, which takes each object key as
/// bytes ([`Key`]) and skips the values of keys it does not declare. A field's key is its name,
/// or the string after `=`. Missing fields take their default; a repeated one is an error, as
/// with serde's derive.
macro_rules! raw_struct {
    ($(#[$doc:meta])* struct $name:ident<$a:lifetime> $fields:tt expecting $what:literal) => {
        raw_struct!(@define $(#[$doc])* [$name<$a>] [$a] $fields $what);
    };
    ($(#[$doc:meta])* struct $name:ident $fields:tt expecting $what:literal) => {
        raw_struct!(@define $(#[$doc])* [$name] ['r] $fields $what);
    };
    (@define $(#[$doc:meta])* [$($ty:tt)+] [$a:lifetime]
        { $($field:ident $(= $key:literal)?: $field_ty:ty),* $(,)? } $what:literal) => {
        $(#[$doc])*
        struct $($ty)+ { $($field: $field_ty),* }

        impl<'de: $a, $a> Deserialize<'de> for $($ty)+ {
            fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct FieldsVisitor<$a>(PhantomData<&$a ()>);
                impl<'de: $a, $a> Visitor<'de> for FieldsVisitor<$a> {
                    type Value = $($ty)+;
                    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                        f.write_str($what)
                    }
                    fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                        $(let mut $field: Option<$field_ty> = None;)*
                        while let Some(key) = map.next_key::<Key<'de>>()? {
                            $(
                                if key.0.as_ref() == raw_struct!(@key $field $($key)?).as_bytes() {
                                    if $field.is_some() {
                                        return Err(de::Error::duplicate_field(raw_struct!(@key $field $($key)?)));
                                    }
                                    $field = Some(map.next_value()?);
                                    continue;
                                }
                            )*
                            map.next_value::<IgnoredAny>()?;
                        }
                        Ok(Self::Value { $($field: $field.unwrap_or_default()),* })
                    }
                }
                deserializer.deserialize_map(FieldsVisitor(PhantomData))
            }
        }
    };
    (@key $field:ident $key:literal) => { $key };
    (@key $field:ident) => { stringify!($field) };
}

raw_struct! {
    struct RawEvent<'a> {
        id: Option<EventId>,
        kind = "type": Option<Cow<'a, str>>,
        actor: Option<Actor<'a>>,
        repo: Option<Repo<'a>>,
        repository: Option<LegacyRepo<'a>>,
        org: Option<Org<'a>>,
        payload: Option<Payload<'a>>,
        created_at: Option<Cow<'a, str>>,
    }
    expecting "an event object"
}

raw_struct! {
    struct ActorObject<'a> {
        id: Option<i64>,
        login: Option<Cow<'a, str>>,
    }
    expecting "an actor object"
}

/// `actor` is an object in the Events API and a bare login in the legacy schema.
enum Actor<'a> {
    Object(ActorObject<'a>),
    Login(Cow<'a, str>),
}

raw_struct! {
    struct Repo<'a> {
        id: Option<i64>,
        name: Option<Cow<'a, str>>,
    }
    expecting "a repository object"
}

raw_struct! {
    struct LegacyRepo<'a> {
        id: Option<i64>,
        name: Option<Cow<'a, str>>,
        owner: Option<Cow<'a, str>>,
        organization: Option<Cow<'a, str>>,
    }
    expecting "a repository object"
}

raw_struct! {
    struct Org<'a> {
        id: Option<i64>,
        login: Option<Cow<'a, str>>,
    }
    expecting "an organisation object"
}

raw_struct! {
    struct Payload<'a> {
        action: Option<Cow<'a, str>>,
        number: Option<Lenient<i64>>,
        pull_request: ObjectOrSkip<Item<'a>>,
        issue: ObjectOrSkip<Item<'a>>,
        size: Option<Lenient<i64>>,
        ref_type: Option<Cow<'a, str>>,
        release: ObjectOrSkip<Release>,
    }
    expecting "a payload object"
}

raw_struct! {
    struct Release {
        tag_name: Option<Lenient<String>>,
    }
    expecting "a release object"
}

raw_struct! {
    /// The issue or pull request an event is about.
    struct Item<'a> {
        number: Option<Lenient<i64>>,
        merged: Option<Lenient<bool>>,
        created_at: Option<Cow<'a, str>>,
        user: ObjectOrSkip<UserRef>,
    }
    expecting "an issue or pull request object"
}

raw_struct! {
    struct UserRef {
        id: Option<Lenient<i64>>,
    }
    expecting "a user object"
}

/// An object key as the bytes between its quotes, unescaped. serde_json hands keys over this
/// way without the UTF-8 check it makes when a derived struct matches its fields, which every
/// key paid, skipped or kept: a pull request object alone has about 50 keys, of which four are
/// kept. A key that equals one of ours is ASCII; the others are skipped, like the values under
/// them, whose strings serde_json does not check for UTF-8 either.
struct Key<'de>(Cow<'de, [u8]>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_bytes<E>(self, v: &'de [u8]) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_bytes<E>(self, v: &[u8]) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v.to_vec())))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Borrowed(v.as_bytes())))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Key(Cow::Owned(v.as_bytes().to_vec())))
            }
        }
        deserializer.deserialize_bytes(KeyVisitor)
    }
}

/// A field that may hold an object we want or, in some eras, something else (legacy
/// IssuesEvent payloads carry `"issue": 12345`, an id, instead of the issue object).
struct ObjectOrSkip<T>(Option<T>);

impl<T> Default for ObjectOrSkip<T> {
    fn default() -> Self {
        ObjectOrSkip(None)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ObjectOrSkip<T> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ObjectVisitor<T>(PhantomData<T>);
        impl<'de, T: Deserialize<'de>> Visitor<'de> for ObjectVisitor<T> {
            type Value = ObjectOrSkip<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object or any other JSON value")
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                T::deserialize(de::value::MapAccessDeserializer::new(map)).map(|t| ObjectOrSkip(Some(t)))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(ObjectOrSkip(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(ObjectOrSkip(None))
            }
            fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
                Ok(ObjectOrSkip(None))
            }
            fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
                Ok(ObjectOrSkip(None))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(ObjectOrSkip(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<Self::Value, E> {
                Ok(ObjectOrSkip(None))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(ObjectOrSkip(None))
            }
        }
        deserializer.deserialize_any(ObjectVisitor(PhantomData))
    }
}

/// A payload fact of the expected type, or nothing when the data holds something else:
/// a payload oddity should cost that one fact, not the whole event.
struct Lenient<T>(Option<T>);

impl<'de> Deserialize<'de> for Lenient<i64> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IntVisitor;
        impl<'de> Visitor<'de> for IntVisitor {
            type Value = Lenient<i64>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an integer")
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(Lenient(Some(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
                Ok(Lenient(i64::try_from(v).ok()))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
                Ok(Lenient(None))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Lenient(v.parse().ok()))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
                Ok(Lenient(None))
            }
            fn visit_unit<E>(self) -> Result<Self::Value, E> {
                Ok(Lenient(None))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Lenient(None))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Lenient(None))
            }
        }
        deserializer.deserialize_any(IntVisitor)
    }
}

impl<'de> Deserialize<'de> for Lenient<bool> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = serde_json::Value::deserialize(deserializer)?;
        Ok(Lenient(value.as_bool()))
    }
}

// Release tags are rare (one event in two hundred), so the generic route through `Value` costs nothing.
impl<'de> Deserialize<'de> for Lenient<String> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(text) => Ok(Lenient(Some(text))),
            _ => Ok(Lenient(None)),
        }
    }
}

fn flat<T>(value: Option<Lenient<T>>) -> Option<T> {
    value.and_then(|l| l.0)
}

/// The Events API gives ids as strings of digits; a few producers give numbers.
enum EventId {
    Valid(i64),
    Invalid(String),
}

impl<'de> Deserialize<'de> for EventId {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct IdVisitor;
        impl Visitor<'_> for IdVisitor {
            type Value = EventId;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an event id")
            }
            fn visit_u64<E>(self, v: u64) -> Result<Self::Value, E> {
                Ok(i64::try_from(v).map_or_else(|_| EventId::Invalid(v.to_string()), EventId::Valid))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Self::Value, E> {
                Ok(if v > 0 { EventId::Valid(v) } else { EventId::Invalid(v.to_string()) })
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(match v.parse::<i64>() {
                    Ok(id) if id > 0 => EventId::Valid(id),
                    _ => EventId::Invalid(v.to_owned()),
                })
            }
        }
        deserializer.deserialize_any(IdVisitor)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Actor<'a> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ActorVisitor<'a>(PhantomData<&'a ()>);
        impl<'de: 'a, 'a> Visitor<'de> for ActorVisitor<'a> {
            type Value = Actor<'a>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an actor object or login")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Actor::Login(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Actor::Login(Cow::Owned(v.to_owned())))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                ActorObject::deserialize(de::value::MapAccessDeserializer::new(map)).map(Actor::Object)
            }
        }
        deserializer.deserialize_any(ActorVisitor(PhantomData))
    }
}

/// Parses one JSON record. `raw` is the record's exact bytes, used for legacy synthetic ids.
pub fn parse_event<'a>(raw: &'a [u8], bounds: TimeBounds) -> Result<ParsedEvent<'a>, String> {
    let event: RawEvent<'a> = serde_json::from_slice(raw).map_err(|e| format!("invalid JSON: {e}"))?;
    normalise(event, raw, bounds)
}

/// Splits a line that may hold several concatenated records and parses each. Calls `on_record`
/// with the record's byte range within `line` and its result; a syntax error ends the line,
/// reported once with the range of everything left unparsed.
pub fn parse_line<'a>(
    line: &'a [u8],
    bounds: TimeBounds,
    mut on_record: impl FnMut(std::ops::Range<usize>, Result<ParsedEvent<'a>, String>),
) {
    let mut stream = serde_json::Deserializer::from_slice(line).into_iter::<RawEvent<'a>>();
    loop {
        let start = stream.byte_offset();
        match stream.next() {
            None => return,
            Some(Ok(event)) => {
                let end = stream.byte_offset();
                let record = &line[start..end];
                on_record(start..end, normalise(event, record, bounds));
            }
            Some(Err(error)) => {
                on_record(start..line.len(), Err(format!("invalid JSON: {error}")));
                return;
            }
        }
    }
}

fn normalise<'a>(event: RawEvent<'a>, raw: &[u8], bounds: TimeBounds) -> Result<ParsedEvent<'a>, String> {
    let kind = event.kind.ok_or("missing field `type`")?;
    if !is_event_type(&kind) {
        return Err(format!("`{}` is not a GitHub event type", shorten(&kind)));
    }
    let created_text = event.created_at.ok_or("missing field `created_at`")?;
    let created_at = parse_event_time(&created_text)
        .ok_or_else(|| format!("created_at `{}` is not a timestamp", shorten(&created_text)))?;
    if created_at < bounds.earliest || created_at > bounds.latest {
        return Err(format!(
            "created_at {} is outside the plausible range for this file",
            crate::time::format_timestamp(created_at)
        ));
    }

    let (repo_id, repo_name, legacy_org) = match (event.repo, event.repository) {
        (Some(repo), _) => {
            let id = repo.id.ok_or("repo has no id")?;
            let name = repo.name.ok_or("repo has no name")?;
            (id, name, None)
        }
        (None, Some(legacy)) => {
            let id = legacy.id.ok_or("repository has no id")?;
            let owner = legacy.owner.ok_or("repository has no owner")?;
            let name = legacy.name.ok_or("repository has no name")?;
            (id, Cow::Owned(format!("{owner}/{name}")), legacy.organization)
        }
        (None, None) => {
            return Err(format!(
                "{kind} has no repository (2011-2014 files also hold account-level events such as FollowEvent, which are not repository activity)"
            ));
        }
    };
    if repo_id <= 0 {
        return Err(format!("repository id {repo_id} is not positive"));
    }
    if !is_full_name(&repo_name) {
        return Err(format!("repository name `{}` is not owner/name", shorten(&repo_name)));
    }

    let (actor_id, actor_login) = match event.actor.ok_or("missing field `actor`")? {
        Actor::Object(actor) => {
            let login = actor.login.ok_or("actor has no login")?;
            let id = actor.id.ok_or("actor has no id")?;
            (id, login)
        }
        Actor::Login(login) => (synthetic_id("actor", &login), login),
    };
    if actor_login.is_empty() || actor_login.len() > 100 {
        return Err("actor login is empty or too long".into());
    }

    let (org_id, org_login) = match (event.org, legacy_org) {
        (Some(org), _) => match (org.id, org.login) {
            (Some(id), Some(login)) => (Some(id), Some(login)),
            _ => (None, None),
        },
        (None, Some(login)) if !login.is_empty() => (Some(synthetic_id("org", &login)), Some(login)),
        _ => (None, None),
    };

    let id = match event.id {
        Some(EventId::Valid(id)) => id,
        Some(EventId::Invalid(text)) => return Err(format!("event id `{}` is not a positive integer", shorten(&text))),
        // Legacy events have no id: derive a stable one from the record itself, so a duplicated
        // legacy record maps to the same row. Negative, so it can never collide with GitHub's.
        None => synthetic_id("event", std::str::from_utf8(raw).unwrap_or_default()),
    };

    let payload = event.payload;
    let (action, number, merged, item_created_at, item_author_id, commit_count, ref_type, release_tag) = match payload {
        None => (None, None, None, None, None, None, None, None),
        Some(p) => {
            let item = p.pull_request.0.or(p.issue.0);
            let (item_number, merged, item_created, author) = match item {
                Some(item) => (
                    flat(item.number),
                    flat(item.merged),
                    item.created_at.as_deref().and_then(parse_event_time),
                    item.user.0.and_then(|u| flat(u.id)),
                ),
                None => (None, None, None, None),
            };
            let commit_count = if kind == "PushEvent" { flat(p.size) } else { None };
            let release_tag =
                p.release.0.and_then(|r| flat(r.tag_name)).filter(|tag| !tag.is_empty()).map(String::into_boxed_str);
            (
                p.action.map(|a| intern_action(&a)),
                flat(p.number).or(item_number),
                merged,
                item_created,
                author,
                commit_count,
                p.ref_type.map(|r| intern_ref_type(&r)),
                release_tag,
            )
        }
    };

    let is_bot = is_bot_login(&actor_login);
    Ok(ParsedEvent {
        row: EventRow {
            id,
            created_at,
            kind: intern_kind(kind),
            action,
            repo_id,
            actor_id,
            org_id,
            number,
            is_bot,
            merged,
            item_created_at,
            item_author_id,
            commit_count,
            ref_type,
            release_tag,
        },
        repo_name,
        actor_login,
        org_login,
    })
}

/// A stable negative id for something the legacy schema names without an id.
pub fn synthetic_id(namespace: &str, key: &str) -> i64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(namespace.as_bytes());
    hasher.update(&[0]);
    hasher.update(key.to_ascii_lowercase().as_bytes());
    -((hasher.digest() >> 1) as i64) - 1
}

/// Logins of well-known automation accounts that predate GitHub's `[bot]` suffix.
const KNOWN_BOTS: &[&str] = &[
    "dependabot-preview",
    "greenkeeper",
    "renovate-bot",
    "snyk-bot",
    "codecov-io",
    "imgbot",
    "allcontributors",
    "pull",
    "k8s-ci-robot",
    "coveralls",
    "github-actions",
    "travis-ci",
];

pub fn is_bot_login(login: &str) -> bool {
    login.ends_with("[bot]") || KNOWN_BOTS.iter().any(|bot| bot.eq_ignore_ascii_case(login))
}

fn is_event_type(kind: &str) -> bool {
    kind.len() > 5
        && kind.len() < 64
        && kind.ends_with("Event")
        && kind.as_bytes()[0].is_ascii_uppercase()
        && kind.bytes().all(|b| b.is_ascii_alphabetic())
}

/// `owner/name`: one slash, both parts non-empty and free of spaces and quotes.
fn is_full_name(name: &str) -> bool {
    match name.split_once('/') {
        Some((owner, repo)) => {
            !owner.is_empty()
                && !repo.is_empty()
                && name.len() <= 140
                && !repo.contains('/')
                && name.bytes().all(|b| b.is_ascii_graphic() && b != b'"' && b != b'\\')
        }
        None => false,
    }
}

fn shorten(text: &str) -> String {
    if text.len() <= 60 {
        return text.to_owned();
    }
    let cut = (0..=60).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
    format!("{}...", &text[..cut])
}

const EVENT_TYPES: &[&str] = &[
    "PushEvent",
    "CreateEvent",
    "PullRequestEvent",
    "WatchEvent",
    "IssueCommentEvent",
    "DeleteEvent",
    "PullRequestReviewEvent",
    "IssuesEvent",
    "ForkEvent",
    "PullRequestReviewCommentEvent",
    "ReleaseEvent",
    "GollumEvent",
    "MemberEvent",
    "PublicEvent",
    "CommitCommentEvent",
    "DiscussionEvent",
    "SponsorshipEvent",
    "GistEvent",
    "FollowEvent",
    "DownloadEvent",
    "ForkApplyEvent",
    "TeamAddEvent",
];

const ACTIONS: &[&str] = &[
    "opened",
    "closed",
    "reopened",
    "created",
    "started",
    "published",
    "synchronize",
    "edited",
    "deleted",
    "added",
    "labeled",
    "assigned",
    "review_requested",
    "submitted",
    "released",
    "prereleased",
    "merged",
];

fn intern(table: &'static [&'static str], text: &str) -> Option<&'static str> {
    table.iter().copied().find(|known| *known == text)
}

fn intern_kind(kind: Cow<'_, str>) -> Cow<'static, str> {
    intern(EVENT_TYPES, &kind).map_or_else(|| Cow::Owned(kind.into_owned()), Cow::Borrowed)
}

fn intern_action(action: &str) -> Cow<'static, str> {
    intern(ACTIONS, action).map_or_else(|| Cow::Owned(action.to_owned()), Cow::Borrowed)
}

fn intern_ref_type(ref_type: &str) -> Cow<'static, str> {
    intern(&["branch", "tag", "repository"], ref_type).map_or_else(|| Cow::Owned(ref_type.to_owned()), Cow::Borrowed)
}

#[cfg(test)]
#[path = "record_tests.rs"]
mod tests;
