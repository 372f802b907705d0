//! Writing generated files safely: atomically (temp file in the same folder + rename), only when the content
//! changes, never through a symbolic link, never outside the folder the command writes into, and never over a
//! hand-written file.
//!
//! Every file the tool writes goes through this module: [`write_if_changed`] / [`write_inside`] for generated files
//! (`score.toml`, rendered sheets), [`create_new`] for scaffolds that must not replace anything, [`create_dirs`]
//! for the folders they go into.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

pub mod assessment;

/// What a write did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteResult {
    /// The file did not exist and was created.
    Created,
    /// The file existed with other content and was replaced.
    Updated,
    /// The file already had this content; nothing was written.
    Unchanged,
}

/// Whether a write waits until the data is on disk before the file is renamed into place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Durability {
    /// `fsync` before the rename: after a crash the file holds either the old or the new content.
    Synced,
    /// No `fsync`: still atomic for every other process, but after a power loss the file may be empty. For output
    /// that is regenerated from the sources anyway (rendered sheets, stored grades), where one `fsync` per file
    /// would dominate; the writer must then treat an empty file as its own.
    Unsynced,
}

/// Whether `path` names a file people write by hand: `practice.*`, `evidence.*`, `assessment.*` (TOML or YAML),
/// any TOML or YAML file in an `assessments/` folder, and `criteria.toml`. The tool creates such files only as
/// scaffolds ([`create_new`]) and never replaces one.
pub fn is_hand_written(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    if name == "criteria.toml" {
        return true;
    }
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return false;
    };
    if !matches!(ext, "toml" | "yaml" | "yml") {
        return false;
    }
    let in_assessors = path
        .parent()
        .and_then(Path::file_name)
        .is_some_and(|dir| dir == crate::model::ASSESSORS_DIR);
    in_assessors
        || [
            crate::model::PRACTICE_FILE,
            crate::model::EVIDENCE_FILE,
            crate::model::ASSESSMENT_FILE,
        ]
        .contains(&stem)
}

/// Refuse to write into (or remove from) `folder` when the way to it passes through a symbolic link that lies inside
/// `library` and leads outside it (see [`crate::load::library::escaping_link`]). `library` is the folder that holds
/// `criteria.toml`; a folder outside it named plainly (`--out /tmp/site`) is the user's choice and allowed.
pub fn refuse_escaping_link(library: &Path, folder: &Path) -> anyhow::Result<()> {
    let library = if library.as_os_str().is_empty() {
        Path::new(".")
    } else {
        library
    };
    let boundary = fs::canonicalize(library).with_context(|| format!("cannot resolve {}", library.display()))?;
    match crate::load::library::escaping_link(folder, &boundary) {
        Some(problem) => bail!(
            "refusing to write into {}: {}: {}",
            folder.display(),
            problem.file.display(),
            problem.message
        ),
        None => Ok(()),
    }
}

/// [`write_if_changed`], after making sure the file's folder lies inside `boundary` once symbolic links are
/// followed (the library root for `score.toml`, the output folder for sheets). Both must exist.
pub fn write_inside(boundary: &Path, path: &Path, content: &[u8]) -> anyhow::Result<WriteResult> {
    let parent = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let inside = fs::canonicalize(boundary).with_context(|| format!("cannot resolve {}", boundary.display()))?;
    let folder = fs::canonicalize(parent).with_context(|| format!("cannot resolve {}", parent.display()))?;
    if !folder.starts_with(&inside) {
        bail!(
            "refusing to write {}: its folder leads outside {} (to {})",
            path.display(),
            boundary.display(),
            folder.display()
        );
    }
    write_if_changed(path, content)
}

/// Write `content` to `path` atomically, unless the file already holds exactly this content. Refuses to write
/// through a symbolic link, and to replace a hand-written file ([`is_hand_written`]). On failure the old file is left
/// as it was and no temporary file remains.
pub fn write_if_changed(path: &Path, content: &[u8]) -> anyhow::Result<WriteResult> {
    write_if_changed_with(path, content, Durability::Synced)
}

