//! A plain table as a workbook (`--format xlsx` on listings).

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatBorder, Workbook};

use super::{FormError, MAX_ROWS};

/// One cell of a [`TableSheet`].
#[derive(Clone, Debug, PartialEq)]
pub enum TableCell {
    /// Text.
    Text(String),
    /// A number, written as a number.
    Number(f64),
    /// A fraction 0–1, written as a number formatted as a percentage (`0.79` shows as `79.0 %`).
    Percent(f64),
    /// Nothing. Non-finite numbers are written as this too.
    Empty,
}

/// A table: one sheet with a header row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TableSheet {
    /// The sheet's name (1–31 characters, none of `[]:*?/\`).
    pub name: String,
    /// Header labels, one per column.
    pub headers: Vec<String>,
    /// Rows of cells; a row may be shorter or longer than the headers.
    pub rows: Vec<Vec<TableCell>>,
}

/// Write `table` as an `.xlsx` workbook: headers in bold in a frozen first row with an autofilter over the table,
/// numbers as numbers, percentages formatted `0.0%`, columns fitted to their content. The same input gives the
/// same bytes.
///
/// # Errors
///
/// [`FormError::TooManyRows`] past [`MAX_ROWS`] rows, [`FormError::Xlsx`] for an invalid sheet name, more than
/// 16,384 columns or a text over 32,767 characters.
pub fn table_xlsx(table: &TableSheet) -> Result<Vec<u8>, FormError> {
    if table.rows.len() > MAX_ROWS as usize {
        return Err(FormError::TooManyRows(table.rows.len()));
    }
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .chain(std::iter::once(table.headers.len()))
        .max()
        .unwrap_or(0);
    if columns > 16_384 {
        return Err(FormError::Xlsx(format!(
            "{columns} columns is more than Excel's 16,384"
        )));
    }
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let header = Format::new().set_bold().set_border_bottom(FormatBorder::Thin);
    let percent = Format::new().set_num_format("0.0%");

    let sheet = workbook.add_worksheet();
    sheet.set_name(&table.name)?;
    for (col, label) in table.headers.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, label, &header)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (col, cell) in row.iter().enumerate() {
            let col = col as u16;
            match cell {
                TableCell::Text(text) => {
                    sheet.write_string(r, col, text)?;
                }
                TableCell::Number(n) if n.is_finite() => {
                    sheet.write_number(r, col, *n)?;
                }
                TableCell::Percent(p) if p.is_finite() => {
                    sheet.write_number_with_format(r, col, *p, &percent)?;
                }
                TableCell::Number(_) | TableCell::Percent(_) | TableCell::Empty => {}
            }
        }
    }
    if columns > 0 {
        sheet.set_freeze_panes(1, 0)?;
        sheet.autofilter(0, 0, table.rows.len() as u32, columns as u16 - 1)?;
        sheet.autofit();
    }
    Ok(workbook.save_to_buffer()?)
}
