//! Assessment workbooks (`.xlsx`): an analyst fills one in Excel or LibreOffice, the tool reads it back.
//!
//! This module is self-contained: it knows nothing of the crate's criteria or practice model. The caller turns
//! those into the plain types here ([`FormQuestion`], [`FormEvidence`], [`FormAnswer`], [`FormMeta`]) and back.
//!
//! * [`export`] writes a workbook: a question sheet (`Vurdering`: one row per question with id, criterion,
//!   question text, hint, answer, note and evidence ids; the answer cell a drop-down of the question's option
//!   *labels*; everything but the answer, note and evidence cells and the assessor cell locked), the practice's
//!   evidence table (`Kunnskapsgrunnlag`), a short instruction sheet (`Veiledning`) and a hidden metadata sheet
//!   ([`META_SHEET`]) recording the practice slug, the criteria id and version, the assessor, the format version
//!   and the row layout. Existing answers are filled in. The output is deterministic: the same input gives the
//!   same bytes.
//! * [`import`] reads such a workbook back, checks every cell and returns the answers — or, when anything is
//!   wrong, only the list of problems ([`CellProblem`], each naming the sheet and cell), so the caller writes
//!   nothing. Rows are matched by their question id, not by position.
//! * [`table_xlsx`] writes a plain table (for `--format xlsx` on listings): numbers as numbers, percentages as
//!   percentages, a frozen header row and an autofilter.
//!
//! Sheet names, headers and instructions come from [`FormLabels`] (Norwegian bokmål by default), so another
//! organisation can ship its own words. [`import`] needs no labels: the metadata sheet says which sheet holds the
//! questions and what its headers were.
//!
//! Every input is bounded ([`MAX_FILE_BYTES`], [`MAX_ROWS`], [`MAX_UNPACKED_BYTES`]) and no input makes these
//! functions panic: a file that is not a workbook, a zip that is not an `.xlsx`, or a workbook from elsewhere
//! gives problems as values.
//!
//! ## Answers that are not options
//!
//! * The undecided answer [`UNDECIDED`] (`"?"`, written by `practice agree --draft-consensus`) is exported as `?`
//!   and imported back as `"?"`, so the caller's validation reports it as it does for the TOML file.
//! * An existing answer whose key is neither an option of its question nor `?` is exported as the key itself;
//!   [`import`] then reports it as not an option, so the analyst has to fix it.
//! * Answers to question ids that are not in `questions` make [`export`] fail ([`FormError::UnknownQuestion`]):
//!   the caller decides what to do with them (they would be lost otherwise).
//!
//! ## Example
//!
//! ```
//! use std::collections::{BTreeMap, BTreeSet};
//! use practice::forms::{self, FormAnswer, FormLabels, FormMeta, FormOption, FormQuestion};
//!
//! let option = |key: &str, label: &str| FormOption { key: key.into(), label: label.into() };
//! let questions = vec![FormQuestion {
//!     id: "10".into(),
//!     criterion: "Resultater".into(),
//!     text: "Måles deltakernes utvikling?".into(),
//!     hint: None,
//!     scale_label: "Ja / nei".into(),
//!     options: vec![option("ja", "Ja"), option("nei", "Nei"), option("ikke-relevant", "Ikke relevant")],
//!     depth: 0,
//! }];
//! let meta = FormMeta {
//!     slug: "sprakpraksis-grimstad".into(),
//!     practice_name: "Språkpraksis i Grimstad".into(),
//!     criteria_id: "imdi-god-praksis".into(),
//!     criteria_version: "2018.1".into(),
//!     assessor: None,
//! };
//! let answers = BTreeMap::from([(
//!     "10".to_string(),
//!     FormAnswer { value: "nei".into(), note: Some("Måles ikke.".into()), evidence: vec!["e1".into()] },
//! )]);
//! let bytes = forms::export(&meta, &questions, &[], &answers, &FormLabels::default()).unwrap();
//! let evidence_ids = BTreeSet::from(["e1".to_string()]);
//! match forms::import(&bytes, &meta, &questions, &evidence_ids) {
//!     Ok(imported) => assert_eq!(imported.answers, answers),
//!     Err(problems) => panic!("{}", problems[0]), // e.g. "Vurdering!E6: «kanskje» is not an option of «Ja / nei» …"
//! }
//! ```

