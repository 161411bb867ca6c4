//! A [`BufRead`] that counts the lines it has handed on, so that a streaming parser's
//! errors and bad rows can name a line without the file being kept in memory.

use std::io::{BufRead, Read, Result};

/// Counts the newlines in every byte consumed from the reader inside.
#[derive(Debug)]
pub struct Lines<R> {
    inner: R,
    newlines: u64,
}

impl<R: BufRead> Lines<R> {
    /// Wraps `inner`.
    pub fn new(inner: R) -> Self {
        Lines { inner, newlines: 0 }
    }

    /// The 1-based line of the next byte to be consumed.
    pub fn line(&self) -> u64 {
        self.newlines + 1
    }
}

impl<R: BufRead> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> Result<usize> {
        let n = self.inner.read(buf)?;
        self.newlines += count(&buf[..n]);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Lines<R> {
    fn fill_buf(&mut self) -> Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amt: usize) {
        // The buffer is still there (nothing consumed it since `fill_buf`), so asking for
        // it again does no I/O.
        if let Ok(buf) = self.inner.fill_buf() {
            self.newlines += count(&buf[..amt.min(buf.len())]);
        }
        self.inner.consume(amt);
    }
}

fn count(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_consumed_lines() {
        let mut r = Lines::new(&b"a\nb\nc"[..]);
        assert_eq!(r.line(), 1);
        let mut s = String::new();
        r.read_line(&mut s).unwrap();
        assert_eq!(r.line(), 2);
        r.read_to_string(&mut s).unwrap();
        assert_eq!(r.line(), 3);
    }
}
