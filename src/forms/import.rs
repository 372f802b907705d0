//! Reading an assessment workbook back.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};

use super::export::normalise;
use super::layout as l;
use super::{
    cell_name, CellProblem, FormAnswer, FormMeta, FormQuestion, Imported, FORMAT_VERSION, MAX_FILE_BYTES, MAX_ROWS,
    MAX_UNPACKED_BYTES, META_SHEET, UNDECIDED,
};

/// Most cells read from one sheet; a sheet with more is refused.
const MAX_CELLS: usize = 1_000_000;
/// Most parts in the archive.
const MAX_PARTS: usize = 10_000;
/// Problems reported before giving up on the rest.
const MAX_PROBLEMS: usize = 200;

/// What a workbook's metadata sheet says it was exported for (practice, criteria, assessor), without checking its
/// answers: lets a caller find the practice before it calls [`import`].
///
/// # Errors
///
/// A file that is not an `.xlsx` workbook, is too large, or has no metadata sheet of `practice form export`.
pub fn read_meta(bytes: &[u8]) -> Result<FormMeta, Vec<CellProblem>> {
    check_archive(bytes).map_err(|p| vec![p])?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| vec![CellProblem::file(format!("not a readable .xlsx workbook: {e}"))])?;
    if !workbook.sheet_names().iter().any(|s| s == META_SHEET) {
        return Err(vec![CellProblem::file(format!(
            "this workbook has no «{META_SHEET}» sheet, so it was not written by `practice form export` \
             (or the sheet was deleted)"
        ))]);
    }
    let meta = Meta::parse(&read_cells(&mut workbook, META_SHEET, 16)?);
    Ok(FormMeta {
        slug: meta.get("slug").unwrap_or_default().to_string(),
        practice_name: meta.get("practice_name").unwrap_or_default().to_string(),
        criteria_id: meta.get("criteria_id").unwrap_or_default().to_string(),
        criteria_version: meta.get("criteria_version").unwrap_or_default().to_string(),
        assessor: meta.get("assessor").filter(|a| !a.is_empty()).map(str::to_string),
    })
}

