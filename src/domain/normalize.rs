//! Normalisation of identifiers as people type or paste them.

/// Reasons shared by every identifier parser for input that cannot be an identifier at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputProblem {
    /// Nothing but whitespace was given.
    Empty,
    /// Excel already turned the number into scientific notation (`1.10105E+17`), so digits are lost.
    ScientificNotation,
}

/// Converts full-width ASCII (`１２３ＡＢ`) to half-width, drops a leading apostrophe that Excel
/// uses to mark text, removes spaces and dashes, and upper-cases letters.
pub fn canonical_ascii(input: &str) -> Result<String, InputProblem> {
    let trimmed = input.trim().trim_start_matches(['\'', '‘', '’', '＇']);
    let mut out = String::with_capacity(trimmed.len());
    for ch in trimmed.chars() {
        let ch = to_half_width(ch);
        if ch.is_whitespace() || matches!(ch, '-' | '‐' | '‑' | '–' | '—' | '\u{3000}') {
            continue;
        }
        out.push(ch.to_ascii_uppercase());
    }
    if out.is_empty() {
        return Err(InputProblem::Empty);
    }
    if looks_like_scientific_notation(&out) {
        return Err(InputProblem::ScientificNotation);
    }
    Ok(out)
}

/// Maps the full-width forms block (U+FF01..U+FF5E) and the ideographic space to ASCII.
fn to_half_width(ch: char) -> char {
    match ch {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(ch) - 0xFEE0).unwrap_or(ch),
        '\u{3000}' => ' ',
        _ => ch,
    }
}

/// Tells whether a value reads like `1.10105E+17`, the form Excel gives long numbers.
fn looks_like_scientific_notation(value: &str) -> bool {
    let Some((mantissa, exponent)) = value.split_once('E') else {
        return false;
    };
    let exponent = exponent.trim_start_matches('+');
    !mantissa.is_empty()
        && mantissa.contains('.')
        && mantissa.chars().all(|c| c.is_ascii_digit() || c == '.')
        && !exponent.is_empty()
        && exponent.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_separators_are_removed() {
        assert_eq!(canonical_ascii(" １１０１０５-1949 1231-002ｘ ").as_deref(), Ok("11010519491231002X"));
    }

    #[test]
    fn excel_apostrophe_is_dropped() {
        assert_eq!(canonical_ascii("'11010519491231002X").as_deref(), Ok("11010519491231002X"));
    }

    #[test]
    fn scientific_notation_is_rejected() {
        assert_eq!(canonical_ascii("1.10105E+17"), Err(InputProblem::ScientificNotation));
        assert_eq!(canonical_ascii("1.10105e17"), Err(InputProblem::ScientificNotation));
    }

    #[test]
    fn blank_input_is_empty() {
        assert_eq!(canonical_ascii("  \u{3000} "), Err(InputProblem::Empty));
    }
}
