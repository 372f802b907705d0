//! Unit tests of `forms` (the round trip through other programs is in tests/it/forms.rs).

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};

use super::*;

fn option(key: &str, label: &str) -> FormOption {
    FormOption {
        key: key.into(),
        label: label.into(),
    }
}

fn question(id: &str, criterion: &str, text: &str, scale: &str, depth: usize) -> FormQuestion {
    let options = if scale == "beskrevet" {
        vec![
            option("ja", "Ja / godt beskrevet"),
            option("noe", "Noe beskrevet"),
            option("nei", "Nei / ikke beskrevet"),
            option("ikke-relevant", "Ikke relevant"),
        ]
    } else {
        vec![
            option("ja", "Ja"),
            option("nei", "Nei"),
            option("ikke-relevant", "Ikke relevant"),
        ]
    };
    FormQuestion {
        id: id.into(),
        criterion: criterion.into(),
        text: text.into(),
        hint: Some(format!("Råd for {id}.")),
        scale_label: if scale == "beskrevet" {
            "Godt / noe / ikke beskrevet"
        } else {
            "Ja / nei"
        }
        .into(),
        options,
        depth,
    }
}

fn questions() -> Vec<FormQuestion> {
    vec![
        question("1", "Beskrivelse", "Er praksisen beskrevet?", "beskrevet", 0),
        question("2", "Beskrivelse", "Er behovet beskrevet?", "beskrevet", 0),
        question("2a", "Beskrivelse", "Er målgruppen beskrevet?", "beskrevet", 1),
        question("10", "Resultater", "Måles resultatene?", "ja-nei", 0),
        question("11", "Resultater", "Er brukerne fornøyde?", "ja-nei", 0),
        question("21b", "Overførbarhet", "Trengs spesiell kompetanse?", "ja-nei", 1),
    ]
}

fn meta() -> FormMeta {
    FormMeta {
        slug: "sprakpraksis-grimstad".into(),
        practice_name: "Språkpraksis i Grimstad".into(),
        criteria_id: "imdi-god-praksis".into(),
        criteria_version: "2018.1".into(),
        assessor: None,
    }
}

fn evidence() -> Vec<FormEvidence> {
    (1..=4)
        .map(|i| FormEvidence {
            id: format!("e{i}"),
            kind: "forskning".into(),
            question: format!("Problemstilling {i}"),
            finding: format!("Funn {i}"),
            source: format!("Kilde {i}"),
        })
        .collect()
}

fn evidence_ids() -> BTreeSet<String> {
    evidence().into_iter().map(|e| e.id).collect()
}

fn answer(value: &str, note: Option<&str>, evidence: &[&str]) -> FormAnswer {
    FormAnswer {
        value: value.into(),
        note: note.map(str::to_string),
        evidence: evidence.iter().map(|e| e.to_string()).collect(),
    }
}

fn answers() -> BTreeMap<String, FormAnswer> {
    BTreeMap::from([
        ("1".to_string(), answer("ja", None, &[])),
        (
            "2".to_string(),
            answer("noe", Some("Behovet er nevnt,\nmen lite utdypet."), &[]),
        ),
        (
            "2a".to_string(),
            answer("ikke-relevant", Some("Alle får tilbudet."), &[]),
        ),
        ("10".to_string(), answer("nei", Some("Måles ikke."), &["e1"])),
        ("11".to_string(), answer("?", Some("Uenige."), &["e3", "e4"])),
    ])
}

fn exported() -> Vec<u8> {
    export(&meta(), &questions(), &evidence(), &answers(), &FormLabels::default()).unwrap()
}

fn read_back(bytes: &[u8]) -> Result<Imported, Vec<CellProblem>> {
    import(bytes, &meta(), &questions(), &evidence_ids())
}

fn messages(result: Result<Imported, Vec<CellProblem>>) -> Vec<String> {
    match result {
        Ok(imported) => panic!("expected problems, got {imported:?}"),
        Err(problems) => problems.iter().map(ToString::to_string).collect(),
    }
}

/// A sheet as another program would save it: text by (row, column), plus formulas and merged ranges.
#[derive(Clone, Default)]
struct Grid {
    name: String,
    cells: BTreeMap<(u32, u16), String>,
    formulas: BTreeMap<(u32, u16), String>,
    merged: Vec<(u32, u16, u32, u16)>,
    hidden: bool,
}

