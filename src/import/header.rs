//! Finding the header row below title rows and recognising its columns by their Chinese names.

use super::sheet::Cell;

/// 30 rows: local online offices put at most a few title and note rows above the header.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// Kind of a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Column {
    /// 姓名
    Name,
    /// 公民身份号码, 身份证号, 证件号码 …
    IdNumber,
    /// 单位名称
    UnitName,
    /// 统一社会信用代码
    UnitCode,
    /// One month, or a range, per cell: 缴费年月, 费款所属期 …
    Month,
    /// 缴费起止 in one cell, such as `2026-01至2026-06`.
    MonthRange,
    /// The first month of a range split over two columns.
    MonthFrom,
    /// The last month of a range split over two columns.
    MonthTo,
}

/// The header row and the column of each recognised kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// Index of the header row in the sheet (0 is the sheet's row 1).
    pub header_row: usize,
    /// Recognised columns, each kind at most once, the leftmost winning.
    pub columns: Vec<(Column, usize)>,
}

impl Layout {
    /// Returns the column index of a kind.
    pub fn column(&self, kind: Column) -> Option<usize> {
        self.columns.iter().find(|(k, _)| *k == kind).map(|(_, index)| *index)
    }
}

/// Labels read as exactly one kind once spaces, asterisks and bracketed notes are removed.
const EXACT: &[(&str, Column)] = &[
    ("姓名", Column::Name),
    ("社会保障号码", Column::IdNumber),
    ("社会保障号", Column::IdNumber),
    ("单位", Column::UnitName),
    ("所属期", Column::Month),
    ("年月", Column::Month),
    ("月份", Column::Month),
];

/// Parts of a label that name a kind, tried in this order (range words before plain months).
const CONTAINS: &[(&str, Column)] = &[
    ("身份证", Column::IdNumber),
    ("身份号码", Column::IdNumber),
    ("证件号", Column::IdNumber),
    ("信用代码", Column::UnitCode),
    ("单位名称", Column::UnitName),
    ("参保单位", Column::UnitName),
    ("缴存单位", Column::UnitName),
    ("缴费单位", Column::UnitName),
    ("用人单位", Column::UnitName),
    ("起止", Column::MonthRange),
    ("起始", Column::MonthFrom),
    ("开始", Column::MonthFrom),
    ("起缴", Column::MonthFrom),
    ("截止", Column::MonthTo),
    ("终止", Column::MonthTo),
    ("结束", Column::MonthTo),
    ("止缴", Column::MonthTo),
    ("所属期", Column::Month),
    ("缴费年月", Column::Month),
    ("缴存年月", Column::Month),
    ("汇缴年月", Column::Month),
    ("所属年月", Column::Month),
    ("缴费月份", Column::Month),
    ("缴存月份", Column::Month),
];

/// Finds the row among the first [`HEADER_SEARCH_ROWS`] that names the most kinds and has an ID
/// number column. On a tie the lower row wins, because with vertically merged headers the
/// second header row repeats the first and adds the sub-headers.
pub fn find_layout(rows: &[Vec<Cell>]) -> Option<Layout> {
    let mut best: Option<Layout> = None;
    for (index, row) in rows.iter().enumerate().take(HEADER_SEARCH_ROWS) {
        let parent = index.checked_sub(1).and_then(|above| rows.get(above));
        let columns = classify_row(row, parent);
        if !columns.iter().any(|(kind, _)| *kind == Column::IdNumber) {
            continue;
        }
        if best.as_ref().is_none_or(|b| columns.len() >= b.columns.len()) {
            best = Some(Layout { header_row: index, columns });
        }
    }
    best
}

fn classify_row(row: &[Cell], parent: Option<&Vec<Cell>>) -> Vec<(Column, usize)> {
    let mut columns: Vec<(Column, usize)> = Vec::new();
    for (index, cell) in row.iter().enumerate() {
        let Some(label) = cell.text() else { continue };
        let parent_label = parent.and_then(|p| p.get(index)).and_then(Cell::text).unwrap_or_default();
        if let Some(kind) = classify(label, parent_label)
            && !columns.iter().any(|(k, _)| *k == kind)
        {
            columns.push((kind, index));
        }
    }
    columns
}

