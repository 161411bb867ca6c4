//! Generates the list of embedded templates from `templates/*.handoff.json` at the
//! repository root, so adding a template file needs no code change.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

const SUFFIX: &str = ".handoff.json";

fn main() {
    let manifest =
        PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dir = manifest.join("..").join("..").join("templates");
    // Re-run when a file is added or removed (the folder changes) or edited (each file).
    println!("cargo:rerun-if-changed={}", dir.display());

    let mut files: Vec<(String, PathBuf)> = match fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter_map(|p| {
                let name = p.file_name()?.to_str()?.to_owned();
                (name.ends_with(SUFFIX) && p.is_file()).then_some((name, p))
            })
            .collect(),
        Err(e) => panic!("cannot read the templates folder {}: {e}", dir.display()),
    };
    files.sort();

    let mut out = String::from("&[\n");
    for (name, path) in &files {
        println!("cargo:rerun-if-changed={}", path.display());
        let path = fs::canonicalize(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let path = path
            .to_str()
            .unwrap_or_else(|| panic!("{} is not UTF-8", path.display()));
        writeln!(
            out,
            "    Template {{ file_name: {name:?}, json: include_str!({path:?}) }},"
        )
        .expect("writing to a String cannot fail");
    }
    out.push_str("]\n");

    let target = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("templates.rs");
    fs::write(&target, out).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
}
