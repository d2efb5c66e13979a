//! The export register (用证台账) as an Excel workbook, for HR to file or forward.

use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::domain::time::china_date;
use crate::i18n::{Key, Lang, format_date, tr};
use crate::store::exports::ExportRecord;

/// Column headings, in order.
const HEADINGS: [Key; 10] = [
    Key::RegisterColExportedOn,
    Key::ColName,
    Key::ColRegNo,
    Key::FieldVersion,
    Key::RegisterColPurpose,
    Key::RegisterColRecipient,
    Key::RegisterColFile,
    Key::RegisterColSha256,
    Key::RegisterColUsableUntil,
    Key::RegisterColSource,
];

/// Builds the workbook bytes of a register: one header row, then one row per export.
pub fn register_workbook(records: &[ExportRecord], lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(tr(lang, Key::NavRegister))?;
    let bold = Format::new().set_bold();
    for (column, key) in (0_u16..).zip(HEADINGS) {
        sheet.write_string_with_format(0, column, tr(lang, key), &bold)?;
    }
    for (row, record) in (1_u32..).zip(records) {
        let cells = [
            format_date(lang, china_date(record.exported_at)),
            record.holder_name.clone(),
            record.registration_number.clone(),
            record.version.to_string(),
            record.purpose.clone().unwrap_or_else(|| tr(lang, Key::ExportNoPurpose).to_owned()),
            record.recipient.clone().unwrap_or_default(),
            record.file_name.clone(),
            record.file_sha256.clone(),
            format_date(lang, record.usable_until),
            record.source.code().to_owned(),
        ];
        for (column, text) in (0_u16..).zip(cells) {
            sheet.write_string(row, column, text)?;
        }
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofit();
    workbook.save_to_buffer()
}
