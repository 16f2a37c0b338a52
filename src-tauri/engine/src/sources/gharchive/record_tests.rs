use super::*;

fn bounds() -> TimeBounds {
    TimeBounds::for_file_hour(parse_event_time("2024-01-15T10:00:00Z").unwrap())
}

fn legacy_bounds() -> TimeBounds {
    TimeBounds::for_file_hour(parse_event_time("2012-04-11T22:00:00Z").unwrap())
}

const MODERN_PUSH: &str = r#"{"id":"34924501957","type":"PushEvent","actor":{"id":41898282,"login":"github-actions[bot]","display_login":"github-actions","gravatar_id":"","url":"https://api.github.com/users/github-actions[bot]","avatar_url":"https://avatars.githubusercontent.com/u/41898282?"},"repo":{"id":599293758,"name":"acme/rocket","url":"https://api.github.com/repos/acme/rocket"},"payload":{"repository_id":599293758,"push_id":16544937163,"size":2,"distinct_size":2,"ref":"refs/heads/main","head":"c0ffee","before":"decaf","commits":[{"sha":"c0ffee","author":{"email":"jane.doe@example.com","name":"Jane"},"message":"fix: things","distinct":true,"url":"https://api.github.com/repos/acme/rocket/commits/c0ffee"}]},"public":true,"created_at":"2024-01-15T10:00:01Z","org":{"id":9919,"login":"acme","gravatar_id":"","url":"https://api.github.com/orgs/acme","avatar_url":"https://avatars.githubusercontent.com/u/9919?"}}"#;

const MODERN_PR_MERGED: &str = r#"{"id":"34924501958","type":"PullRequestEvent","actor":{"id":7,"login":"jane"},"repo":{"id":1,"name":"acme/rocket"},"payload":{"action":"closed","number":42,"pull_request":{"number":42,"merged":true,"created_at":"2024-01-10T08:00:00Z","user":{"login":"bob","id":8},"head":{"repo":{"id":1,"name":"rocket","owner":{"id":9}}}}},"public":true,"created_at":"2024-01-15T10:05:00Z"}"#;

const LEGACY_SLASH: &str = r#"{"created_at":"2012/04/11 15:01:33 -0700","payload":{"shas":[["abc","dev@example.com","msg","Dev",true]],"size":1,"ref":"refs/heads/master","head":"abc"},"public":true,"type":"PushEvent","url":"https://github.com/acme/anvil/compare/a...b","actor":"octocat","actor_attributes":{"login":"octocat","type":"User","email":"octocat@example.com","name":"The Octocat"},"repository":{"id":3081286,"name":"anvil","owner":"acme","url":"https://github.com/acme/anvil","organization":"acme","watchers":3}}"#;

#[test]
fn modern_push_keeps_ids_names_and_commit_count() {
    let event = parse_event(MODERN_PUSH.as_bytes(), bounds()).unwrap();
    assert_eq!(event.row.id, 34_924_501_957);
    assert_eq!(event.row.kind, "PushEvent");
    assert_eq!(event.row.created_at, parse_event_time("2024-01-15T10:00:01Z").unwrap());
    assert_eq!((event.row.repo_id, event.repo_name.as_ref()), (599_293_758, "acme/rocket"));
    assert_eq!((event.row.actor_id, event.actor_login.as_ref()), (41_898_282, "github-actions[bot]"));
    assert_eq!((event.row.org_id, event.org_login.as_deref()), (Some(9919), Some("acme")));
    assert!(event.row.is_bot);
    assert_eq!(event.row.commit_count, Some(2));
}

#[test]
fn merged_pull_request_keeps_its_lifecycle_facts() {
    let event = parse_event(MODERN_PR_MERGED.as_bytes(), bounds()).unwrap();
    assert_eq!(event.row.action.as_deref(), Some("closed"));
    assert_eq!(event.row.number, Some(42));
    assert_eq!(event.row.merged, Some(true));
    assert_eq!(event.row.item_created_at, parse_event_time("2024-01-10T08:00:00Z"));
    assert_eq!(event.row.item_author_id, Some(8));
    assert!(!event.row.is_bot);
}

#[test]
fn trimmed_payloads_leave_unknown_facts_empty() {
    let trimmed = r#"{"id":"50000000001","type":"PushEvent","actor":{"id":7,"login":"jane"},"repo":{"id":1,"name":"acme/rocket"},"payload":{"repository_id":1,"push_id":2,"ref":"refs/heads/main","head":"a","before":"b"},"public":true,"created_at":"2025-10-08T10:00:00Z"}"#;
    let bounds = TimeBounds::for_file_hour(parse_event_time("2025-10-08T10:00:00Z").unwrap());
    let event = parse_event(trimmed.as_bytes(), bounds).unwrap();
    assert_eq!(event.row.commit_count, None);
    assert_eq!(event.row.merged, None);
}

