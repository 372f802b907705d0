//! Writing the assessment workbook.

use std::collections::{BTreeMap, BTreeSet};

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder,
    Formula, ProtectionOptions, Workbook, Worksheet,
};

use super::layout as l;
use super::{
    column_name, FormAnswer, FormError, FormEvidence, FormLabels, FormMeta, FormQuestion, FORMAT_VERSION, MAX_ROWS,
    META_SHEET, UNDECIDED,
};

/// Column of the metadata sheet where option lists go when they cannot be written inline in the drop-down.
const META_LIST_COL: u16 = 10;

/// Write the assessment workbook for one practice (see the [module docs](super) for its sheets).
///
/// `answers` (question id → answer) are filled in; questions without an entry are left blank. Returns the
/// `.xlsx` bytes, the same bytes for the same input (the creation time is fixed at 2000-01-01).
///
/// # Errors
///
/// [`FormError::UnknownQuestion`] for an answer to an id not in `questions`; [`FormError::DuplicateQuestion`],
/// [`FormError::BadOptions`] for questions the form cannot represent; [`FormError::BadLabel`] for unusable sheet
/// names; [`FormError::TooManyRows`] past [`MAX_ROWS`]; [`FormError::Xlsx`] when the writer refuses a value
/// (a text over 32,767 characters).
pub fn export(
    meta: &FormMeta,
    questions: &[FormQuestion],
    evidence: &[FormEvidence],
    answers: &BTreeMap<String, FormAnswer>,
    labels: &FormLabels,
) -> Result<Vec<u8>, FormError> {
    check_input(questions, evidence, answers, labels)?;

    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));

    let formats = Formats::new();

    // Option lists too long or with commas for an inline drop-down go to the metadata sheet.
    let mut lists: Vec<Vec<String>> = Vec::new();
    let mut list_ranges: BTreeMap<Vec<String>, String> = BTreeMap::new();
    for question in questions {
        let option_labels: Vec<String> = question.options.iter().map(|o| o.label.clone()).collect();
        if !inline_list_fits(&option_labels) && !list_ranges.contains_key(&option_labels) {
            let col = META_LIST_COL + lists.len() as u16;
            let range = format!(
                "='{META_SHEET}'!${c}$1:${c}${n}",
                c = column_name(u32::from(col)),
                n = option_labels.len()
            );
            list_ranges.insert(option_labels.clone(), range);
            lists.push(option_labels);
        }
    }

    let sheet = workbook.add_worksheet();
    write_questions(sheet, meta, questions, answers, labels, &formats, &list_ranges)?;
    sheet.set_active(true);

    let sheet = workbook.add_worksheet();
    write_evidence(sheet, evidence, labels, &formats)?;

    let sheet = workbook.add_worksheet();
    write_instructions(sheet, labels, &formats)?;

    let sheet = workbook.add_worksheet();
    write_meta(sheet, meta, questions, labels, &lists)?;

    Ok(workbook.save_to_buffer()?)
}

fn check_input(
    questions: &[FormQuestion],
    evidence: &[FormEvidence],
    answers: &BTreeMap<String, FormAnswer>,
    labels: &FormLabels,
) -> Result<(), FormError> {
    if questions.len() > MAX_ROWS as usize || evidence.len() > MAX_ROWS as usize {
        return Err(FormError::TooManyRows(questions.len().max(evidence.len())));
    }
    let mut ids = BTreeSet::new();
    for question in questions {
        if question.id.trim().is_empty() || question.id.trim() != question.id {
            return Err(FormError::BadOptions {
                question: question.id.clone(),
                message: "a question id must be non-empty without surrounding spaces".into(),
            });
        }
        if !ids.insert(question.id.as_str()) {
            return Err(FormError::DuplicateQuestion(question.id.clone()));
        }
        let bad = |message: String| FormError::BadOptions {
            question: question.id.clone(),
            message,
        };
        if question.options.is_empty() {
            return Err(bad("it has no options".into()));
        }
        let mut keys = BTreeSet::new();
        let mut option_labels = BTreeSet::new();
        for option in &question.options {
            if option.key.trim().is_empty() || option.label.trim().is_empty() {
                return Err(bad("an option has an empty key or label".into()));
            }
            if option.key == UNDECIDED || option.label.trim() == UNDECIDED {
                return Err(bad(format!("«{UNDECIDED}» is reserved for undecided answers")));
            }
            if !keys.insert(normalise(&option.key)) {
                return Err(bad(format!("option key «{}» occurs twice", option.key)));
            }
            if !option_labels.insert(normalise(&option.label)) {
                return Err(bad(format!("option label «{}» occurs twice", option.label)));
            }
        }
    }
    if let Some(id) = answers.keys().find(|id| !ids.contains(id.as_str())) {
        return Err(FormError::UnknownQuestion(id.clone()));
    }
    let sheets = [
        &labels.questions_sheet,
        &labels.evidence_sheet,
        &labels.instructions_sheet,
    ];
    let mut names = BTreeSet::new();
    for name in sheets {
        if name.chars().count() > 31
            || name.is_empty()
            || name.contains(['[', ']', ':', '*', '?', '/', '\\'])
            || name.starts_with('\'')
            || name.ends_with('\'')
        {
            return Err(FormError::BadLabel(format!(
                "«{name}» cannot be a sheet name (1–31 characters, none of []:*?/\\)"
            )));
        }
        if !names.insert(name.to_lowercase()) || name.eq_ignore_ascii_case(META_SHEET) {
            return Err(FormError::BadLabel(format!("sheet name «{name}» is used twice")));
        }
    }
    Ok(())
}

