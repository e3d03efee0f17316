//! Keys by name: how the config file writes them (and reads them back), how the help
//! shows them, and the table written out for `dubao config --default` and the docs.

use crossterm::event::{KeyCode, KeyModifiers};

use super::{Action, Binding, TABLE};

/// The action named so in the config file's `[keys]` table.
pub fn action_named(name: &str) -> Option<Action> {
    TABLE.iter().find(|e| e.name == name).map(|e| e.action)
}

/// "q", "G", "ctrl-o", "alt-left", "enter", "esc", "tab", "space", "pgdn", "f1"…
pub fn parse_binding(text: &str) -> Option<Binding> {
    let mut modifiers = KeyModifiers::NONE;
    let mut rest = text;
    loop {
        let lower = rest.to_ascii_lowercase();
        let prefix = ["ctrl-", "c-", "alt-", "m-"]
            .into_iter()
            .find(|p| lower.starts_with(p) && rest.len() > p.len());
        match prefix {
            Some(p) => {
                modifiers |= if p.starts_with('c') {
                    KeyModifiers::CONTROL
                } else {
                    KeyModifiers::ALT
                };
                rest = &rest[p.len()..];
            }
            None => break,
        }
    }
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if modifiers.is_empty() => KeyCode::Char(c),
        (Some(c), None) => KeyCode::Char(c.to_ascii_lowercase()),
        _ => match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pgup" | "pageup" => KeyCode::PageUp,
            "pgdn" | "pagedown" => KeyCode::PageDown,
            "delete" | "del" => KeyCode::Delete,
            f => {
                let n: u8 = f.strip_prefix('f')?.parse().ok()?;
                if !(1..=12).contains(&n) {
                    return None;
                }
                KeyCode::F(n)
            }
        },
    };
    Some(Binding { code, modifiers })
}

/// How the help writes a key.
pub fn label_of(b: Binding) -> String {
    let key = match b.code {
        KeyCode::Char(' ') => "space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Up => "↑".to_owned(),
        KeyCode::Down => "↓".to_owned(),
        KeyCode::Left => "←".to_owned(),
        KeyCode::Right => "→".to_owned(),
        KeyCode::PageUp => "PgUp".to_owned(),
        KeyCode::PageDown => "PgDn".to_owned(),
        KeyCode::Delete => "Del".to_owned(),
        other => format!("{other}"),
    };
    let mut out = String::new();
    if b.modifiers.contains(KeyModifiers::CONTROL) {
        out.push_str("Ctrl-");
    }
    if b.modifiers.contains(KeyModifiers::ALT) {
        out.push_str("Alt-");
    }
    out.push_str(&key);
    out
}

/// How the config file writes a key (what [`parse_binding`] reads back).
pub fn config_name_of(b: Binding) -> String {
    let key = match b.code {
        KeyCode::Char(' ') => "space".to_owned(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::F(n) => format!("f{n}"),
        KeyCode::Enter => "enter".to_owned(),
        KeyCode::Esc => "esc".to_owned(),
        KeyCode::Tab => "tab".to_owned(),
        KeyCode::Backspace => "backspace".to_owned(),
        KeyCode::Up => "up".to_owned(),
        KeyCode::Down => "down".to_owned(),
        KeyCode::Left => "left".to_owned(),
        KeyCode::Right => "right".to_owned(),
        KeyCode::Home => "home".to_owned(),
        KeyCode::End => "end".to_owned(),
        KeyCode::PageUp => "pgup".to_owned(),
        KeyCode::PageDown => "pgdn".to_owned(),
        KeyCode::Delete => "delete".to_owned(),
        other => format!("{other}").to_ascii_lowercase(),
    };
    let mut out = String::new();
    if b.modifiers.contains(KeyModifiers::CONTROL) {
        out.push_str("ctrl-");
    }
    if b.modifiers.contains(KeyModifiers::ALT) {
        out.push_str("alt-");
    }
    out.push_str(&key);
    out
}

/// The `[keys]` part of `dubao config --default`: every action by scope, commented out at
/// its default keys.
pub fn default_config_section() -> String {
    let mut out = String::from(
        "[keys]\n# Rebind an action to one key or a list of keys: a character, or ctrl-X, alt-X, enter,\n# esc, tab, space, up, down, left, right, home, end, pgup, pgdn, backspace, delete, f1…f12.\n# A key given to one action is taken from any other that could see it.\n",
    );
    let mut scope = None;
    for e in TABLE {
        if scope != Some(e.scope) {
            scope = Some(e.scope);
            out.push_str(&format!("\n# {}\n", e.scope.title()));
        }
        let keys: Vec<String> = e
            .keys
            .iter()
            .map(|k| format!("{:?}", config_name_of(*k)))
            .collect();
        let value = if keys.len() == 1 {
            keys[0].clone()
        } else {
            format!("[{}]", keys.join(", "))
        };
        out.push_str(&format!("# {} = {value}    # {}\n", e.name, e.help));
    }
    out
}

/// The key table as Markdown, scope by scope, for docs/architecture.md (a test keeps the
/// two the same).
pub fn markdown_table() -> String {
    let mut out = String::new();
    let mut scope = None;
    for e in TABLE {
        if scope != Some(e.scope) {
            scope = Some(e.scope);
            out.push_str(&format!(
                "\n**{}**\n\n| keys | config name | does |\n|---|---|---|\n",
                e.scope.title()
            ));
        }
        let keys: Vec<String> = e
            .keys
            .iter()
            .map(|k| format!("`{}`", label_of(*k).replace('|', "\\|")))
            .collect();
        out.push_str(&format!(
            "| {} | `{}` | {} |\n",
            keys.join(" "),
            e.name,
            e.help
        ));
    }
    out
}