/// [`write_if_changed`] with a choice of [`Durability`].
pub fn write_if_changed_with(path: &Path, content: &[u8], durability: Durability) -> anyhow::Result<WriteResult> {
    let existing = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            bail!("{} is a symbolic link; refusing to write through it", path.display())
        }
        Ok(meta) if meta.is_dir() => bail!("{} is a folder", path.display()),
        Ok(_) if is_hand_written(path) => {
            bail!("{} is written by hand; refusing to replace it", path.display())
        }
        // Compared by size first, then in blocks: an existing file of any size costs no more memory than a block,
        // and a FIFO is refused without waiting on it.
        Ok(_) => match crate::load::file::holds_exactly(path, content) {
            Ok(true) => return Ok(WriteResult::Unchanged),
            Ok(false) => true,
            Err(e) => bail!("{}: {e}", path.display()),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    write_atomic_with(path, content, durability)?;
    Ok(if existing {
        WriteResult::Updated
    } else {
        WriteResult::Created
    })
}

/// Replace a hand-written file that the user asked the tool to edit (`practice form import`, `practice assess`)
/// with `content`: atomically, and only if the file still holds `expected`, the bytes the command read before it
/// worked out the edit (`None`: the file must not exist yet). A file changed on disk in the meantime (by an editor,
/// another run) is refused, so nobody's edit is lost. Never writes through a symbolic link.
pub fn replace_edited(path: &Path, expected: Option<&[u8]>, content: &[u8]) -> anyhow::Result<WriteResult> {
    let current = match fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            bail!("{} is a symbolic link; refusing to write through it", path.display())
        }
        Ok(meta) if !meta.is_file() => bail!("{} is not a regular file", path.display()),
        Ok(_) => Some(fs::read(path).with_context(|| format!("cannot read {}", path.display()))?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    if current.as_deref() != expected {
        bail!(
            "{} changed on disk since it was read; nothing was written (run the command again)",
            path.display()
        );
    }
    if current.as_deref() == Some(content) {
        return Ok(WriteResult::Unchanged);
    }
    write_atomic_with(path, content, Durability::Synced)?;
    Ok(if current.is_some() {
        WriteResult::Updated
    } else {
        WriteResult::Created
    })
}

/// Write `content` to a temporary file beside `path`, then rename it over `path`.
pub fn write_atomic(path: &Path, content: &[u8]) -> anyhow::Result<()> {
    write_atomic_with(path, content, Durability::Synced)
}

fn write_atomic_with(path: &Path, content: &[u8], durability: Durability) -> anyhow::Result<()> {
    let temp = temp_beside(path);
    let result = write_temp(&temp, content, durability)
        .and_then(|()| fs::rename(&temp, path).with_context(|| format!("cannot replace {}", path.display())));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// A fresh temporary path in the same folder as `path`, so that a rename onto `path` is atomic.
fn temp_beside(path: &Path) -> PathBuf {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    temp_path(dir, &name)
}

/// Create `temp` (it must not exist) with `content`.
fn write_temp(temp: &Path, content: &[u8], durability: Durability) -> anyhow::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(temp)
        .with_context(|| format!("cannot create {}", temp.display()))?;
    file.write_all(content)
        .with_context(|| format!("cannot write {}", temp.display()))?;
    if durability == Durability::Synced {
        file.sync_all()
            .with_context(|| format!("cannot write {}", temp.display()))?;
    }
    Ok(())
}

/// The marker in the name of every temporary file: `.<name>.practice-<pid>-<n>.tmp`.
const TEMP_TAG: &str = ".practice-";
const TEMP_SUFFIX: &str = ".tmp";
/// A temporary file older than this is stale whoever wrote it: a write of at most a few MiB never takes this long.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(60 * 60);

fn temp_path(dir: &Path, name: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    sweep_once(dir);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(".{name}{TEMP_TAG}{}-{n}{TEMP_SUFFIX}", std::process::id()))
}

/// The process id in the name of one of our temporary files, `None` for any other name.
fn temp_owner(name: &str) -> Option<u32> {
    let rest = name.strip_prefix('.')?.strip_suffix(TEMP_SUFFIX)?;
    let (_, ids) = rest.rsplit_once(TEMP_TAG)?;
    let (pid, n) = ids.split_once('-')?;
    if n.is_empty() || !n.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    pid.parse().ok()
}

/// Whether process `pid` is running (always `true` where that cannot be asked: then only age makes a file stale).
fn is_alive(pid: u32) -> bool {
    #[cfg(unix)]
    {
        let Ok(pid) = libc::pid_t::try_from(pid) else {
            return false;
        };
        // SAFETY: signal 0 checks for the process without sending anything.
        let result = unsafe { libc::kill(pid, 0) };
        result == 0 || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
    }
    #[cfg(not(unix))]
    {
        let _ = pid;
        true
    }
}

