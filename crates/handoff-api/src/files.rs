//! The only file reader and the only file writer. Every front end reads a map and writes a
//! document through here, so the guarantees hold everywhere:
//!
//! - **Reading is bounded.** The size is taken from the file's metadata before anything is
//!   read, only regular files are read (a FIFO or a device such as `/dev/zero` is refused at
//!   once), and the read itself stops one byte past the limit, so a file that grows while it
//!   is read cannot fill memory either.
//! - **Writing is atomic.** The bytes go to a temporary file with a unique name in the
//!   target's folder, are flushed to disk (`fsync`), and the file is renamed over the target.
//!   A failed write leaves the previous file as it was and no temporary file behind.

use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

use handoff_core::LoadError;

/// Why a file could not be read. Displays as `<path>: <reason>`.
#[derive(Debug, thiserror::Error)]
#[error("{}: {reason}", path.display())]
pub struct ReadError {
    pub path: PathBuf,
    pub reason: Reason,
}

/// What was wrong with the input.
#[derive(Debug, thiserror::Error)]
pub enum Reason {
    /// The path does not exist.
    #[error("no such file")]
    NotFound,
    /// The path is a folder.
    #[error("is a folder, not a file")]
    IsDir,
    /// The path is a pipe, a device or a socket: there is no end to wait for.
    #[error("is not a regular file (a pipe, device or socket); save the map to a file first")]
    NotAFile,
    /// The file could not be read for another reason (permissions, I/O).
    #[error("cannot read the file: {0}")]
    Io(#[source] std::io::Error),
    /// The file was read but is not a valid map (empty, too large, bad JSON, wrong shape,
    /// unknown format version).
    #[error(transparent)]
    Load(#[from] LoadError),
    /// The file is not BPMN 2.0 XML a map can be read from (or is too large to be one).
    #[error(transparent)]
    Bpmn(#[from] handoff_bpmn::BpmnError),
}

/// The bytes of the regular file at `path`, at most `max` of them; `too_large` says how to
/// refuse a bigger file (each format words it its own way).
///
/// # Errors
/// A [`ReadError`] naming the path: [`Reason::NotFound`], [`Reason::IsDir`],
/// [`Reason::NotAFile`], [`Reason::Io`], or what `too_large` gives.
///
/// # Complexity
/// O(min(size, max)) time and memory.
pub fn read_bounded(
    path: &Path,
    max: usize,
    too_large: impl FnOnce(u64) -> Reason,
) -> Result<Vec<u8>, ReadError> {
    let fail = |reason| ReadError {
        path: path.to_owned(),
        reason,
    };
    let (file, len) = open_regular(path)?;
    if len > max as u64 {
        return Err(fail(too_large(len)));
    }
    // The file may have grown since `metadata`: read one byte past the limit to tell.
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| fail(io_reason(e)))?;
    if bytes.len() > max {
        return Err(fail(too_large(bytes.len() as u64)));
    }
    Ok(bytes)
}

/// Opens a regular file for reading, with its size: a folder, a pipe or a device is refused
/// before anything is read (a pipe or `/dev/zero` has no end to wait for).
///
/// # Errors
/// [`Reason::NotFound`], [`Reason::IsDir`], [`Reason::NotAFile`] or [`Reason::Io`].
pub fn open_regular(path: &Path) -> Result<(std::fs::File, u64), ReadError> {
    let fail = |reason| ReadError {
        path: path.to_owned(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| fail(io_reason(e)))?;
    if meta.is_dir() {
        return Err(fail(Reason::IsDir));
    }
    if !meta.is_file() {
        return Err(fail(Reason::NotAFile));
    }
    let file = std::fs::File::open(path).map_err(|e| fail(io_reason(e)))?;
    Ok((file, meta.len()))
}

fn io_reason(e: std::io::Error) -> Reason {
    match e.kind() {
        std::io::ErrorKind::NotFound => Reason::NotFound,
        _ => Reason::Io(e),
    }
}

/// Whether an existing file at the target may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Replace it (the user asked for this file, or confirmed).
    Yes,
    /// Refuse with [`WriteReason::Exists`] when a file is already there.
    No,
}

/// Why a file could not be written. Displays as `<path>: <reason>`.
#[derive(Debug, thiserror::Error)]
#[error("{}: {reason}", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    pub reason: WriteReason,
}

/// What stopped the write.
#[derive(Debug, thiserror::Error)]
pub enum WriteReason {
    /// A file is there and [`Replace::No`] was asked for.
    #[error("already exists")]
    Exists,
    /// The file's name does not say which format to write.
    #[error("unknown output format: name the file {0}")]
    UnknownFormat(Expected),
    /// The operating system refused (no space, no permission, file size limit, ...).
    #[error("{0}")]
    Io(#[source] std::io::Error),
}

/// The file names a format switch accepts, for [`WriteReason::UnknownFormat`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected(pub &'static [&'static str]);

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self.0.iter().map(|e| format!("*.{e}")).collect();
        match names.split_last() {
            Some((last, [])) => write!(f, "{last}"),
            Some((last, rest)) => write!(f, "{} or {last}", rest.join(", ")),
            None => Ok(()),
        }
    }
}