/// Read a workbook written by [`export`](super::export) (and perhaps edited and saved by Excel, LibreOffice or
/// openpyxl) and return its answers.
///
/// `expected` names the practice (`slug`) and criteria (`criteria_id`, `criteria_version`) the workbook must be
/// for; its `practice_name` and `assessor` are not compared. `questions` are the current criteria's questions
/// (the same list given to `export`), `evidence_ids` the ids of the practice's evidence rows, which answers may
/// cite.
///
/// # Errors
///
/// Every problem found, each naming the sheet and cell: a file that is not an `.xlsx` workbook or is too large,
/// a workbook of another practice, criteria or format version, merged cells, formulas, rows without or with
/// unknown or duplicated question ids, answers that are not options, evidence ids the practice does not have.
/// When there is any problem no answers are returned.
pub fn import(
    bytes: &[u8],
    expected: &FormMeta,
    questions: &[FormQuestion],
    evidence_ids: &BTreeSet<String>,
) -> Result<Imported, Vec<CellProblem>> {
    check_archive(bytes).map_err(|p| vec![p])?;
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes))
        .map_err(|e| vec![CellProblem::file(format!("not a readable .xlsx workbook: {e}"))])?;
    let sheets: Vec<String> = workbook.sheet_names();

    // The metadata sheet: which practice, criteria and layout.
    if !sheets.iter().any(|s| s == META_SHEET) {
        return Err(vec![CellProblem::file(format!(
            "this workbook has no «{META_SHEET}» sheet, so it was not written by `practice form export` \
             (or the sheet was deleted)"
        ))]);
    }
    let meta_cells = read_cells(&mut workbook, META_SHEET, 16)?;
    let meta = Meta::parse(&meta_cells);
    let exported = meta.check(expected, questions, &sheets)?;
    let sheet = meta.questions_sheet.clone().unwrap_or_default();

    let mut problems = merged_cells(&mut workbook, &sheet);
    let formulas = formula_cells(bytes, &sheet).map_err(|e| vec![CellProblem::sheet(&sheet, e)])?;
    for &(row, col) in &formulas {
        let in_form = (row >= l::HEADER_ROW && col < u32::from(l::COLUMNS))
            || (row == l::ASSESSOR_ROW && col == u32::from(l::ASSESSOR_COL));
        if in_form {
            problems.push(CellProblem::at(
                &sheet,
                cell_name(row, col),
                format!(
                    "a formula in the {} cell: type the value itself",
                    column_label(&meta.headers, col)
                ),
            ));
        }
    }
    let mut cells = read_cells(&mut workbook, &sheet, u32::from(l::COLUMNS))?;
    // A header that is not the export's makes the rows unreadable: only then stop before them. Formulas and
    // merged cells are problems of their own cells; the rows are checked as well, so one formula does not hide
    // the other mistakes.
    let header = header_problems(&cells, &sheet, &meta);
    if !header.is_empty() {
        problems.extend(header);
        return Err(problems);
    }
    // A formula's cell has its problem; its cached result is not checked again as a value.
    for cell in &formulas {
        cells.remove(cell);
    }

    let assessor = cells
        .get(&(l::ASSESSOR_ROW, u32::from(l::ASSESSOR_COL)))
        .map(Value::text)
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    let reader = RowReader {
        sheet: &sheet,
        questions,
        evidence_ids,
        criteria: format!("{} {}", exported.criteria_id, exported.criteria_version),
    };
    let rows = match reader.answers(cells, &meta) {
        Ok(rows) if problems.is_empty() => rows,
        Ok(_) => return Err(problems),
        Err(more) => {
            problems.extend(more);
            return Err(problems);
        }
    };
    let warnings = row_warnings(&sheet, &meta, questions, &rows);
    let unanswered = questions
        .iter()
        .filter(|q| !rows.answers.contains_key(&q.id))
        .map(|q| q.id.clone())
        .collect();
    Ok(Imported {
        answers: rows.answers,
        unanswered,
        assessor,
        exported,
        warnings,
    })
}

/// Merged regions in the questions sheet: each is a problem, since every answer needs its own cell.
fn merged_cells<R: std::io::Read + std::io::Seek>(workbook: &mut Xlsx<R>, sheet: &str) -> Vec<CellProblem> {
    let mut problems = Vec::new();
    match workbook.worksheet_merge_cells(sheet) {
        Some(Ok(regions)) => {
            for region in regions.iter().take(MAX_PROBLEMS) {
                let range = format!(
                    "{}:{}",
                    cell_name(region.start.0, region.start.1),
                    cell_name(region.end.0, region.end.1)
                );
                problems.push(CellProblem::at(
                    sheet,
                    range,
                    "merged cells: unmerge them (every answer needs its own cell)",
                ));
            }
        }
        Some(Err(e)) => problems.push(CellProblem::sheet(sheet, format!("cannot read merged cells: {e}"))),
        None => {}
    }
    problems
}

/// Headers that differ from the exported ones: a column inserted, deleted or moved shows here.
fn header_problems(cells: &BTreeMap<(u32, u32), Value>, sheet: &str, meta: &Meta) -> Vec<CellProblem> {
    let mut problems = Vec::new();
    for (col, header) in meta.headers.iter().enumerate() {
        let col = col as u32;
        let found = cells.get(&(l::HEADER_ROW, col)).map(Value::text).unwrap_or_default();
        if normalise(&found) != normalise(header) {
            problems.push(CellProblem::at(
                sheet,
                cell_name(l::HEADER_ROW, col),
                format!("the header is «{found}», expected «{header}»: were columns inserted, deleted or moved?"),
            ));
        }
    }
    problems
}

