//! Golden files: every record's layout in the dump form (without coordinates), compared with
//! tests/expected/NAME.txt. Regenerate on purpose with `UPDATE_EXPECT=1` and review the diff.

mod common;

use std::path::Path;

fn check(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/expected")
        .join(format!("{name}.txt"));
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&path, actual).expect("write expected file");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} is missing: run with UPDATE_EXPECT=1", path.display()));
    if expected != actual {
        let first_diff = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a)
            .unwrap_or_else(|| expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name}: layout differs from {} at line {}:\n expected: {:?}\n   actual: {:?}\n(rerun with UPDATE_EXPECT=1 if the change is intended)",
            path.display(),
            first_diff + 1,
            expected.lines().nth(first_diff),
            actual.lines().nth(first_diff)
        );
    }
}

#[test]
fn every_record_matches_its_golden_dump() {
    for name in common::RECORDS {
        let Some((_, lines)) = common::layout_record(name) else {
            return;
        };
        let mut out = String::new();
        for line in &lines {
            out.push_str(&verbatim_layout::dump::format_line(line, false));
            out.push('\n');
        }
        check(name, &out);
    }
}
