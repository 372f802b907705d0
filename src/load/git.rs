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

impl Ran {
    /// The output, or the complaint.
    fn ok(self) -> Result<Vec<u8>, String> {
        match self {
            Ran::Output(out) => Ok(out),
            Ran::Refused(message) => Err(message),
        }
    }
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

/// When each file under `dir` last changed, in one `git log` pass: the position of the last commit that touched
/// it, `0` for the newest commit (and `-1` for a change not committed yet, from `git status`), by path relative to
/// `dir`. `None` when `dir` is not in a git work tree or git is missing. Renames are not followed.
pub fn last_changes(dir: &Path) -> Option<std::collections::HashMap<std::path::PathBuf, i64>> {
    let log = output(
        Some(dir),
        &[
            "-c",
            "core.quotePath=false",
            "log",
            "--no-textconv",
            "--no-renames",
            "--relative",
            "--format=%x01",
            "--name-only",
            "-z",
            "--",
            ".",
        ],
        "git log",
    )
    .ok()?
    .ok()
    .ok()?;
    let mut last = std::collections::HashMap::new();
    let mut commit: i64 = -1;
    // Each commit opens with its marker `\x01` as a field of its own; its file names follow, NUL-separated, the
    // first after a line break.
    for field in log.split(|b| *b == 0) {
        let field = String::from_utf8_lossy(field);
        if field == "\u{1}" {
            commit += 1;
            continue;
        }
        let name = field.trim_start_matches('\n');
        if !name.is_empty() && commit >= 0 {
            last.entry(std::path::PathBuf::from(name)).or_insert(commit);
        }
    }
    let status = output(
        Some(dir),
        &[
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
            "--no-renames",
            "--",
            ".",
        ],
        "git status",
    )
    .ok()?
    .ok()
    .ok()?;
    let prefix = output(Some(dir), &["rev-parse", "--show-prefix"], "git rev-parse")
        .ok()?
        .ok()
        .map(|p| String::from_utf8_lossy(&p).trim().to_string())
        .unwrap_or_default();
    for entry in status.split(|b| *b == 0).filter(|e| e.len() > 3) {
        let path = String::from_utf8_lossy(&entry[3..]).into_owned();
        // `git status` names paths from the top of the work tree.
        let relative = path.strip_prefix(&prefix).unwrap_or(&path);
        last.insert(std::path::PathBuf::from(relative), -1);
    }
    Some(last)
}

/// One commit of [`log_with_blobs`]: who and when, and the files it changed with their new blob ids (`None`: the
/// file was deleted). Paths are relative to the top of the work tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogCommit {
    /// The commit id.
    pub id: String,
    /// Author date, strict ISO 8601.
    pub date: String,
    /// Author name.
    pub author: String,
    /// (path, new blob id) of every file changed under the paths asked for.
    pub changes: Vec<(String, Option<String>)>,
}

/// The top of the git work tree `dir` is in; `None` outside git.
pub fn toplevel(dir: &Path) -> Option<std::path::PathBuf> {
    let out = output(Some(dir), &["rev-parse", "--show-toplevel"], "git rev-parse")
        .ok()?
        .ok()
        .ok()?;
    Some(std::path::PathBuf::from(String::from_utf8_lossy(&out).trim()))
}

/// The history of `paths` (relative to the work tree's top `top`) in one `git log` pass, oldest first along the
/// first-parent line (a merge counts as one change against its first parent), with each changed file's new blob id
/// from `--raw`. No textconv, renames or pager; nothing fetched.
pub fn log_with_blobs(top: &Path, paths: &[String]) -> anyhow::Result<Vec<LogCommit>> {
    let mut args = vec![
        "-c",
        "core.quotePath=false",
        "log",
        "--reverse",
        "--first-parent",
        "--diff-merges=first-parent",
        "--no-textconv",
        "--no-renames",
        "--no-abbrev",
        "--raw",
        "-z",
        "--format=%x01%H%x02%aI%x02%an",
        "--",
    ];
    args.extend(paths.iter().map(String::as_str));
    let out = match output(Some(top), &args, "git log")?.ok() {
        Ok(out) => out,
        // A repository without commits has no history.
        Err(message) if message.contains("does not have any commits") => return Ok(Vec::new()),
        Err(message) => bail!("git log failed: {message}"),
    };
    let mut commits: Vec<LogCommit> = Vec::new();
    let mut fields = out.split(|b| *b == 0).peekable();
    while let Some(field) = fields.next() {
        let field = String::from_utf8_lossy(field);
        let field = field.trim_start_matches('\n');
        if let Some(header) = field.strip_prefix('\u{1}') {
            let mut parts = header.splitn(3, '\u{2}');
            commits.push(LogCommit {
                id: parts.next().unwrap_or_default().to_string(),
                date: parts.next().unwrap_or_default().to_string(),
                author: parts.next().unwrap_or_default().trim_end().to_string(),
                changes: Vec::new(),
            });
        } else if let Some(raw) = field.strip_prefix(':') {
            // `:old-mode new-mode old-id new-id status`, then the path as the next field.
            let parts: Vec<&str> = raw.split(' ').collect();
            let Some(path) = fields.next() else { break };
            let path = String::from_utf8_lossy(path).into_owned();
            let status = parts.get(4).copied().unwrap_or("");
            let new = parts
                .get(3)
                .filter(|_| !status.starts_with('D'))
                .map(|id| id.to_string());
            if let Some(commit) = commits.last_mut() {
                commit.changes.push((path, new));
            }
        }
    }
    Ok(commits)
}

/// The contents of these blobs, through one `git cat-file --batch` process; a blob larger than `limit` or missing
/// is left out. The ids are written by a thread while the answers are read, so neither pipe can fill up and stall.
pub fn read_blobs(
    top: &Path,
    ids: &[String],
    limit: u64,
) -> anyhow::Result<std::collections::HashMap<String, Vec<u8>>> {
    use std::io::{BufRead, BufReader, Write};
    let mut found = std::collections::HashMap::new();
    if ids.is_empty() {
        return Ok(found);
    }
    let mut child = git(Some(top))
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot run git cat-file")?;
    let mut stdin = child.stdin.take().context("git cat-file: no stdin")?;
    let request: Vec<u8> = ids.iter().flat_map(|id| format!("{id}\n").into_bytes()).collect();
    let writer = std::thread::spawn(move || {
        let _ = stdin.write_all(&request);
    });
    let mut reader = BufReader::new(child.stdout.take().context("git cat-file: no stdout")?);
    for id in ids {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 {
            break;
        }
        let parts: Vec<&str> = header.split_whitespace().collect();
        let size = match parts.as_slice() {
            [_, "blob", size] => size.parse::<u64>().unwrap_or(u64::MAX),
            // `<id> missing`, or not a blob: nothing follows.
            [_, _, size] => {
                let skip = size.parse::<u64>().unwrap_or(0) + 1;
                std::io::copy(&mut (&mut reader).take(skip), &mut std::io::sink())?;
                continue;
            }
            _ => continue,
        };
        let mut content = Vec::new();
        (&mut reader).take(size).read_to_end(&mut content)?;
        let mut newline = [0u8; 1];
        let _ = reader.read_exact(&mut newline);
        if size <= limit {
            found.insert(id.clone(), content);
        }
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(found)
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
