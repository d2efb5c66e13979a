//! Roster import: reads the social-security (社保) or housing-fund (公积金) roster a unit
//! exports from its local online office (.xlsx, .xls or CSV) into a preview of accepted and
//! rejected rows. Nothing here writes to the cache; `store::payments` writes an accepted preview.

mod header;
mod month;
mod rows;
mod sheet;

use std::path::{Path, PathBuf};

pub use sheet::{FileFormat, TextEncoding};

use crate::domain::progress::Progress;
use crate::domain::records::{PaymentKind, PaymentRecord};
use crate::i18n::{Key, Lang, Message};

/// The rows of a roster file, read before anything is written.
#[derive(Debug, Clone)]
pub struct Preview {
    /// Social security or housing fund.
    pub kind: PaymentKind,
    /// The format the file was read as.
    pub format: FileFormat,
    /// The worksheet read; `None` for CSV.
    pub sheet: Option<String>,
    /// The header row, counting from 1 as Excel shows it.
    pub header_row: usize,
    /// Rows understood.
    pub accepted: Vec<AcceptedRow>,
    /// Rows rejected, in file order.
    pub rejected: Vec<RejectedRow>,
}

impl Preview {
    /// Returns the accepted records, to write.
    pub fn records(&self) -> Vec<PaymentRecord> {
        self.accepted.iter().map(|row| row.record.clone()).collect()
    }
}

/// A row understood.
#[derive(Debug, Clone)]
pub struct AcceptedRow {
    /// The row number, counting from 1 as Excel shows it.
    pub row: usize,
    /// The row's values.
    pub record: PaymentRecord,
}

/// A row rejected, with why.
#[derive(Debug, Clone)]
pub struct RejectedRow {
    /// The row number, counting from 1 as Excel shows it.
    pub row: usize,
    /// The problem; its `{detail}` parameter, if any, is filled from `detail`.
    pub problem: Message,
    /// The identifier parser's own message (the expected check character and so on).
    pub detail: Option<Message>,
}

impl RejectedRow {
    /// Renders the reason naming the row: `第5行：身份证号码无效：第18位校验码应为X，实际为1`.
    pub fn reason(&self, lang: Lang) -> String {
        let mut problem = self.problem.clone();
        if let Some(detail) = &self.detail {
            problem = problem.arg("detail", detail.render(lang));
        }
        Message::new(Key::ImportRowReason).arg("row", self.row).arg("problem", problem.render(lang)).render(lang)
    }
}

/// Errors that stop a file from being previewed at all.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        source: std::io::Error,
    },
    /// The file has no bytes, or only whitespace, or no rows.
    #[error("the file is empty")]
    Empty,
    /// The file is a known format that is no spreadsheet.
    #[error("the file is {format}, not a spreadsheet")]
    OtherFormat {
        /// Its format, such as PNG.
        format: &'static str,
    },
    /// The file is neither a workbook nor text in a supported encoding.
    #[error("the file is neither .xlsx, .xls nor CSV text")]
    NotSpreadsheet,
    /// The file starts like a workbook but the workbook cannot be read.
    #[error("the {} workbook cannot be read", format.label())]
    UnreadableWorkbook {
        /// The format it started like.
        format: FileFormat,
    },
    /// No sheet has a header row with an ID number column.
    #[error("no header row with an ID number column")]
    NoHeader,
    /// The user cancelled the preview.
    #[error("the preview was cancelled")]
    Cancelled,
}

impl ImportError {
    /// Describes the problem for the user, with what to do next.
    pub fn message(&self) -> Message {
        match self {
            Self::Read { path, source } => {
                Message::new(Key::ImportErrorRead).arg("path", path.display()).io_arg("detail", source)
            }
            Self::Empty => Message::new(Key::ImportErrorEmpty),
            Self::OtherFormat { format } => Message::new(Key::ImportErrorOtherFormat).arg("format", format),
            Self::NotSpreadsheet => Message::new(Key::ImportErrorNotSpreadsheet),
            Self::UnreadableWorkbook { format } => {
                Message::new(Key::ImportErrorUnreadableWorkbook).arg("format", format.label())
            }
            Self::NoHeader => Message::new(Key::ImportErrorNoHeader).arg("rows", header::HEADER_SEARCH_ROWS),
            Self::Cancelled => Message::new(Key::ImportPreviewCancelled),
        }
    }
}

/// Reads a roster file into a preview.
pub fn preview_file(path: &Path, kind: PaymentKind) -> Result<Preview, ImportError> {
    preview_file_with_progress(path, kind, &Progress::default())
}

/// Reads a roster file into a preview, counting the data rows checked in `progress` and
/// stopping with [`ImportError::Cancelled`] soon after `progress` is cancelled.
pub fn preview_file_with_progress(path: &Path, kind: PaymentKind, progress: &Progress) -> Result<Preview, ImportError> {
    let bytes = std::fs::read(path).map_err(|source| ImportError::Read { path: path.to_path_buf(), source })?;
    preview_bytes_with_progress(&bytes, kind, progress)
}

/// Reads a roster from a file's bytes into a preview, using the first sheet with a header row.
pub fn preview_bytes(bytes: &[u8], kind: PaymentKind) -> Result<Preview, ImportError> {
    preview_bytes_with_progress(bytes, kind, &Progress::default())
}

/// Reads a roster from a file's bytes into a preview, as [`preview_file_with_progress`] does.
pub fn preview_bytes_with_progress(
    bytes: &[u8],
    kind: PaymentKind,
    progress: &Progress,
) -> Result<Preview, ImportError> {
    let (format, sheets) = sheet::read_sheets(bytes, progress)?;
    if sheets.iter().all(|sheet| sheet.rows.iter().flatten().all(sheet::Cell::is_empty)) {
        return Err(ImportError::Empty);
    }
    for sheet in sheets {
        let Some(layout) = header::find_layout(&sheet.rows) else { continue };
        let title = rows::title_unit(&sheet.rows[..layout.header_row]);
        let checked = rows::check_rows(&sheet.rows, &layout, &title, progress)?;
        return Ok(Preview {
            kind,
            format,
            sheet: sheet.name,
            header_row: layout.header_row + 1,
            accepted: checked.accepted,
            rejected: checked.rejected,
        });
    }
    Err(ImportError::NoHeader)
}
