//! A throwaway PostgreSQL cluster for tests, so that the team library's tests run against
//! a real server without relying on one left running by hand.
//!
//! The first call to [`database`] in a test process starts a cluster: `initdb -A trust` in
//! a new temporary folder, then `pg_ctl start` on a free port of 127.0.0.1 with its socket
//! in that folder. As root (CI, these machines) both run as the unprivileged `postgres`
//! user through `runuser`, since PostgreSQL refuses to run as root. Each call then creates
//! a database of its own and returns its URL, so tests never see each other's data.
//!
//! Stopping: the standard test harness has no "after all tests" hook, so a small watcher
//! (`sh`) started with the cluster waits for the test process to end, however it ends
//! (tests failing, a panic, a kill), then runs `pg_ctl stop -m immediate` and removes the
//! folder.
//!
//! Where PostgreSQL is not installed, [`database`] panics with what to install: those
//! tests fail, they never pass silently.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{SystemTime, UNIX_EPOCH};

/// The environment variable naming the folder of `initdb` and `pg_ctl`, when they are
/// not in Debian's place (`/usr/lib/postgresql/<version>/bin`) or on the PATH.
pub const BIN_ENV: &str = "HANDOFF_PG_BIN";

/// What to do when PostgreSQL is missing.
const INSTALL: &str = "PostgreSQL is not installed, and the team library's tests need a \
    real server: install Debian's `postgresql` package (apt-get install postgresql), or run \
    `cargo xtask test`, which installs it. Elsewhere set HANDOFF_PG_BIN to the folder of \
    initdb and pg_ctl.";

/// A running cluster.
pub struct Cluster {
    port: u16,
    folder: PathBuf,
    /// The connection that creates databases.
    admin: Mutex<Option<postgres::Client>>,
    next: AtomicU32,
}

impl std::fmt::Debug for Cluster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cluster")
            .field("port", &self.port)
            .field("folder", &self.folder)
            .finish()
    }
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();

/// The cluster of this test process, started on first use.
///
/// # Panics
/// When PostgreSQL is not installed (the message says what to install) or the cluster
/// cannot be started (the message has the server's log).
pub fn cluster() -> &'static Cluster {
    match CLUSTER.get_or_init(start) {
        Ok(c) => c,
        Err(why) => panic!("{why}"),
    }
}

/// A new, empty database in this process's cluster, as a `postgres://` URL.
///
/// # Panics
/// As [`cluster`], and when the database cannot be created.
pub fn database() -> String {
    cluster().database()
}

impl Cluster {
    /// A new, empty database, as a `postgres://` URL.
    ///
    /// # Panics
    /// When the database cannot be created.
    pub fn database(&self) -> String {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        let name = format!("handoff_test_{n}");
        let mut admin = self.admin.lock().unwrap_or_else(|p| p.into_inner());
        if admin.as_ref().is_none_or(|c| c.is_closed()) {
            *admin = Some(
                postgres::Client::connect(&self.url("postgres"), postgres::NoTls)
                    .unwrap_or_else(|e| panic!("cannot connect to the test cluster: {e}")),
            );
        }
        if let Some(client) = admin.as_mut() {
            client
                .batch_execute(&format!("CREATE DATABASE {name}"))
                .unwrap_or_else(|e| panic!("cannot create test database {name}: {e}"));
        }
        self.url(&name)
    }

    /// The URL of database `name` in this cluster (the superuser, trusted, no password).
    pub fn url(&self, name: &str) -> String {
        format!("postgres://postgres@127.0.0.1:{}/{name}", self.port)
    }

    /// The port the cluster listens on (127.0.0.1 only).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// The cluster's folder (data, socket, log).
    pub fn folder(&self) -> &Path {
        &self.folder
    }
}