/// Writes `bytes` to `path` atomically: a uniquely named temporary file in the same folder,
/// flushed to disk, then renamed over `path` (the folder is created when missing). A reader
/// sees the old file or the new one, never a mixture; a failed write leaves the old file
/// byte for byte and removes the temporary file.
///
/// # Errors
/// A [`WriteError`] naming `path`: [`WriteReason::Exists`] with [`Replace::No`] when a file
/// is there, [`WriteReason::Io`] when the system refuses.
pub fn write_atomic(path: &Path, bytes: &[u8], replace: Replace) -> Result<(), WriteError> {
    let fail = |reason| WriteError {
        path: path.to_owned(),
        reason,
    };
    if replace == Replace::No && path.exists() {
        return Err(fail(WriteReason::Exists));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(|e| fail(WriteReason::Io(e)))?;
    let name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".part")
        .tempfile_in(&dir)
        .map_err(|e| fail(WriteReason::Io(e)))?;
    tmp.write_all(bytes)
        .and_then(|()| tmp.as_file().sync_all())
        .map_err(|e| fail(WriteReason::Io(e)))?;
    set_readable(tmp.as_file(), path);
    let persisted = match replace {
        Replace::Yes => tmp.persist(path).map(drop),
        Replace::No => tmp.persist_noclobber(path).map(drop),
    };
    persisted.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            fail(WriteReason::Exists)
        } else {
            fail(WriteReason::Io(e.error))
        }
    })?;
    // Make the rename itself durable; a folder that cannot be opened (some platforms) only
    // loses that last guarantee, not the file.
    if let Ok(d) = std::fs::File::open(&dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// Temporary files are created private (0600); a document keeps the permissions of the file
/// it replaces, or gets the usual 0644.
#[cfg(unix)]
fn set_readable(file: &std::fs::File, target: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(target).map_or(0o644, |m| m.permissions().mode() & 0o7777);
    let _ = file.set_permissions(std::fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
fn set_readable(_file: &std::fs::File, _target: &Path) {}

/// What a launch of the app was asked to open: the map files among its command-line
/// arguments (the program's own name first, as the operating system passes them), made
/// absolute against the folder it was started in. A file manager's "Open with Handoff", a
/// file association and `handoff-app map.bpmn` all arrive this way; options and files of
/// other kinds are left out. The files are read later, by the import that opens them.
#[must_use]
pub fn launch_files(args: &[String], cwd: &Path) -> Vec<PathBuf> {
    args.iter()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .map(Path::new)
        .filter(|p| MapKind::of(p).is_some())
        .map(|p| {
            if p.is_absolute() {
                p.to_owned()
            } else {
                cwd.join(p)
            }
        })
        .collect()
}

/// The two kinds of map file the app opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MapKind {
    /// `*.handoff.json` (and any `*.json`, which the import checks).
    Handoff,
    /// BPMN 2.0 XML: `*.bpmn`, `*.bpmn20.xml`, `*.xml`.
    Bpmn,
}

impl MapKind {
    /// The kind a file's name says, if it is a map at all.
    #[must_use]
    pub fn of(path: &Path) -> Option<Self> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "json" => Some(Self::Handoff),
            "bpmn" | "xml" => Some(Self::Bpmn),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn too_large(bytes: u64) -> Reason {
        Reason::Load(LoadError::TooLarge {
            bytes: bytes as usize,
        })
    }

    #[test]
    fn the_file_appears_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sub").join("out.csv");
        write_atomic(&path, b"a,b\r\n", Replace::Yes).expect("written");
        assert_eq!(std::fs::read(&path).expect("read"), b"a,b\r\n");
        let left: Vec<_> = std::fs::read_dir(dir.path().join("sub"))
            .expect("folder")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(left, vec![std::ffi::OsString::from("out.csv")]);
    }

    #[test]
    fn an_existing_file_is_kept_unless_replacing_is_allowed() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("map.bpmn");
        std::fs::write(&path, b"old").expect("seed");
        let err = write_atomic(&path, b"new", Replace::No).expect_err("refused");
        assert!(matches!(err.reason, WriteReason::Exists));
        assert!(
            err.to_string().contains("map.bpmn: already exists"),
            "{err}"
        );
        assert_eq!(std::fs::read(&path).expect("read"), b"old");
        write_atomic(&path, b"new", Replace::Yes).expect("replaced");
        assert_eq!(std::fs::read(&path).expect("read"), b"new");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 1);
    }

    #[test]
    fn reading_is_bounded_and_names_the_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("big.json");
        std::fs::write(&path, vec![b' '; 100]).expect("seed");
        let err = read_bounded(&path, 99, too_large).expect_err("too large");
        assert!(err.to_string().starts_with(&path.display().to_string()));
        assert!(matches!(
            err.reason,
            Reason::Load(LoadError::TooLarge { bytes: 100 })
        ));
        assert_eq!(
            read_bounded(&path, 100, too_large).expect("fits").len(),
            100
        );
        let err = read_bounded(dir.path(), 10, too_large).expect_err("a folder");
        assert!(matches!(err.reason, Reason::IsDir));
        let err = read_bounded(&dir.path().join("nope"), 10, too_large).expect_err("missing");
        assert_eq!(
            err.to_string(),
            format!("{}: no such file", dir.path().join("nope").display())
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_without_reading_it() {
        let err = read_bounded(Path::new("/dev/zero"), 1 << 20, too_large).expect_err("device");
        assert!(matches!(err.reason, Reason::NotAFile), "{err}");
    }

    #[test]
    fn expected_formats_read_as_a_list() {
        assert_eq!(
            Expected(&["xlsx", "csv", "pdf"]).to_string(),
            "*.xlsx, *.csv or *.pdf"
        );
        assert_eq!(Expected(&["bpmn"]).to_string(), "*.bpmn");
    }

    #[test]
    fn a_launch_opens_the_map_files_among_its_arguments() {
        let args: Vec<String> = [
            "/usr/bin/handoff-app",
            "--verbose",
            "orders.handoff.json",
            "/home/ana/Intake.BPMN",
            "notes.txt",
            "sub/flow.bpmn20.xml",
        ]
        .map(String::from)
        .to_vec();
        let cwd = Path::new("/home/ana/maps");
        assert_eq!(
            launch_files(&args, cwd),
            vec![
                PathBuf::from("/home/ana/maps/orders.handoff.json"),
                PathBuf::from("/home/ana/Intake.BPMN"),
                PathBuf::from("/home/ana/maps/sub/flow.bpmn20.xml"),
            ]
        );
        assert!(
            launch_files(&args[..1], cwd).is_empty(),
            "the program itself is not a file"
        );
        assert_eq!(MapKind::of(Path::new("a/Intake.BPMN")), Some(MapKind::Bpmn));
        assert_eq!(
            MapKind::of(Path::new("a.handoff.json")),
            Some(MapKind::Handoff)
        );
        assert_eq!(MapKind::of(Path::new("README")), None);
    }
}