/// Every sheet of a workbook as a grid of texts.
fn grids(bytes: &[u8]) -> Vec<Grid> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).unwrap();
    let sheets = workbook.sheets_metadata().to_vec();
    sheets
        .iter()
        .map(|sheet| {
            let range = workbook.worksheet_range(&sheet.name).unwrap();
            let mut cells = BTreeMap::new();
            for (row, col, value) in range.used_cells() {
                let (row, col) = (
                    row as u32 + range.start().unwrap().0,
                    col as u32 + range.start().unwrap().1,
                );
                if !matches!(value, Data::Empty) {
                    cells.insert((row, col as u16), value.to_string());
                }
            }
            Grid {
                name: sheet.name.clone(),
                cells,
                hidden: sheet.visible != calamine::SheetVisible::Visible,
                ..Grid::default()
            }
        })
        .collect()
}

/// Write grids back as a workbook (all text, no protection: as a careless program would).
fn write_grids(grids: &[Grid]) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    for grid in grids {
        let sheet = workbook.add_worksheet();
        sheet.set_name(&grid.name).unwrap();
        for ((row, col), text) in &grid.cells {
            sheet.write_string(*row, *col, text).unwrap();
        }
        for ((row, col), formula) in &grid.formulas {
            sheet.write_formula(*row, *col, formula.as_str()).unwrap();
        }
        for (r1, c1, r2, c2) in &grid.merged {
            sheet
                .merge_range(*r1, *c1, *r2, *c2, "", &rust_xlsxwriter::Format::new())
                .unwrap();
        }
        sheet.set_hidden(grid.hidden);
    }
    workbook.save_to_buffer().unwrap()
}

/// Export, let `edit` change the question sheet (`grids[0]`) or others, write it back.
fn edited(edit: impl FnOnce(&mut Vec<Grid>)) -> Vec<u8> {
    let mut sheets = grids(&exported());
    edit(&mut sheets);
    write_grids(&sheets)
}

/// 0-based row of question `index` (0 = the first question) on the question sheet.
fn row_of(index: u32) -> u32 {
    layout::FIRST_ROW + index
}

#[test]
fn export_is_deterministic() {
    assert_eq!(exported(), exported());
}

#[test]
fn unchanged_export_imports_the_same_answers() {
    let imported = read_back(&exported()).unwrap();
    assert_eq!(imported.answers, answers());
    assert_eq!(imported.unanswered, vec!["21b".to_string()]);
    assert_eq!(imported.assessor, None);
    assert_eq!(imported.exported, meta());
    assert!(imported.warnings.is_empty(), "{:?}", imported.warnings);
}

#[test]
fn assessor_is_written_and_read_back() {
    let meta = FormMeta {
        assessor: Some("Kari Nordmann".into()),
        ..meta()
    };
    let bytes = export(&meta, &questions(), &evidence(), &answers(), &FormLabels::default()).unwrap();
    let imported = read_back(&bytes).unwrap();
    assert_eq!(imported.assessor.as_deref(), Some("Kari Nordmann"));
    assert_eq!(imported.exported.assessor.as_deref(), Some("Kari Nordmann"));
    // An analyst who types their name in the assessor cell.
    let bytes = edited(|sheets| {
        sheets[0]
            .cells
            .insert((layout::ASSESSOR_ROW, layout::ASSESSOR_COL), "  Ola  ".into());
    });
    assert_eq!(read_back(&bytes).unwrap().assessor.as_deref(), Some("Ola"));
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut text = String::new();
    archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
    text
}

