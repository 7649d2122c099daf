//! Measures extraction speed on one core: `cargo run --release -p verbatim-pdf --example speed -- DIR [PASSES]`.
//! Prints pages per second for extraction alone (the layout stage is measured by verbatim's own bench).

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: speed DIR [PASSES]");
        std::process::exit(2);
    };
    let passes: usize = args.next().and_then(|p| p.parse().ok()).unwrap_or(5);
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
    let inputs: Vec<(String, Vec<u8>)> = files
        .iter()
        .filter_map(|p| Some((p.display().to_string(), std::fs::read(p).ok()?)))
        .collect();
    let mut total_pages = 0usize;
    let start = Instant::now();
    for _ in 0..passes {
        for (name, bytes) in &inputs {
            match verbatim_pdf::extract(bytes) {
                Ok(doc) => total_pages += doc.pages.len(),
                Err(err) => eprintln!("{name}: {err}"),
            }
        }
    }
    let elapsed = start.elapsed().as_secs_f64();
    println!(
        "{} files x {passes} passes: {total_pages} pages in {elapsed:.2} s = {:.0} pages/s",
        inputs.len(),
        total_pages as f64 / elapsed
    );
    for (name, bytes) in &inputs {
        let t = Instant::now();
        let pages = verbatim_pdf::extract(bytes)
            .map(|d| d.pages.len())
            .unwrap_or(0);
        let secs = t.elapsed().as_secs_f64();
        println!("{name}: {pages} pages, {:.0} pages/s", pages as f64 / secs);
    }
}
