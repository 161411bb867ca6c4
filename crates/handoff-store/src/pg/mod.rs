//! The team library: the same tables in a PostgreSQL database, through the synchronous
//! `postgres` client.
//!
//! A [`Team`] holds one connection. Every write runs in one transaction that first takes
//! transaction-level advisory locks (`pg_advisory_xact_lock`), so writers that could
//! disturb each other take turns as they do on a library file: what a writer read (the
//! newest revision, which ids are taken) is still true when it commits, and the locks go
//! with the transaction, also when the client dies. A write to one process
//! ([`Scope::Process`]) holds the library lock [`LOCK_KEY`] shared and that process's lock
//! exclusively, so saves of different processes run side by side; a library-wide write
//! ([`Scope::Library`]: new ids, seat merges, rules, copies) holds [`LOCK_KEY`]
//! exclusively and so waits for every writer. The isolation level stays READ COMMITTED:
//! every statement after the locks sees everything committed before it. Waiting for a lock
//! gives up after [`LOCK_TIMEOUT`], like the file's busy timeout.
//!
//! The connection text may hold a password; it is kept in memory to reconnect, never
//! shown: messages name the library by [`display_name`] (the URL without password).
//! A connection that was lost is made again before the next operation.

mod schema;
mod tables;

use std::cell::RefCell;
use std::str::FromStr;
use std::time::Duration;

use postgres::config::Host;
use postgres::{Client, Config, NoTls};

use crate::error::{Result, StoreError};
use crate::library::Scope;
use crate::table::Tables;

/// The advisory lock every write transaction (and the migration) holds: the bytes of
/// "HDOF", as the library file's application id. Advisory locks belong to one database,
/// so team libraries in different databases never wait for each other.
pub(crate) const LOCK_KEY: i64 = 0x4844_4F46;

/// The first key of a process's lock (the second is the hash of its id), in the two-key
/// space of advisory locks, which never meets the one-key space of [`LOCK_KEY`]. Two ids
/// with one hash only make their saves take turns.
const PROCESS_LOCK_CLASS: i32 = 0x4844_4F50;

/// How long a write waits for the writer before it; as long as a library file's writers
/// wait ([`crate::sqlite::BUSY_TIMEOUT`]).
const LOCK_TIMEOUT: &str = "10s";

/// How long connecting may take before the server is reported unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// An open team library.
pub(crate) struct Team {
    /// Reads take `&self` in [`crate::Library`]; the client needs `&mut`. A `Library` is
    /// used from one thread at a time, so a `RefCell` suffices.
    client: RefCell<Client>,
    config: Config,
    name: String,
}

impl std::fmt::Debug for Team {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the configuration: it may hold the password.
        f.debug_struct("Team").field("name", &self.name).finish()
    }
}

/// Whether `text` is a PostgreSQL URL.
pub(crate) fn is_url(text: &str) -> bool {
    let lower = text.trim_start().to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

impl Team {
    /// Connects to the database `url` names and migrates it (see [`schema::migrate`]).
    /// Returns the library and whether this open created it.
    pub fn open(url: &str, create: bool) -> Result<(Team, bool)> {
        let mut config = Config::from_str(url.trim()).map_err(|e| StoreError::BadUrl {
            reason: e.to_string(),
        })?;
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(CONNECT_TIMEOUT);
        }
        if config.get_application_name().is_none() {
            config.application_name("handoff");
        }
        let name = display_name(&config);
        let mut client = connect(&config, &name)?;
        let created = schema::migrate(&mut client, &name, create)?;
        Ok((
            Team {
                client: RefCell::new(client),
                config,
                name,
            },
            created,
        ))
    }

    /// The URL without password.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Runs `f` on the connection outside a transaction.
    pub fn read<T>(&self, f: impl FnOnce(&mut dyn Tables) -> Result<T>) -> Result<T> {
        let mut client = self.client.borrow_mut();
        if client.is_closed() {
            *client = connect(&self.config, &self.name)?;
        }
        f(&mut tables::PgTables::new(&mut *client, &self.name, None))
    }

    /// Runs `f` in a transaction holding the write lock; commits when it succeeds. An
    /// error (or a lost connection) rolls the transaction back on the server.
    pub fn write<T>(
        &mut self,
        scope: Scope<'_>,
        author: Option<&str>,
        f: impl FnOnce(&mut dyn Tables) -> Result<T>,
    ) -> Result<T> {
        let client = self.client.get_mut();
        if client.is_closed() {
            *client = connect(&self.config, &self.name)?;
        }
        let err = pg_error(&self.name);
        let mut tx = client.transaction().map_err(&err)?;
        match scope {
            Scope::Library => tx.execute("SELECT pg_advisory_xact_lock($1)", &[&LOCK_KEY]),
            Scope::Process(id) => tx.execute(
                "SELECT pg_advisory_xact_lock_shared($1), pg_advisory_xact_lock($2, hashtext($3))",
                &[&LOCK_KEY, &PROCESS_LOCK_CLASS, &id],
            ),
        }
        .map_err(&err)?;
        let out = f(&mut tables::PgTables::new(&mut tx, &self.name, author))?;
        tx.commit().map_err(&err)?;
        Ok(out)
    }
}

