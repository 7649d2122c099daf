//! Prints every text run of a PDF: `cargo run -p verbatim-pdf --example runs -- FILE.pdf [PAGE]`.

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: runs FILE.pdf [PAGE]");
        std::process::exit(2);
    };
    let only_page: Option<usize> = args.next().and_then(|p| p.parse().ok());
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(err) => {
            eprintln!("{path}: {err}");
            std::process::exit(1);
        }
    };
    let start = std::time::Instant::now();
    let doc = match verbatim_pdf::extract(&bytes) {
        Ok(doc) => doc,
        Err(err) => {
            eprintln!("{path}: {err}");
            std::process::exit(1);
        }
    };
    eprintln!(
        "{} pages in {:?}, producer {:?}",
        doc.pages.len(),
        start.elapsed(),
        doc.producer
    );
    for (page_idx, page) in doc.pages.iter().enumerate() {
        if only_page.is_some_and(|p| p != page_idx) {
            continue;
        }
        println!("== page {page_idx} ({} x {})", page.width, page.height);
        for run in &page.runs {
            println!(
                "x0={:.1} x1={:.1} base={:.1} size={:.1} {}{} {} | {:?}",
                run.bbox.x0,
                run.bbox.x1,
                run.baseline(),
                run.size,
                if run.bold { "B" } else { "-" },
                if run.italic { "I" } else { "-" },
                run.font,
                run.text
            );
        }
    }
}
