//! The interactive assessment of `practice assess`, as a pure state machine: a [`Session`] holds the criteria, the
//! practice's description fields and evidence rows, and the answers so far; [`Session::handle`] turns one [`Key`]
//! into a change of state and an [`Effect`] (save one answer, quit); [`Session::render`] draws the screen as lines
//! of at most the terminal's width. No I/O happens here: the terminal and the file live in
//! `crate::commands::assess`, so every keystroke can be tested without a terminal.
//!
//! Keys (shown at the foot of the screen): `1`–`9` or an option's first letter (where no other option of the
//! question starts with it) answers; `0` (or the first letter of the «ikke relevant» key) answers «ikke relevant»
//! where the question allows it; `#` edits the note; `@` picks evidence ids; `-` clears the answer; `→`/Enter/Tab
//! next question, `←`/Backspace previous; `/` jumps to a question by id; Esc or Ctrl-C quits. Every answer, note,
//! evidence choice or clearing is saved at once.

use std::collections::BTreeMap;

use crate::model::{Answer, Assessment, Criteria, EvidenceRow, UNDECIDED};

mod render;
#[cfg(test)]
mod tests;

/// A key press, independent of the terminal library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// A printable character.
    Char(char),
    Enter,
    Backspace,
    Esc,
    Left,
    Right,
    Up,
    Down,
    Tab,
    /// Ctrl-C (or Ctrl-D): quit at once.
    Interrupt,
}

/// What the caller must do after a key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Nothing beyond redrawing.
    None,
    /// Write the answer to this question id (as [`Session::answer`] now holds it, or removed when it has none).
    Save(String),
    /// Stop: every change is saved already.
    Quit,
}

/// What the keys do at the moment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Answering the current question.
    Answer,
    /// Typing the note of the current answer.
    Note(String),
    /// Typing the evidence ids the current answer cites (separated by spaces or commas).
    Evidence(String),
    /// Typing a question id to go to.
    Jump(String),
}

/// What the screen shows besides the questions: the practice's name, its description fields, its evidence rows.
#[derive(Clone, Debug, Default)]
pub struct PracticeView {
    /// Shown in the title line.
    pub title: String,
    /// Where the answers are written (shown in the title line).
    pub file: String,
    /// Description field key (template keys, and `name`, `summary`) → text.
    pub fields: BTreeMap<String, String>,
    /// The evidence rows that answers can cite.
    pub evidence: Vec<EvidenceRow>,
}

/// An assessment in progress.
pub struct Session<'c> {
    criteria: &'c Criteria,
    view: PracticeView,
    /// Question ids in the criteria's order.
    ids: Vec<String>,
    assessment: Assessment,
    current: usize,
    mode: Mode,
    message: Option<String>,
}

impl<'c> Session<'c> {
    /// The evidence rows the session shows (for the fingerprint written with the answers).
    pub fn evidence(&self) -> &[EvidenceRow] {
        &self.view.evidence
    }