#[test]
fn workbook_has_drop_downs_protection_and_sheets() {
    let bytes = exported();
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<sheetProtection"), "question sheet is protected");
    assert!(!sheet.contains("password"), "without a password");
    assert!(sheet.contains(r#"type="list""#));
    assert!(sheet.contains("&quot;Ja,Nei,Ikke relevant&quot;") || sheet.contains("\"Ja,Nei,Ikke relevant\""));
    assert!(sheet.contains("Ja / godt beskrevet,Noe beskrevet,Nei / ikke beskrevet,Ikke relevant"));
    assert!(
        sheet.contains(r#"sqref="E6""#),
        "one drop-down per answer cell: {sheet}"
    );
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains(r#"locked="0""#), "answer cells are unlocked");
    assert!(part(&bytes, "xl/worksheets/sheet2.xml").contains("<sheetProtection"));

    let workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes.as_slice())).unwrap();
    let sheets: Vec<(String, bool)> = workbook
        .sheets_metadata()
        .iter()
        .map(|s| (s.name.clone(), s.visible == calamine::SheetVisible::Visible))
        .collect();
    assert_eq!(
        sheets,
        [
            ("Vurdering".to_string(), true),
            ("Kunnskapsgrunnlag".to_string(), true),
            ("Veiledning".to_string(), true),
            (META_SHEET.to_string(), false)
        ]
    );
    let grids = grids(&exported());
    let q = &grids[0];
    assert_eq!(q.cells[&(layout::HEADER_ROW, layout::ANSWER)], "Svar");
    assert_eq!(q.cells[&(row_of(0), layout::ANSWER)], "Ja / godt beskrevet");
    assert_eq!(q.cells[&(row_of(2), layout::ANSWER)], "Ikke relevant");
    assert_eq!(q.cells[&(row_of(3), layout::EVIDENCE)], "e1");
    assert_eq!(q.cells[&(row_of(4), layout::EVIDENCE)], "e3, e4");
    assert_eq!(q.cells[&(row_of(4), layout::ANSWER)], "?");
    assert_eq!(grids[1].cells[&(4, 3)], "Funn 4");
}

#[test]
fn labels_and_keys_map_back_to_keys() {
    let bytes = edited(|sheets| {
        let q = &mut sheets[0].cells;
        q.insert((row_of(0), layout::ANSWER), "  noe   BESKREVET ".into());
        q.insert((row_of(1), layout::ANSWER), "ikke-relevant".into());
        q.insert((row_of(2), layout::ANSWER), "nei / ikke beskrevet".into());
        q.insert((row_of(5), layout::ANSWER), "JA".into());
        q.insert((row_of(5), layout::EVIDENCE), "e2;e1  e4".into());
    });
    let imported = read_back(&bytes).unwrap();
    assert_eq!(imported.answers["1"].value, "noe");
    assert_eq!(imported.answers["2"].value, "ikke-relevant");
    assert_eq!(imported.answers["2a"].value, "nei");
    assert_eq!(imported.answers["21b"], answer("ja", None, &["e2", "e1", "e4"]));
    assert!(imported.unanswered.is_empty());
}

#[test]
fn a_value_that_is_not_an_option_names_the_cell_and_the_scale() {
    let bytes = edited(|sheets| {
        sheets[0].cells.insert((row_of(4), layout::ANSWER), "kanskje".into());
    });
    assert_eq!(
        messages(read_back(&bytes)),
        ["Vurdering!E10: «kanskje» is not an option of «Ja / nei» (choose one of: Ja, Nei, Ikke relevant)"]
    );
}

#[test]
fn another_practice_or_criteria_version_is_refused() {
    let other = FormMeta {
        slug: "annen-praksis".into(),
        ..meta()
    };
    let problems = messages(import(&exported(), &other, &questions(), &evidence_ids()));
    assert_eq!(
        problems,
        ["'practice-form'!B2: this workbook is for practice «sprakpraksis-grimstad», not «annen-praksis»"]
    );
    let newer = FormMeta {
        criteria_version: "2025.1".into(),
        ..meta()
    };
    let problems = messages(import(&exported(), &newer, &questions(), &evidence_ids()));
    assert!(
        problems[0].contains("criteria «imdi-god-praksis» version «2018.1», not «imdi-god-praksis» version «2025.1»")
    );
    // Same version, other questions: the criteria file changed without a version bump.
    let mut fewer = questions();
    fewer.pop();
    let problems = messages(import(&exported(), &meta(), &fewer, &evidence_ids()));
    assert!(problems[0].contains("not the criteria's questions"), "{problems:?}");
}

#[test]
fn a_workbook_without_metadata_or_of_another_format_is_refused() {
    let bytes = edited(|sheets| {
        sheets.pop();
    });
    assert!(messages(read_back(&bytes))[0].contains("has no «practice-form» sheet"));
    let bytes = edited(|sheets| {
        sheets[3].cells.insert((0, 1), "2".into());
    });
    assert_eq!(
        messages(read_back(&bytes)),
        ["'practice-form'!B1: the workbook's form format is «2»; this version of practice reads format 1"]
    );
    let bytes = edited(|sheets| sheets[0].name = "Min vurdering".into());
    assert!(messages(read_back(&bytes))[0].contains("the question sheet «Vurdering» is missing"));
}

/// Move the question sheet's row `from` to `to` (0-based rows), as cut-and-paste would.
fn move_row(grid: &mut Grid, from: u32, to: u32) {
    let moved: Vec<((u32, u16), String)> = grid
        .cells
        .iter()
        .filter(|((r, _), _)| *r == from)
        .map(|(k, v)| (*k, v.clone()))
        .collect();
    grid.cells.retain(|(r, _), _| *r != from);
    for ((_, col), text) in moved {
        grid.cells.insert((to, col), text);
    }
}

#[test]
fn rows_are_matched_by_id_deleted_rows_are_unanswered_and_moved_rows_are_fine() {
    let bytes = edited(|sheets| {
        let q = &mut sheets[0];
        move_row(q, row_of(0), row_of(20));
        q.cells.retain(|(r, _), _| *r != row_of(3)); // question 10 deleted
    });
    let imported = read_back(&bytes).unwrap();
    let mut expected = answers();
    expected.remove("10");
    assert_eq!(imported.answers, expected);
    assert_eq!(imported.unanswered, ["10", "21b"]);
    let warnings: Vec<String> = imported.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "Vurdering: rows were moved or sorted; each was read by its question id",
            "Vurdering: question 10 has no row (row 9 when exported); it is left unanswered"
        ]
    );
}

