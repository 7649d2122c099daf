//! Prints one line per layout line: `cargo run -p verbatim-layout --example dump -- FILE.pdf`.
//!
//! Format: `p{page} c{column} {kind} {B|I|-}{flags} x0=.. y0=.. | text`, where B/I mean the whole line is
//! bold/italic, `P` in the flags marks a paragraph start, and mixed styles are marked inline with
//! `**bold**` and `_italic_`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: dump FILE.pdf");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("{path}: {err}");
            std::process::exit(1);
        }
    };
    let doc = match verbatim_pdf::extract(&bytes) {
        Ok(doc) => doc,
        Err(err) => {
            eprintln!("{path}: {err}");
            std::process::exit(1);
        }
    };
    let lines = verbatim_layout::layout(&doc);
    let mut out = String::new();
    for line in &lines {
        out.push_str(&verbatim_layout::dump::format_line(line, true));
        out.push('\n');
    }
    print!("{out}");
}
