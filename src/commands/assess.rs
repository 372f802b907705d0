//! `practice assess <slug> [--assessor NAME]`: the interactive assessment in the terminal. The screen and the keys
//! are the state machine in [`crate::assess`]; this module only reads the files, runs the terminal (crossterm: raw
//! mode, one key at a time, the whole screen redrawn after each key) and writes every change at once through
//! [`EditedFile`] (toml_edit, atomic, refused when the file changed on disk since).

use std::io::{IsTerminal as _, Write as _};

use anyhow::{bail, Context};
use crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use crossterm::{cursor, queue, style, terminal};

use crate::assess::{Effect, Key, PracticeView, Session};
use crate::cli::{AssessArgs, GlobalArgs};
use crate::commands::{load_criteria, today, CliResult};
use crate::load::library::assessment_path;
use crate::load::source::SourceFile;
use crate::load::workspace::Workspace;
use crate::model::{is_valid_slug, Assessment, Criteria, Format};
use crate::validate::{load_practice_checked, Checks};
use crate::write::assessment::{AnswerEdit, AssessmentEdit, EditedFile};

/// Run `practice assess`.
pub fn run(global: &GlobalArgs, args: &AssessArgs) -> CliResult {
    let (workspace, criteria) = load_criteria(global)?;
    assess(global, args, &workspace, &criteria)?;
    Ok(())
}

fn assess(global: &GlobalArgs, args: &AssessArgs, workspace: &Workspace, criteria: &Criteria) -> anyhow::Result<()> {
    if !is_valid_slug(&args.slug) {
        bail!("`{}` is not a valid practice slug", args.slug);
    }
    if let Some(name) = &args.assessor {
        if !is_valid_slug(name) {
            bail!("assessor name `{name}` is not a valid file name: use lower-case a–z, digits and `-`");
        }
    }
    let dir = workspace.root.join(&args.slug);
    if !dir.is_dir() {
        bail!("no practice `{}` in {}", args.slug, workspace.root.display());
    }
    let path = assessment_path(&dir, args.assessor.as_deref());
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        let export = match &args.assessor {
            Some(name) => format!("practice form export {} --assessor {name}", args.slug),
            None => format!("practice form export {}", args.slug),
        };
        // Resuming (the file exists) is the usual case: `practice new --assessment` would refuse to replace it.
        let editor = if path.exists() {
            format!("edit {} in an editor", path.display())
        } else {
            format!("`practice new {} --assessment` and an editor", args.slug)
        };
        bail!(
            "`practice assess` needs a terminal (stdin and stdout are not one); to assess without one, use \
             `{export}` and a spreadsheet, or {editor}"
        );
    }
    let entry = load_practice_checked(&dir, &workspace.root, &Checks::new(criteria, today()?));
    let mut file = EditedFile::open(&path)?;
    let assessment = read_assessment(&file)?;
    let schema = crate::schema::directive::directive_for(workspace, &path, Format::Toml);
    // Blind: only this file's answers are read; the consensus and the other assessors' files are never shown.
    let view = PracticeView {
        title: entry.name().to_string(),
        file: path
            .strip_prefix(&workspace.root)
            .unwrap_or(&path)
            .display()
            .to_string(),
        fields: practice_fields(&entry),
        evidence: entry
            .evidence
            .as_ref()
            .map(|e| e.value.rows.clone())
            .unwrap_or_default(),
    };
    let mut session = Session::new(criteria, view, assessment);
    let result = {
        let _terminal = TerminalGuard::enter()?;
        run_loop(&mut session, &mut file, criteria, schema.as_deref())
    };
    result?;
    if !global.quiet {
        let open = session.open().len();
        writeln!(
            std::io::stderr(),
            "{}: {} of {} questions answered{}",
            path.display(),
            criteria.question_count() - open,
            criteria.question_count(),
            if open == 0 {
                String::new()
            } else {
                format!("; run `practice assess {}` again to go on", args.slug)
            }
        )?;
    }
    Ok(())
}

