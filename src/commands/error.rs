//! The one error type at the command boundary (as cargo's `CliError`) and the endings every command shares.

/// How a command failed, carrying its exit code (as cargo's `CliError`): 1 when the command ran and found problems
/// that it has already reported (findings, a failed check), 2 for usage and I/O errors, whose message is printed
/// once, here at the boundary. Success is `Ok(())`, exit code 0.
#[derive(Debug)]
pub struct CliError {
    /// The process exit code.
    pub code: u8,
    /// The message to print; `None` when everything was already reported.
    pub error: Option<anyhow::Error>,
}

impl CliError {
    /// The command found problems and has reported them: exit code 1, nothing more to print.
    pub fn findings() -> CliError {
        CliError { code: 1, error: None }
    }

    /// Exit code 1 when `failed`, else success: the usual ending of a command that reports findings.
    pub fn findings_if(failed: bool) -> CliResult {
        if failed {
            Err(CliError::findings())
        } else {
            Ok(())
        }
    }
}

/// A usage or I/O error: exit code 2.
impl From<anyhow::Error> for CliError {
    fn from(error: anyhow::Error) -> CliError {
        CliError {
            code: 2,
            error: Some(error),
        }
    }
}

/// Writing to the terminal failed: exit code 2.
impl From<std::io::Error> for CliError {
    fn from(error: std::io::Error) -> CliError {
        CliError::from(anyhow::Error::from(error))
    }
}

/// A filter argument that cannot be understood is a usage error: exit code 2.
impl From<crate::filter::FilterError> for CliError {
    fn from(error: crate::filter::FilterError) -> CliError {
        CliError::from(anyhow::Error::from(error))
    }
}

/// What every command returns.
pub type CliResult = Result<(), CliError>;

/// Ends a command with exit code 2 (after its report) when a file or folder of the library could not be read: the
/// operating system refused (permissions, a read error; findings with code `io`). What could not be read was not
/// checked, so neither "clean" (0) nor "findings" (1) would be true. The error names the files.
pub fn refuse_unreadable(library: &crate::model::Library) -> anyhow::Result<()> {
    let files: Vec<String> = library
        .all_findings()
        .filter(|f| f.code == crate::diagnostic::Code::Io)
        .map(|f| f.file.display().to_string())
        .collect();
    match files.as_slice() {
        [] => Ok(()),
        [file] => anyhow::bail!("cannot read {file}; it was not checked"),
        _ => anyhow::bail!(
            "cannot read {} files of the library; they were not checked: {}",
            files.len(),
            files.join(", ")
        ),
    }
}
