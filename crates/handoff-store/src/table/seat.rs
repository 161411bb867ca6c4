//! `seat`: the library-wide seats. A process document carries copies of the seats it
//! mentions; this table is the authority the copies are refreshed from.

use handoff_core::{Seat, SeatId, SeatKind};
use rusqlite::{Connection, OptionalExtension};

use super::{enum_text, parse_enum};

pub(crate) const MIGRATION_1: &str = "
CREATE TABLE seat (
    id     TEXT PRIMARY KEY NOT NULL,
    name   TEXT NOT NULL,
    kind   TEXT NOT NULL,
    holder TEXT
) STRICT;
";

/// A stored row; `kind` stays text until [`Row::into_seat`] so a bad value becomes a clear
/// error rather than a panic.
pub(crate) struct Row {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub holder: Option<String>,
}

impl Row {
    fn read(r: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
        Ok(Row {
            id: r.get(0)?,
            name: r.get(1)?,
            kind: r.get(2)?,
            holder: r.get(3)?,
        })
    }

    /// The seat, or the bad kind text.
    pub fn into_seat(self) -> Result<Seat, String> {
        let kind: SeatKind = parse_enum(&self.kind)
            .ok_or_else(|| format!("seat \"{}\" has unknown kind \"{}\"", self.id, self.kind))?;
        Ok(Seat {
            id: SeatId(self.id),
            name: self.name,
            kind,
            holder: self.holder,
        })
    }
}

pub(crate) fn upsert(conn: &Connection, seat: &Seat) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO seat (id, name, kind, holder) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET
             name = excluded.name, kind = excluded.kind, holder = excluded.holder",
        (
            seat.id.as_str(),
            &seat.name,
            enum_text(&seat.kind),
            &seat.holder,
        ),
    )?;
    Ok(())
}

pub(crate) fn get(conn: &Connection, id: &str) -> rusqlite::Result<Option<Row>> {
    conn.query_row(
        "SELECT id, name, kind, holder FROM seat WHERE id = ?1",
        [id],
        Row::read,
    )
    .optional()
}

/// Every seat, by name then id.
pub(crate) fn all(conn: &Connection) -> rusqlite::Result<Vec<Row>> {
    let mut stmt =
        conn.prepare("SELECT id, name, kind, holder FROM seat ORDER BY name COLLATE NOCASE, id")?;
    let rows = stmt.query_map([], Row::read)?;
    rows.collect()
}

/// Removes a seat; whether it existed.
pub(crate) fn delete(conn: &Connection, id: &str) -> rusqlite::Result<bool> {
    Ok(conn.execute("DELETE FROM seat WHERE id = ?1", [id])? > 0)
}