/// The answer rows as read: answers by question id, the row each question id was found in, and whether any row
/// stands elsewhere than it was exported.
struct AnswerRows {
    answers: BTreeMap<String, FormAnswer>,
    seen: BTreeMap<String, u32>,
    moved: bool,
}

/// Warnings about rows that were read: rows moved or sorted, questions without a row.
fn row_warnings(sheet: &str, meta: &Meta, questions: &[FormQuestion], rows: &AnswerRows) -> Vec<CellProblem> {
    let mut warnings = Vec::new();
    if rows.moved {
        warnings.push(CellProblem::sheet(
            sheet,
            "rows were moved or sorted; each was read by its question id",
        ));
    }
    for question in questions.iter().filter(|q| !rows.seen.contains_key(&q.id)) {
        let exported_row = meta
            .rows
            .get(&question.id)
            .map_or(String::new(), |r| format!(" (row {r} when exported)"));
        warnings.push(CellProblem::sheet(
            sheet,
            format!(
                "question {} has no row{exported_row}; it is left unanswered",
                question.id
            ),
        ));
    }
    warnings
}

/// Bound the file before calamine reads it: size, a zip archive, an `.xlsx`, what its parts unpack to.
fn check_archive(bytes: &[u8]) -> Result<(), CellProblem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(CellProblem::file(format!(
            "the file is {:.1} MiB; workbooks over {} MiB are refused",
            bytes.len() as f64 / 1_048_576.0,
            MAX_FILE_BYTES / 1_048_576
        )));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        return Err(CellProblem::file(
            "this is an old-style .xls or a password-protected workbook: save it as .xlsx without a password",
        ));
    }
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| CellProblem::file(format!("not an .xlsx workbook (it is not a zip archive: {e})")))?;
    if archive.len() > MAX_PARTS {
        return Err(CellProblem::file(format!(
            "the archive has {} parts; more than {MAX_PARTS} are refused",
            archive.len()
        )));
    }
    let names: BTreeSet<String> = archive.file_names().map(str::to_string).collect();
    if !names.contains("xl/workbook.xml") {
        let what = if names.contains("content.xml") {
            "an OpenDocument file (.ods?): save it as .xlsx"
        } else {
            "a zip archive, but not an .xlsx workbook (it has no xl/workbook.xml)"
        };
        return Err(CellProblem::file(format!("not an .xlsx workbook: {what}")));
    }
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let mut part = archive
            .by_index(index)
            .map_err(|e| CellProblem::file(format!("cannot read part {index} of the archive: {e}")))?;
        let name = part.name().to_string();
        let budget = MAX_UNPACKED_BYTES - total;
        let read = std::io::copy(&mut (&mut part).take(budget + 1), &mut std::io::sink())
            .map_err(|e| CellProblem::file(format!("the archive is damaged ({name}: {e})")))?;
        total += read;
        if total > MAX_UNPACKED_BYTES {
            return Err(CellProblem::file(format!(
                "the workbook unpacks to more than {} MiB; refused",
                MAX_UNPACKED_BYTES / 1_048_576
            )));
        }
    }
    Ok(())
}

/// A cell's value, owned.
#[derive(Clone, Debug, Default, PartialEq)]
enum Value {
    #[default]
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    Date,
    Error(String),
}

impl Value {
    fn from_data(data: &DataRef<'_>) -> Value {
        match data {
            DataRef::Empty => Value::Empty,
            DataRef::String(s) => Value::Text(s.clone()),
            DataRef::SharedString(s) => Value::Text((*s).to_string()),
            DataRef::Int(i) => Value::Number(*i as f64),
            DataRef::Float(f) => Value::Number(*f),
            DataRef::Bool(b) => Value::Bool(*b),
            DataRef::DateTime(_) | DataRef::DateTimeIso(_) | DataRef::DurationIso(_) => Value::Date,
            DataRef::Error(e) => Value::Error(e.to_string()),
        }
    }

