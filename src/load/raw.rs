//! Reading a whole file as bytes, bounded: for inputs that are not TOML or YAML (a workbook) and for the exact
//! bytes of a file the tool is about to edit (so a change on disk in between can be noticed).

use std::fs::File;
use std::io::Read;
use std::path::Path;

use anyhow::{bail, Context};

/// The bytes of `path`, or `None` when it does not exist. Refuses what is not a regular file (a folder, a FIFO,
/// a device: nothing is opened that could block) and a file over `limit` bytes, which is never read whole.
pub fn read_bytes(path: &Path, limit: u64) -> anyhow::Result<Option<Vec<u8>>> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", path.display())),
    };
    if !meta.is_file() {
        bail!("{} is not a regular file", path.display());
    }
    if meta.len() > limit {
        bail!("{} is larger than {limit} bytes; refusing to read it", path.display());
    }
    let file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > limit {
        bail!("{} grew beyond {limit} bytes while it was read", path.display());
    }
    Ok(Some(bytes))
}
