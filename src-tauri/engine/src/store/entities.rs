//! The repositories, actors and organisations a unit's events mention, and their upsert.

use std::collections::HashMap;

use rusqlite::params;

use crate::error::Result;

/// When a name was first and last seen in the data.
#[derive(Debug, Clone)]
pub struct NameSeen {
    pub name: String,
    pub first_seen_at: i64,
    pub last_seen_at: i64,
}

#[derive(Debug, Clone)]
pub struct ActorSeen {
    pub login: String,
    pub is_bot: bool,
    pub first_seen_at: i64,
    pub last_seen_at: i64,
}

/// An organisation's login as last seen.
#[derive(Debug, Clone)]
pub struct OrgSeen {
    pub login: String,
    pub last_seen_at: i64,
}

/// The repositories, actors and organisations a unit's events mention.
///
/// What it ends up holding does not depend on the order the events were seen in, nor on how
/// they were split between collections later merged: an hour's chunks are parsed on several
/// threads (`sources/gharchive/decode.rs`). Times combine by minimum and maximum; the login or
/// name seen last is the current one, and on a tie of times the greater one wins.
#[derive(Debug, Default)]
pub struct Entities {
    /// Every name each repository id was seen under (usually one).
    pub repos: HashMap<i64, Vec<NameSeen>>,
    pub actors: HashMap<i64, ActorSeen>,
    pub orgs: HashMap<i64, OrgSeen>,
}

impl Entities {
    pub fn see_repo(&mut self, id: i64, name: &str, at: i64) {
        self.see_repo_name(id, name, at, at);
    }

    fn see_repo_name(&mut self, id: i64, name: &str, first_seen_at: i64, last_seen_at: i64) {
        let names = self.repos.entry(id).or_default();
        match names.iter_mut().find(|seen| seen.name == name) {
            Some(seen) => {
                seen.first_seen_at = seen.first_seen_at.min(first_seen_at);
                seen.last_seen_at = seen.last_seen_at.max(last_seen_at);
            }
            None => names.push(NameSeen { name: name.to_owned(), first_seen_at, last_seen_at }),
        }
    }

    pub fn see_actor(&mut self, id: i64, login: &str, is_bot: bool, at: i64) {
        match self.actors.get_mut(&id) {
            Some(seen) => seen.absorb(login, is_bot, at, at),
            None => {
                let seen = ActorSeen { login: login.to_owned(), is_bot, first_seen_at: at, last_seen_at: at };
                self.actors.insert(id, seen);
            }
        }
    }

    pub fn see_org(&mut self, id: i64, login: &str, at: i64) {
        match self.orgs.get_mut(&id) {
            Some(seen) => {
                if (at, login) > (seen.last_seen_at, seen.login.as_str()) {
                    login.clone_into(&mut seen.login);
                    seen.last_seen_at = at;
                }
            }
            None => {
                self.orgs.insert(id, OrgSeen { login: login.to_owned(), last_seen_at: at });
            }
        }
    }

    /// Adds everything `other` saw.
    pub fn merge(&mut self, other: Entities) {
        for (id, names) in other.repos {
            for name in names {
                self.see_repo_name(id, &name.name, name.first_seen_at, name.last_seen_at);
            }
        }
        for (id, actor) in other.actors {
            match self.actors.get_mut(&id) {
                Some(seen) => seen.absorb(&actor.login, actor.is_bot, actor.first_seen_at, actor.last_seen_at),
                None => {
                    self.actors.insert(id, actor);
                }
            }
        }
        for (id, org) in other.orgs {
            self.see_org(id, &org.login, org.last_seen_at);
        }
    }
}

impl ActorSeen {
    fn absorb(&mut self, login: &str, is_bot: bool, first_seen_at: i64, last_seen_at: i64) {
        if (last_seen_at, login, is_bot) > (self.last_seen_at, self.login.as_str(), self.is_bot) {
            if self.login != login {
                login.clone_into(&mut self.login);
            }
            self.is_bot = is_bot;
        }
        self.first_seen_at = self.first_seen_at.min(first_seen_at);
        self.last_seen_at = self.last_seen_at.max(last_seen_at);
    }
}

