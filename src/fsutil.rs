//! Writing generated files safely: atomically (temp file in the same folder + rename), only when the content
//! changes, and never through a symbolic link.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};

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
    /// that is regenerated from the sources anyway (rendered sheets), where one `fsync` per file would dominate.
    Unsynced,
}

/// Write `content` to `path` atomically, unless the file already holds exactly this content. Refuses to write
/// through a symbolic link. On failure the old file is left as it was and no temporary file remains.
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
        Ok(_) => Some(fs::read(path).with_context(|| format!("cannot read {}", path.display()))?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    if existing.as_deref() == Some(content) {
        return Ok(WriteResult::Unchanged);
    }
    write_atomic_with(path, content, durability)?;
    Ok(if existing.is_some() {
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
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = temp_path(dir, &name);
    let result = (|| -> anyhow::Result<()> {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .with_context(|| format!("cannot create {}", temp.display()))?;
        file.write_all(content)
            .with_context(|| format!("cannot write {}", temp.display()))?;
        if durability == Durability::Synced {
            file.sync_all()
                .with_context(|| format!("cannot write {}", temp.display()))?;
        }
        fs::rename(&temp, path).with_context(|| format!("cannot replace {}", path.display()))?;
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

fn temp_path(dir: &Path, name: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()))
}

/// Create a new file with `content`; fails if anything exists at `path` (hand-written files are never replaced).
pub fn create_new(path: &Path, content: &[u8]) -> anyhow::Result<()> {
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    file.write_all(content)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// Create a new file with `content` atomically: written in full to a temporary file beside `path`, then linked into
/// place, which fails if anything (a file, a folder, a link) is at `path` already. Readers never see a half-written
/// file, and an existing file is never replaced. Where the file system cannot make hard links, falls back to
/// [`create_new`] (still never overwriting).
pub fn create_new_atomic(path: &Path, content: &[u8]) -> anyhow::Result<()> {
    if fs::symlink_metadata(path).is_ok() {
        bail!("{} exists already; refusing to overwrite it", path.display());
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = temp_path(dir, &name);
    let written = (|| -> anyhow::Result<()> {
        let mut file = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .with_context(|| format!("cannot create {}", temp.display()))?;
        file.write_all(content)
            .with_context(|| format!("cannot write {}", temp.display()))?;
        file.sync_all()
            .with_context(|| format!("cannot write {}", temp.display()))?;
        Ok(())
    })();
    let result = written.and_then(|()| match fs::hard_link(&temp, path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(anyhow::anyhow!(
            "{} exists already; refusing to overwrite it",
            path.display()
        )),
        Err(_) => create_new(path, content),
    });
    let _ = fs::remove_file(&temp);
    result
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn create_new_atomic_never_overwrites_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("assessment.toml");
        create_new_atomic(&path, b"one").unwrap();
        let error = create_new_atomic(&path, b"two").unwrap_err();
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
    fn create_new_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("practice.toml");
        create_new(&path, b"one").unwrap();
        assert!(create_new(&path, b"two").is_err());
        assert_eq!(fs::read(&path).unwrap(), b"one");
    }
}