#[test]
fn duplicated_unknown_and_edited_ids_are_errors() {
    let bytes = edited(|sheets| {
        let q = &mut sheets[0];
        let copy: Vec<((u32, u16), String)> = q
            .cells
            .iter()
            .filter(|((r, _), _)| *r == row_of(1))
            .map(|((_, c), v)| ((row_of(12), *c), v.clone()))
            .collect();
        q.cells.extend(copy);
        q.cells.insert((row_of(13), layout::ID), "99".into());
        q.cells.insert((row_of(13), layout::ANSWER), "Ja".into());
        q.cells.insert((row_of(2), layout::ID), "1".into()); // 2a's id edited to 1 (1 is also in A6)
        q.cells.remove(&(row_of(5), layout::ID)); // 21b's id deleted, answer typed
        q.cells.insert((row_of(5), layout::ANSWER), "Ja".into());
    });
    assert_eq!(
        messages(read_back(&bytes)),
        [
            "Vurdering!A8: question id 1 does not match the question text in C8 (it is question 2a's): was the id or the text edited?",
            "Vurdering!E11: filled in, but the row has no question id in A11 (the row's question is 21b): was the id deleted?",
            "Vurdering!A18: question 2 has a second row: it is in A7 and A18; keep one",
            "Vurdering!A19: «99» is not a question of the criteria imdi-god-praksis 2018.1",
        ]
    );
    let bytes = edited(|sheets| {
        sheets[0].cells.insert((row_of(2), layout::ID), "21b".into());
    });
    assert_eq!(
        messages(read_back(&bytes)),
        ["Vurdering!A8: question id 21b does not match the question text in C8 (it is question 2a's): was the id or the text edited?"]
    );
}

#[test]
fn formulas_and_merged_cells_are_refused() {
    let bytes = edited(|sheets| {
        let q = &mut sheets[0];
        q.cells.remove(&(row_of(0), layout::ANSWER));
        q.formulas.insert((row_of(0), layout::ANSWER), "=\"Ja\"".into());
        q.merged.push((row_of(5), layout::NOTE, row_of(5), layout::EVIDENCE));
    });
    assert_eq!(
        messages(read_back(&bytes)),
        [
            "Vurdering!F11:G11: merged cells: unmerge them (every answer needs its own cell)",
            "Vurdering!E6: a formula in the «Svar» cell: type the value itself"
        ]
    );
}