/// A repository's current name: the one seen last (the greater on a tie).
fn current_name(names: &[NameSeen]) -> Option<&NameSeen> {
    names.iter().max_by(|a, b| (a.last_seen_at, &a.name).cmp(&(b.last_seen_at, &b.name)))
}

/// A unit's entities as the upserts write them: each list sorted by key, so that the upserts
/// walk each B-tree in order (appends on a new workspace) instead of jumping around it in hash
/// order. Sorting can happen off the writer (see `UnitEntities`).
#[derive(Debug, Default)]
pub struct SortedEntities {
    actors: Vec<(i64, ActorSeen)>,
    /// (id, current name, when that name was last seen, when any name was first seen)
    repos: Vec<(i64, String, i64, i64)>,
    names: Vec<(i64, NameSeen)>,
    orgs: Vec<(i64, String)>,
}

impl Entities {
    /// Everything the `parts` saw, as one collection.
    pub fn merged(parts: Vec<Entities>) -> Entities {
        let mut parts = parts.into_iter();
        let mut all = parts.next().unwrap_or_default();
        parts.for_each(|part| all.merge(part));
        all
    }

    pub fn into_sorted(self) -> SortedEntities {
        let mut repos: Vec<(i64, String, i64, i64)> = self
            .repos
            .iter()
            .filter_map(|(id, names)| {
                let latest = current_name(names)?;
                let first = names.iter().map(|n| n.first_seen_at).min()?;
                Some((*id, latest.name.clone(), latest.last_seen_at, first))
            })
            .collect();
        repos.sort_unstable_by_key(|(id, ..)| *id);
        let mut names: Vec<(i64, NameSeen)> =
            self.repos.into_iter().flat_map(|(id, names)| names.into_iter().map(move |n| (id, n))).collect();
        names.sort_unstable_by(|a, b| (a.0, &a.1.name).cmp(&(b.0, &b.1.name)));
        let mut actors: Vec<(i64, ActorSeen)> = self.actors.into_iter().collect();
        actors.sort_unstable_by_key(|(id, _)| *id);
        let mut orgs: Vec<(i64, String)> = self.orgs.into_iter().map(|(id, seen)| (id, seen.login)).collect();
        orgs.sort_unstable_by_key(|(id, _)| *id);
        SortedEntities { actors, repos, names, orgs }
    }
}

