//! Reading a file's bytes into sheets of cells: the format is detected by content, never by the
//! file name, and text is decoded as UTF-8 (with or without BOM), UTF-16 with BOM, or GBK.

use std::io::Cursor;

use calamine::{Data, Dimensions, Range, Reader as _, Xls, Xlsx};
use chrono::NaiveDate;

use super::ImportError;
use crate::domain::progress::{CHECK_EVERY, Progress};

/// The start of every ZIP archive, which an .xlsx workbook is.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// The start of a Compound File Binary, which an .xls workbook (Excel 97-2003) is.
const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Other formats users pick by mistake, named in the error so they know what they chose.
const OTHER_MAGIC: &[(&[u8], &str)] = &[
    (b"\x89PNG", "PNG"),
    (b"\xFF\xD8\xFF", "JPEG"),
    (b"GIF8", "GIF"),
    (b"%PDF", "PDF"),
    (b"\x1F\x8B", "gzip"),
    (b"Rar!", "RAR"),
    (b"7z\xBC\xAF", "7z"),
];

/// The format a file was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// Excel 2007 and later.
    Xlsx,
    /// Excel 97-2003.
    Xls,
    /// Comma-, tab- or semicolon-separated text in one of the encodings.
    Csv(TextEncoding),
}

/// The encoding a CSV file was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    /// UTF-8 without a byte order mark.
    Utf8,
    /// UTF-8 with a byte order mark, as Excel writes "CSV UTF-8".
    Utf8Bom,
    /// UTF-16 with a byte order mark, as Excel writes "Unicode text".
    Utf16,
    /// GBK, decoded as its superset GB 18030.
    Gbk,
}

impl FileFormat {
    /// Returns the format's name, the same in every language.
    pub fn label(self) -> &'static str {
        match self {
            Self::Xlsx => "Excel (.xlsx)",
            Self::Xls => "Excel 97-2003 (.xls)",
            Self::Csv(TextEncoding::Utf8) => "CSV (UTF-8)",
            Self::Csv(TextEncoding::Utf8Bom) => "CSV (UTF-8 BOM)",
            Self::Csv(TextEncoding::Utf16) => "CSV (UTF-16)",
            Self::Csv(TextEncoding::Gbk) => "CSV (GBK)",
        }
    }
}

/// One cell's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing in the cell.
    Empty,
    /// Text, trimmed.
    Text(String),
    /// A number as Excel stores it, which loses digits past the 15th.
    Number(f64),
    /// A cell with a date format.
    Date(NaiveDate),
}

impl Cell {
    /// Returns the cell as text for header matching, or `None` when it has none.
    pub fn text(&self) -> Option<&str> {
        match self {
            Self::Text(text) if !text.is_empty() => Some(text),
            _ => None,
        }
    }

    /// Tells whether the cell is empty or blank text.
    pub fn is_empty(&self) -> bool {
        matches!(self, Self::Empty) || matches!(self, Self::Text(text) if text.is_empty())
    }
}

/// A worksheet as rows of cells; index 0 is the sheet's row 1.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    /// The sheet's name; `None` for CSV.
    pub name: Option<String>,
    /// The rows.
    pub rows: Vec<Vec<Cell>>,
}

/// Detects the format of `bytes` and reads every sheet. Only CSV stops early on a cancel,
/// because calamine reads a whole worksheet in one call.
pub fn read_sheets(bytes: &[u8], progress: &Progress) -> Result<(FileFormat, Vec<Sheet>), ImportError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ImportError::Empty);
    }
    if bytes.starts_with(ZIP_MAGIC) {
        return read_xlsx(bytes).map(|sheets| (FileFormat::Xlsx, sheets));
    }
    if bytes.starts_with(CFB_MAGIC) {
        return read_xls(bytes).map(|sheets| (FileFormat::Xls, sheets));
    }
    if let Some((_, name)) = OTHER_MAGIC.iter().find(|(magic, _)| bytes.starts_with(magic)) {
        return Err(ImportError::OtherFormat { format: name });
    }
    let Some((text, encoding)) = decode_text(bytes) else {
        return Err(ImportError::NotSpreadsheet);
    };
    Ok((FileFormat::Csv(encoding), vec![read_csv(&text, progress)?]))
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, ImportError> {
    let unreadable = |error: calamine::XlsxError| {
        tracing::debug!(%error, "cannot read the .xlsx workbook");
        ImportError::UnreadableWorkbook { format: FileFormat::Xlsx }
    };
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).map_err(unreadable)?;
        let merged = workbook.worksheet_merge_cells(&name).transpose().map_err(unreadable)?.unwrap_or_default();
        sheets.push(sheet_from_range(name, &range, &merged));
    }
    Ok(sheets)
}

fn read_xls(bytes: &[u8]) -> Result<Vec<Sheet>, ImportError> {
    let unreadable = |error: calamine::XlsError| {
        tracing::debug!(%error, "cannot read the .xls workbook");
        ImportError::UnreadableWorkbook { format: FileFormat::Xls }
    };
    let mut workbook = Xls::new(Cursor::new(bytes)).map_err(unreadable)?;
    let mut sheets = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook.worksheet_range(&name).map_err(unreadable)?;
        let merged = workbook.worksheet_merge_cells(&name).unwrap_or_default();
        sheets.push(sheet_from_range(name, &range, &merged));
    }
    Ok(sheets)
}