fn start() -> Result<Cluster, String> {
    let bin = bin_folder().ok_or_else(|| INSTALL.to_owned())?;
    let user = RunAs::detect()?;
    let stamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let folder = std::env::temp_dir().join(format!("handoff-pg-{}-{stamp}", std::process::id()));
    std::fs::create_dir_all(&folder).map_err(|e| {
        format!(
            "{}: cannot create the cluster's folder: {e}",
            folder.display()
        )
    })?;
    user.give(&folder)?;
    let data = folder.join("data");
    let log = folder.join("server.log");
    let pg_ctl = bin.join("pg_ctl");
    watch(&user, &pg_ctl, &data, &folder)?;

    let out = user
        .command(&bin.join("initdb"))
        .args([
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
            "-D",
        ])
        .arg(&data)
        .output()
        .map_err(|e| format!("cannot run initdb: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "initdb failed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    // A free port can be taken between asking and starting: try a few.
    let mut last = String::new();
    for _ in 0..5 {
        let port = free_port()?;
        let options = format!(
            "-p {port} -k {} -c listen_addresses=127.0.0.1 -c fsync=off \
             -c synchronous_commit=off -c full_page_writes=off -c max_connections=300",
            folder.display()
        );
        let status = user
            .command(&pg_ctl)
            .args(["-D"])
            .arg(&data)
            .args(["-o", &options, "-l"])
            .arg(&log)
            .args(["-w", "-t", "60", "start"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .map_err(|e| format!("cannot run pg_ctl: {e}"))?;
        if status.success() {
            return Ok(Cluster {
                port,
                folder,
                admin: Mutex::new(None),
                next: AtomicU32::new(1),
            });
        }
        last = std::fs::read_to_string(&log).unwrap_or_default();
    }
    Err(format!("the test cluster did not start; its log:\n{last}"))
}

/// Starts the watcher that stops the cluster and removes its folder once this process has
/// ended.
fn watch(user: &RunAs, pg_ctl: &Path, data: &Path, folder: &Path) -> Result<(), String> {
    let stop = format!(
        "{} '{}' -D '{}' stop -m immediate",
        user.prefix(),
        pg_ctl.display(),
        data.display()
    );
    let script = format!(
        "while kill -0 {pid} 2>/dev/null; do sleep 0.5; done; \
         {stop} >/dev/null 2>&1; rm -rf '{folder}'",
        pid = std::process::id(),
        folder = folder.display()
    );
    Command::new("sh")
        .args(["-c", &script])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map(drop)
        .map_err(|e| format!("cannot start the cluster's watcher (sh): {e}"))
}

fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free local port for the test cluster: {e}"))
}

/// The folder of `initdb` and `pg_ctl`: `$HANDOFF_PG_BIN`, the newest
/// `/usr/lib/postgresql/<version>/bin`, or the folder of `initdb` on the PATH.
fn bin_folder() -> Option<PathBuf> {
    let has_tools = |dir: &Path| dir.join("initdb").is_file() && dir.join("pg_ctl").is_file();
    if let Some(dir) = std::env::var_os(BIN_ENV).map(PathBuf::from) {
        return has_tools(&dir).then_some(dir);
    }
    let mut debian: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let version = e.file_name().to_string_lossy().parse().ok()?;
            let bin = e.path().join("bin");
            has_tools(&bin).then_some((version, bin))
        })
        .collect();
    debian.sort();
    if let Some((_, bin)) = debian.pop() {
        return Some(bin);
    }
    std::env::var_os("PATH")
        .and_then(|paths| std::env::split_paths(&paths).find(|dir| has_tools(dir)))
}

/// Who runs the server: this user, or (as root, which PostgreSQL refuses) the `postgres`
/// user through `runuser`.
enum RunAs {
    Me,
    Postgres { uid: u32, gid: u32 },
}

impl RunAs {
    fn detect() -> Result<RunAs, String> {
        if id(&["-u"])? != 0 {
            return Ok(RunAs::Me);
        }
        let uid = id(&["-u", "postgres"]).map_err(|_| {
            format!("the tests run as root and there is no `postgres` user to run the server as. {INSTALL}")
        })?;
        Ok(RunAs::Postgres {
            uid,
            gid: id(&["-g", "postgres"])?,
        })
    }

    /// Makes `folder` the server user's.
    fn give(&self, folder: &Path) -> Result<(), String> {
        match self {
            RunAs::Me => Ok(()),
            RunAs::Postgres { uid, gid } => {
                std::os::unix::fs::chown(folder, Some(*uid), Some(*gid)).map_err(|e| {
                    format!(
                        "{}: cannot hand the folder to postgres: {e}",
                        folder.display()
                    )
                })
            }
        }
    }

    fn command(&self, program: &Path) -> Command {
        match self {
            RunAs::Me => Command::new(program),
            RunAs::Postgres { .. } => {
                let mut c = Command::new("runuser");
                c.args(["-u", "postgres", "--"]).arg(program);
                c
            }
        }
    }

    fn prefix(&self) -> &'static str {
        match self {
            RunAs::Me => "",
            RunAs::Postgres { .. } => "runuser -u postgres --",
        }
    }
}

/// A number `id` prints (`id -u`, `id -g postgres`).
fn id(args: &[&str]) -> Result<u32, String> {
    let out = Command::new("id")
        .args(args)
        .output()
        .map_err(|e| format!("cannot run id: {e}"))?;
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .map_err(|_| format!("id {} printed no number", args.join(" ")))
}
