//! Styles by meaning. Colours are from the 16-colour palette every terminal has; with
//! NO_COLOR the same meanings are carried by bold, reverse and underline.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    pub monochrome: bool,
    pub palette: Palette,
}

/// The colours the config's `[theme]` may change, by what they mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub accent: Color,
    pub highlight: Color,
    pub heading: Color,
    pub kicker: Color,
    pub caption: Color,
    pub status: Color,
}

impl Default for Palette {
    fn default() -> Self {
        Palette {
            accent: Color::Cyan,
            highlight: Color::Yellow,
            heading: Color::Cyan,
            kicker: Color::Yellow,
            caption: Color::Green,
            status: Color::Blue,
        }
    }
}

impl Theme {
    fn pick(&self, colour: Style, mono: Style) -> Style {
        if self.monochrome { mono } else { colour }
    }

    pub fn border(&self, focused: bool) -> Style {
        match (focused, self.monochrome) {
            (true, false) => Style::new().fg(self.palette.accent),
            (true, true) => Style::new().add_modifier(Modifier::BOLD),
            (false, false) => Style::new().fg(Color::DarkGray),
            (false, true) => Style::new(),
        }
    }

    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else {
            self.pick(
                Style::new()
                    .fg(self.palette.accent)
                    .add_modifier(Modifier::BOLD),
                Style::new().add_modifier(Modifier::UNDERLINED),
            )
        }
    }

    pub fn dim(&self) -> Style {
        self.pick(Style::new().fg(Color::DarkGray), Style::new())
    }

    pub fn group(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD),
        )
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn kicker(&self) -> Style {
        self.pick(Style::new().fg(self.palette.kicker), Style::new())
    }

    pub fn derived(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
            Style::new().add_modifier(Modifier::ITALIC),
        )
    }

    pub fn heading(&self) -> Style {
        self.pick(
            Style::new()
                .fg(self.palette.heading)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }

    pub fn link(&self) -> Style {
        self.pick(
            Style::new()
                .fg(self.palette.accent)
                .add_modifier(Modifier::UNDERLINED),
            Style::new().add_modifier(Modifier::UNDERLINED),
        )
    }

    pub fn caption(&self) -> Style {
        self.pick(
            Style::new().fg(self.palette.caption),
            Style::new().add_modifier(Modifier::ITALIC),
        )
    }

    pub fn matched(&self) -> Style {
        self.pick(
            Style::new().fg(Color::Black).bg(self.palette.highlight),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        )
    }

    pub fn status(&self) -> Style {
        self.pick(
            Style::new().fg(Color::White).bg(self.palette.status),
            Style::new().add_modifier(Modifier::REVERSED),
        )
    }

    pub fn error(&self) -> Style {
        self.pick(
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD),
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        )
    }
}
