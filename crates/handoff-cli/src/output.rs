//! Printing: text for people or JSON for programs, both through one buffered writer on the
//! locked stdout ([`Stdout`]). Text is coloured only when stdout is a terminal, decided
//! once the way `anstream` decides (so `NO_COLOR` and `CLICOLOR_FORCE` still count); JSON
//! never carries colour and is written straight from the values, with no escape codes to
//! strip and no intermediate string. Messages on stderr go through `anstream`.

use std::fmt;
use std::io::{self, BufWriter, StdoutLock, Write};

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

/// The command's stdout: buffered, locked once, and coloured only for text on a terminal.
/// Write to it with `write!`/`writeln!`; it keeps the first write error and drops the rest
/// of the output, and [`Stdout::finish`] reports that error (a closed pipe, as with
/// `handoff validate … | head`, is not one).
pub struct Stdout {
    out: BufWriter<StdoutLock<'static>>,
    colour: bool,
    failed: Option<io::Error>,
}

impl fmt::Debug for Stdout {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Stdout")
            .field("colour", &self.colour)
            .finish_non_exhaustive()
    }
}

impl Stdout {
    /// Stdout for output in `format`: coloured for text when stdout is a terminal (or
    /// `CLICOLOR_FORCE` says so, and `NO_COLOR` does not), never for JSON.
    pub fn new(format: Format) -> Self {
        let stdout = io::stdout();
        let colour = format == Format::Text
            && anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never;
        Stdout {
            out: BufWriter::with_capacity(64 * 1024, stdout.lock()),
            colour,
            failed: None,
        }
    }

    /// How to style text for this output.
    pub fn palette(&self) -> Palette {
        Palette {
            colour: self.colour,
        }
    }

    /// What `write!` and `writeln!` call.
    pub fn write_fmt(&mut self, args: fmt::Arguments<'_>) {
        if self.failed.is_none() {
            if let Err(e) = self.out.write_fmt(args) {
                self.failed = Some(e);
            }
        }
    }

    /// Writes `value` as pretty-printed JSON and a newline.
    pub fn json<T: serde::Serialize>(&mut self, value: &T) {
        if self.failed.is_some() {
            return;
        }
        let written = serde_json::to_writer_pretty(&mut self.out, value)
            .map_err(io::Error::from)
            .and_then(|()| self.out.write_all(b"\n"));
        if let Err(e) = written {
            self.failed = Some(e);
        }
    }

    /// Flushes what is buffered. A write that failed is printed on stderr as a warning,
    /// unless the reader simply went away.
    pub fn finish(mut self) {
        let flushed = match self.failed.take() {
            Some(e) => Err(e),
            None => self.out.flush(),
        };
        if let Err(e) = flushed {
            if e.kind() != io::ErrorKind::BrokenPipe {
                print_warning(&format!("could not write the output: {e}"));
            }
        }
    }
}

/// Styles text for one output: in colour, or plainly (see [`Stdout::palette`]).
#[derive(Debug, Clone, Copy)]
pub struct Palette {
    colour: bool,
}

impl Palette {
    /// `value` in `style` when the output is coloured, plain otherwise.
    pub fn paint<T: fmt::Display>(self, value: T, style: Style) -> Painted<T> {
        Painted {
            value,
            style: self.colour.then_some(style),
        }
    }
}

/// A value printed in a style, or plainly when the output is not coloured.
#[derive(Debug)]
pub struct Painted<T> {
    value: T,
    style: Option<Style>,
}

impl<T: fmt::Display> fmt::Display for Painted<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.style {
            Some(style) => self.value.style(style).fmt(f),
            None => self.value.fmt(f),
        }
    }
}

/// Prints a JSON value on stdout, pretty-printed: for a command whose whole output is one
/// value.
pub fn print_json<T: serde::Serialize>(value: &T) {
    let mut out = Stdout::new(Format::Json);
    out.json(value);
    out.finish();
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