#[test]
fn legacy_slash_schema_is_normalised_with_stable_synthetic_ids() {
    let event = parse_event(LEGACY_SLASH.as_bytes(), legacy_bounds()).unwrap();
    assert_eq!(event.repo_name, "acme/anvil");
    assert_eq!(event.row.repo_id, 3_081_286);
    assert_eq!(event.actor_login, "octocat");
    assert_eq!(event.row.actor_id, synthetic_id("actor", "octocat"));
    assert!(event.row.actor_id < 0 && event.row.id < 0);
    assert_eq!(event.org_login.as_deref(), Some("acme"));
    assert_eq!(event.row.created_at, parse_event_time("2012-04-11T22:01:33Z").unwrap());
    assert_eq!(event.row.commit_count, Some(1));
    let again = parse_event(LEGACY_SLASH.as_bytes(), legacy_bounds()).unwrap();
    assert_eq!(again.row.id, event.row.id, "the same record must get the same id");
}

#[test]
fn legacy_issue_given_as_an_id_does_not_reject_the_event() {
    let line = r#"{"created_at":"2013-04-01T00:00:03-07:00","payload":{"action":"opened","issue":1234567,"number":12},"type":"IssuesEvent","actor":"bob","repository":{"id":5,"name":"x","owner":"bob"}}"#;
    let bounds = TimeBounds::for_file_hour(parse_event_time("2013-04-01T07:00:00Z").unwrap());
    let event = parse_event(line.as_bytes(), bounds).unwrap();
    assert_eq!(event.row.number, Some(12));
    assert_eq!(event.row.org_id, None);
}

#[test]
fn concatenated_records_on_one_line_are_all_parsed() {
    let line = format!("{LEGACY_SLASH}{LEGACY_SLASH}{}", LEGACY_SLASH.replace("octocat", "hubot"));
    let mut logins = Vec::new();
    let mut ranges = Vec::new();
    parse_line(line.as_bytes(), legacy_bounds(), |range, result| {
        ranges.push(range);
        logins.push(result.unwrap().actor_login.into_owned());
    });
    assert_eq!(&line.as_bytes()[ranges[1].clone()], LEGACY_SLASH.as_bytes());
    assert_eq!(logins, ["octocat", "octocat", "hubot"]);
}

#[test]
fn a_syntax_error_mid_line_reports_the_rest_of_the_line() {
    let line = format!("{LEGACY_SLASH}{{\"type\":\"PushEv");
    let mut results = Vec::new();
    parse_line(line.as_bytes(), legacy_bounds(), |range, result| results.push((range, result.is_ok())));
    assert_eq!(results.len(), 2);
    assert!(results[0].1);
    assert_eq!(results[1].0, LEGACY_SLASH.len()..line.len());
    assert!(!results[1].1);
}