mod export;
pub mod from_model;
mod import;
mod table;
#[cfg(test)]
mod tests;

use crate::model::labels::Labels;
use std::fmt;

pub use export::export;
pub use import::{import, read_meta};
pub use table::{table_xlsx, TableCell, TableSheet};

/// Version of the workbook layout written by [`export`]; [`import`] refuses other versions.
pub const FORMAT_VERSION: u32 = 1;
/// Name of the hidden sheet holding the form's metadata (not shown to analysts, so not a label).
pub const META_SHEET: &str = "practice-form";
/// The undecided answer: exported as `?`, imported back as `?`.
pub const UNDECIDED: &str = "?";
/// [`import`] refuses files larger than this (20 MiB).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;
/// [`import`] refuses archives whose parts unpack to more than this in total (256 MiB).
pub const MAX_UNPACKED_BYTES: u64 = 256 * 1024 * 1024;
/// [`import`] refuses sheets with rows beyond this row number, and [`table_xlsx`] tables with more rows.
pub const MAX_ROWS: u32 = 10_000;

/// One question of the form, in display order (sub-questions follow their parent).
#[derive(Clone, Debug, PartialEq)]
pub struct FormQuestion {
    /// Question id (`"5a"`): the key of the answer, written in the id column.
    pub id: String,
    /// What the criterion column shows (the criterion's label, `"Beskrivelse"`).
    pub criterion: String,
    /// The question text.
    pub text: String,
    /// The hint (what would raise the score), if any.
    pub hint: Option<String>,
    /// The scale's label, used in problems (`«kanskje» is not an option of «Ja / nei»`).
    pub scale_label: String,
    /// The allowed answers in drop-down order, including «ikke relevant» when the question allows it.
    /// Labels must be distinct (ignoring case), and so must keys.
    pub options: Vec<FormOption>,
    /// 0 for a question, 1 for a sub-question (the question text is indented by this).
    pub depth: usize,
}

/// One allowed answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormOption {
    /// The key stored in `assessment.toml` (`"ja"`, `"ikke-relevant"`).
    pub key: String,
    /// What the drop-down shows (`"Ja"`, `"Ikke relevant"`).
    pub label: String,
}

/// One row of the practice's evidence table (shown on the evidence sheet; answers cite it by id).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormEvidence {
    /// Id cited by answers (`"e1"`).
    pub id: String,
    /// Evidence kind as shown (its label or key).
    pub kind: String,
    /// Problemstilling.
    pub question: String,
    /// Funn.
    pub finding: String,
    /// Kilde.
    pub source: String,
}

/// One answer: an option key (or [`UNDECIDED`]), a note, cited evidence ids in the order written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormAnswer {
    /// Option key of the question (or `"?"`).
    pub value: String,
    /// The note; `None` when the cell is empty or only whitespace. Otherwise kept exactly as written.
    pub note: Option<String>,
    /// Evidence row ids.
    pub evidence: Vec<String>,
}

/// Which practice and criteria a workbook belongs to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormMeta {
    /// The practice's slug. [`import`] refuses a workbook of another slug.
    pub slug: String,
    /// The practice's name, for the title row (not checked on import).
    pub practice_name: String,
    /// The criteria id. [`import`] refuses a workbook of another criteria id.
    pub criteria_id: String,
    /// The criteria version. [`import`] refuses a workbook of another version.
    pub criteria_version: String,
    /// Whose assessment this is: written in the (editable) assessor cell and in the metadata; `None` for the
    /// consensus. Not checked on import: [`Imported::assessor`] says what the cell holds then.
    pub assessor: Option<String>,
}

/// What [`import`] read from a valid workbook.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Imported {
    /// Question id → answer, for every question whose answer cell is filled in.
    pub answers: std::collections::BTreeMap<String, FormAnswer>,
    /// Ids of the questions without an answer, in the order of `questions`.
    pub unanswered: Vec<String>,
    /// The assessor cell's text, trimmed; `None` when empty.
    pub assessor: Option<String>,
    /// What the metadata sheet says the workbook was exported for (the assessor as exported).
    pub exported: FormMeta,
    /// Things worth telling that do not stop the import (a question's row was deleted, rows were moved).
    pub warnings: Vec<CellProblem>,
}