    /// The value as text (numbers without a trailing `.0`); empty for dates and errors.
    fn text(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            Value::Empty | Value::Date | Value::Error(_) => String::new(),
        }
    }

    fn is_blank(&self) -> bool {
        match self {
            Value::Empty => true,
            Value::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// The cells of a sheet in columns `0..max_col`, streamed and bounded.
fn read_cells<R: std::io::Read + std::io::Seek>(
    workbook: &mut Xlsx<R>,
    sheet: &str,
    max_col: u32,
) -> Result<BTreeMap<(u32, u32), Value>, Vec<CellProblem>> {
    let fail = |message: String| vec![CellProblem::sheet(sheet, message)];
    let mut reader = workbook
        .worksheet_cells_reader(sheet)
        .map_err(|e| fail(format!("cannot read the sheet: {e}")))?;
    let mut cells = BTreeMap::new();
    let mut count = 0usize;
    loop {
        let cell = match reader.next_cell() {
            Ok(Some(cell)) => cell,
            Ok(None) => break,
            Err(e) => return Err(fail(format!("cannot read the sheet: {e}"))),
        };
        count += 1;
        let (row, col) = cell.get_position();
        if row >= MAX_ROWS {
            return Err(vec![CellProblem::at(
                sheet,
                cell_name(row, col),
                format!("the sheet has rows beyond row {MAX_ROWS}; larger sheets are refused"),
            )]);
        }
        if count > MAX_CELLS {
            return Err(fail(format!("the sheet has more than {MAX_CELLS} cells; refused")));
        }
        if col < max_col {
            let value = Value::from_data(cell.get_value());
            if value != Value::Empty {
                cells.insert((row, col), value);
            }
        }
    }
    Ok(cells)
}

/// The (row, column) of every cell with a formula in `sheet`, read from the sheet's XML directly (calamine's
/// formula reader expands shared formulas over their whole range, which a hostile file can make enormous).
fn formula_cells(bytes: &[u8], sheet: &str) -> Result<Vec<(u32, u32)>, String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let mut part = |name: &str| -> Result<Vec<u8>, String> {
        let mut file = archive.by_name(name).map_err(|e| format!("{name}: {e}"))?;
        let mut data = Vec::new();
        (&mut file)
            .take(MAX_UNPACKED_BYTES)
            .read_to_end(&mut data)
            .map_err(|e| format!("{name}: {e}"))?;
        Ok(data)
    };
    let workbook = part("xl/workbook.xml")?;
    let mut rel_id = None;
    for_each_element(&workbook, |name, attrs| {
        if name == b"sheet" && attr(attrs, b"name").as_deref() == Some(sheet) {
            rel_id = attr(attrs, b"id");
        }
    })?;
    let rel_id = rel_id.ok_or_else(|| format!("the sheet «{sheet}» is not in xl/workbook.xml"))?;
    let rels = part("xl/_rels/workbook.xml.rels")?;
    let mut target = None;
    for_each_element(&rels, |name, attrs| {
        if name == b"Relationship" && attr(attrs, b"Id").as_deref() == Some(rel_id.as_str()) {
            target = attr(attrs, b"Target");
        }
    })?;
    let target = target.ok_or_else(|| format!("the sheet «{sheet}» has no part in the archive"))?;
    let path = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    };
    let xml = part(&path)?;

    let mut formulas = Vec::new();
    let (mut row, mut col) = (0u32, 0u32);
    let mut in_cell = false;
    let mut reader = quick_xml::Reader::from_reader(xml.as_slice());
    let mut buf = Vec::new();
    loop {
        let event = reader.read_event_into(&mut buf).map_err(|e| format!("{path}: {e}"))?;
        match &event {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let empty = matches!(event, quick_xml::events::Event::Empty(_));
                let attrs: Vec<(Vec<u8>, String)> = e
                    .attributes()
                    .flatten()
                    .map(|a| {
                        let value = String::from_utf8_lossy(&a.value).into_owned();
                        (a.key.local_name().as_ref().to_vec(), value)
                    })
                    .collect();
                match e.local_name().as_ref() {
                    b"row" => {
                        if let Some(r) = attr(&attrs, b"r").and_then(|r| r.parse::<u32>().ok()) {
                            row = r.saturating_sub(1);
                        }
                        col = 0;
                    }
                    b"c" => {
                        if let Some((r, c)) = attr(&attrs, b"r").and_then(|r| parse_a1(&r)) {
                            row = r;
                            col = c;
                        }
                        in_cell = !empty;
                        if empty {
                            col += 1;
                        }
                    }
                    b"f" if in_cell && formulas.last() != Some(&(row, col)) && formulas.len() < MAX_PROBLEMS => {
                        formulas.push((row, col));
                    }
                    _ => {}
                }
            }
            quick_xml::events::Event::End(e) => match e.local_name().as_ref() {
                b"c" => {
                    in_cell = false;
                    col += 1;
                }
                b"row" => row += 1,
                _ => {}
            },
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(formulas)
}

/// Call `visit` with the local name and attributes (local names) of every element of `xml`.
fn for_each_element(xml: &[u8], mut visit: impl FnMut(&[u8], &[(Vec<u8>, String)])) -> Result<(), String> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).map_err(|e| e.to_string())? {
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                let attrs: Vec<(Vec<u8>, String)> = e
                    .attributes()
                    .flatten()
                    .map(|a| {
                        let value = quick_xml::escape::unescape(&String::from_utf8_lossy(&a.value))
                            .map(|v| v.into_owned())
                            .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned());
                        (a.key.local_name().as_ref().to_vec(), value)
                    })
                    .collect();
                visit(e.local_name().as_ref(), &attrs);
            }
            quick_xml::events::Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

