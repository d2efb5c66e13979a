//! Checking each data row below the header: name, ID number, unit and months, and repeats.

use std::collections::HashMap;

use super::header::{Column, Layout, classify};
use super::month::{MonthProblem, cell_text, months_between, months_of_cell};
use super::sheet::Cell;
use super::{AcceptedRow, ImportError, RejectedRow};
use crate::domain::progress::Progress;
use crate::domain::records::{PaymentRecord, YearMonth};
use crate::domain::{CreditCode, IdNumber};
use crate::i18n::{Key, Message};

/// 1e15: a number cell below this keeps all its digits (Excel keeps 15), so a 15-digit legacy
/// ID number stored as a number is still exact; an 18-digit one is not.
const EXACT_DIGITS_LIMIT: f64 = 1e15;

/// The unit named above the header (`单位名称：…  统一社会信用代码：…`), for rosters that
/// give it once instead of in a column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TitleUnit {
    /// The unit's name, if the title rows give it.
    pub name: Option<String>,
    /// The credit code as written, if the title rows give it.
    pub credit_code: Option<String>,
}

/// Reads `单位名称：…` and `统一社会信用代码：…` from the rows above the header, as `label：value`
/// in one cell or as a label cell followed by a value cell.
pub fn title_unit(rows: &[Vec<Cell>]) -> TitleUnit {
    let mut unit = TitleUnit::default();
    for row in rows {
        let texts: Vec<&str> = row.iter().filter_map(Cell::text).collect();
        for (index, text) in texts.iter().enumerate() {
            for part in text.split_whitespace() {
                let (label, value) = part.split_once([':', '：']).unwrap_or((part, ""));
                let value = if value.is_empty() { texts.get(index + 1).copied().unwrap_or_default() } else { value };
                match classify(label, "") {
                    Some(Column::UnitCode) if unit.credit_code.is_none() && !value.is_empty() => {
                        unit.credit_code = Some(value.to_owned());
                    }
                    Some(Column::UnitName) if unit.name.is_none() && !value.is_empty() => {
                        unit.name = Some(value.to_owned());
                    }
                    _ => {}
                }
            }
        }
    }
    unit
}

/// Why a row is rejected: a message, and the identifier parser's own message when it has one.
struct Problem {
    message: Message,
    detail: Option<Message>,
}

impl Problem {
    fn new(message: Message) -> Self {
        Self { message, detail: None }
    }

    fn at(self, row: usize) -> RejectedRow {
        RejectedRow { row, problem: self.message, detail: self.detail }
    }
}

/// Accepted and rejected rows of a sheet.
#[derive(Debug, Default)]
pub struct Checked {
    /// Rows understood.
    pub accepted: Vec<AcceptedRow>,
    /// Rows rejected, with the problem.
    pub rejected: Vec<RejectedRow>,
}

/// Checks every non-empty row below the header. Row numbers are the sheet's, counting from 1.
/// Counts the rows checked in `progress` and stops when it is cancelled.
pub fn check_rows(
    rows: &[Vec<Cell>],
    layout: &Layout,
    title: &TitleUnit,
    progress: &Progress,
) -> Result<Checked, ImportError> {
    let mut checked = Checked::default();
    let mut seen: HashMap<(String, String, Vec<YearMonth>), usize> = HashMap::new();
    let mut names: HashMap<String, (String, usize)> = HashMap::new();
    let first_data_row = layout.header_row + 1;
    progress.start(rows.len().saturating_sub(first_data_row));
    for (index, row) in rows.iter().enumerate().skip(first_data_row) {
        if progress.checkpoint(index - first_data_row) {
            return Err(ImportError::Cancelled);
        }
        if row.iter().all(Cell::is_empty) {
            continue;
        }
        let row_number = index + 1;
        let record = match check_row(row, layout, title) {
            Ok(record) => record,
            Err(problem) => {
                checked.rejected.push(problem.at(row_number));
                continue;
            }
        };
        let id = record.id_number.as_str().to_owned();
        if let Some((first_name, first_row)) = names.get(&id)
            && *first_name != record.name
        {
            let problem = Message::new(Key::ImportNameConflict)
                .arg("first", first_row)
                .arg("name", &record.name)
                .arg("first_name", first_name);
            checked.rejected.push(Problem::new(problem).at(row_number));
            continue;
        }
        let key = (id.clone(), record.unit_credit_code.as_str().to_owned(), record.months.clone());
        if let Some(first_row) = seen.get(&key) {
            let problem = Message::new(Key::ImportDuplicateRow).arg("first", first_row);
            checked.rejected.push(Problem::new(problem).at(row_number));
            continue;
        }
        seen.insert(key, row_number);
        names.entry(id).or_insert_with(|| (record.name.clone(), row_number));
        checked.accepted.push(AcceptedRow { row: row_number, record });
    }
    progress.set_done(rows.len().saturating_sub(first_data_row));
    Ok(checked)
}