/// Recognises one header label; `parent` is the label above it, which names a split range
/// (`缴费起止` over `起` and `止`).
pub fn classify(label: &str, parent: &str) -> Option<Column> {
    let label = normalise_label(label);
    if label.is_empty() || label.chars().count() > 20 {
        return None;
    }
    if normalise_label(parent).contains("起止") {
        match label.as_str() {
            "起" | "自" | "从" => return Some(Column::MonthFrom),
            "止" | "至" | "到" => return Some(Column::MonthTo),
            _ => {}
        }
    }
    if let Some((_, kind)) = EXACT.iter().find(|(name, _)| *name == label) {
        return Some(*kind);
    }
    if label.ends_with("姓名") {
        return Some(Column::Name);
    }
    CONTAINS.iter().find(|(part, _)| label.contains(part)).map(|(_, kind)| *kind)
}

/// Removes whitespace, asterisks that mark required columns, a trailing colon and bracketed
/// notes such as `（必填）` or `(YYYYMM)`.
pub fn normalise_label(label: &str) -> String {
    let mut out = String::with_capacity(label.len());
    let mut depth = 0_u32;
    for c in label.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 || c.is_whitespace() || matches!(c, '*' | '＊' | '\u{3000}') => {}
            _ => out.push(c),
        }
    }
    out.trim_end_matches([':', '：']).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(value: &str) -> Cell {
        Cell::Text(value.into())
    }

    #[test]
    fn common_names_are_recognised() {
        let cases = [
            ("姓名", Column::Name),
            ("参保人姓名", Column::Name),
            ("公民身份号码", Column::IdNumber),
            ("身份证号", Column::IdNumber),
            ("身份证号码", Column::IdNumber),
            ("证件号码", Column::IdNumber),
            ("* 证件号码（必填）", Column::IdNumber),
            ("单位名称", Column::UnitName),
            ("缴费单位", Column::UnitName),
            ("用人单位名称", Column::UnitName),
            ("缴费单位统一社会信用代码", Column::UnitCode),
            ("统一社会信用代码", Column::UnitCode),
            ("单位统一社会信用代码", Column::UnitCode),
            ("缴费年月", Column::Month),
            ("费款所属期", Column::Month),
            ("所属期", Column::Month),
            ("缴费年月(YYYYMM)", Column::Month),
            ("缴费起止", Column::MonthRange),
            ("起始年月", Column::MonthFrom),
            ("截止年月", Column::MonthTo),
        ];
        for (label, kind) in cases {
            assert_eq!(classify(label, ""), Some(kind), "{label}");
        }
        assert_eq!(classify("证件类型", ""), None);
        assert_eq!(classify("序号", ""), None);
    }

    #[test]
    fn split_range_reads_parent() {
        assert_eq!(classify("起", "缴费起止"), Some(Column::MonthFrom));
        assert_eq!(classify("止", "缴费起止"), Some(Column::MonthTo));
        assert_eq!(classify("起", ""), None);
    }

    #[test]
    fn header_below_title_is_found() {
        let rows = vec![
            vec![text("2026年社保缴费人员名单"), text("2026年社保缴费人员名单")],
            vec![],
            vec![text("序号"), text("姓名"), text("公民身份号码"), text("缴费年月")],
            vec![text("1"), text("张三"), text("11010519491231002X"), text("2026-01")],
        ];
        let layout = find_layout(&rows).unwrap();
        assert_eq!(layout.header_row, 2);
        assert_eq!(layout.column(Column::IdNumber), Some(2));
        assert_eq!(layout.column(Column::Month), Some(3));
    }

    #[test]
    fn no_id_column_no_header() {
        let rows = vec![vec![text("姓名"), text("电话")]];
        assert_eq!(find_layout(&rows), None);
    }
}
