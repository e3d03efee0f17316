//! Display width, CJK line breaking and highlight mapping for terminal text.
//!
//! This module is pure: text in, lines out. It never touches a terminal or a widget, so the
//! TUI can lay out an article once and print the lines with any backend.
//!
//! The pipeline, one file per concern:
//!
//! - [`sanitize`](mod@sanitize): every source character becomes a display piece. Control
//!   characters, escape sequences and invisible format characters never reach the terminal.
//! - `cluster`: pieces are grouped into clusters (a base character with its combining marks,
//!   an escape sequence with its tail) that are never split, each with its width in columns.
//! - `linebreak`: where a line may end, after UAX #14 tailored to the W3C Chinese layout
//!   requirements (clreq).
//! - `layout`: greedy filling of lines no wider than the terminal, pushing characters down a
//!   line where a break would break a rule (oshidashi).
//! - `highlight`: source character ranges (search hits) onto laid-out lines, and the cursor
//!   mapping between source characters and (line, column).
//! - `cache`: laid-out paragraphs keyed by text, width and options.
//! - `kwic`: a concordance line fitted to columns, the match at the same column on every
//!   line.
//!
//! All source positions are `char` indices into the paragraph, never byte offsets: that is
//! what the archive's highlight ranges and the cursor use.

mod cache;
mod cluster;
mod highlight;
mod kwic;
mod layout;
mod linebreak;
pub mod sanitize;

pub use cache::{CacheStats, LayoutCache};
pub use highlight::{LinePos, StyledPiece, char_at_col, highlight, locate_char};
pub use kwic::{KwicCells, kwic_cells};
pub use layout::layout;
pub use linebreak::{forbids_line_end, forbids_line_start};
pub use sanitize::{ESC_PLACEHOLDER, UNKNOWN_CONTROL_PLACEHOLDER};

use std::ops::Range;

/// How to lay out a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LayoutOptions {
    /// Count East Asian Ambiguous characters (“ ” ‘ ’ … · — and others) as two columns, as
    /// CJK terminals and fonts draw them. Off by default: most terminal emulators draw them
    /// one column wide unless told otherwise.
    pub ambiguous_wide: bool,
    /// What to do with the paragraph's first-line indent.
    pub indent: Indent,
    /// Columns a tab expands to. Tabs become a fixed run of spaces, not tab stops: after
    /// wrapping a tab's column would depend on the width, and a source character must have
    /// one display width for the cache and the cursor mapping to hold.
    pub tab_width_cols: usize,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self {
            ambiguous_wide: false,
            indent: Indent::Keep,
            tab_width_cols: 4,
        }
    }
}

/// First-line indent of a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Indent {
    /// Show the paragraph's own leading white space (U+3000 or ASCII spaces), add nothing.
    #[default]
    Keep,
    /// Where the paragraph has no leading white space, add two ideographic spaces (4 columns),
    /// the way Chinese print indents a paragraph. The added indent is not source text: it is
    /// outside `char_range` and counted in `indent_cols`.
    AddTwoChars,
}

/// One laid-out line of a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaidLine {
    /// What to print: sanitized, with the added indent (if any) in front.
    pub text: String,
    /// Display width of `text` in terminal columns.
    pub width_cols: usize,
    /// The source characters this line shows (char indices into the paragraph). White space
    /// consumed by a line break lies between two lines' ranges, in no line.
    pub char_range: Range<usize>,
    /// Columns of indent added by [`Indent::AddTwoChars`] at the start of `text`; 0 when none.
    pub indent_cols: usize,
}

/// Display width of `s` in columns once sanitized (control characters as one-column
/// placeholders, tabs expanded, invisible characters dropped), for titles and status lines.
pub fn display_width(s: &str, opts: &LayoutOptions) -> usize {
    let opts = LayoutOptions {
        indent: Indent::Keep,
        ..*opts
    };
    cluster::Clusters::build(s, &opts)
        .clusters
        .iter()
        .map(|c| c.width_cols)
        .sum()
}

/// `s` as it is safe to print: see [`sanitize`](mod@sanitize) for what becomes what. Tabs
/// expand to the default 4 columns; use [`sanitize_with`] for another tab width.
pub fn sanitize(s: &str) -> String {
    sanitize_with(s, &LayoutOptions::default())
}

/// `s` as it is safe to print, with tabs expanded to `opts.tab_width_cols` columns.
pub fn sanitize_with(s: &str, opts: &LayoutOptions) -> String {
    let opts = LayoutOptions {
        indent: Indent::Keep,
        ..*opts
    };
    cluster::Clusters::build(s, &opts).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_width_counts_columns_not_chars_or_bytes() {
        let opts = LayoutOptions::default();
        assert_eq!(display_width("读报", &opts), 4);
        assert_eq!(display_width("ab", &opts), 2);
        assert_eq!(display_width("a\tb", &opts), 6);
        assert_eq!(display_width("\u{1b}[31m红\u{1b}[0m", &opts), 4);
        assert_eq!(display_width("e\u{301}", &opts), 1);
        assert_eq!(display_width("\u{200b}", &opts), 0);
    }

    #[test]
    fn display_width_follows_the_ambiguous_option() {
        let narrow = LayoutOptions::default();
        let wide = LayoutOptions {
            ambiguous_wide: true,
            ..narrow
        };
        assert_eq!(display_width("“读”", &narrow), 4);
        assert_eq!(display_width("“读”", &wide), 6);
        assert_eq!(display_width("……", &wide), 4);
    }

    #[test]
    fn display_width_ignores_the_indent_option() {
        let opts = LayoutOptions {
            indent: Indent::AddTwoChars,
            ..LayoutOptions::default()
        };
        assert_eq!(display_width("读报", &opts), 4);
    }
}