#[test]
fn rejections_say_exactly_what_is_wrong() {
    let cases = [
        (
            r#"{"id":"1","actor":{"id":1,"login":"a"},"repo":{"id":1,"name":"a/b"},"created_at":"2024-01-15T10:00:00Z"}"#,
            "missing field `type`",
        ),
        (
            r#"{"id":"1","type":"PushEvent","actor":{"id":1,"login":"a"},"repo":{"id":1,"name":"a/b"},"created_at":"yesterday"}"#,
            "created_at `yesterday` is not a timestamp",
        ),
        (
            r#"{"id":"1","type":"PushEvent","actor":{"id":1,"login":"a"},"repo":{"id":1,"name":"ab"},"created_at":"2024-01-15T10:00:00Z"}"#,
            "repository name `ab` is not owner/name",
        ),
        (
            r#"{"id":"x1","type":"PushEvent","actor":{"id":1,"login":"a"},"repo":{"id":1,"name":"a/b"},"created_at":"2024-01-15T10:00:00Z"}"#,
            "event id `x1` is not a positive integer",
        ),
        (
            r#"{"id":"1","type":"PushEvent","actor":{"id":1,"login":"a"},"repo":{"id":1,"name":"a/b"},"created_at":"2031-01-15T10:00:00Z"}"#,
            "outside the plausible range",
        ),
        (
            r#"{"type":"FollowEvent","actor":"a","created_at":"2024-01-15T10:00:00Z","payload":{}}"#,
            "FollowEvent has no repository",
        ),
        (
            r#"{"id":"1","type":"push","actor":{"id":1,"login":"a"},"repo":{"id":1,"name":"a/b"},"created_at":"2024-01-15T10:00:00Z"}"#,
            "`push` is not a GitHub event type",
        ),
        (
            r#"{"id":"1","type":"PushEvent","repo":{"id":1,"name":"a/b"},"created_at":"2024-01-15T10:00:00Z"}"#,
            "missing field `actor`",
        ),
        (r#"{"id":"1","type":"PushEvent","#, "invalid JSON: EOF while parsing"),
        ("not json at all", "invalid JSON: expected ident"),
    ];
    for (line, expected) in cases {
        let error = parse_event(line.as_bytes(), bounds()).unwrap_err();
        assert!(error.contains(expected), "{line}\n  gave: {error}\n  want: {expected}");
    }
}

#[test]
fn odd_payload_values_cost_only_that_fact() {
    let line = r#"{"id":"5","type":"PullRequestEvent","actor":{"id":1,"login":"a"},"repo":{"id":1,"name":"a/b"},"payload":{"action":"closed","number":"7","pull_request":{"merged":"yes","user":[1]}},"created_at":"2024-01-15T10:00:00Z"}"#;
    let event = parse_event(line.as_bytes(), bounds()).unwrap();
    assert_eq!(event.row.number, Some(7));
    assert_eq!(event.row.merged, None);
    assert_eq!(event.row.item_author_id, None);
}

#[test]
fn bots_are_recognised_by_suffix_and_by_name() {
    assert!(is_bot_login("dependabot[bot]"));
    assert!(is_bot_login("Dependabot-Preview"));
    assert!(!is_bot_login("robert"));
}

#[test]
fn release_events_keep_their_tag_and_odd_release_payloads_cost_only_the_tag() {
    let release = r#"{"id":"34924501960","type":"ReleaseEvent","actor":{"id":7,"login":"jane"},"repo":{"id":1,"name":"acme/rocket"},"payload":{"action":"published","release":{"id":5,"tag_name":"v1.2.0","name":"v1.2.0","prerelease":false,"assets":[{"id":1,"name":"a.tar.gz"}],"body":"notes"}},"public":true,"created_at":"2024-01-15T10:07:00Z"}"#;
    let event = parse_event(release.as_bytes(), bounds()).unwrap();
    assert_eq!(event.row.release_tag.as_deref(), Some("v1.2.0"));
    assert_eq!(event.row.action.as_deref(), Some("published"));

    let odd = release.replace(r#""tag_name":"v1.2.0""#, r#""tag_name":17"#);
    let odd = parse_event(odd.as_bytes(), bounds()).unwrap();
    assert_eq!((odd.row.release_tag, odd.row.id), (None, 34_924_501_960), "a numeric tag costs only the tag");
    let empty = release.replace(r#""tag_name":"v1.2.0""#, r#""tag_name":"""#);
    assert_eq!(parse_event(empty.as_bytes(), bounds()).unwrap().row.release_tag, None);
    let push = parse_event(MODERN_PUSH.as_bytes(), bounds()).unwrap();
    assert_eq!(push.row.release_tag, None);
}

#[test]
fn object_keys_match_after_unescaping_and_a_repeated_key_is_an_error() {
    // Escaped kept keys, and unknown keys with escapes, non-ASCII text and nested values of
    // every kind before the kept ones: all are skipped and the kept facts still read.
    let line = r#"{"id":"9","t\u0079pe":"PullRequestEvent","actor":{"id":1,"login":"a"},"repo":{"id":1,"name":"a/b"},"payload":{"n\u00e4me \"q\"":[{"a":[1,{"b":null}]},"x",2.5e3,true],"pull_request":{"\u00fcber":{"number":1},"n\u0075mber":12,"merged":false}},"created_at":"2024-01-15T10:00:00Z"}"#;
    let event = parse_event(line.as_bytes(), bounds()).unwrap();
    assert_eq!(
        (event.row.kind.as_ref(), event.row.number, event.row.merged),
        ("PullRequestEvent", Some(12), Some(false))
    );

    let repeated = r#"{"id":"9","type":"IssuesEvent","actor":{"id":1,"login":"a"},"repo":{"id":1,"name":"a/b"},"payload":{"action":"opened","action":"closed"},"created_at":"2024-01-15T10:00:00Z"}"#;
    let error = parse_event(repeated.as_bytes(), bounds()).unwrap_err();
    assert!(error.contains("duplicate field `action`"), "{error}");
    let repeated_escaped = repeated.replace(r#""action":"closed""#, r#""\u0061ction":"closed""#);
    let error = parse_event(repeated_escaped.as_bytes(), bounds()).unwrap_err();
    assert!(error.contains("duplicate field `action`"), "{error}");

    // An object we read must be an object (serde's derive also took an array of its fields).
    let array = r#"{"id":"9","type":"PushEvent","actor":{"id":1,"login":"a"},"repo":[1,"a/b"],"created_at":"2024-01-15T10:00:00Z"}"#;
    let error = parse_event(array.as_bytes(), bounds()).unwrap_err();
    assert!(error.contains("expected a repository object"), "{error}");
}
