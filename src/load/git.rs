//! Reading a file from a git revision (`regrade --compare REV:PATH`): the one place the tool runs git.
//!
//! git runs without a pager, prompts, hooks, text conversion or optional locks, and never over the network: in a
//! partial (blobless) clone a blob that is not on this machine is reported as missing instead of fetched
//! (`GIT_NO_LAZY_FETCH=1`, and `protocol.allow=never` for git versions that predate it). The blob's size is asked
//! first (`git cat-file -s`), so a blob over the limit is refused before a byte of it is read, and the content is
//! read through `Read::take(limit + 1)` all the same.

use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{anyhow, bail, Context};

/// What [`read_blob`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Blob {
    /// The content.
    Content(Vec<u8>),
    /// The blob is larger than the limit; its size in bytes.
    TooLarge(u64),
}

/// A git command with the safe environment.
fn git(cwd: Option<&Path>) -> Command {
    let mut command = Command::new("git");
    if let Some(cwd) = cwd {
        command.current_dir(cwd);
    }
    command
        .args([
            "--no-pager",
            "-c",
            "protocol.allow=never",
            "-c",
            "core.hooksPath=/dev/null",
        ])
        .env("GIT_NO_LAZY_FETCH", "1")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_PAGER", "cat")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null());
    command
}

/// How a git run that could be started ended.
enum Ran {
    /// It succeeded: its standard output.
    Output(Vec<u8>),
    /// It exited with an error: the first line of its complaint.
    Refused(String),
}

/// Run git to completion. Fails only when git cannot be run at all.
fn output(cwd: Option<&Path>, args: &[&str], shown: &str) -> anyhow::Result<Ran> {
    let output = git(cwd)
        .args(args)
        .output()
        .with_context(|| format!("cannot run git to read {shown}"))?;
    if output.status.success() {
        return Ok(Ran::Output(output.stdout));
    }
    let message = String::from_utf8_lossy(&output.stderr);
    Ok(Ran::Refused(
        message.trim().lines().next().unwrap_or("unknown error").to_string(),
    ))
}

/// Whether git (in the repository of `cwd`) has a file `path` in revision `rev`. False when git or the repository
/// is missing.
pub fn resolves(cwd: Option<&Path>, rev: &str, path: &str) -> bool {
    !rev.starts_with('-')
        && output(
            cwd,
            &["rev-parse", "--verify", "--quiet", &format!("{rev}:{path}")],
            rev,
        )
        .is_ok_and(|ran| matches!(ran, Ran::Output(_)))
}

/// The content of `path` in revision `rev` (as `git show REV:PATH` names it), in the repository of `cwd` (the
/// current folder when `None`), when it is at most `limit` bytes. Fails when git is missing, when the revision or
/// the path does not exist, or when the blob is not on this machine (a partial clone; nothing is fetched).
pub fn read_blob(cwd: Option<&Path>, rev: &str, path: &str, limit: u64) -> anyhow::Result<Blob> {
    let shown = format!("{rev}:{path}");
    if rev.starts_with('-') {
        bail!("{shown}: a revision cannot start with `-`");
    }
    // Trees only: this works in a blobless clone too, and gives the blob's id.
    let id = match output(cwd, &["rev-parse", "--verify", "--quiet", &shown], &shown)? {
        Ran::Output(id) => String::from_utf8_lossy(&id).trim().to_string(),
        Ran::Refused(_) => bail!("git cannot show {shown}: no such revision, or no such file in it"),
    };
    let size = match output(cwd, &["cat-file", "-s", &id], &shown)? {
        Ran::Output(size) => String::from_utf8_lossy(&size).trim().parse::<u64>().ok(),
        Ran::Refused(message) => bail!(
            "git cannot show {shown}: its content (blob {id}) is not in this clone ({message}); a partial clone \
             fetches blobs on demand, which this tool never does: fetch it first (`git cat-file -p {id}`), or compare \
             with a file"
        ),
    };
    let size = size.ok_or_else(|| anyhow!("git cannot show {shown}: it did not report the size of blob {id}"))?;
    if size > limit {
        return Ok(Blob::TooLarge(size));
    }
    let mut child = git(cwd)
        .args(["cat-file", "blob", &id])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .with_context(|| format!("cannot run git to read {shown}"))?;
    let mut bytes = Vec::with_capacity(size as usize + 1);
    let read = child
        .stdout
        .take()
        .map(|out| out.take(limit + 1).read_to_end(&mut bytes));
    if bytes.len() as u64 > limit {
        let _ = child.kill();
        let _ = child.wait();
        return Ok(Blob::TooLarge(bytes.len() as u64));
    }
    let status = child
        .wait()
        .with_context(|| format!("cannot run git to read {shown}"))?;
    match read {
        Some(Ok(_)) if status.success() => Ok(Blob::Content(bytes)),
        Some(Err(e)) => Err(e).with_context(|| format!("cannot read {shown} from git")),
        _ => bail!("git cannot show {shown}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo() -> Option<tempfile::TempDir> {
        let dir = tempfile::tempdir().unwrap();
        let run = |args: &[&str]| {
            Command::new("git")
                .current_dir(dir.path())
                .args(["-c", "user.name=t", "-c", "user.email=t@t"])
                .args(args)
                .status()
                .is_ok_and(|s| s.success())
        };
        if !run(&["init", "-q"]) {
            eprintln!("git unavailable; skipped");
            return None;
        }
        std::fs::write(dir.path().join("small.toml"), "a = 1\n").unwrap();
        // Just over the limit used below.
        std::fs::write(dir.path().join("big.toml"), vec![b'#'; 101]).unwrap();
        assert!(run(&["add", "."]) && run(&["commit", "-q", "-m", "x"]));
        Some(dir)
    }

    #[test]
    fn reads_a_blob_and_refuses_one_over_the_limit_from_its_size() {
        let Some(dir) = repo() else { return };
        let cwd = Some(dir.path());
        assert_eq!(
            read_blob(cwd, "HEAD", "small.toml", 100).unwrap(),
            Blob::Content(b"a = 1\n".to_vec())
        );
        // The size reported is git's (`cat-file -s`), not a count of bytes read.
        assert_eq!(read_blob(cwd, "HEAD", "big.toml", 100).unwrap(), Blob::TooLarge(101));
        let error = read_blob(cwd, "HEAD", "missing.toml", 100).unwrap_err().to_string();
        assert!(error.contains("no such file"), "{error}");
        assert!(read_blob(cwd, "-p", "x", 100).is_err());
    }
}