/// A problem with a workbook, at a sheet and cell when there is one.
///
/// Displays as `Vurdering!E7: «kanskje» is not an option of «Ja / nei»`, `Vurdering: …` without a cell, and just
/// the message for the file as a whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CellProblem {
    /// The sheet, `None` for problems with the file as a whole.
    pub sheet: Option<String>,
    /// The cell or range in A1 notation (`"E7"`, `"B6:C6"`), `None` for the sheet as a whole.
    pub cell: Option<String>,
    /// What is wrong, in English.
    pub message: String,
}

impl CellProblem {
    pub(crate) fn file(message: impl Into<String>) -> CellProblem {
        CellProblem {
            sheet: None,
            cell: None,
            message: message.into(),
        }
    }

    pub(crate) fn sheet(sheet: &str, message: impl Into<String>) -> CellProblem {
        CellProblem {
            sheet: Some(sheet.to_string()),
            cell: None,
            message: message.into(),
        }
    }

    pub(crate) fn at(sheet: &str, cell: impl Into<String>, message: impl Into<String>) -> CellProblem {
        CellProblem {
            sheet: Some(sheet.to_string()),
            cell: Some(cell.into()),
            message: message.into(),
        }
    }
}

impl fmt::Display for CellProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.sheet, &self.cell) {
            (Some(sheet), Some(cell)) => write!(f, "{}!{cell}: {}", sheet_ref(sheet), self.message),
            (Some(sheet), None) => write!(f, "{}: {}", sheet_ref(sheet), self.message),
            (None, _) => f.write_str(&self.message),
        }
    }
}

/// A sheet name as a formula would write it: quoted when it has anything but letters, digits and `_`.
fn sheet_ref(name: &str) -> String {
    if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "''"))
    }
}

/// Why [`export`] or [`table_xlsx`] could not write a workbook.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FormError {
    /// An answer to a question id that is not among the questions.
    UnknownQuestion(String),
    /// Two questions with the same id.
    DuplicateQuestion(String),
    /// A question without options, or two options with the same label or key.
    BadOptions {
        /// The question.
        question: String,
        /// What is wrong.
        message: String,
    },
    /// A label cannot be used (an invalid or duplicated sheet name, for example).
    BadLabel(String),
    /// More rows than [`MAX_ROWS`].
    TooManyRows(usize),
    /// The writer refused something (a text longer than Excel's 32,767 characters, for example).
    Xlsx(String),
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormError::UnknownQuestion(id) => write!(f, "an answer to question «{id}», which the form does not have"),
            FormError::DuplicateQuestion(id) => write!(f, "question id «{id}» occurs twice"),
            FormError::BadOptions { question, message } => write!(f, "question «{question}»: {message}"),
            FormError::BadLabel(message) => write!(f, "labels: {message}"),
            FormError::TooManyRows(rows) => write!(f, "{rows} rows is more than the limit of {MAX_ROWS}"),
            FormError::Xlsx(message) => write!(f, "could not write the workbook: {message}"),
        }
    }
}

impl std::error::Error for FormError {}

impl From<rust_xlsxwriter::XlsxError> for FormError {
    fn from(error: rust_xlsxwriter::XlsxError) -> FormError {
        FormError::Xlsx(error.to_string())
    }
}

/// Sheet names, headers and instructions of the workbook, from the `form_*` keys of `[labels]`
/// ([`FormLabels::from_labels`]); [`Default`] gives their bokmål defaults.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormLabels {
    /// The question sheet (`Vurdering`).
    pub questions_sheet: String,
    /// The evidence sheet (`Kunnskapsgrunnlag`).
    pub evidence_sheet: String,
    /// The instruction sheet (`Veiledning`).
    pub instructions_sheet: String,
    /// Title row of the question sheet; `{name}` is replaced by the practice's name.
    pub title: String,
    /// Second row; `{id}` and `{version}` are replaced by the criteria id and version.
    pub criteria_line: String,
    /// Label of the assessor cell.
    pub assessor: String,
    /// Header of the question id column.
    pub id: String,
    /// Header of the criterion column.
    pub criterion: String,
    /// Header of the question text column.
    pub question: String,
    /// Header of the hint column.
    pub hint: String,
    /// Header of the answer column.
    pub answer: String,
    /// Header of the note column.
    pub note: String,
    /// Header of the evidence ids column.
    pub evidence_ids: String,
    /// Evidence sheet headers: id, kind, question (problemstilling), finding, source.
    pub evidence_headers: [String; 5],
    /// Shown on the evidence sheet when the practice has no evidence.
    pub no_evidence: String,
    /// Title of the drop-down's error dialog (at most 32 characters).
    pub invalid_answer_title: String,
    /// Text of the drop-down's error dialog (at most 255 characters).
    pub invalid_answer_message: String,
    /// The instruction sheet's paragraphs; the first is its heading.
    pub instructions: Vec<String>,
}