/// Lower-cased with whitespace collapsed: how labels and keys are compared.
pub(crate) fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

fn inline_list_fits(option_labels: &[String]) -> bool {
    let joined: usize = option_labels.iter().map(|l| l.chars().count() + 1).sum();
    joined <= 255 && option_labels.iter().all(|l| !l.contains(',') && !l.contains('"'))
}

struct Formats {
    title: Format,
    bold: Format,
    header: Format,
    text: Format,
    input: Format,
    indented: Vec<Format>,
}

impl Formats {
    fn new() -> Formats {
        let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        Formats {
            title: Format::new().set_bold().set_font_size(14),
            bold: Format::new().set_bold(),
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(0xD9D9D9))
                .set_border_bottom(FormatBorder::Thin),
            input: text.clone().set_unlocked().set_background_color(Color::RGB(0xFFF2CC)),
            indented: (0..=4u8).map(|depth| text.clone().set_indent(depth * 2)).collect(),
            text,
        }
    }

    fn indented(&self, depth: usize) -> &Format {
        &self.indented[depth.min(self.indented.len() - 1)]
    }
}

fn answer_text(question: &FormQuestion, answer: &FormAnswer) -> String {
    if answer.value == UNDECIDED {
        return UNDECIDED.to_string();
    }
    question
        .options
        .iter()
        .find(|o| o.key == answer.value)
        .map_or_else(|| answer.value.clone(), |o| o.label.clone())
}

fn write_questions(
    sheet: &mut Worksheet,
    meta: &FormMeta,
    questions: &[FormQuestion],
    answers: &BTreeMap<String, FormAnswer>,
    labels: &FormLabels,
    f: &Formats,
    list_ranges: &BTreeMap<Vec<String>, String>,
) -> Result<(), FormError> {
    sheet.set_name(&labels.questions_sheet)?;
    let title = labels.title.replace("{name}", &meta.practice_name);
    sheet.write_string_with_format(l::TITLE_ROW, 0, &title, &f.title)?;
    let criteria = labels
        .criteria_line
        .replace("{id}", &meta.criteria_id)
        .replace("{version}", &meta.criteria_version);
    sheet.write_string(l::CRITERIA_ROW, 0, &criteria)?;
    sheet.write_string_with_format(l::ASSESSOR_ROW, 0, &labels.assessor, &f.bold)?;
    match &meta.assessor {
        Some(name) => sheet.write_string_with_format(l::ASSESSOR_ROW, l::ASSESSOR_COL, name, &f.input)?,
        None => sheet.write_blank(l::ASSESSOR_ROW, l::ASSESSOR_COL, &f.input)?,
    };

    for (col, header) in headers(labels).iter().enumerate() {
        sheet.write_string_with_format(l::HEADER_ROW, col as u16, header, &f.header)?;
    }
    for (col, width) in [8.0, 16.0, 60.0, 45.0, 24.0, 45.0, 20.0].into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }

    for (i, question) in questions.iter().enumerate() {
        let row = l::FIRST_ROW + i as u32;
        sheet.write_string_with_format(row, l::ID, &question.id, &f.text)?;
        sheet.write_string_with_format(row, l::CRITERION, &question.criterion, &f.text)?;
        sheet.write_string_with_format(row, l::QUESTION, &question.text, f.indented(question.depth))?;
        match &question.hint {
            Some(hint) => sheet.write_string_with_format(row, l::HINT, hint, &f.text)?,
            None => sheet.write_blank(row, l::HINT, &f.text)?,
        };
        let answer = answers.get(&question.id);
        let cells = [
            (l::ANSWER, answer.map(|a| answer_text(question, a))),
            (l::NOTE, answer.and_then(|a| a.note.clone())),
            (
                l::EVIDENCE,
                answer.filter(|a| !a.evidence.is_empty()).map(|a| a.evidence.join(", ")),
            ),
        ];
        for (col, value) in cells {
            match value {
                Some(text) => sheet.write_string_with_format(row, col, &text, &f.input)?,
                None => sheet.write_blank(row, col, &f.input)?,
            };
        }

        let option_labels: Vec<String> = question.options.iter().map(|o| o.label.clone()).collect();
        let validation = match list_ranges.get(&option_labels) {
            Some(range) => DataValidation::new().allow_list_formula(Formula::new(range)),
            None => DataValidation::new().allow_list_strings(&option_labels)?,
        };
        let validation = validation
            .set_error_style(DataValidationErrorStyle::Stop)
            .set_error_title(truncate(&labels.invalid_answer_title, 32))?
            .set_error_message(truncate(&labels.invalid_answer_message, 255))?;
        sheet.add_data_validation(row, l::ANSWER, row, l::ANSWER, &validation)?;
    }

    sheet.set_freeze_panes(l::FIRST_ROW, 0)?;
    sheet.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    Ok(())
}