/// Remove the temporary files that writes interrupted by a crash or `kill -9` left in `dir`, the first time this
/// process writes there: regular files named as `temp_path` names them, whose process is gone or that are older
/// than `STALE_AFTER`. Our own process's files are in flight and kept unless old (a process id can be reused).
/// Returns how many were removed; failures are ignored (the write itself reports what matters).
pub fn sweep_stale_temps(dir: &Path) -> usize {
    let Ok(entries) = fs::read_dir(dir) else {
        return 0;
    };
    let own = std::process::id();
    let now = std::time::SystemTime::now();
    let mut removed = 0;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name.to_str().and_then(temp_owner) else {
            continue;
        };
        let Ok(meta) = fs::symlink_metadata(entry.path()) else {
            continue;
        };
        if !meta.file_type().is_file() {
            continue;
        }
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if (old || (pid != own && !is_alive(pid))) && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    removed
}

/// [`sweep_stale_temps`], once per folder per process: a render writes thousands of files into one folder.
fn sweep_once(dir: &Path) {
    use std::collections::HashSet;
    use std::sync::{Mutex, OnceLock};
    static SWEPT: OnceLock<Mutex<HashSet<PathBuf>>> = OnceLock::new();
    let first = SWEPT
        .get_or_init(Default::default)
        .lock()
        .map(|mut swept| swept.insert(dir.to_path_buf()))
        .unwrap_or(false);
    if first {
        sweep_stale_temps(dir);
    }
}

/// Remove a file this tool generated: only a regular file (never a link or a folder) whose content starts with
/// `marker`, checked just before removing. A missing file is not an error.
pub fn remove_generated(path: &Path, marker: &[u8]) -> anyhow::Result<()> {
    match fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
        Ok(meta) if !meta.file_type().is_file() => {
            bail!("{} is not a regular file; refusing to remove it", path.display())
        }
        Ok(_) => {}
    }
    let head =
        crate::load::file::read_prefix(path, marker.len()).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    // A short read of a marker-length prefix only happens for files shorter than the marker.
    if head != marker {
        bail!(
            "{} was not generated by this tool; refusing to remove it",
            path.display()
        );
    }
    fs::remove_file(path).with_context(|| format!("cannot remove {}", path.display()))
}

/// Create the folder `dir` and any missing parents (nothing when it exists), naming it when that fails.
pub fn create_dirs(dir: &Path) -> anyhow::Result<()> {
    fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))
}

/// Create a new file with `content`, atomically: it appears complete or not at all. Fails if anything exists at
/// `path`, a dangling symbolic link included (hand-written files are never replaced). The content goes to a temporary
/// file beside `path`, which is then hard-linked to `path` (an atomic create-if-absent) and removed.
pub fn create_new(path: &Path, content: &[u8]) -> anyhow::Result<()> {
    if fs::symlink_metadata(path).is_ok() {
        bail!("cannot create {}: it exists already", path.display());
    }
    let temp = temp_beside(path);
    let result = write_temp(&temp, content, Durability::Synced).and_then(|()| {
        match fs::hard_link(&temp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                bail!("cannot create {}: it exists already", path.display())
            }
            // File systems without hard links: a rename, after checking again that nothing has appeared.
            Err(_) if fs::symlink_metadata(path).is_err() => {
                fs::rename(&temp, path).with_context(|| format!("cannot create {}", path.display()))
            }
            Err(e) => Err(e).with_context(|| format!("cannot create {}", path.display())),
        }
    });
    let _ = fs::remove_file(&temp);
    result
}

