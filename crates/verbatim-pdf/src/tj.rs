//! Reading the items of a TJ array (the bytes between its brackets) without building PDF objects.
//!
//! Only the forms producers actually write are read here: numbers in the plain notation that
//! hayro-syntax reads on its fast path (an optional sign, at most 18 digits, an optional decimal
//! point), literal strings and hex strings, separated by white space. [`scan`] refuses anything else
//! (comments, names, nested arrays, references, unusual number notations), and the caller then reads
//! the array with hayro-syntax's object reader. For what it accepts, the values are computed exactly as
//! hayro-syntax computes them: the same digit accumulation and powers of ten for numbers, and string
//! bytes either taken as they are (a literal with no escape and no line end, which hayro-syntax also
//! borrows unchanged) or decoded by hayro-syntax itself.

/// One item of a TJ array; positions are byte offsets into the array's data.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Item {
    /// A number: moves the text position back by thousandths of an em.
    Adjust(f32),
    /// The bytes of a literal string that needs no decoding (inside its parentheses).
    Plain(usize, usize),
    /// A literal string with escapes or line ends, or a hex string (delimiters included): to be
    /// decoded by hayro-syntax's string reader.
    Encoded(usize, usize),
}

/// Powers of ten for decimal fractions, as hayro-syntax uses them.
const POWERS_OF_10: [f64; 19] = [
    1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18,
];

fn is_white_space(b: u8) -> bool {
    matches!(b, 0x00 | 0x09 | 0x0a | 0x0c | 0x0d | 0x20)
}

/// Neither white space nor a delimiter: a character that continues a token.
fn is_regular(b: u8) -> bool {
    !is_white_space(b)
        && !matches!(
            b,
            b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
        )
}

/// Reads the array's items into `items`; false when the array holds anything this reader leaves to
/// hayro-syntax (then `items` is incomplete and must not be used).
pub(crate) fn scan(data: &[u8], items: &mut Vec<Item>) -> bool {
    let mut i = 0;
    loop {
        while data.get(i).copied().is_some_and(is_white_space) {
            i += 1;
        }
        let Some(&first) = data.get(i) else {
            return true;
        };
        match first {
            b'(' => {
                let Some(end) = literal_end(data, i) else {
                    return false;
                };
                let inner = &data[i + 1..end - 1];
                if inner.iter().any(|b| matches!(b, b'\\' | b'\n' | b'\r')) {
                    items.push(Item::Encoded(i, end));
                } else {
                    items.push(Item::Plain(i + 1, end - 1));
                }
                i = end;
            }
            b'<' => {
                let mut j = i + 1;
                while data
                    .get(j)
                    .is_some_and(|b| b.is_ascii_hexdigit() || is_white_space(*b))
                {
                    j += 1;
                }
                // `<<` (a dictionary) and unterminated strings are left to hayro-syntax.
                if data.get(j) != Some(&b'>') {
                    return false;
                }
                items.push(Item::Encoded(i, j + 1));
                i = j + 1;
            }
            b'.' | b'+' | b'-' | b'0'..=b'9' => {
                let Some(value) = number(data, &mut i) else {
                    return false;
                };
                items.push(Item::Adjust(value));
            }
            _ => return false,
        }
    }
}

/// The end (one past the closing parenthesis) of the literal string starting at `start`: parentheses
/// nest, and a backslash takes the next byte with it.
fn literal_end(data: &[u8], start: usize) -> Option<usize> {
    let mut depth = 1usize;
    let mut i = start + 1;
    while depth > 0 {
        let b = *data.get(i)?;
        i += 1;
        match b {
            b'\\' => {
                data.get(i)?;
                i += 1;
            }
            b'(' => depth += 1,
            b')' => depth -= 1,
            _ => {}
        }
    }
    Some(i)
}