fn attr(attrs: &[(Vec<u8>, String)], name: &[u8]) -> Option<String> {
    attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
}

/// `E7` → (6, 4), 0-based.
fn parse_a1(text: &str) -> Option<(u32, u32)> {
    let split = text.find(|c: char| c.is_ascii_digit())?;
    let (letters, digits) = text.split_at(split);
    if letters.is_empty() || letters.len() > 3 || !letters.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    let col = letters.bytes().fold(0u32, |acc, b| acc * 26 + u32::from(b - b'A' + 1)) - 1;
    let row = digits.parse::<u32>().ok()?.checked_sub(1)?;
    Some((row, col))
}

fn column_label(headers: &[String], col: u32) -> String {
    headers
        .get(col as usize)
        .map_or_else(|| format!("column {col}"), |h| format!("«{h}»"))
}

/// What the metadata sheet says.
#[derive(Default)]
struct Meta {
    values: BTreeMap<String, (u32, String)>,
    questions_sheet: Option<String>,
    headers: Vec<String>,
    /// Question id → 1-based row when exported, in export order.
    rows: BTreeMap<String, u32>,
    order: Vec<String>,
}

impl Meta {
    fn parse(cells: &BTreeMap<(u32, u32), Value>) -> Meta {
        let mut meta = Meta::default();
        let max_row = cells.keys().map(|(r, _)| *r).max().unwrap_or(0);
        for row in 0..=max_row {
            let get = |col: u32| cells.get(&(row, col)).map(Value::text).unwrap_or_default();
            let key = get(0);
            match key.as_str() {
                "" => {}
                "headers" => meta.headers = (1..=u32::from(l::COLUMNS)).map(get).collect(),
                "question" => {
                    let id = get(1);
                    if let Ok(exported_row) = get(2).parse::<u32>() {
                        meta.rows.insert(id.clone(), exported_row);
                    }
                    meta.order.push(id);
                }
                _ => {
                    meta.values.insert(key, (row, get(1)));
                }
            }
        }
        meta.questions_sheet = meta.values.get("questions_sheet").map(|(_, v)| v.clone());
        meta
    }

    fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(|(_, v)| v.as_str())
    }

    fn cell(&self, key: &str) -> String {
        self.values
            .get(key)
            .map_or_else(|| "A1".to_string(), |(row, _)| cell_name(*row, 1))
    }

    /// Refuse a workbook of another format, practice or criteria version.
    fn check(
        &self,
        expected: &FormMeta,
        questions: &[FormQuestion],
        sheets: &[String],
    ) -> Result<FormMeta, Vec<CellProblem>> {
        let at = |key: &str, message: String| CellProblem::at(META_SHEET, self.cell(key), message);
        match self.get("format") {
            Some(v) if v == FORMAT_VERSION.to_string() => {}
            Some(v) => {
                return Err(vec![at(
                    "format",
                    format!(
                        "the workbook's form format is «{v}»; this version of practice reads format {FORMAT_VERSION}"
                    ),
                )])
            }
            None => {
                return Err(vec![CellProblem::sheet(
                    META_SHEET,
                    "no form format version: this sheet was not written by `practice form export`",
                )])
            }
        }
        let mut problems = Vec::new();
        let exported = FormMeta {
            slug: self.get("slug").unwrap_or_default().to_string(),
            practice_name: self.get("practice_name").unwrap_or_default().to_string(),
            criteria_id: self.get("criteria_id").unwrap_or_default().to_string(),
            criteria_version: self.get("criteria_version").unwrap_or_default().to_string(),
            assessor: self.get("assessor").filter(|a| !a.is_empty()).map(str::to_string),
        };
        if exported.slug != expected.slug {
            problems.push(at(
                "slug",
                format!(
                    "this workbook is for practice «{}», not «{}»",
                    exported.slug, expected.slug
                ),
            ));
        }
        if exported.criteria_id != expected.criteria_id || exported.criteria_version != expected.criteria_version {
            problems.push(at(
                "criteria_version",
                format!(
                    "this workbook was exported for criteria «{}» version «{}», not «{}» version «{}»: export a new one",
                    exported.criteria_id, exported.criteria_version, expected.criteria_id, expected.criteria_version
                ),
            ));
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        if self.get("layout") != Some(l::DESCRIPTION) || self.headers.len() != usize::from(l::COLUMNS) {
            problems.push(at(
                "layout",
                "the workbook's row layout is not the one this version of practice writes".into(),
            ));
        }
        let expected_ids: Vec<&str> = questions.iter().map(|q| q.id.as_str()).collect();
        let exported_ids: Vec<&str> = self.order.iter().map(String::as_str).collect();
        if expected_ids != exported_ids {
            problems.push(CellProblem::sheet(
                META_SHEET,
                "the workbook's questions are not the criteria's questions, although the version is the same: export a new one",
            ));
        }
        match &self.questions_sheet {
            Some(name) if sheets.contains(name) => {}
            Some(name) => problems.push(CellProblem::file(format!(
                "the question sheet «{name}» is missing (renamed or deleted?)"
            ))),
            None => problems.push(CellProblem::sheet(META_SHEET, "the question sheet is not named")),
        }
        if problems.is_empty() {
            Ok(exported)
        } else {
            Err(problems)
        }
    }
}

struct RowReader<'a> {
    sheet: &'a str,
    questions: &'a [FormQuestion],
    evidence_ids: &'a BTreeSet<String>,
    criteria: String,
}

