//! `rule`: the library's overrides of check severities. A rule with no row runs with its
//! default severity.

use std::collections::BTreeMap;

use handoff_core::checks::{Code, RuleSetting, Rules, Severity};
use rusqlite::Connection;

use super::{enum_text, parse_enum};

pub(crate) const MIGRATION_1: &str = "
CREATE TABLE rule (
    code    TEXT PRIMARY KEY NOT NULL,
    setting TEXT NOT NULL
) STRICT;
";

pub(crate) fn setting_text(setting: RuleSetting) -> String {
    match setting {
        RuleSetting::Off => "off".to_owned(),
        RuleSetting::Severity(s) => enum_text(&s),
    }
}

pub(crate) fn parse_setting(text: &str) -> Option<RuleSetting> {
    if text == "off" {
        Some(RuleSetting::Off)
    } else {
        parse_enum::<Severity>(text).map(RuleSetting::Severity)
    }
}

/// The stored overrides. Rows naming a code or setting this build does not know are
/// skipped: a newer build may add checks without changing the schema, and an unknown
/// override must not stop an older build from opening the library.
pub(crate) fn load(conn: &Connection) -> rusqlite::Result<Rules> {
    let mut stmt = conn.prepare("SELECT code, setting FROM rule")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut overrides = BTreeMap::new();
    for row in rows {
        let (code, setting) = row?;
        if let (Some(code), Some(setting)) = (Code::parse(&code), parse_setting(&setting)) {
            overrides.insert(code, setting);
        }
    }
    Ok(Rules { overrides })
}

/// Sets one rule; `None` returns it to its default.
pub(crate) fn set(
    conn: &Connection,
    code: Code,
    setting: Option<RuleSetting>,
) -> rusqlite::Result<()> {
    match setting {
        None => {
            conn.execute("DELETE FROM rule WHERE code = ?1", [code.as_str()])?;
        }
        Some(s) => {
            conn.execute(
                "INSERT INTO rule (code, setting) VALUES (?1, ?2)
                 ON CONFLICT (code) DO UPDATE SET setting = excluded.setting",
                (code.as_str(), setting_text(s)),
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_through_text() {
        for s in [
            RuleSetting::Off,
            RuleSetting::Severity(Severity::Error),
            RuleSetting::Severity(Severity::Warning),
            RuleSetting::Severity(Severity::Info),
        ] {
            assert_eq!(parse_setting(&setting_text(s)), Some(s));
        }
        assert_eq!(parse_setting("loud"), None);
    }
}