/// A number in plain notation at `*pos`, as f32 (integers convert directly, decimals through f64).
/// `None` for any other notation; `*pos` moves past the number only on success.
fn number(data: &[u8], pos: &mut usize) -> Option<f32> {
    let mut i = *pos;
    let negative = match data.get(i) {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let mut mantissa: u64 = 0;
    let mut digits = 0usize;
    let mut read_digits = |i: &mut usize| {
        let start = *i;
        while let Some(d) = data
            .get(*i)
            .map(|b| b.wrapping_sub(b'0'))
            .filter(|d| *d < 10)
        {
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(d));
            *i += 1;
        }
        *i - start
    };
    digits += read_digits(&mut i);
    let mut fraction_digits = None;
    if data.get(i) == Some(&b'.') {
        i += 1;
        let count = read_digits(&mut i);
        fraction_digits = Some(count);
        digits += count;
    }
    if digits == 0 || digits > 18 || data.get(i).copied().is_some_and(is_regular) {
        return None;
    }
    *pos = i;
    Some(match fraction_digits {
        None => {
            let value = mantissa as i64;
            (if negative {
                value.wrapping_neg()
            } else {
                value
            }) as f32
        }
        Some(shift) => {
            let value = mantissa as f64 / POWERS_OF_10[shift];
            (if negative { -value } else { value }) as f32
        }
    })
}

#[cfg(test)]
mod tests {
    use hayro_font::hayro_syntax::object::{Array, FromBytes, Object};

    use super::{Item, scan};

    /// What hayro-syntax's object reader gives for the same array: numbers as f32, strings' bytes.
    fn reference(array: &[u8]) -> Vec<Result<f32, Vec<u8>>> {
        let array = Array::from_bytes(array).expect("array");
        array
            .iter::<Object<'_>>()
            .filter_map(|item| match item {
                Object::Number(n) => Some(Ok(n.as_f32())),
                Object::String(s) => Some(Err(s.as_bytes().to_vec())),
                _ => None,
            })
            .collect()
    }

    fn scanned(array: &[u8]) -> Option<Vec<Result<f32, Vec<u8>>>> {
        let data = &array[1..array.len() - 1];
        let mut items = Vec::new();
        if !scan(data, &mut items) {
            return None;
        }
        Some(
            items
                .into_iter()
                .map(|item| match item {
                    Item::Adjust(v) => Ok(v),
                    Item::Plain(a, b) => Err(data[a..b].to_vec()),
                    Item::Encoded(a, b) => Err(
                        hayro_font::hayro_syntax::object::String::from_bytes(&data[a..b])
                            .expect("string")
                            .as_bytes()
                            .to_vec(),
                    ),
                })
                .collect(),
        )
    }

    #[test]
    fn agrees_with_the_object_reader() {
        let cases: [&[u8]; 9] = [
            b"[(The)-250(meeting)]",
            b"[ (a) 12.5 (b) -0.333 (c) +7 (d) .5 (e) -.25 ]",
            b"[(esc\\(aped\\) \\101\\12 x\\\\)-3(line\\\njoin)]",
            b"[<0048 0065>-120<6c6C6f>(nested (paren) ok)]",
            b"[(cr\r\nlf)1(tab\tz)]",
            b"[]",
            b"[123456789012345678 (x) 0.00000000000000001]",
            b"[(x)-1000.(y)]",
            b"[\n(x)\x00 -2\t(y)\x0c]",
        ];
        for case in cases {
            let got = scanned(case).unwrap_or_else(|| panic!("scan refused {case:?}"));
            assert_eq!(got, reference(case), "{}", String::from_utf8_lossy(case));
        }
    }

    #[test]
    fn leaves_other_forms_to_the_object_reader() {
        let cases: [&[u8]; 7] = [
            b"[(x) 5 0 R]",
            b"[(x) /Name]",
            b"[(x) % comment\n (y)]",
            b"[(x) [1 2]]",
            b"[(x) 1234567890123456789]",
            b"[(x) --5]",
            b"[<<>>]",
        ];
        for case in cases {
            assert!(scanned(case).is_none(), "{}", String::from_utf8_lossy(case));
        }
    }

    #[test]
    fn refuses_unterminated_strings() {
        let mut items = Vec::new();
        assert!(!scan(b"(abc", &mut items));
        assert!(!scan(b"<4142", &mut items));
        assert!(!scan(b"(abc\\", &mut items));
    }
}
