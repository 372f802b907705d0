use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = practice::cli::Cli::parse();
    practice::commands::run(cli)
}