/// Take back a file that [`create_new`] made a moment ago, when what it belongs with could not be made (`practice
/// new` leaves both files or neither). Best effort: the caller is already reporting an error.
pub fn undo_create(path: &Path) {
    let _ = fs::remove_file(path);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_file_names_are_recognised() {
        let name = temp_path(Path::new("x"), "score.toml");
        let name = name.file_name().unwrap().to_str().unwrap();
        assert_eq!(temp_owner(name), Some(std::process::id()));
        for other in [
            "score.toml",
            ".score.toml.practice-12.tmp",
            ".a.practice-x-1.tmp",
            "a.practice-1-2.tmp",
        ] {
            assert_eq!(temp_owner(other), None, "{other}");
        }
    }

    #[test]
    fn stale_temporary_files_are_swept_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(".a.md.practice-4194304-0.tmp");
        let old = dir.path().join(format!(".b.md.practice-{}-7.tmp", std::process::id()));
        let live = dir.path().join(format!(".c.md.practice-{}-8.tmp", std::process::id()));
        let other = dir.path().join(".notes.tmp");
        for path in [&dead, &old, &live, &other] {
            fs::write(path, "x").unwrap();
        }
        let two_hours_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(7200);
        fs::File::options()
            .write(true)
            .open(&old)
            .unwrap()
            .set_modified(two_hours_ago)
            .unwrap();
        assert_eq!(sweep_stale_temps(dir.path()), 2);
        assert!(!dead.exists() && !old.exists());
        assert!(live.exists() && other.exists());
    }

    #[test]
    fn writes_only_when_content_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("score.toml");
        assert_eq!(write_if_changed(&path, b"a").unwrap(), WriteResult::Created);
        assert_eq!(write_if_changed(&path, b"a").unwrap(), WriteResult::Unchanged);
        assert_eq!(write_if_changed(&path, b"b").unwrap(), WriteResult::Updated);
        assert_eq!(fs::read(&path).unwrap(), b"b");
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(leftovers.is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn refuses_to_write_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("target.toml");
        fs::write(&target, "hand-written").unwrap();
        let link = dir.path().join("score.toml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(write_if_changed(&link, b"generated").is_err());
        assert_eq!(fs::read_to_string(&target).unwrap(), "hand-written");
    }

    #[test]
    fn create_new_never_overwrites_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("assessment.toml");
        create_new(&path, b"one").unwrap();
        let error = create_new(&path, b"two").unwrap_err();
        assert!(error.to_string().contains("exists already"), "{error}");
        assert_eq!(fs::read(&path).unwrap(), b"one");
        let names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["assessment.toml".to_string()]);
    }

    #[test]
    fn hand_written_files_are_recognised() {
        for path in [
            "practices/a/practice.toml",
            "practices/a/evidence.yaml",
            "practices/a/assessment.yml",
            "practices/a/assessments/forsker-1.toml",
            "criteria.toml",
        ] {
            assert!(is_hand_written(Path::new(path)), "{path}");
        }
        for path in [
            "practices/a/score.toml",
            "anbefalinger/a.md",
            "anbefalinger/practice.svg",
            "x/notes.txt",
        ] {
            assert!(!is_hand_written(Path::new(path)), "{path}");
        }
    }

    #[test]
    fn never_replaces_a_hand_written_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("assessment.toml");
        fs::write(&path, "hand-written").unwrap();
        let error = write_if_changed(&path, b"generated").unwrap_err();
        assert!(error.to_string().contains("written by hand"), "{error}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "hand-written");
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "a temporary file was left behind"
        );
    }

    #[cfg(unix)]
    #[test]
    fn write_inside_refuses_a_folder_that_leads_outside() {
        let library = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink(outside.path(), library.path().join("a")).unwrap();
        fs::create_dir(library.path().join("b")).unwrap();
        let error = write_inside(library.path(), &library.path().join("a/score.toml"), b"x").unwrap_err();
        assert!(error.to_string().contains("outside"), "{error}");
        assert_eq!(fs::read_dir(outside.path()).unwrap().count(), 0);
        let inside = library.path().join("b/score.toml");
        assert_eq!(
            write_inside(library.path(), &inside, b"x").unwrap(),
            WriteResult::Created
        );
        // A link that stays inside the library is fine.
        std::os::unix::fs::symlink(library.path().join("b"), library.path().join("c")).unwrap();
        let via_link = library.path().join("c/score.toml");
        assert_eq!(
            write_inside(library.path(), &via_link, b"x").unwrap(),
            WriteResult::Unchanged
        );
    }

    #[cfg(unix)]
    #[test]
    fn create_new_refuses_a_dangling_link_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let target = outside.path().join("practice.toml");
        let link = dir.path().join("practice.toml");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        assert!(create_new(&link, b"scaffold").is_err());
        assert!(!target.exists(), "wrote through a dangling link");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("practice.toml")]);
    }

    #[test]
    fn create_new_leaves_only_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("practice.yaml");
        create_new(&path, b"name: x\n").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"name: x\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
        assert!(create_new(&dir.path().join("missing/practice.yaml"), b"x").is_err());
    }

    #[test]
    fn create_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("practice.toml");
        create_new(&path, b"one").unwrap();
        assert!(create_new(&path, b"two").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"one");
    }
}