fn check_row(row: &[Cell], layout: &Layout, title: &TitleUnit) -> Result<PaymentRecord, Problem> {
    let cell = |kind| layout.column(kind).and_then(|index| row.get(index)).unwrap_or(&Cell::Empty);

    let name = cell_text(cell(Column::Name)).trim().to_owned();
    if name.is_empty() {
        return Err(Problem::new(Message::new(Key::ImportNameMissing)));
    }
    let id_number = id_number_of(cell(Column::IdNumber))?;
    let unit_credit_code = credit_code_of(cell(Column::UnitCode), title)?;
    let unit_name = match cell_text(cell(Column::UnitName)).trim() {
        "" => title.name.clone().ok_or_else(|| Problem::new(Message::new(Key::ImportUnitNameMissing)))?,
        text => text.to_owned(),
    };
    let months = months_of_row(layout, &cell).map_err(|problem| Problem::new(month_message(problem)))?;
    Ok(PaymentRecord { name, id_number, unit_credit_code, unit_name, months })
}

fn id_number_of(cell: &Cell) -> Result<IdNumber, Problem> {
    let invalid = |detail| Problem { message: Message::new(Key::ImportIdInvalid), detail: Some(detail) };
    let text = match cell {
        Cell::Number(value) if *value >= EXACT_DIGITS_LIMIT || value.fract() != 0.0 => {
            return Err(invalid(Message::new(Key::IdScientificNotation)));
        }
        other => cell_text(other),
    };
    IdNumber::parse(&text).map_err(|error| match error.message() {
        empty if empty.key() == Key::IdEmpty => Problem::new(empty),
        detail => invalid(detail),
    })
}

fn credit_code_of(cell: &Cell, title: &TitleUnit) -> Result<CreditCode, Problem> {
    let text = match cell_text(cell).trim() {
        "" => title.credit_code.clone().ok_or_else(|| Problem::new(Message::new(Key::ImportUnitCodeMissing)))?,
        text => text.to_owned(),
    };
    CreditCode::parse(&text)
        .map_err(|error| Problem { message: Message::new(Key::ImportUnitCodeInvalid), detail: Some(error.message()) })
}

fn months_of_row<'a>(layout: &Layout, cell: &impl Fn(Column) -> &'a Cell) -> Result<Vec<YearMonth>, MonthProblem> {
    let mut months = if layout.column(Column::MonthFrom).is_some() {
        months_between(cell(Column::MonthFrom), cell(Column::MonthTo))?
    } else if layout.column(Column::MonthRange).is_some() {
        months_of_cell(cell(Column::MonthRange))?
    } else {
        months_of_cell(cell(Column::Month))?
    };
    months.sort_unstable();
    months.dedup();
    Ok(months)
}

fn month_message(problem: MonthProblem) -> Message {
    match problem {
        MonthProblem::Missing => Message::new(Key::ImportMonthMissing),
        MonthProblem::Unreadable { text } => Message::new(Key::ImportMonthUnreadable).arg("text", text),
        MonthProblem::Ambiguous { text, year } => {
            Message::new(Key::ImportMonthAmbiguous).arg("text", text).arg("year", year)
        }
        MonthProblem::OpenEnded { text } => Message::new(Key::ImportMonthOpenEnded).arg("text", text),
        MonthProblem::Reversed { text } => Message::new(Key::ImportMonthReversed).arg("text", text),
    }
}