/// Builds a sheet with absolute row and column positions, copying each merged region's value
/// into every cell it covers so a merged header reads the same in each column and row below it.
fn sheet_from_range(name: String, range: &Range<Data>, merged: &[Dimensions]) -> Sheet {
    let Some((first_row, first_column)) = range.start() else {
        return Sheet { name: Some(name), rows: Vec::new() };
    };
    let (height, width) = range.get_size();
    let width = width + first_column as usize;
    let mut rows = vec![vec![Cell::Empty; width]; first_row as usize];
    for row in range.rows() {
        let mut cells = vec![Cell::Empty; first_column as usize];
        cells.extend(row.iter().map(cell_from_data));
        rows.push(cells);
    }
    debug_assert_eq!(rows.len(), first_row as usize + height);
    for region in merged {
        fill_merged(&mut rows, region);
    }
    Sheet { name: Some(name), rows }
}

fn fill_merged(rows: &mut [Vec<Cell>], region: &Dimensions) {
    let (top, left) = (region.start.0 as usize, region.start.1 as usize);
    let (bottom, right) = (region.end.0 as usize, region.end.1 as usize);
    let Some(value) = rows.get(top).and_then(|row| row.get(left)).cloned() else { return };
    for row in rows.iter_mut().take(bottom + 1).skip(top) {
        for cell in row.iter_mut().take(right + 1).skip(left) {
            cell.clone_from(&value);
        }
    }
}

fn cell_from_data(data: &Data) -> Cell {
    match data {
        Data::Empty | Data::Error(_) => Cell::Empty,
        Data::String(text) => Cell::Text(text.trim().to_owned()),
        Data::Bool(value) => Cell::Text(value.to_string()),
        #[expect(clippy::cast_precision_loss, reason = "an integer cell past 2^53 has lost digits in Excel already")]
        Data::Int(value) => Cell::Number(*value as f64),
        Data::Float(value) => Cell::Number(*value),
        Data::DateTime(value) if value.is_datetime() => {
            let (year, month, day, ..) = value.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))
                .map_or(Cell::Number(value.as_f64()), Cell::Date)
        }
        Data::DateTime(value) => Cell::Number(value.as_f64()),
        Data::DateTimeIso(text) | Data::DurationIso(text) => Cell::Text(text.clone()),
    }
}

/// Decodes text, or returns `None` when the bytes are not text in any supported encoding.
fn decode_text(bytes: &[u8]) -> Option<(String, TextEncoding)> {
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        (std::str::from_utf8(rest).ok()?.to_owned(), TextEncoding::Utf8Bom)
    } else if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        let (text, _, had_errors) = encoding_rs::UTF_16LE.decode(bytes);
        if had_errors {
            return None;
        }
        (text.into_owned(), TextEncoding::Utf16)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (text.to_owned(), TextEncoding::Utf8)
    } else {
        let text = encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)?;
        (text.into_owned(), TextEncoding::Gbk)
    };
    is_plain_text(&text).then_some((text, encoding))
}

/// Tells whether decoded text has no control characters besides tab, line breaks and form feed,
/// which binary files decoded by chance always have.
fn is_plain_text(text: &str) -> bool {
    !text.chars().any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{0C}'))
}

fn read_csv(text: &str, progress: &Progress) -> Result<Sheet, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(detect_delimiter(text))
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        if index.is_multiple_of(CHECK_EVERY) && progress.is_cancelled() {
            return Err(ImportError::Cancelled);
        }
        let record = record.map_err(|error| {
            tracing::debug!(%error, "cannot read a CSV record");
            ImportError::NotSpreadsheet
        })?;
        rows.push(record.iter().map(|field| Cell::Text(field.trim().to_owned())).collect());
    }
    Ok(Sheet { name: None, rows })
}

/// Picks the separator used most in the first lines: comma, tab or semicolon.
fn detect_delimiter(text: &str) -> u8 {
    let sample: Vec<&str> = text.lines().take(30).collect();
    let count = |separator: char| sample.iter().map(|line| line.matches(separator).count()).sum::<usize>();
    [b',', b'\t', b';'].into_iter().max_by_key(|&separator| count(char::from(separator))).unwrap_or(b',')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gbk_text_is_decoded() {
        let (bytes, _, _) = encoding_rs::GBK.encode("姓名,身份证号\n张三,1\n");
        let (text, encoding) = decode_text(&bytes).unwrap();
        assert_eq!(encoding, TextEncoding::Gbk);
        assert!(text.starts_with("姓名,身份证号"));
    }

    #[test]
    fn bom_is_stripped() {
        let (text, encoding) = decode_text("\u{FEFF}姓名".as_bytes()).unwrap();
        assert_eq!(encoding, TextEncoding::Utf8Bom);
        assert_eq!(text, "姓名");
    }

    #[test]
    fn utf16_text_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("姓名\t证件号码".encode_utf16().flat_map(u16::to_le_bytes));
        let (text, encoding) = decode_text(&bytes).unwrap();
        assert_eq!(encoding, TextEncoding::Utf16);
        assert_eq!(text, "姓名\t证件号码");
    }

    #[test]
    fn binary_is_not_text() {
        assert!(decode_text(&[0x00, 0x01, 0x02, 0xFF]).is_none());
    }

    #[test]
    fn tab_delimiter_is_detected() {
        assert_eq!(detect_delimiter("姓名\t身份证号\n张三\t1\n"), b'\t');
        assert_eq!(detect_delimiter("姓名,身份证号\n"), b',');
    }

    #[test]
    fn merged_value_fills_region() {
        let mut rows = vec![vec![Cell::Text("缴费起止".into()), Cell::Empty], vec![Cell::Empty, Cell::Empty]];
        fill_merged(&mut rows, &Dimensions { start: (0, 0), end: (0, 1) });
        assert_eq!(rows[0][1], Cell::Text("缴费起止".into()));
        assert_eq!(rows[1][0], Cell::Empty);
    }
}