#[test]
fn a_formula_does_not_hide_the_other_cell_problems() {
    let bytes = edited(|sheets| {
        let q = &mut sheets[0];
        q.cells.remove(&(row_of(1), layout::NOTE));
        q.formulas.insert((row_of(1), layout::NOTE), "=\"Nevnt\"".into());
        q.cells.insert((row_of(4), layout::ANSWER), "kanskje".into());
        q.cells.insert((row_of(3), layout::EVIDENCE), "e9".into());
        q.cells.insert((row_of(5), layout::NOTE), "Bare en merknad".into());
    });
    assert_eq!(
        messages(read_back(&bytes)),
        [
            "Vurdering!F7: a formula in the «Merknad» cell: type the value itself",
            "Vurdering!G9: «e9» is not an evidence id of this practice (known: e1, e2, e3, e4)",
            "Vurdering!E10: «kanskje» is not an option of «Ja / nei» (choose one of: Ja, Nei, Ikke relevant)",
            "Vurdering!E11: no answer, but a note or evidence ids in the same row: choose an answer or clear F11",
        ]
    );
}

#[test]
fn evidence_ids_must_exist_and_notes_need_an_answer() {
    let bytes = edited(|sheets| {
        let q = &mut sheets[0].cells;
        q.insert((row_of(3), layout::EVIDENCE), "e1, e9, e1".into());
        q.insert((row_of(5), layout::NOTE), "Bare en merknad".into());
    });
    assert_eq!(
        messages(read_back(&bytes)),
        [
            "Vurdering!G9: «e9» is not an evidence id of this practice (known: e1, e2, e3, e4)",
            "Vurdering!G9: evidence id «e1» is listed twice",
            "Vurdering!E11: no answer, but a note or evidence ids in the same row: choose an answer or clear F11",
        ]
    );
}

#[test]
fn inserted_columns_are_refused() {
    let bytes = edited(|sheets| {
        let q = &mut sheets[0];
        q.cells = std::mem::take(&mut q.cells)
            .into_iter()
            .map(|((r, c), v)| if c >= 2 { ((r, c + 1), v) } else { ((r, c), v) })
            .collect();
    });
    let problems = messages(read_back(&bytes));
    assert_eq!(
        problems[0],
        "Vurdering!C5: the header is «», expected «Spørsmål»: were columns inserted, deleted or moved?"
    );
}

#[test]
fn files_that_are_not_workbooks_give_problems_not_panics() {
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (Vec::new(), "not a zip archive"),
        (b"hello, world".to_vec(), "not a zip archive"),
        (vec![0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0], "old-style .xls"),
        (vec![0; MAX_FILE_BYTES + 1], "workbooks over 20 MiB are refused"),
        (zip_with(&[("hello.txt", "hi")]), "it has no xl/workbook.xml"),
        (
            zip_with(&[
                ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
                ("content.xml", "<x/>"),
            ]),
            ".ods",
        ),
        (
            zip_with(&[("xl/workbook.xml", "<workbook")]),
            "not a readable .xlsx workbook",
        ),
        (exported()[..2000].to_vec(), "not an .xlsx workbook"),
    ];
    for (bytes, expected) in cases {
        let problems = messages(read_back(&bytes));
        assert!(
            problems.len() == 1 && problems[0].contains(expected),
            "{problems:?} should say {expected}"
        );
    }
    // A workbook without the form's sheets.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook.add_worksheet();
    let empty = workbook.save_to_buffer().unwrap();
    assert!(messages(read_back(&empty))[0].contains("was not written by `practice form export`"));
}

