//! Plain aligned text tables (no colours, no box drawing: the output is meant to be grepped
//! and pasted into issues as well as read).

use std::fmt;

/// A table with a title, a header row and rows of cells; columns after the first are
/// right-aligned when every cell in them looks like a number.
#[derive(Debug, Clone, Default)]
pub struct Table {
    title: String,
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl Table {
    /// An empty table with this title and these column names.
    pub fn new(title: impl Into<String>, header: &[&str]) -> Self {
        Self {
            title: title.into(),
            header: header.iter().map(|h| (*h).to_owned()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row; missing cells print empty, extra cells are kept.
    pub fn row(&mut self, cells: Vec<String>) -> &mut Self {
        self.rows.push(cells);
        self
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .chain(std::iter::once(self.header.len()))
            .max()
            .unwrap_or(0)
    }

    fn cell(row: &[String], column: usize) -> &str {
        row.get(column).map(String::as_str).unwrap_or("")
    }
}

fn looks_numeric(cell: &str) -> bool {
    !cell.is_empty()
        && cell
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '%'))
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let columns = self.columns();
        let widths: Vec<usize> = (0..columns)
            .map(|c| {
                std::iter::once(&self.header)
                    .chain(&self.rows)
                    .map(|r| Self::cell(r, c).chars().count())
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let numeric: Vec<bool> = (0..columns)
            .map(|c| {
                c > 0
                    && !self.rows.is_empty()
                    && self.rows.iter().all(|r| looks_numeric(Self::cell(r, c)))
            })
            .collect();
        writeln!(f, "{}", self.title)?;
        let line = |f: &mut fmt::Formatter<'_>, row: &[String]| -> fmt::Result {
            let mut text = String::new();
            for (c, width) in widths.iter().enumerate() {
                let cell = Self::cell(row, c);
                if c > 0 {
                    text.push_str("  ");
                }
                let pad = width.saturating_sub(cell.chars().count());
                if numeric[c] {
                    text.extend(std::iter::repeat_n(' ', pad));
                    text.push_str(cell);
                } else {
                    text.push_str(cell);
                    text.extend(std::iter::repeat_n(' ', pad));
                }
            }
            writeln!(f, "  {}", text.trim_end())
        };
        line(f, &self.header)?;
        for row in &self.rows {
            line(f, row)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_table_prints_title_and_header() {
        let t = Table::new("Objects", &["label", "count"]);
        assert_eq!(t.to_string(), "Objects\n  label  count\n");
    }

    #[test]
    fn numeric_columns_align_right_and_text_left() {
        let mut t = Table::new("Objects", &["label", "count"]);
        t.row(vec!["car".into(), "7".into()]);
        t.row(vec!["pedestrian".into(), "1,204".into()]);
        assert_eq!(
            t.to_string(),
            "Objects\n  label       count\n  car             7\n  pedestrian  1,204\n"
        );
    }

    #[test]
    fn short_rows_print_empty_cells() {
        let mut t = Table::new("T", &["a", "b"]);
        t.row(vec!["x".into()]);
        assert_eq!(t.to_string(), "T\n  a  b\n  x\n");
    }
}
