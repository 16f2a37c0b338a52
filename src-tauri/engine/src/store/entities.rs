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

/// The repositories, actors and organisations a unit's events mention.
#[derive(Debug, Default)]
pub struct Entities {
    /// Every name each repository id was seen under (usually one).
    pub repos: HashMap<i64, Vec<NameSeen>>,
    pub actors: HashMap<i64, ActorSeen>,
    pub orgs: HashMap<i64, String>,
}

impl Entities {
    pub fn see_repo(&mut self, id: i64, name: &str, at: i64) {
        let names = self.repos.entry(id).or_default();
        match names.iter_mut().find(|seen| seen.name == name) {
            Some(seen) => {
                seen.first_seen_at = seen.first_seen_at.min(at);
                seen.last_seen_at = seen.last_seen_at.max(at);
            }
            None => names.push(NameSeen { name: name.to_owned(), first_seen_at: at, last_seen_at: at }),
        }
    }

    pub fn see_actor(&mut self, id: i64, login: &str, is_bot: bool, at: i64) {
        match self.actors.get_mut(&id) {
            Some(seen) => {
                if at >= seen.last_seen_at && seen.login != login {
                    login.clone_into(&mut seen.login);
                }
                seen.first_seen_at = seen.first_seen_at.min(at);
                seen.last_seen_at = seen.last_seen_at.max(at);
            }
            None => {
                let seen = ActorSeen { login: login.to_owned(), is_bot, first_seen_at: at, last_seen_at: at };
                self.actors.insert(id, seen);
            }
        }
    }

    pub fn see_org(&mut self, id: i64, login: &str) {
        self.orgs.entry(id).or_insert_with(|| login.to_owned());
    }
}

/// Every list is sorted by key first, so that the upserts walk each B-tree in order (appends
/// on a new workspace) instead of jumping around it in hash order.
pub(super) fn upsert_entities(c: &rusqlite::Connection, entities: &Entities) -> Result<()> {
    let mut actors: Vec<(&i64, &ActorSeen)> = entities.actors.iter().collect();
    actors.sort_unstable_by_key(|(id, _)| **id);
    let mut statement = c.prepare_cached(
        "INSERT INTO actors (id, login, is_bot, first_seen_at, last_seen_at) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET
             login = CASE WHEN excluded.last_seen_at >= actors.last_seen_at THEN excluded.login ELSE actors.login END,
             is_bot = CASE WHEN excluded.last_seen_at >= actors.last_seen_at THEN excluded.is_bot ELSE actors.is_bot END,
             first_seen_at = min(actors.first_seen_at, excluded.first_seen_at),
             last_seen_at = max(actors.last_seen_at, excluded.last_seen_at)
         WHERE excluded.first_seen_at < actors.first_seen_at OR excluded.last_seen_at > actors.last_seen_at",
    )?;
    for (id, seen) in actors {
        statement.execute(params![id, seen.login, seen.is_bot, seen.first_seen_at, seen.last_seen_at])?;
    }

    // The repository's current name is the one seen last.
    let mut repos: Vec<(i64, &NameSeen, i64)> = entities
        .repos
        .iter()
        .filter_map(|(id, names)| {
            let latest = names.iter().max_by_key(|n| n.last_seen_at)?;
            let first = names.iter().map(|n| n.first_seen_at).min()?;
            Some((*id, latest, first))
        })
        .collect();
    repos.sort_unstable_by_key(|(id, _, _)| *id);
    let mut statement = c.prepare_cached(
        "INSERT INTO repositories (id, full_name, first_seen_at, last_seen_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET
             full_name = CASE WHEN excluded.last_seen_at >= repositories.last_seen_at
                              THEN excluded.full_name ELSE repositories.full_name END,
             first_seen_at = min(repositories.first_seen_at, excluded.first_seen_at),
             last_seen_at = max(repositories.last_seen_at, excluded.last_seen_at)
         WHERE excluded.first_seen_at < repositories.first_seen_at OR excluded.last_seen_at > repositories.last_seen_at",
    )?;
    for (id, latest, first) in repos {
        statement.execute(params![id, latest.name, first, latest.last_seen_at])?;
    }

    let mut names: Vec<(i64, &NameSeen)> =
        entities.repos.iter().flat_map(|(id, names)| names.iter().map(move |n| (*id, n))).collect();
    names.sort_unstable_by(|a, b| (a.0, &a.1.name).cmp(&(b.0, &b.1.name)));
    let mut statement = c.prepare_cached(
        "INSERT INTO repository_names (repo_id, full_name, first_seen_at, last_seen_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (repo_id, full_name) DO UPDATE SET
             first_seen_at = min(repository_names.first_seen_at, excluded.first_seen_at),
             last_seen_at = max(repository_names.last_seen_at, excluded.last_seen_at)
         WHERE excluded.first_seen_at < repository_names.first_seen_at
            OR excluded.last_seen_at > repository_names.last_seen_at",
    )?;
    for (id, seen) in names {
        statement.execute(params![id, seen.name, seen.first_seen_at, seen.last_seen_at])?;
    }

    let mut orgs: Vec<(&i64, &String)> = entities.orgs.iter().collect();
    orgs.sort_unstable_by_key(|(id, _)| **id);
    let mut statement = c.prepare_cached(
        "INSERT INTO organisations (id, login) VALUES (?1, ?2)
         ON CONFLICT (id) DO UPDATE SET login = excluded.login WHERE organisations.login != excluded.login",
    )?;
    for (id, login) in orgs {
        statement.execute(params![id, login])?;
    }
    Ok(())
}
