//! The only reader: source files (TOML and YAML behind one interface), the workspace (where the criteria file and the
//! practices folder are), and practice folders discovered and read in parallel.

pub mod file;
pub mod git;
pub mod library;
pub mod raw;
pub mod source;
pub mod workspace;
