//! [`Tables`] in a PostgreSQL database: the same rows as the library file's, in SQL of
//! PostgreSQL's dialect. Listing orders match the file's (`COLLATE NOCASE` there is
//! `lower(... COLLATE "C")` here: both fold ASCII letters only).

use chrono::{DateTime, NaiveDate, Utc};
use handoff_core::checks::{Code, RuleSetting, Rules};
use handoff_core::{Document, Seat};
use postgres::GenericClient;

use super::pg_error;
use crate::error::{Result, StoreError};
use crate::table::{
    enum_text, parse_time, process, revision, rule, seat, time_text, Tables, Which,
};

/// [`Tables`] on a client or a transaction.
pub(super) struct PgTables<'a, C> {
    c: &'a mut C,
    name: &'a str,
    author: Option<&'a str>,
}

impl<'a, C: GenericClient> PgTables<'a, C> {
    pub fn new(c: &'a mut C, name: &'a str, author: Option<&'a str>) -> Self {
        PgTables { c, name, author }
    }

    fn run<T>(&self, r: std::result::Result<T, postgres::Error>) -> Result<T> {
        r.map_err(pg_error(self.name))
    }

    /// A stored timestamp text as PostgreSQL takes it; a damaged one (from a library file)
    /// is named, not written.
    fn timestamp(&self, text: &str, what: &str) -> Result<DateTime<Utc>> {
        parse_time(text).ok_or_else(|| StoreError::CorruptRecord {
            library: self.name.to_owned(),
            what: what.to_owned(),
            reason: format!("\"{text}\" is not a date and time"),
        })
    }
}

const PROCESS_COLUMNS: &str =
    "id, name, function, state, owner, document, head, created_at, updated_at, deleted_at";

fn process_row(r: &postgres::Row) -> std::result::Result<process::Row, postgres::Error> {
    Ok(process::Row {
        id: r.try_get(0)?,
        name: r.try_get(1)?,
        function: r.try_get(2)?,
        state: r.try_get(3)?,
        owner: r.try_get(4)?,
        document: r.try_get(5)?,
        head: count(r.try_get(6)?),
        created_at: time_text(r.try_get(7)?),
        updated_at: time_text(r.try_get(8)?),
        deleted_at: r.try_get::<_, Option<DateTime<Utc>>>(9)?.map(time_text),
    })
}

fn seat_row(r: &postgres::Row) -> std::result::Result<seat::Row, postgres::Error> {
    Ok(seat::Row {
        id: r.try_get(0)?,
        name: r.try_get(1)?,
        kind: r.try_get(2)?,
        holder: r.try_get(3)?,
    })
}

/// A revision number or head as stored (`integer`, positive by a CHECK constraint).
fn count(n: i32) -> u32 {
    u32::try_from(n).unwrap_or_default()
}

/// A revision number or head to store; numbers past `i32::MAX` (two billion saves of one
/// process) cannot occur, and would be refused by the primary key rather than wrap.
fn int(n: u32) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