impl RowReader<'_> {
    /// Read every answer row (below the header) by its question id; all problems, or the answers.
    fn answers(&self, cells: BTreeMap<(u32, u32), Value>, meta: &Meta) -> Result<AnswerRows, Vec<CellProblem>> {
        let mut rows: BTreeMap<u32, [Value; l::COLUMNS as usize]> = BTreeMap::new();
        for ((row, col), value) in cells {
            if row >= l::FIRST_ROW {
                rows.entry(row).or_default()[col as usize] = value;
            }
        }
        let mut problems = Vec::new();
        let mut read = AnswerRows {
            answers: BTreeMap::new(),
            seen: BTreeMap::new(),
            moved: false,
        };
        for (&row, values) in &rows {
            if problems.len() >= MAX_PROBLEMS {
                break;
            }
            let Some((index, answer)) = self.row(row, values, &mut read.seen, &mut problems) else {
                continue;
            };
            let question = &self.questions[index];
            if meta.rows.get(&question.id) != Some(&(row + 1)) {
                read.moved = true;
            }
            if let Some(answer) = answer {
                read.answers.insert(question.id.clone(), answer);
            }
        }
        if problems.is_empty() {
            Ok(read)
        } else {
            Err(problems)
        }
    }

    fn at(&self, row: u32, col: u16, message: impl Into<String>) -> CellProblem {
        CellProblem::at(self.sheet, cell_name(row, u32::from(col)), message)
    }

    /// Read one row: `None` for a blank or broken row (problems pushed), otherwise the question's index and its
    /// answer (`None` when unanswered).
    fn row(
        &self,
        row: u32,
        values: &[Value; l::COLUMNS as usize],
        seen: &mut BTreeMap<String, u32>,
        problems: &mut Vec<CellProblem>,
    ) -> Option<(usize, Option<FormAnswer>)> {
        let value = |col: u16| &values[usize::from(col)];
        let filled = [l::ANSWER, l::NOTE, l::EVIDENCE]
            .into_iter()
            .filter(|&c| !value(c).is_blank())
            .collect::<Vec<_>>();
        let id = match value(l::ID) {
            Value::Error(e) => {
                problems.push(self.at(
                    row,
                    l::ID,
                    format!("an error value ({e}) where the question id should be"),
                ));
                return None;
            }
            other => other.text().trim().to_string(),
        };
        let text = value(l::QUESTION).text();
        let text_owner = self
            .questions
            .iter()
            .find(|q| normalise(&q.text) == normalise(&text) && !text.trim().is_empty());
        if id.is_empty() {
            if let Some(&col) = filled.first() {
                let hint = text_owner.map_or(String::new(), |q| format!(" (the row's question is {})", q.id));
                problems.push(self.at(
                    row,
                    col,
                    format!(
                        "filled in, but the row has no question id in {}{hint}: was the id deleted?",
                        cell_name(row, u32::from(l::ID))
                    ),
                ));
            }
            return None;
        }
        let Some(index) = self.questions.iter().position(|q| q.id == id) else {
            let hint = text_owner.map_or(String::new(), |q| {
                format!(" (the row's question is {}: was the id edited?)", q.id)
            });
            problems.push(self.at(
                row,
                l::ID,
                format!("«{id}» is not a question of the criteria {}{hint}", self.criteria),
            ));
            return None;
        };
        let question = &self.questions[index];
        if normalise(&text) != normalise(&question.text) {
            let owner = text_owner.map_or(String::new(), |q| format!(" (it is question {}'s)", q.id));
            problems.push(self.at(
                row,
                l::ID,
                format!(
                    "question id {id} does not match the question text in {}{owner}: was the id or the text edited?",
                    cell_name(row, u32::from(l::QUESTION))
                ),
            ));
            return None;
        }
        if let Some(first) = seen.get(&id) {
            problems.push(self.at(
                row,
                l::ID,
                format!(
                    "question {id} has a second row: it is in {} and {}; keep one",
                    cell_name(*first, u32::from(l::ID)),
                    cell_name(row, u32::from(l::ID))
                ),
            ));
            return None;
        }
        seen.insert(id.clone(), row);

        let before = problems.len();
        let choice = self.choice(row, question, value(l::ANSWER), problems);
        let note = match value(l::NOTE) {
            Value::Empty => None,
            Value::Text(t) if t.trim().is_empty() => None,
            Value::Text(t) => Some(t.clone()),
            Value::Number(_) | Value::Bool(_) => Some(value(l::NOTE).text()),
            Value::Date => {
                problems.push(self.at(row, l::NOTE, "a date in the note cell: write it as text"));
                None
            }
            Value::Error(e) => {
                problems.push(self.at(row, l::NOTE, format!("an error value ({e}) in the note cell")));
                None
            }
        };
        let evidence = self.evidence(row, value(l::EVIDENCE), problems);
        if problems.len() > before {
            return None;
        }
        match choice {
            Some(value) => Some((index, Some(FormAnswer { value, note, evidence }))),
            None if note.is_some() || !evidence.is_empty() => {
                problems.push(self.at(
                    row,
                    l::ANSWER,
                    format!(
                        "no answer, but a note or evidence ids in the same row: choose an answer or clear {}",
                        [l::NOTE, l::EVIDENCE]
                            .into_iter()
                            .filter(|c| filled.contains(c))
                            .map(|c| cell_name(row, u32::from(c)))
                            .collect::<Vec<_>>()
                            .join(" and ")
                    ),
                ));
                None
            }
            None => Some((index, None)),
        }
    }

    /// The option key of the answer cell, `None` when blank.
    fn choice(
        &self,
        row: u32,
        question: &FormQuestion,
        cell: &Value,
        problems: &mut Vec<CellProblem>,
    ) -> Option<String> {
        let typed = match cell {
            Value::Empty => return None,
            Value::Date => {
                problems.push(self.at(
                    row,
                    l::ANSWER,
                    format!("a date is not an option of «{}»", question.scale_label),
                ));
                return None;
            }
            Value::Error(e) => {
                problems.push(self.at(row, l::ANSWER, format!("an error value ({e}) in the answer cell")));
                return None;
            }
            other => other.text(),
        };
        let typed_norm = normalise(&typed);
        if typed_norm.is_empty() {
            return None;
        }
        if typed_norm == UNDECIDED {
            return Some(UNDECIDED.to_string());
        }
        let option = question
            .options
            .iter()
            .find(|o| normalise(&o.label) == typed_norm)
            .or_else(|| question.options.iter().find(|o| normalise(&o.key) == typed_norm));
        match option {
            Some(option) => Some(option.key.clone()),
            None => {
                let options: Vec<&str> = question.options.iter().map(|o| o.label.as_str()).collect();
                problems.push(self.at(
                    row,
                    l::ANSWER,
                    format!(
                        "«{}» is not an option of «{}» (choose one of: {})",
                        typed.trim(),
                        question.scale_label,
                        options.join(", ")
                    ),
                ));
                None
            }
        }
    }

    /// The evidence ids of the evidence cell: separated by commas, semicolons or spaces.
    fn evidence(&self, row: u32, cell: &Value, problems: &mut Vec<CellProblem>) -> Vec<String> {
        let text = match cell {
            Value::Date => {
                problems.push(self.at(row, l::EVIDENCE, "a date where evidence ids should be"));
                return Vec::new();
            }
            Value::Error(e) => {
                problems.push(self.at(row, l::EVIDENCE, format!("an error value ({e}) in the evidence cell")));
                return Vec::new();
            }
            other => other.text(),
        };
        let mut ids: Vec<String> = Vec::new();
        for id in text
            .split(|c: char| c == ',' || c == ';' || c.is_whitespace())
            .filter(|s| !s.is_empty())
        {
            if !self.evidence_ids.contains(id) {
                let known = if self.evidence_ids.is_empty() {
                    "the practice has no evidence rows".to_string()
                } else {
                    format!(
                        "known: {}",
                        self.evidence_ids.iter().cloned().collect::<Vec<_>>().join(", ")
                    )
                };
                problems.push(self.at(
                    row,
                    l::EVIDENCE,
                    format!("«{id}» is not an evidence id of this practice ({known})"),
                ));
            } else if ids.iter().any(|i| i == id) {
                problems.push(self.at(row, l::EVIDENCE, format!("evidence id «{id}» is listed twice")));
            } else {
                ids.push(id.to_string());
            }
        }
        ids
    }
}