impl Default for FormLabels {
    /// The `form_*` defaults of [`Labels`].
    fn default() -> FormLabels {
        FormLabels::from_labels(&Labels::defaults())
    }
}

impl FormLabels {
    /// The workbook's words from the `form_*` keys of `[labels]`.
    pub fn from_labels(labels: &Labels) -> FormLabels {
        let s = |text: &str| text.to_string();
        FormLabels {
            questions_sheet: s(&labels.form_questions_sheet),
            evidence_sheet: s(&labels.form_evidence_sheet),
            instructions_sheet: s(&labels.form_instructions_sheet),
            title: s(&labels.form_title),
            criteria_line: s(&labels.form_criteria_line),
            assessor: s(&labels.form_assessor),
            id: s(&labels.form_id),
            criterion: s(&labels.form_criterion),
            question: s(&labels.form_question),
            hint: s(&labels.form_hint),
            answer: s(&labels.form_answer),
            note: s(&labels.form_note),
            evidence_ids: s(&labels.form_evidence_ids),
            evidence_headers: [
                s(&labels.form_evidence_id),
                s(&labels.form_evidence_kind),
                s(&labels.form_evidence_question),
                s(&labels.form_evidence_finding),
                s(&labels.form_evidence_source),
            ],
            no_evidence: s(&labels.form_no_evidence),
            invalid_answer_title: s(&labels.form_invalid_answer_title),
            invalid_answer_message: s(&labels.form_invalid_answer_message),
            instructions: labels
                .form_instructions
                .split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(String::from)
                .collect(),
        }
    }
}

/// Column letters of a 0-based column index (`0` → `A`, `26` → `AA`).
pub(crate) fn column_name(col: u32) -> String {
    let mut col = col + 1;
    let mut name = Vec::new();
    while col > 0 {
        let rem = (col - 1) % 26;
        name.push(b'A' + rem as u8);
        col = (col - 1) / 26;
    }
    name.reverse();
    String::from_utf8(name).unwrap_or_default()
}

/// A1 name of a 0-based (row, column).
pub(crate) fn cell_name(row: u32, col: u32) -> String {
    format!("{}{}", column_name(col), u64::from(row) + 1)
}

/// The row layout of the question sheet (0-based), recorded in the metadata sheet.
pub(crate) mod layout {
    /// Title row.
    pub const TITLE_ROW: u32 = 0;
    /// Criteria row.
    pub const CRITERIA_ROW: u32 = 1;
    /// Assessor row: label in column A, the name in [`ASSESSOR_COL`].
    pub const ASSESSOR_ROW: u32 = 2;
    /// Column of the assessor's name.
    pub const ASSESSOR_COL: u16 = 2;
    /// Header row.
    pub const HEADER_ROW: u32 = 4;
    /// First question row.
    pub const FIRST_ROW: u32 = 5;
    /// Columns.
    pub const ID: u16 = 0;
    pub const CRITERION: u16 = 1;
    pub const QUESTION: u16 = 2;
    pub const HINT: u16 = 3;
    pub const ANSWER: u16 = 4;
    pub const NOTE: u16 = 5;
    pub const EVIDENCE: u16 = 6;
    /// Number of columns.
    pub const COLUMNS: u16 = 7;
    /// The layout as recorded in the metadata (`layout` key): checked on import.
    pub const DESCRIPTION: &str =
        "header=5 first=6 id=A criterion=B question=C hint=D answer=E note=F evidence=G assessor=C3";
}
