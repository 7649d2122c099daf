//! What one file may cost. A record of forty pages decodes to a few megabytes of content streams,
//! runs a few hundred thousand operators and shows a few hundred thousand glyphs; a hostile file (a
//! Flate bomb, form XObjects that draw each other a billion times, one string of fifty million
//! characters) would take gigabytes and hours. Each limit sits far above any real record and far below
//! what hurts, so reading stops with [`crate::PdfError::Limit`] instead.

use std::io::Read;

use flate2::read::ZlibDecoder;
use hayro_font::hayro_syntax::object::Stream;
use hayro_font::hayro_syntax::object::dict::keys::{DECODE_PARMS, DP};

/// Decoded bytes of one content stream or form.
pub const MAX_STREAM_BYTES: usize = 64 << 20;
/// Decoded bytes of all content streams and forms of a document (a form drawn twice counts twice).
pub const MAX_DOCUMENT_BYTES: usize = 256 << 20;
/// Content-stream operators interpreted in a document.
pub const MAX_OPERATORS: u64 = 20_000_000;
/// Form XObjects drawn in a document (a record draws a few per page).
pub const MAX_FORMS: u64 = 100_000;
/// Glyphs shown in a document.
pub const MAX_GLYPHS: usize = 4_000_000;

/// Which limit a document went past.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    StreamBytes,
    DocumentBytes,
    Operators,
    Forms,
    Glyphs,
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Limit::StreamBytes => write!(
                f,
                "a content stream decodes to more than {} MiB",
                MAX_STREAM_BYTES >> 20
            ),
            Limit::DocumentBytes => write!(
                f,
                "its content streams decode to more than {} MiB in all",
                MAX_DOCUMENT_BYTES >> 20
            ),
            Limit::Operators => write!(
                f,
                "it runs more than {} million drawing operators",
                MAX_OPERATORS / 1_000_000
            ),
            Limit::Forms => write!(f, "it draws form XObjects more than {} times", MAX_FORMS),
            Limit::Glyphs => write!(
                f,
                "it shows more than {} million characters",
                MAX_GLYPHS / 1_000_000
            ),
        }
    }
}

/// What a document has spent so far, and the first limit it went past.
#[derive(Debug, Default)]
pub(crate) struct Budget {
    decoded: usize,
    pub operators: u64,
    pub forms: u64,
    pub glyphs: usize,
    pub breached: Option<Limit>,
}

impl Budget {
    pub(crate) fn breach(&mut self, limit: Limit) {
        self.breached.get_or_insert(limit);
    }

    /// Counts one operator; false once the document is past a limit.
    pub(crate) fn operator(&mut self) -> bool {
        self.operators += 1;
        if self.operators > MAX_OPERATORS {
            self.breach(Limit::Operators);
        }
        self.breached.is_none()
    }

    /// Counts one form drawn; false once the document is past a limit.
    pub(crate) fn form(&mut self) -> bool {
        self.forms += 1;
        if self.forms > MAX_FORMS {
            self.breach(Limit::Forms);
        }
        self.breached.is_none()
    }

    /// The decoded bytes of a content stream or form, within the stream and document limits. Flate
    /// streams (nearly all content streams) are inflated here with the output bounded as it is made, so
    /// a bomb costs at most the limit; any other filter is decoded by hayro-syntax and then counted.
    /// None when the stream cannot be decoded or a limit is reached (then `breached` says which).
    pub(crate) fn decode(&mut self, stream: &Stream<'_>) -> Option<Vec<u8>> {
        if self.breached.is_some() {
            return None;
        }
        let room = MAX_STREAM_BYTES.min(MAX_DOCUMENT_BYTES.saturating_sub(self.decoded));
        let filters = stream.filters();
        let has_params = stream.dict().contains_key(DECODE_PARMS) || stream.dict().contains_key(DP);
        // hayro-syntax does not export its filter type; its debug name is what it is.
        let only_flate = filters.iter().all(|f| format!("{f:?}") == "FlateDecode");
        let data = if !has_params && only_flate {
            let mut data = stream.raw_data().into_owned();
            let mut fallback = false;
            for _ in 0..filters.len() {
                let mut out = Vec::new();
                let read = ZlibDecoder::new(data.as_slice())
                    .take(room as u64 + 1)
                    .read_to_end(&mut out);
                if out.len() > room {
                    self.breach_room();
                    return None;
                }
                if read.is_err() {
                    // A damaged or headerless stream: hayro-syntax's decoder is more forgiving.
                    fallback = true;
                    break;
                }
                data = out;
            }
            if fallback {
                stream.decoded_data().ok()?.into_owned()
            } else {
                data
            }
        } else {
            stream.decoded_data().ok()?.into_owned()
        };
        if data.len() > room {
            self.breach_room();
            return None;
        }
        self.decoded += data.len();
        Some(data)
    }

    fn breach_room(&mut self) {
        if MAX_DOCUMENT_BYTES.saturating_sub(self.decoded) < MAX_STREAM_BYTES {
            self.breach(Limit::DocumentBytes);
        } else {
            self.breach(Limit::StreamBytes);
        }
    }
}
