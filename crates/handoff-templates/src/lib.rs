//! Handoff's starter processes, embedded in the binary.
//!
//! The repository's `templates/*.handoff.json` files are compiled in (a build script lists
//! the folder and writes one `include_str!` per file), so the CLI and the desktop app can
//! seed a new library with realistic examples without the repository being present. Adding
//! a template is adding a file: no code changes.
//!
//! [`all`] gives the raw files, sorted by file name; [`documents`] parses them with
//! [`handoff_core::parse_document`], the same reader the app uses for any file.

use handoff_core::{parse_document, Document, LoadError};

/// One embedded template file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Template {
    /// The file name in `templates/`, e.g. `lead-intake.handoff.json`.
    pub file_name: &'static str,
    /// The file's text, exactly as in the repository.
    pub json: &'static str,
}

impl Template {
    /// Parses the template.
    ///
    /// # Errors
    /// A [`LoadError`] when the embedded text is not a valid `handoff/1` map; the tests of
    /// this crate keep that from happening for the shipped files.
    pub fn document(&self) -> Result<Document, LoadError> {
        parse_document(self.json.as_bytes())
    }
}

static TEMPLATES: &[Template] = include!(concat!(env!("OUT_DIR"), "/templates.rs"));

/// Every embedded template, sorted by file name.
pub fn all() -> &'static [Template] {
    TEMPLATES
}

/// The template with this file name, if one is embedded. Linear in the number of templates.
pub fn get(file_name: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.file_name == file_name)
}

/// Every template parsed, paired with its file name, in file-name order. A template that
/// fails to parse yields its [`LoadError`] rather than stopping the others, so a caller
/// seeding a library can report the one bad file and keep the rest.
pub fn documents() -> Vec<(&'static str, Result<Document, LoadError>)> {
    TEMPLATES
        .iter()
        .map(|t| (t.file_name, t.document()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files_on_disk() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates");
        let mut names: Vec<String> = std::fs::read_dir(&dir)
            .expect("templates/ exists")
            .map(|e| {
                e.expect("readable entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|n| n.ends_with(".handoff.json"))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn every_file_on_disk_is_embedded_in_order() {
        let embedded: Vec<&str> = all().iter().map(|t| t.file_name).collect();
        assert_eq!(embedded, files_on_disk());
    }

    #[test]
    fn embedded_text_matches_the_file() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../templates");
        for t in all() {
            let on_disk = std::fs::read_to_string(dir.join(t.file_name)).expect("readable");
            assert_eq!(t.json, on_disk, "{} is stale", t.file_name);
        }
    }

    #[test]
    fn every_template_parses() {
        for (name, doc) in documents() {
            if let Err(e) = doc {
                panic!("{name}: {e}");
            }
        }
    }

    #[test]
    fn get_finds_by_file_name() {
        let first = all().first().expect("at least one template");
        assert_eq!(get(first.file_name), Some(first));
        assert_eq!(get("no-such.handoff.json"), None);
    }
}