pub(super) fn upsert_entities(c: &rusqlite::Connection, entities: &SortedEntities) -> Result<()> {
    let mut statement = c.prepare_cached(
        "INSERT INTO actors (id, login, is_bot, first_seen_at, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET
             login = CASE WHEN excluded.last_seen_at >= actors.last_seen_at THEN excluded.login ELSE actors.login END,
             is_bot = CASE WHEN excluded.last_seen_at >= actors.last_seen_at THEN excluded.is_bot ELSE actors.is_bot END,
             first_seen_at = min(actors.first_seen_at, excluded.first_seen_at),
             last_seen_at = max(actors.last_seen_at, excluded.last_seen_at)
         WHERE excluded.first_seen_at < actors.first_seen_at OR excluded.last_seen_at > actors.last_seen_at",
    )?;
    for (id, seen) in &entities.actors {
        statement.execute(params![id, seen.login, seen.is_bot, seen.first_seen_at, seen.last_seen_at])?;
    }

    // The repository's current name is the one seen last.
    let mut statement = c.prepare_cached(
        "INSERT INTO repositories (id, full_name, first_seen_at, last_seen_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET
             full_name = CASE WHEN excluded.last_seen_at >= repositories.last_seen_at
                              THEN excluded.full_name ELSE repositories.full_name END,
             first_seen_at = min(repositories.first_seen_at, excluded.first_seen_at),
             last_seen_at = max(repositories.last_seen_at, excluded.last_seen_at)
         WHERE excluded.first_seen_at < repositories.first_seen_at OR excluded.last_seen_at > repositories.last_seen_at",
    )?;
    for (id, name, last_seen_at, first_seen_at) in &entities.repos {
        statement.execute(params![id, name, first_seen_at, last_seen_at])?;
    }

    let mut statement = c.prepare_cached(
        "INSERT INTO repository_names (repo_id, full_name, first_seen_at, last_seen_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (repo_id, full_name) DO UPDATE SET
             first_seen_at = min(repository_names.first_seen_at, excluded.first_seen_at),
             last_seen_at = max(repository_names.last_seen_at, excluded.last_seen_at)
         WHERE excluded.first_seen_at < repository_names.first_seen_at
            OR excluded.last_seen_at > repository_names.last_seen_at",
    )?;
    for (id, seen) in &entities.names {
        statement.execute(params![id, seen.name, seen.first_seen_at, seen.last_seen_at])?;
    }

    let mut statement = c.prepare_cached(
        "INSERT INTO organisations (id, login) VALUES (?1, ?2)
         ON CONFLICT (id) DO UPDATE SET login = excluded.login WHERE organisations.login != excluded.login",
    )?;
    for (id, login) in &entities.orgs {
        statement.execute(params![id, login])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (kind, id, name or login, when)
    const SIGHTINGS: &[(&str, i64, &str, i64)] = &[
        ("actor", 1, "old", 100),
        ("actor", 1, "new", 200),
        ("actor", 2, "tie-a[bot]", 300),
        ("actor", 2, "tie-b", 300),
        ("actor", 2, "early", 50),
        ("repo", 5, "a/x", 100),
        ("repo", 5, "a/y", 300),
        ("repo", 5, "a/z", 300),
        ("repo", 5, "a/x", 20),
        ("repo", 6, "b/b", 70),
        ("org", 9, "acme", 100),
        ("org", 9, "acme-2", 300),
        ("org", 9, "acme-1", 300),
    ];

    fn see(entities: &mut Entities, &(kind, id, name, at): &(&str, i64, &str, i64)) {
        match kind {
            "actor" => entities.see_actor(id, name, name.ends_with("[bot]"), at),
            "repo" => entities.see_repo(id, name, at),
            _ => entities.see_org(id, name, at),
        }
    }

    /// Everything the upsert reads, in a comparable form.
    fn summary(entities: &Entities) -> Vec<String> {
        let mut lines: Vec<String> = entities
            .actors
            .iter()
            .map(|(id, a)| format!("actor {id} {} {} {}-{}", a.login, a.is_bot, a.first_seen_at, a.last_seen_at))
            .chain(entities.repos.iter().flat_map(|(id, names)| {
                let current = current_name(names).map(|n| n.name.clone());
                names.iter().map(move |n| {
                    format!("repo {id} {} {}-{} current {current:?}", n.name, n.first_seen_at, n.last_seen_at)
                })
            }))
            .chain(entities.orgs.iter().map(|(id, o)| format!("org {id} {} {}", o.login, o.last_seen_at)))
            .collect();
        lines.sort();
        lines
    }

    #[test]
    fn what_is_seen_does_not_depend_on_the_order_or_on_how_it_was_split() {
        let mut in_order = Entities::default();
        SIGHTINGS.iter().for_each(|s| see(&mut in_order, s));
        let expected = summary(&in_order);
        assert!(expected.contains(&"actor 1 new false 100-200".to_owned()), "{expected:#?}");
        assert!(expected.contains(&"actor 2 tie-b false 50-300".to_owned()), "{expected:#?}");
        assert!(expected.contains(&"repo 5 a/x 20-100 current Some(\"a/z\")".to_owned()), "{expected:#?}");
        assert!(expected.contains(&"org 9 acme-2 300".to_owned()), "{expected:#?}");

        let mut reversed = Entities::default();
        SIGHTINGS.iter().rev().for_each(|s| see(&mut reversed, s));
        assert_eq!(summary(&reversed), expected, "reversed");
        // Split as two parsers might split chunks, and merged either way round.
        for merge_into_evens in [true, false] {
            let (mut evens, mut odds) = (Entities::default(), Entities::default());
            for (i, sighting) in SIGHTINGS.iter().enumerate() {
                see(if i % 2 == 0 { &mut evens } else { &mut odds }, sighting);
            }
            let (mut into, from) = if merge_into_evens { (evens, odds) } else { (odds, evens) };
            into.merge(from);
            assert_eq!(summary(&into), expected, "split, merged into the evens: {merge_into_evens}");
        }
    }
}
