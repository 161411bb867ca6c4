//! From bytes to text: the size cap, the declared encoding, and positions in the text.
//!
//! XML names its encoding in a byte-order mark or in the declaration
//! (`<?xml version="1.0" encoding="ISO-8859-1"?>`). We decode the whole file to UTF-8 once,
//! with encoding_rs, before parsing, so the parser only ever sees UTF-8 and every tool's
//! export reads the same way. Labels are decoded as the file says: a byte that is not
//! valid in the declared encoding is an error, not a replacement character.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

use crate::{BpmnError, MAX_INPUT_BYTES};

/// Decodes the bytes of an XML file to text, following its byte-order mark or declared
/// encoding (UTF-8 when it declares none). A leading byte-order mark is removed.
///
/// # Errors
/// [`BpmnError::TooLarge`] over [`MAX_INPUT_BYTES`], [`BpmnError::Empty`] for no content,
/// [`BpmnError::UnknownEncoding`] for an encoding label encoding_rs does not know, and
/// [`BpmnError::BadText`] for bytes that are invalid in the encoding.
///
/// # Complexity
/// Linear in the input.
pub fn decode(bytes: &[u8]) -> Result<String, BpmnError> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(BpmnError::TooLarge {
            bytes: bytes.len() as u64,
        });
    }
    let (encoding, body) = match Encoding::for_bom(bytes) {
        Some((enc, bom_len)) => (enc, &bytes[bom_len..]),
        None => (declared_encoding(bytes)?, bytes),
    };
    let text = if encoding == UTF_8 {
        match std::str::from_utf8(body) {
            Ok(s) => s.to_owned(),
            Err(e) => {
                return Err(BpmnError::BadText {
                    encoding: UTF_8.name(),
                    offset: e.valid_up_to(),
                })
            }
        }
    } else {
        match encoding.decode_without_bom_handling_and_without_replacement(body) {
            Some(s) => s.into_owned(),
            None => {
                return Err(BpmnError::BadText {
                    encoding: encoding.name(),
                    offset: first_bad_offset(encoding, body),
                })
            }
        }
    };
    if text.trim().is_empty() {
        return Err(BpmnError::Empty);
    }
    Ok(text)
}

/// The encoding named in the XML declaration at the start of `bytes`, or UTF-8.
/// UTF-16 without a byte-order mark is recognised by its zero bytes around `<?`.
fn declared_encoding(bytes: &[u8]) -> Result<&'static Encoding, BpmnError> {
    if bytes.starts_with(&[0, b'<', 0, b'?']) {
        return Ok(UTF_16BE);
    }
    if bytes.starts_with(&[b'<', 0, b'?', 0]) {
        return Ok(UTF_16LE);
    }
    if !bytes.starts_with(b"<?xml") {
        return Ok(UTF_8);
    }
    // The declaration is ASCII in every ASCII-compatible encoding; it ends at the first `?>`.
    let head = &bytes[..bytes.len().min(256)];
    let Some(end) = head.windows(2).position(|w| w == b"?>") else {
        return Ok(UTF_8);
    };
    let decl = String::from_utf8_lossy(&head[..end]);
    let Some(at) = decl.find("encoding") else {
        return Ok(UTF_8);
    };
    let rest = decl[at + "encoding".len()..].trim_start();
    let Some(rest) = rest.strip_prefix('=') else {
        return Ok(UTF_8);
    };
    let rest = rest.trim_start();
    let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else {
        return Ok(UTF_8);
    };
    let name: String = rest[1..].chars().take_while(|c| *c != quote).collect();
    match Encoding::for_label(name.trim().as_bytes()) {
        // A UTF-16 label without a byte-order mark in an ASCII-readable declaration is a
        // mislabelled UTF-8 file; reading it as UTF-8 is what browsers do too.
        Some(enc) if enc == UTF_16LE || enc == UTF_16BE => Ok(UTF_8),
        Some(enc) => Ok(enc),
        None => Err(BpmnError::UnknownEncoding { name }),
    }
}

/// The offset of the first byte that does not decode, for the error message.
fn first_bad_offset(encoding: &'static Encoding, body: &[u8]) -> usize {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(body.len() * 3 + 16);
    let (result, read) = decoder.decode_to_string_without_replacement(body, &mut out, true);
    match result {
        encoding_rs::DecoderResult::Malformed(bad, _) => read.saturating_sub(bad as usize),
        _ => read,
    }
}

/// Line and column (1-based; the column counts characters) of a byte offset in `text`.
/// Offsets past the end or inside a character are clamped.
///
/// # Complexity
/// Linear in `offset`; only called once, on the error path.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|b| *b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_declaration_decodes_accented_letters() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a n=\"Caf\xe9\"/>";
        let text = decode(bytes).unwrap();
        assert!(text.contains("Café"), "{text}");
    }

    #[test]
    fn utf16_with_bom_decodes() {
        let mut bytes = vec![0xFF, 0xFE];
        for u in "<?xml version=\"1.0\" encoding=\"UTF-16\"?><a n=\"Łódź\"/>".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert!(decode(&bytes).unwrap().contains("Łódź"));
    }

    #[test]
    fn unknown_encoding_is_named() {
        let err = decode(b"<?xml version=\"1.0\" encoding=\"klingon\"?><a/>").unwrap_err();
        assert_eq!(
            err,
            BpmnError::UnknownEncoding {
                name: "klingon".into()
            }
        );
    }

    #[test]
    fn invalid_utf8_reports_its_offset() {
        let err = decode(b"<a>\xff</a>").unwrap_err();
        assert_eq!(
            err,
            BpmnError::BadText {
                encoding: "UTF-8",
                offset: 3
            }
        );
    }

    #[test]
    fn empty_and_oversized_inputs_are_refused_before_parsing() {
        assert_eq!(decode(b"  \n"), Err(BpmnError::Empty));
        let big = vec![b' '; MAX_INPUT_BYTES + 1];
        assert!(matches!(decode(&big), Err(BpmnError::TooLarge { .. })));
    }

    #[test]
    fn line_column_counts_characters() {
        let text = "ab\nçd<x";
        assert_eq!(line_column(text, text.find('<').unwrap()), (2, 3));
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 999), (2, 5));
    }
}
