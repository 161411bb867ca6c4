//! Printing: text for people (coloured only when stdout is a terminal, via `anstream`,
//! which also honours `NO_COLOR` and `CLICOLOR_FORCE`) or JSON for programs.

use handoff_core::Severity;
use owo_colors::{OwoColorize, Style};

/// How a command prints its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Readable by a person.
    #[default]
    Text,
    /// One JSON value on stdout, for scripts.
    Json,
}

/// The colour of a severity's word.
pub fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Error => Style::new().red().bold(),
        Severity::Warning => Style::new().yellow().bold(),
        Severity::Info => Style::new().cyan(),
    }
}

/// A heading or emphasised word.
pub fn strong() -> Style {
    Style::new().bold()
}

/// Secondary text such as hints.
pub fn dim() -> Style {
    Style::new().dimmed()
}

/// Prints a JSON value on stdout, pretty-printed.
pub fn print_json<T: serde::Serialize>(value: &T) {
    // Serialising our own output types cannot fail: they hold strings, numbers and lists.
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|e| format!("\"{e}\""));
    anstream::println!("{text}");
}

/// Prints a failure on stderr as `error: <message>`.
pub fn print_error(e: &dyn std::error::Error) {
    anstream::eprintln!("{} {e}", "error:".style(Style::new().red().bold()));
}

/// Prints a warning on stderr as `warning: <message>`.
pub fn print_warning(message: &str) {
    anstream::eprintln!(
        "{} {message}",
        "warning:".style(Style::new().yellow().bold())
    );
}

/// Pads `text` to `width` characters (not bytes), for tables.
pub fn pad(text: &str, width: usize) -> String {
    let n = text.chars().count();
    if n >= width {
        text.to_owned()
    } else {
        format!("{text}{}", " ".repeat(width - n))
    }
}
