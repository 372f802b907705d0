//! Opening files for reading without blocking and without reading more than a limit.
//!
//! Every file the tool reads — sources, stored grades, rendered sheets it may replace, the old content a write
//! compares with — is opened here: with `O_NONBLOCK` (so a FIFO or a device named like a file cannot make the tool
//! wait), checked on the opened handle to be a regular file (so a file swapped for a FIFO between a look and the
//! open is still refused), and read through `Read::take(limit + 1)` (so a file larger than its size says, or one that
//! grows while it is read, cannot fill memory).

use std::fmt;
use std::fs;
use std::io::{self, Read};
use std::path::Path;

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Not a regular file; says what it is instead ("a folder", "not a regular file").
    NotAFile(&'static str),
    /// Larger than the limit (in bytes) the caller gave.
    TooLarge {
        /// The limit, in bytes.
        limit: u64,
    },
    /// The operating system refused (missing, permissions, a read error).
    Io(io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotAFile(what) => write!(f, "{what}, where a file is expected"),
            ReadError::TooLarge { limit } => write!(f, "file is larger than the limit of {} KiB", limit / 1024),
            ReadError::Io(e) => write!(f, "cannot read file: {e}"),
        }
    }
}

impl std::error::Error for ReadError {}

impl From<io::Error> for ReadError {
    fn from(e: io::Error) -> Self {
        ReadError::Io(e)
    }
}

/// Open `path` for reading without blocking (links are followed; callers that care check them first) and confirm on
/// the opened handle that it is a regular file. Returns the file and its size.
pub fn open_regular(path: &Path) -> Result<(fs::File, u64), ReadError> {
    // Read-only: this module never writes.
    let mut options = fs::File::options();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if meta.is_dir() {
        return Err(ReadError::NotAFile("a folder"));
    }
    if !meta.is_file() {
        return Err(ReadError::NotAFile("not a regular file"));
    }
    Ok((file, meta.len()))
}

/// Read a whole regular file of at most `limit` bytes. A larger file is refused from its size, before reading; a file
/// whose size lies is refused after reading `limit + 1` bytes.
pub fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, size) = open_regular(path)?;
    if size > limit {
        return Err(ReadError::TooLarge { limit });
    }
    // Sized from the metadata, so reading does not grow the buffer step by step.
    let mut bytes = Vec::with_capacity(size as usize + 1);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// The first `n` bytes of a regular file (fewer when it is shorter).
pub fn read_prefix(path: &Path, n: usize) -> Result<Vec<u8>, ReadError> {
    let (file, _) = open_regular(path)?;
    let mut bytes = Vec::with_capacity(n);
    file.take(n as u64).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Whether the regular file at `path` holds exactly `content`. Compares sizes first and then reads in blocks, so a
/// huge file costs one `fstat`, never its size in memory.
pub fn holds_exactly(path: &Path, content: &[u8]) -> Result<bool, ReadError> {
    let (file, size) = open_regular(path)?;
    if size != content.len() as u64 {
        return Ok(false);
    }
    let mut reader = file.take(content.len() as u64 + 1);
    let mut buffer = [0u8; 64 * 1024];
    let mut offset = 0;
    loop {
        let read = reader.read(&mut buffer)?;
        if read == 0 {
            return Ok(offset == content.len());
        }
        if content.get(offset..offset + read) != Some(&buffer[..read]) {
            return Ok(false);
        }
        offset += read;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sparse_file_over_the_limit_is_refused_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("score.toml");
        let file = fs::File::create(&path).unwrap();
        file.set_len(2 << 30).unwrap();
        assert!(matches!(
            read_limited(&path, 1024 * 1024),
            Err(ReadError::TooLarge { limit: 1048576 })
        ));
        // Two GiB compared with a few bytes: decided from the size alone.
        assert!(!holds_exactly(&path, b"x").unwrap());
        assert_eq!(read_prefix(&path, 4).unwrap(), vec![0; 4]);
    }

    #[test]
    fn reads_and_compares_small_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        fs::write(&path, b"hello").unwrap();
        assert_eq!(read_limited(&path, 5).unwrap(), b"hello");
        assert!(matches!(read_limited(&path, 4), Err(ReadError::TooLarge { .. })));
        assert!(holds_exactly(&path, b"hello").unwrap());
        assert!(!holds_exactly(&path, b"hellp").unwrap());
        assert!(matches!(open_regular(dir.path()), Err(ReadError::NotAFile("a folder"))));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("score.toml");
        let made = std::process::Command::new("mkfifo").arg(&path).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("mkfifo unavailable; skipped");
            return;
        }
        // Without O_NONBLOCK the open itself would wait for a writer forever.
        assert!(matches!(
            read_limited(&path, 10),
            Err(ReadError::NotAFile("not a regular file"))
        ));
        assert!(holds_exactly(&path, b"").is_err());
    }
}