fn truncate(text: &str, chars: usize) -> String {
    text.chars().take(chars).collect()
}

/// The question sheet's headers, in column order.
pub(crate) fn headers(labels: &FormLabels) -> [String; l::COLUMNS as usize] {
    [
        labels.id.clone(),
        labels.criterion.clone(),
        labels.question.clone(),
        labels.hint.clone(),
        labels.answer.clone(),
        labels.note.clone(),
        labels.evidence_ids.clone(),
    ]
}

fn write_evidence(
    sheet: &mut Worksheet,
    evidence: &[FormEvidence],
    labels: &FormLabels,
    f: &Formats,
) -> Result<(), FormError> {
    sheet.set_name(&labels.evidence_sheet)?;
    for (col, header) in labels.evidence_headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, header, &f.header)?;
    }
    for (col, width) in [8.0, 18.0, 40.0, 60.0, 40.0].into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    if evidence.is_empty() {
        sheet.write_string(1, 0, &labels.no_evidence)?;
    }
    for (i, row) in evidence.iter().enumerate() {
        let r = 1 + i as u32;
        for (col, text) in [&row.id, &row.kind, &row.question, &row.finding, &row.source]
            .into_iter()
            .enumerate()
        {
            sheet.write_string_with_format(r, col as u16, text, &f.text)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    Ok(())
}

fn write_instructions(sheet: &mut Worksheet, labels: &FormLabels, f: &Formats) -> Result<(), FormError> {
    sheet.set_name(&labels.instructions_sheet)?;
    sheet.set_column_width(0, 100.0)?;
    for (i, paragraph) in labels.instructions.iter().enumerate() {
        let format = if i == 0 { &f.title } else { &f.text };
        sheet.write_string_with_format(i as u32 * 2, 0, paragraph, format)?;
    }
    Ok(())
}

/// The metadata sheet: `key | value…` rows (read by key, not position), then the option lists.
fn write_meta(
    sheet: &mut Worksheet,
    meta: &FormMeta,
    questions: &[FormQuestion],
    labels: &FormLabels,
    lists: &[Vec<String>],
) -> Result<(), FormError> {
    sheet.set_name(META_SHEET)?;
    let mut rows: Vec<Vec<String>> = vec![
        vec!["format".into(), FORMAT_VERSION.to_string()],
        vec!["slug".into(), meta.slug.clone()],
        vec!["practice_name".into(), meta.practice_name.clone()],
        vec!["criteria_id".into(), meta.criteria_id.clone()],
        vec!["criteria_version".into(), meta.criteria_version.clone()],
        vec!["assessor".into(), meta.assessor.clone().unwrap_or_default()],
        vec!["questions_sheet".into(), labels.questions_sheet.clone()],
        vec!["layout".into(), l::DESCRIPTION.into()],
    ];
    let mut header_row = vec!["headers".to_string()];
    header_row.extend(headers(labels));
    rows.push(header_row);
    rows.push(vec!["question_count".into(), questions.len().to_string()]);
    for (i, question) in questions.iter().enumerate() {
        rows.push(vec![
            "question".into(),
            question.id.clone(),
            (l::FIRST_ROW + i as u32 + 1).to_string(),
        ]);
    }
    for (r, row) in rows.iter().enumerate() {
        for (c, value) in row.iter().enumerate() {
            if !value.is_empty() {
                sheet.write_string(r as u32, c as u16, value)?;
            }
        }
    }
    for (i, list) in lists.iter().enumerate() {
        for (r, label) in list.iter().enumerate() {
            sheet.write_string(r as u32, META_LIST_COL + i as u16, label)?;
        }
    }
    sheet.set_hidden(true);
    sheet.protect();
    Ok(())
}