fn zip_with(parts: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for (name, text) in parts {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(text.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn a_huge_sheet_is_refused() {
    let bytes = edited(|sheets| {
        sheets[0].cells.insert((MAX_ROWS + 5, 0), "x".into());
    });
    assert_eq!(
        messages(read_back(&bytes)),
        ["Vurdering!A10006: the sheet has rows beyond row 10000; larger sheets are refused"]
    );
}

#[test]
fn damaged_exports_never_panic() {
    let original = exported();
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    for _ in 0..300 {
        let mut bytes = original.clone();
        for _ in 0..4 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let at = (state % bytes.len() as u64) as usize;
            bytes[at] = (state >> 32) as u8;
        }
        let _ = read_back(&bytes);
    }
}

#[test]
fn export_refuses_what_it_cannot_represent() {
    let labels = FormLabels::default();
    let mut stray = answers();
    stray.insert("77".into(), answer("ja", None, &[]));
    assert_eq!(
        export(&meta(), &questions(), &evidence(), &stray, &labels),
        Err(FormError::UnknownQuestion("77".into()))
    );
    let mut twice = questions();
    twice.push(twice[0].clone());
    assert_eq!(
        export(&meta(), &twice, &evidence(), &answers(), &labels),
        Err(FormError::DuplicateQuestion("1".into()))
    );
    let mut same_label = questions();
    same_label[0].options[1].label = "ja / GODT beskrevet".into();
    assert!(matches!(
        export(&meta(), &same_label, &evidence(), &answers(), &labels),
        Err(FormError::BadOptions { .. })
    ));
    let bad_sheet = FormLabels {
        evidence_sheet: "Kunnskap: grunnlag".into(),
        ..FormLabels::default()
    };
    assert!(matches!(
        export(&meta(), &questions(), &evidence(), &answers(), &bad_sheet),
        Err(FormError::BadLabel(_))
    ));
}

#[test]
fn other_labels_and_option_labels_with_commas() {
    let labels = FormLabels {
        questions_sheet: "Assessment".into(),
        evidence_sheet: "Evidence".into(),
        instructions_sheet: "Read me".into(),
        answer: "Answer".into(),
        ..FormLabels::default()
    };
    let mut questions = questions();
    questions[0].options[0].label = "Yes, well described".into();
    let bytes = export(&meta(), &questions, &evidence(), &answers(), &labels).unwrap();
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("'practice-form'!$K$1:$K$4"),
        "a list with commas is a range: {sheet}"
    );
    let imported = import(&bytes, &meta(), &questions, &evidence_ids()).unwrap();
    assert_eq!(imported.answers, answers());
    assert_eq!(grids(&bytes)[0].name, "Assessment");
}

#[test]
fn problems_display_with_sheet_and_cell() {
    assert_eq!(CellProblem::at("Vurdering", "E7", "x").to_string(), "Vurdering!E7: x");
    assert_eq!(
        CellProblem::sheet("Min vurdering", "x").to_string(),
        "'Min vurdering': x"
    );
    assert_eq!(CellProblem::file("x").to_string(), "x");
    assert_eq!(cell_name(0, 0), "A1");
    assert_eq!(cell_name(9, 26), "AA10");
    assert_eq!(column_name(16_383), "XFD");
}

#[test]
fn tables_keep_numbers_percentages_and_headers() {
    let table = TableSheet {
        name: "Praksiser".into(),
        headers: vec![
            "Praksis".into(),
            "Poeng".into(),
            "Samlet score".into(),
            "Merknad".into(),
        ],
        rows: vec![
            vec![
                TableCell::Text("Språkpraksis".into()),
                TableCell::Number(12.5),
                TableCell::Percent(0.790278),
                TableCell::Empty,
            ],
            vec![
                TableCell::Text("Annen".into()),
                TableCell::Number(f64::NAN),
                TableCell::Percent(1.0),
                TableCell::Text("ny".into()),
            ],
        ],
    };
    let bytes = table_xlsx(&table).unwrap();
    assert_eq!(bytes, table_xlsx(&table).unwrap(), "deterministic");
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes.as_slice())).unwrap();
    let range = workbook.worksheet_range("Praksiser").unwrap();
    assert_eq!(range.get_value((0, 2)), Some(&Data::String("Samlet score".into())));
    assert_eq!(range.get_value((1, 1)), Some(&Data::Float(12.5)));
    assert_eq!(range.get_value((1, 2)), Some(&Data::Float(0.790278)));
    assert_eq!(range.get_value((1, 3)), Some(&Data::Empty));
    assert_eq!(range.get_value((2, 1)), Some(&Data::Empty), "NaN is left empty");
    assert_eq!(range.get_value((2, 3)), Some(&Data::String("ny".into())));
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"<autoFilter ref="A1:D3"/>"#), "{sheet}");
    assert!(sheet.contains(r#"state="frozen""#));
    assert!(part(&bytes, "xl/styles.xml").contains(r#"formatCode="0.0%""#));
    assert_eq!(
        table_xlsx(&TableSheet {
            rows: vec![Vec::new(); MAX_ROWS as usize + 1],
            ..table
        }),
        Err(FormError::TooManyRows(MAX_ROWS as usize + 1))
    );
}
