//! JSON lines for `--json`: the text as stored, and inert on a terminal.
//!
//! serde_json escapes what JSON requires (`"`, `\`, U+0000–U+001F), so ESC and BEL come
//! out as `\u001b` and `\u0007`; it leaves DEL and the C1 controls (U+0080–U+009F) raw,
//! and terminals that decode UTF-8 before they parse obey U+009B as CSI and U+009D as OSC.
//! This writer escapes those too; any JSON parser reads the same string back.

use std::io::{self, Write};

use serde::Serialize;

/// `value` as one line of compact JSON.
pub fn write_line<W: Write>(out: &mut W, value: &impl Serialize) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, InertFormatter);
    value.serialize(&mut ser).map_err(io::Error::from)?;
    writeln!(out)
}

/// serde_json's compact output, with DEL and C1 controls escaped as `\u00XX`.
struct InertFormatter;

impl serde_json::ser::Formatter for InertFormatter {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut from = 0;
        for (at, c) in fragment.char_indices() {
            if ('\u{7f}'..='\u{9f}').contains(&c) {
                writer.write_all(&fragment.as_bytes()[from..at])?;
                write!(writer, "\\u{:04x}", u32::from(c))?;
                from = at + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[from..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn c1_controls_and_del_are_escaped_and_read_back() {
        let text = "甲\u{1b}]0;t\u{7}乙\u{9b}2J丙\u{7f}\u{9d}丁\u{a0}";
        let mut out = Vec::new();
        write_line(&mut out, &serde_json::json!({ "t": text })).unwrap();
        let line = String::from_utf8(out).unwrap();
        assert_eq!(
            line,
            "{\"t\":\"甲\\u001b]0;t\\u0007乙\\u009b2J丙\\u007f\\u009d丁\u{a0}\"}\n"
        );
        let back: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(back["t"], text);
    }
}