    /// A session over `assessment` (the file's current content, or empty), starting at the first unanswered
    /// question (the first question when all are answered).
    pub fn new(criteria: &'c Criteria, view: PracticeView, assessment: Assessment) -> Session<'c> {
        let ids: Vec<String> = criteria.questions().map(|q| q.question.id.clone()).collect();
        let mut session = Session {
            criteria,
            view,
            ids,
            assessment,
            current: 0,
            mode: Mode::Answer,
            message: None,
        };
        session.current = session.first_open_from(0).unwrap_or(0);
        session
    }

    /// The answer to a question, if it has one.
    pub fn answer(&self, id: &str) -> Option<&Answer> {
        self.assessment.answers.get(id)
    }

    /// The answers so far (for scoring and tests).
    pub fn assessment(&self) -> &Assessment {
        &self.assessment
    }

    /// The id of the question on screen.
    pub fn current_id(&self) -> &str {
        &self.ids[self.current]
    }

    /// The current mode.
    pub fn mode(&self) -> &Mode {
        &self.mode
    }

    /// The message shown above the keys (an error or a notice), if any.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// Tell the user something on the next screen (e.g. that a write failed).
    pub fn set_message(&mut self, message: impl Into<String>) {
        self.message = Some(message.into());
    }

    /// Whether a question has a decided answer (not missing, not `?`).
    pub fn is_answered(&self, id: &str) -> bool {
        self.answer(id).is_some_and(|a| a.answer != UNDECIDED)
    }

    /// Ids of the questions still open, in order.
    pub fn open(&self) -> Vec<&str> {
        self.ids
            .iter()
            .filter(|id| !self.is_answered(id))
            .map(String::as_str)
            .collect()
    }

    /// The first open question at or after `start`, wrapping around.
    fn first_open_from(&self, start: usize) -> Option<usize> {
        let n = self.ids.len();
        (0..n)
            .map(|i| (start + i) % n)
            .find(|&i| !self.is_answered(&self.ids[i]))
    }

    /// Handle one key press.
    pub fn handle(&mut self, key: Key) -> Effect {
        if key == Key::Interrupt {
            return Effect::Quit;
        }
        self.message = None;
        match std::mem::replace(&mut self.mode, Mode::Answer) {
            Mode::Answer => self.handle_answer(key),
            Mode::Note(text) => self.handle_text(key, text, Mode::Note, Self::commit_note),
            Mode::Evidence(text) => self.handle_text(key, text, Mode::Evidence, Self::commit_evidence),
            Mode::Jump(text) => self.handle_text(key, text, Mode::Jump, Self::commit_jump),
        }
    }

    fn handle_answer(&mut self, key: Key) -> Effect {
        match key {
            Key::Esc => Effect::Quit,
            Key::Enter | Key::Right | Key::Down | Key::Tab => {
                self.step(1);
                Effect::None
            }
            Key::Left | Key::Up | Key::Backspace => {
                self.step(-1);
                Effect::None
            }
            Key::Char('/') => {
                self.mode = Mode::Jump(String::new());
                Effect::None
            }
            Key::Char('#') => self.start_detail(|a| Mode::Note(a.note.clone().unwrap_or_default())),
            Key::Char('@') => self.start_detail(|a| Mode::Evidence(a.evidence.join(" "))),
            Key::Char('-') => {
                let id = self.current_id().to_string();
                if self.assessment.answers.remove(&id).is_none() {
                    self.message = Some(format!("question {id} has no answer to clear"));
                    return Effect::None;
                }
                Effect::Save(id)
            }
            Key::Char(c) => match self.option_for(c) {
                Ok(option) => self.set_answer(option),
                Err(message) => {
                    self.message = Some(message);
                    Effect::None
                }
            },
            Key::Interrupt => Effect::Quit,
        }
    }

    /// Enter a detail mode for the current answer; a question without an answer has no note or evidence yet.
    fn start_detail(&mut self, mode: impl FnOnce(&Answer) -> Mode) -> Effect {
        match self.answer(self.current_id()).filter(|a| a.answer != UNDECIDED) {
            Some(answer) => self.mode = mode(answer),
            None => self.message = Some("answer the question first, then add a note or evidence".into()),
        }
        Effect::None
    }

    fn step(&mut self, delta: isize) {
        let next = self.current as isize + delta;
        if next < 0 {
            self.message = Some("this is the first question".into());
        } else if next as usize >= self.ids.len() {
            self.message = Some("this is the last question".into());
        } else {
            self.current = next as usize;
        }
    }

    /// The keys that answer the current question: (key char, option key, label), options first, then «ikke
    /// relevant» (`0`) when allowed. A letter is offered only when no other choice starts with it.
    pub fn choices(&self) -> Vec<(Vec<char>, String, String)> {
        let q = self
            .criteria
            .question(self.current_id())
            .expect("ids come from the criteria");
        let mut out: Vec<(Vec<char>, String, String)> = q
            .scale
            .options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                let digit = char::from_digit((i + 1) as u32, 10).filter(|_| i < 9);
                (digit.into_iter().collect(), o.key.clone(), o.label.clone())
            })
            .collect();
        if let (true, Some(na)) = (q.allows_not_applicable, &self.criteria.not_applicable) {
            out.push((vec!['0'], na.key.clone(), na.label.clone()));
        }
        let first = |key: &str| key.chars().next().map(|c| c.to_ascii_lowercase());
        let firsts: Vec<Option<char>> = out.iter().map(|(_, key, _)| first(key)).collect();
        for (i, choice) in out.iter_mut().enumerate() {
            if let Some(c) = firsts[i] {
                let unique = firsts.iter().filter(|f| **f == Some(c)).count() == 1;
                if unique && c.is_alphabetic() {
                    choice.0.push(c);
                }
            }
        }
        out
    }

    fn option_for(&self, c: char) -> Result<String, String> {
        let choices = self.choices();
        if let Some((_, key, _)) = choices
            .iter()
            .find(|(keys, _, _)| keys.contains(&c.to_ascii_lowercase()))
        {
            return Ok(key.clone());
        }
        if c == '0' {
            return Err(format!(
                "question {} does not allow «{}»",
                self.current_id(),
                self.criteria
                    .not_applicable
                    .as_ref()
                    .map_or("ikke relevant", |na| na.label.as_str())
            ));
        }
        let keys: Vec<String> = choices
            .iter()
            .flat_map(|(keys, _, _)| keys.iter().map(char::to_string))
            .collect();
        Err(format!("«{c}» is not an option here: press {}", keys.join(", ")))
    }

    /// Answer the current question with `key` (keeping its note and evidence), then go to the next open question.
    fn set_answer(&mut self, key: String) -> Effect {
        let id = self.current_id().to_string();
        let answer = self.assessment.answers.entry(id.clone()).or_default();
        answer.answer = key;
        match self.first_open_from(self.current + 1) {
            Some(next) => self.current = next,
            None => {
                self.message = Some(format!(
                    "all {} questions are answered and saved; Esc quits",
                    self.ids.len()
                ))
            }
        }
        Effect::Save(id)
    }

    /// The line editor shared by the note, evidence and jump modes: Enter commits, Esc cancels.
    fn handle_text(
        &mut self,
        key: Key,
        mut text: String,
        mode: fn(String) -> Mode,
        commit: fn(&mut Self, String) -> Result<Effect, String>,
    ) -> Effect {
        match key {
            Key::Esc => Effect::None,
            Key::Enter => match commit(self, text.clone()) {
                Ok(effect) => effect,
                Err(message) => {
                    self.message = Some(message);
                    self.mode = mode(text);
                    Effect::None
                }
            },
            Key::Backspace => {
                text.pop();
                self.mode = mode(text);
                Effect::None
            }
            Key::Char(c) => {
                text.push(c);
                self.mode = mode(text);
                Effect::None
            }
            _ => {
                self.mode = mode(text);
                Effect::None
            }
        }
    }

    fn commit_note(&mut self, text: String) -> Result<Effect, String> {
        let id = self.current_id().to_string();
        let answer = self.assessment.answers.get_mut(&id).ok_or("the answer is gone")?;
        let note = text.trim();
        answer.note = (!note.is_empty()).then(|| note.to_string());
        Ok(Effect::Save(id))
    }

    fn commit_evidence(&mut self, text: String) -> Result<Effect, String> {
        let mut ids: Vec<String> = Vec::new();
        for part in text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|p| !p.is_empty())
        {
            if self.view.evidence.iter().all(|row| row.id != part) {
                let known: Vec<&str> = self.view.evidence.iter().map(|r| r.id.as_str()).collect();
                return Err(if known.is_empty() {
                    "the practice has no evidence rows to cite".to_string()
                } else {
                    format!("no evidence row `{part}`: the rows are {}", known.join(", "))
                });
            }
            if !ids.iter().any(|id| id == part) {
                ids.push(part.to_string());
            }
        }
        let id = self.current_id().to_string();
        let answer = self.assessment.answers.get_mut(&id).ok_or("the answer is gone")?;
        answer.evidence = ids;
        Ok(Effect::Save(id))
    }

    fn commit_jump(&mut self, text: String) -> Result<Effect, String> {
        let wanted = text.trim();
        match self.ids.iter().position(|id| id == wanted) {
            Some(index) => {
                self.current = index;
                Ok(Effect::None)
            }
            None => {
                let hint = crate::diagnostic::suggest::closest(wanted, self.ids.iter().map(String::as_str))
                    .map(|s| format!(" (did you mean {s}?)"))
                    .unwrap_or_default();
                Err(format!("no question `{wanted}`{hint}"))
            }
        }
    }

    /// The screen, as lines of at most `width` characters, at most `height` lines.
    pub fn render(&self, width: usize, height: usize) -> Vec<String> {
        render::render(self, width.max(20), height.max(10))
    }
}
