//! Moving through a table's rows from the keyboard: the arrow keys, Page Up, Page Down, Home
//! and End change the selected row, as in a file manager's list.

/// Rows that Page Up and Page Down move by: about one screen of a table in a window 800 points
/// high.
const PAGE_ROWS: usize = 20;

/// A move of the selection typed this frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowMove {
    /// Up by this many rows.
    Up(usize),
    /// Down by this many rows.
    Down(usize),
    /// To the first row.
    First,
    /// To the last row.
    Last,
}

impl RowMove {
    /// Reads the move typed this frame, unless a text field has the keyboard: there the keys
    /// move the cursor. The key is consumed, so egui does not also move the focus with it.
    pub fn typed(ctx: &egui::Context) -> Option<Self> {
        if ctx.egui_wants_keyboard_input() {
            return None;
        }
        let keys = [
            (egui::Key::ArrowUp, Self::Up(1)),
            (egui::Key::ArrowDown, Self::Down(1)),
            (egui::Key::PageUp, Self::Up(PAGE_ROWS)),
            (egui::Key::PageDown, Self::Down(PAGE_ROWS)),
            (egui::Key::Home, Self::First),
            (egui::Key::End, Self::Last),
        ];
        ctx.input_mut(|input| {
            keys.into_iter().find_map(|(key, step)| input.consume_key(egui::Modifiers::NONE, key).then_some(step))
        })
    }

    /// Returns the row selected after the move in a table of `rows` rows, or `None` for an empty
    /// table. With no row selected, any move but [`RowMove::Last`] selects the first row.
    pub fn apply(self, current: Option<usize>, rows: usize) -> Option<usize> {
        let last = rows.checked_sub(1)?;
        let next = match (self, current) {
            (Self::Last, _) => last,
            (Self::First, _) | (_, None) => 0,
            (Self::Up(by), Some(row)) => row.saturating_sub(by),
            (Self::Down(by), Some(row)) => row.saturating_add(by),
        };
        Some(next.min(last))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_stay_inside_the_table() {
        assert_eq!(RowMove::Down(1).apply(Some(3), 10), Some(4));
        assert_eq!(RowMove::Down(20).apply(Some(3), 10), Some(9));
        assert_eq!(RowMove::Up(20).apply(Some(3), 10), Some(0));
        assert_eq!(RowMove::Last.apply(None, 10), Some(9));
        assert_eq!(RowMove::Up(1).apply(None, 10), Some(0));
        assert_eq!(RowMove::Down(1).apply(Some(12), 10), Some(9), "a row filtered away since");
        assert_eq!(RowMove::First.apply(Some(3), 0), None);
    }
}
