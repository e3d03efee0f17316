//! Editing a text input (the search pane's, the date jump's) through the key table, so
//! its keys are rebindable like any other; a plain character is typed.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use tui_input::{Input, InputRequest};

use crate::tui::keys::Action;

/// What an input action asks of the input; `None` for actions that are not editing.
fn request(action: Action) -> Option<InputRequest> {
    Some(match action {
        Action::InputLeft => InputRequest::GoToPrevChar,
        Action::InputRight => InputRequest::GoToNextChar,
        Action::InputWordLeft => InputRequest::GoToPrevWord,
        Action::InputWordRight => InputRequest::GoToNextWord,
        Action::InputStart => InputRequest::GoToStart,
        Action::InputEnd => InputRequest::GoToEnd,
        Action::InputBackspace => InputRequest::DeletePrevChar,
        Action::InputDelete => InputRequest::DeleteNextChar,
        Action::InputDeleteWord => InputRequest::DeletePrevWord,
        Action::InputDeleteNextWord => InputRequest::DeleteNextWord,
        Action::InputClear => InputRequest::DeleteLine,
        _ => return None,
    })
}

/// Applies an editing action, or types the key when it is a plain character and no
/// action. Returns whether the key was the input's.
pub fn edit(input: &mut Input, action: Option<Action>, key: &KeyEvent) -> bool {
    if let Some(req) = action.and_then(request) {
        input.handle(req);
        return true;
    }
    if action.is_some() {
        return false;
    }
    match key.code {
        // Ctrl+Alt is AltGr on many keyboards: it types characters.
        KeyCode::Char(c)
            if !c.is_control()
                && ((key.modifiers - KeyModifiers::SHIFT).is_empty()
                    || key
                        .modifiers
                        .contains(KeyModifiers::CONTROL | KeyModifiers::ALT)) =>
        {
            input.handle(InputRequest::InsertChar(c));
            true
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keys::{KeyMap, KeyScope};

    fn typed(keys: &[KeyEvent], map: &KeyMap) -> String {
        let mut input = Input::default();
        for k in keys {
            edit(&mut input, map.action_in(KeyScope::Input, k), k);
        }
        input.value().to_owned()
    }

    #[test]
    fn characters_type_and_editing_keys_edit() {
        let c = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        let map = KeyMap::default();
        assert_eq!(typed(&[c('脱'), c('贫'), c('A')], &map), "脱贫A");
        let back = KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE);
        assert_eq!(typed(&[c('a'), c('b'), back], &map), "a");
        assert_eq!(typed(&[c('a'), c(' '), c('b'), ctrl('w')], &map), "a ");
        assert_eq!(typed(&[c('a'), c('b'), ctrl('u')], &map), "");
        // Ctrl-a goes to the start: what is typed next lands before.
        assert_eq!(typed(&[c('b'), ctrl('a'), c('a')], &map), "ab");
        // An unbound control key types nothing.
        assert_eq!(typed(&[ctrl('z')], &map), "");
    }

    #[test]
    fn a_rebound_editing_key_edits_and_the_old_one_types_nothing() {
        let mut map = KeyMap::default();
        map.rebind(
            Action::InputClear,
            vec![crate::tui::keys::parse_binding("ctrl-x").unwrap()],
        );
        let c = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        let ctrl = |c| KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
        assert_eq!(typed(&[c('a'), ctrl('x')], &map), "");
        assert_eq!(typed(&[c('a'), ctrl('u')], &map), "a");
    }
}