/// Connects and sets the session up: writers give up waiting for the lock after
/// [`LOCK_TIMEOUT`].
fn connect(config: &Config, name: &str) -> Result<Client> {
    let mut client = config
        .connect(NoTls)
        .map_err(|source| StoreError::Connect {
            library: name.to_owned(),
            source,
        })?;
    client
        .batch_execute(&format!("SET lock_timeout = '{LOCK_TIMEOUT}'"))
        .map_err(pg_error(name))?;
    Ok(client)
}

/// Maps a PostgreSQL error on the library `name`.
pub(crate) fn pg_error(name: &str) -> impl Fn(postgres::Error) -> StoreError + '_ {
    move |source| StoreError::Postgres {
        library: name.to_owned(),
        source,
    }
}

/// `url` without its password, or `None` when it does not parse.
pub(crate) fn display_url(url: &str) -> Option<String> {
    Config::from_str(url.trim()).ok().map(|c| display_name(&c))
}

/// The library as messages name it: `postgres://USER@HOST:PORT/DATABASE`, never with the
/// password.
pub(crate) fn display_name(config: &Config) -> String {
    let user = config
        .get_user()
        .map(|u| format!("{u}@"))
        .unwrap_or_default();
    let port = config.get_ports().first().copied().unwrap_or(5432);
    let db = config
        .get_dbname()
        .or(config.get_user())
        .unwrap_or_default();
    match config.get_hosts().first() {
        Some(Host::Tcp(host)) if host.contains(':') => {
            format!("postgres://{user}[{host}]:{port}/{db}")
        }
        Some(Host::Tcp(host)) => format!("postgres://{user}{host}:{port}/{db}"),
        Some(Host::Unix(dir)) => {
            format!("postgres://{user}/{db}?host={}&port={port}", dir.display())
        }
        None => format!("postgres://{user}localhost:{port}/{db}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(url: &str) -> String {
        display_name(&Config::from_str(url).unwrap())
    }

    #[test]
    fn the_display_name_never_holds_the_password() {
        assert_eq!(
            name("postgres://ann:s3cret@db.example.com:6543/handoff"),
            "postgres://ann@db.example.com:6543/handoff"
        );
        assert_eq!(
            name("host=db.example.com user=ann password=s3cret dbname=ops"),
            "postgres://ann@db.example.com:5432/ops"
        );
        assert!(
            !format!("{:?}", Config::from_str("postgres://a:s3cret@h/d").unwrap())
                .contains("s3cret")
        );
    }

    #[test]
    fn a_bad_url_is_refused_without_repeating_it() {
        let err = Team::open("postgres://ann:s3cret@host:notaport/db", true).unwrap_err();
        assert!(matches!(err, StoreError::BadUrl { .. }), "{err:?}");
        assert!(!err.to_string().contains("s3cret"), "{err}");
    }

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("postgres://h/db"));
        assert!(is_url("PostgreSQL://h/db"));
        assert!(!is_url("/home/ann/library.handoff-db"));
        assert!(!is_url("postgres.handoff-db"));
    }
}
