//! Extracts every PDF in a directory once, for profiling (`valgrind --tool=callgrind`) and for checking
//! that a speed change leaves the output alone:
//! `cargo run --release -p verbatim-pdf --example once -- DIR [DUMP_FILE]`.
//! With DUMP_FILE, every run of every page is written there (file, page, text, box, font, size, style)
//! so two builds' dumps can be compared byte for byte.

use std::fmt::Write as _;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: once DIR [DUMP_FILE]");
        std::process::exit(2);
    };
    let dump_path = args.next();
    let mut files: Vec<std::path::PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
            .collect(),
        Err(err) => {
            eprintln!("{dir}: {err}");
            std::process::exit(1);
        }
    };
    files.sort();
    let mut dump = String::new();
    let mut total_pages = 0usize;
    let mut total_runs = 0usize;
    for path in &files {
        let name = path.display().to_string();
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(err) => {
                eprintln!("{name}: {err}");
                continue;
            }
        };
        let doc = match verbatim_pdf::extract(&bytes) {
            Ok(doc) => doc,
            Err(err) => {
                eprintln!("{name}: {err}");
                continue;
            }
        };
        total_pages += doc.pages.len();
        if dump_path.is_some() {
            let file_name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            let _ = writeln!(
                dump,
                "# {} producer={:?}",
                file_name.unwrap_or_default(),
                doc.producer
            );
            for (page_idx, page) in doc.pages.iter().enumerate() {
                let _ = writeln!(dump, "## page {page_idx} {}x{}", page.width, page.height);
                for run in &page.runs {
                    let _ = writeln!(
                        dump,
                        "{:?} [{} {} {} {}] {} {} b={} i={}",
                        run.text,
                        run.bbox.x0,
                        run.bbox.y0,
                        run.bbox.x1,
                        run.bbox.y1,
                        run.font,
                        run.size,
                        run.bold,
                        run.italic
                    );
                }
            }
        }
        total_runs += doc.pages.iter().map(|p| p.runs.len()).sum::<usize>();
    }
    println!(
        "{} files: {total_pages} pages, {total_runs} runs",
        files.len()
    );
    if let Some(path) = dump_path
        && let Err(err) = std::fs::write(&path, dump)
    {
        eprintln!("{path}: {err}");
        std::process::exit(1);
    }
}