impl<C: GenericClient> Tables for PgTables<'_, C> {
    fn library(&self) -> &str {
        self.name
    }

    fn author(&self) -> Option<&str> {
        self.author
    }

    fn process(&mut self, id: &str) -> Result<Option<process::Row>> {
        let row = self.c.query_opt(
            &format!("SELECT {PROCESS_COLUMNS} FROM process WHERE id = $1"),
            &[&id],
        );
        let row = self.run(row)?;
        self.run(row.as_ref().map(process_row).transpose())
    }

    fn processes(&mut self, which: Which) -> Result<Vec<process::Row>> {
        let filter = match which {
            Which::Live => "WHERE deleted_at IS NULL ORDER BY function COLLATE \"C\", lower(name COLLATE \"C\"), id COLLATE \"C\"",
            Which::Deleted => "WHERE deleted_at IS NOT NULL ORDER BY function COLLATE \"C\", lower(name COLLATE \"C\"), id COLLATE \"C\"",
            Which::Every => "ORDER BY id COLLATE \"C\"",
        };
        let rows = self.c.query(
            &format!("SELECT {PROCESS_COLUMNS} FROM process {filter}"),
            &[],
        );
        let rows = self.run(rows)?;
        self.run(rows.iter().map(process_row).collect())
    }

    fn process_exists(&mut self, id: &str) -> Result<bool> {
        let row = self.c.query_one(
            "SELECT EXISTS (SELECT 1 FROM process WHERE id = $1)",
            &[&id],
        );
        self.run(row.and_then(|r| r.try_get(0)))
    }

    fn put_process(
        &mut self,
        doc: &Document,
        json: &str,
        head: u32,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let p = &doc.process;
        let done = self.c.execute(
            "INSERT INTO process (id, name, function, state, owner, document, head, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
             ON CONFLICT (id) DO UPDATE SET
                 name = excluded.name, function = excluded.function, state = excluded.state,
                 owner = excluded.owner, document = excluded.document, head = excluded.head,
                 updated_at = excluded.updated_at, deleted_at = NULL",
            &[
                &p.id.as_str(),
                &p.name,
                &enum_text(&p.function),
                &enum_text(&p.state),
                &p.owner.as_ref().map(|o| o.as_str()),
                &json,
                &int(head),
                &now,
            ],
        );
        self.run(done).map(drop)
    }

    fn copy_process(&mut self, row: &process::Row) -> Result<()> {
        let what = format!("timestamp of process \"{}\"", row.id);
        let created = self.timestamp(&row.created_at, &what)?;
        let updated = self.timestamp(&row.updated_at, &what)?;
        let deleted = match &row.deleted_at {
            Some(at) => Some(self.timestamp(at, &what)?),
            None => None,
        };
        let done = self.c.execute(
            "INSERT INTO process (id, name, function, state, owner, document, head, created_at, updated_at, deleted_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
             ON CONFLICT (id) DO UPDATE SET
                 name = excluded.name, function = excluded.function, state = excluded.state,
                 owner = excluded.owner, document = excluded.document, head = excluded.head,
                 created_at = excluded.created_at, updated_at = excluded.updated_at,
                 deleted_at = excluded.deleted_at",
            &[
                &row.id,
                &row.name,
                &row.function,
                &row.state,
                &row.owner,
                &row.document,
                &int(row.head),
                &created,
                &updated,
                &deleted,
            ],
        );
        self.run(done).map(drop)
    }

    fn set_deleted(&mut self, id: &str, at: Option<DateTime<Utc>>) -> Result<bool> {
        let done = self.c.execute(
            "UPDATE process SET deleted_at = $2 WHERE id = $1",
            &[&id, &at],
        );
        Ok(self.run(done)? > 0)
    }

    fn purge_process(&mut self, id: &str) -> Result<bool> {
        let done = self.c.execute("DELETE FROM process WHERE id = $1", &[&id]);
        Ok(self.run(done)? > 0)
    }

    fn insert_revision(&mut self, rev: &revision::Full) -> Result<()> {
        let at = self.timestamp(
            &rev.created_at,
            &format!(
                "timestamp of process \"{}\" revision {}",
                rev.process_id, rev.number
            ),
        )?;
        let done = self.c.execute(
            "INSERT INTO revision (process_id, number, created_at, summary, document, author, reviewed_on)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &rev.process_id,
                &int(rev.number),
                &at,
                &rev.summary,
                &rev.document,
                &rev.author,
                &rev.reviewed_on,
            ],
        );
        self.run(done).map(drop)
    }

    fn revisions(&mut self, process: &str) -> Result<Vec<revision::Row>> {
        let rows = self.c.query(
            "SELECT number, created_at, summary, author FROM revision
             WHERE process_id = $1 ORDER BY number DESC",
            &[&process],
        );
        let rows = self.run(rows)?;
        self.run(
            rows.iter()
                .map(|r| {
                    Ok(revision::Row {
                        number: count(r.try_get(0)?),
                        created_at: time_text(r.try_get(1)?),
                        summary: r.try_get(2)?,
                        author: r.try_get(3)?,
                    })
                })
                .collect(),
        )
    }

    fn full_revisions(&mut self, process: &str) -> Result<Vec<revision::Full>> {
        let rows = self.c.query(
            "SELECT process_id, number, created_at, summary, document, author, reviewed_on
             FROM revision WHERE process_id = $1 ORDER BY number",
            &[&process],
        );
        let rows = self.run(rows)?;
        self.run(
            rows.iter()
                .map(|r| {
                    Ok(revision::Full {
                        process_id: r.try_get(0)?,
                        number: count(r.try_get(1)?),
                        created_at: time_text(r.try_get(2)?),
                        summary: r.try_get(3)?,
                        document: r.try_get(4)?,
                        author: r.try_get(5)?,
                        reviewed_on: r.try_get(6)?,
                    })
                })
                .collect(),
        )
    }

    fn revision_document(&mut self, process: &str, number: u32) -> Result<Option<String>> {
        let row = self.c.query_opt(
            "SELECT document FROM revision WHERE process_id = $1 AND number = $2",
            &[&process, &int(number)],
        );
        let row = self.run(row)?;
        self.run(row.map(|r| r.try_get(0)).transpose())
    }

    fn mark_review(&mut self, process: &str, number: u32, on: NaiveDate) -> Result<()> {
        let done = self.c.execute(
            "UPDATE revision SET reviewed_on = $3 WHERE process_id = $1 AND number = $2",
            &[&process, &int(number), &on],
        );
        self.run(done).map(drop)
    }

    fn last_review(&mut self, process: &str) -> Result<Option<(NaiveDate, Option<String>)>> {
        let row = self.c.query_opt(
            "SELECT reviewed_on, author FROM revision
             WHERE process_id = $1 AND reviewed_on IS NOT NULL ORDER BY number DESC LIMIT 1",
            &[&process],
        );
        let row = self.run(row)?;
        self.run(row.map(|r| Ok((r.try_get(0)?, r.try_get(1)?))).transpose())
    }

    fn put_seat(&mut self, s: &Seat) -> Result<()> {
        let done = self.c.execute(
            "INSERT INTO seat (id, name, kind, holder) VALUES ($1, $2, $3, $4)
             ON CONFLICT (id) DO UPDATE SET
                 name = excluded.name, kind = excluded.kind, holder = excluded.holder",
            &[&s.id.as_str(), &s.name, &enum_text(&s.kind), &s.holder],
        );
        self.run(done).map(drop)
    }

    fn seat(&mut self, id: &str) -> Result<Option<seat::Row>> {
        let row = self.c.query_opt(
            "SELECT id, name, kind, holder FROM seat WHERE id = $1",
            &[&id],
        );
        let row = self.run(row)?;
        self.run(row.as_ref().map(seat_row).transpose())
    }

    fn seats(&mut self) -> Result<Vec<seat::Row>> {
        let rows = self.c.query(
            "SELECT id, name, kind, holder FROM seat ORDER BY lower(name COLLATE \"C\"), id COLLATE \"C\"",
            &[],
        );
        let rows = self.run(rows)?;
        self.run(rows.iter().map(seat_row).collect())
    }

    fn delete_seat(&mut self, id: &str) -> Result<bool> {
        let done = self.c.execute("DELETE FROM seat WHERE id = $1", &[&id]);
        Ok(self.run(done)? > 0)
    }

    fn rules(&mut self) -> Result<Rules> {
        let rows = self.c.query("SELECT code, setting FROM rule", &[]);
        let rows = self.run(rows)?;
        let mut rules = Rules::default();
        for r in &rows {
            let (code, setting): (String, String) =
                self.run(r.try_get(0).and_then(|c| Ok((c, r.try_get(1)?))))?;
            // Unknown codes and settings are skipped, as in the file (see `rule::load`).
            if let (Some(code), Some(setting)) = (Code::parse(&code), rule::parse_setting(&setting))
            {
                rules.overrides.insert(code, setting);
            }
        }
        Ok(rules)
    }

    fn set_rule(&mut self, code: Code, setting: Option<RuleSetting>) -> Result<()> {
        let done = match setting {
            None => self
                .c
                .execute("DELETE FROM rule WHERE code = $1", &[&code.as_str()]),
            Some(s) => self.c.execute(
                "INSERT INTO rule (code, setting) VALUES ($1, $2)
                 ON CONFLICT (code) DO UPDATE SET setting = excluded.setting",
                &[&code.as_str(), &rule::setting_text(s)],
            ),
        };
        self.run(done).map(drop)
    }

    fn meta(&mut self, key: &str) -> Result<Option<String>> {
        let row = self
            .c
            .query_opt("SELECT value FROM meta WHERE key = $1", &[&key]);
        let row = self.run(row)?;
        self.run(row.map(|r| r.try_get(0)).transpose())
    }

    fn set_meta(&mut self, key: &str, value: &str) -> Result<()> {
        let done = self.c.execute(
            "INSERT INTO meta (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&key, &value],
        );
        self.run(done).map(drop)
    }
}
