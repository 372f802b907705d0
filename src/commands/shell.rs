//! `practice completions` and `practice man`: the shell's view of the command line, generated from the clap
//! definitions in [`crate::cli`].

use crate::model::number::count;
use std::path::Path;

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs, GlobalArgs, ManArgs};
use crate::commands::{print, CliResult};

/// Run `practice completions SHELL`: the script on stdout.
pub fn completions(args: &CompletionsArgs) -> CliResult {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "practice", &mut script);
    print(&String::from_utf8_lossy(&script))?;
    Ok(())
}

/// Run `practice man [--out DIR]`: `practice.1` on stdout, or one page per command (`practice-score.1`, …) in DIR.
pub fn man(global: &GlobalArgs, args: &ManArgs) -> CliResult {
    let command = Cli::command();
    let Some(dir) = &args.out else {
        print(&String::from_utf8_lossy(&page(&command)?))?;
        return Ok(());
    };
    crate::write::create_dirs(dir)?;
    let mut written = 0;
    write_page(dir, "practice", &command, &mut written)?;
    for sub in command.get_subcommands() {
        let name = format!("practice-{}", sub.get_name());
        write_page(dir, &name, &sub.clone().name(name.clone()), &mut written)?;
        for subsub in sub.get_subcommands() {
            let name = format!("practice-{}-{}", sub.get_name(), subsub.get_name());
            write_page(dir, &name, &subsub.clone().name(name.clone()), &mut written)?;
        }
    }
    if !global.quiet {
        eprintln!(
            "{} written to {}",
            count(written, "man page", "man pages"),
            dir.display()
        );
    }
    Ok(())
}

fn page(command: &clap::Command) -> anyhow::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut bytes)?;
    Ok(bytes)
}

fn write_page(dir: &Path, name: &str, command: &clap::Command, written: &mut usize) -> anyhow::Result<()> {
    let result = crate::write::write_if_changed(&dir.join(format!("{name}.1")), &page(command)?)?;
    if result != crate::write::WriteResult::Unchanged {
        *written += 1;
    }
    Ok(())
}