/// The answers in the file as it is now (none when it does not exist yet).
fn read_assessment(file: &EditedFile) -> anyhow::Result<Assessment> {
    let Some(text) = file.text()? else {
        return Ok(Assessment::default());
    };
    let format = Format::from_path(file.path()).unwrap_or(Format::Toml);
    SourceFile::from_text(file.path(), format, text.to_string())
        .parse::<Assessment>()
        .map_err(|f| anyhow::anyhow!("{f}\nfix the file (`practice validate`), then run assess again"))
}

/// Write one question's answer as `session` holds it (removed when it has none).
fn save(
    file: &mut EditedFile,
    session: &Session<'_>,
    criteria: &Criteria,
    id: &str,
    schema: Option<&str>,
) -> anyhow::Result<()> {
    let mut edit = AssessmentEdit {
        criteria_id: criteria.id.clone(),
        criteria_version: criteria.version.clone(),
        evidence_fingerprint: Some(crate::regrade::fingerprint::evidence_rows_fingerprint(
            session.evidence(),
        )),
        ..AssessmentEdit::default()
    };
    match session.answer(id) {
        Some(answer) => {
            let answer = AnswerEdit {
                value: answer.answer.clone(),
                note: answer.note.clone(),
                evidence: answer.evidence.clone(),
            };
            edit.set.insert(id.to_string(), answer);
        }
        None => edit.remove.push(id.to_string()),
    }
    file.apply(&edit, schema)?;
    Ok(())
}

fn run_loop(
    session: &mut Session<'_>,
    file: &mut EditedFile,
    criteria: &Criteria,
    schema: Option<&str>,
) -> anyhow::Result<()> {
    loop {
        draw(session)?;
        let Some(key) = read_key()? else { continue };
        match session.handle(key) {
            Effect::None => {}
            Effect::Quit => return Ok(()),
            Effect::Save(id) => save(file, session, criteria, &id, schema)?,
        }
    }
}

fn draw(session: &Session<'_>) -> anyhow::Result<()> {
    // A terminal that reports no size (some pseudo-terminals) is taken to be 80×24.
    let (width, height) = match terminal::size() {
        Ok((w, h)) if w > 0 && h > 0 => (w, h),
        _ => (80, 24),
    };
    let mut out = std::io::stdout().lock();
    queue!(out, terminal::Clear(terminal::ClearType::All), cursor::MoveTo(0, 0))?;
    for (i, line) in session.render(width as usize, height as usize).iter().enumerate() {
        queue!(out, cursor::MoveTo(0, i as u16), style::Print(line))?;
    }
    out.flush()?;
    Ok(())
}

/// The next key press, mapped onto [`Key`]; `None` for events the session does not use (resizes redraw).
fn read_key() -> anyhow::Result<Option<Key>> {
    let Event::Key(key) = event::read().context("cannot read the keyboard")? else {
        return Ok(None);
    };
    if key.kind == KeyEventKind::Release {
        return Ok(None);
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Ok(Some(match key.code {
        KeyCode::Char('c' | 'd') if ctrl => Key::Interrupt,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter => Key::Enter,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Esc => Key::Esc,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Tab => Key::Tab,
        _ => return Ok(None),
    }))
}

/// Raw mode and the alternate screen for as long as it lives; restored on every way out, errors included.
struct TerminalGuard;

impl TerminalGuard {
    fn enter() -> anyhow::Result<TerminalGuard> {
        terminal::enable_raw_mode().context("cannot put the terminal in raw mode")?;
        let guard = TerminalGuard;
        crossterm::execute!(std::io::stdout(), terminal::EnterAlternateScreen, cursor::Hide)?;
        Ok(guard)
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        let _ = crossterm::execute!(std::io::stdout(), cursor::Show, terminal::LeaveAlternateScreen);
        let _ = terminal::disable_raw_mode();
    }
}

/// The practice's description fields by key, with `name` and `summary`.
fn practice_fields(entry: &crate::model::PracticeEntry) -> std::collections::BTreeMap<String, String> {
    let Some(practice) = entry.practice.as_ref().map(|p| &p.value) else {
        return Default::default();
    };
    let mut fields = practice.description.clone();
    for (key, value) in [("name", &practice.name), ("summary", &practice.summary)] {
        if let Some(value) = value {
            fields.insert(key.to_string(), value.clone());
        }
    }
    fields
}
