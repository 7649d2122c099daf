//! Property tests of the paragraph reflow rules in `verbatim_layout::text`.

use proptest::prelude::*;
use verbatim_layout::text::{HyphenContext, join_lines, join_lines_with, repair_letter_spacing};

/// Lines made of words, spaces, hyphens, soft hyphens and dashes, with line-end hyphens common.
fn line_strategy() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            "[a-zA-Z]{1,10}",
            "[a-z]{1,6}-",
            "[a-z]{1,6}\u{ad}",
            Just(String::from("—")),
            Just(String::from("  ")),
            "[0-9]{1,4}",
            Just(String::from("re-")),
            Just(String::from("Secretary-")),
        ],
        0..8,
    )
    .prop_map(|words| words.join(" "))
}

fn without_hyphens_and_spaces(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{ad}')
        .collect()
}

proptest! {
    #[test]
    fn no_text_is_lost_but_hyphens_and_spaces(lines in proptest::collection::vec(line_strategy(), 0..6)) {
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let joined = join_lines(&refs);
        let input: String = lines.concat();
        prop_assert_eq!(without_hyphens_and_spaces(&joined), without_hyphens_and_spaces(&input));
        // Hyphens are only ever removed, never added.
        let hyphens_in = input.matches('-').count();
        prop_assert!(joined.matches('-').count() <= hyphens_in);
    }

    #[test]
    fn no_double_spaces_and_trimmed(lines in proptest::collection::vec(line_strategy(), 0..6)) {
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let joined = join_lines(&refs);
        prop_assert!(!joined.contains("  "), "{:?}", joined);
        prop_assert_eq!(joined.trim(), joined.as_str());
        let soft_hyphen = '\u{ad}';
        prop_assert!(!joined.contains(soft_hyphen), "soft hyphen left in {:?}", joined);
    }

    #[test]
    fn idempotent_on_joined_text(lines in proptest::collection::vec(line_strategy(), 0..6)) {
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let joined = join_lines(&refs);
        prop_assert_eq!(join_lines(&[joined.as_str()]), joined.clone());
        let context = HyphenContext::from_lines(refs.iter().copied());
        let with_context = join_lines_with(&refs, &context);
        prop_assert_eq!(join_lines_with(&[with_context.as_str()], &context), with_context.clone());
    }

    #[test]
    fn letter_spacing_repair_keeps_letters(words in proptest::collection::vec("[a-zA-Z]{1,8}", 0..10)) {
        let spaced: Vec<String> = words.iter().map(|w| w.chars().map(String::from).collect::<Vec<_>>().join(" ")).collect();
        let text = spaced.join(" ");
        let repaired = repair_letter_spacing(&text);
        let letters = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        prop_assert_eq!(letters(&repaired), letters(&text));
        prop_assert_eq!(repair_letter_spacing(&repaired), repaired.clone());
    }

    #[test]
    fn ordinary_text_is_left_alone_by_letter_spacing_repair(words in proptest::collection::vec("[a-zA-Z]{2,8}|a|I", 0..12)) {
        // At most three one-letter words in a row never change.
        let mut run = 0;
        for w in &words {
            run = if w.len() == 1 { run + 1 } else { 0 };
            prop_assume!(run < 4);
        }
        let text = words.join(" ");
        prop_assert_eq!(repair_letter_spacing(&text), text);
    }
}

#[test]
fn hyphenation_examples() {
    assert_eq!(join_lines(&["recon-", "ciliation"]), "reconciliation");
    assert_eq!(join_lines(&["Secretary-", "General"]), "Secretary-General");
    assert_eq!(join_lines(&["non-", "governmental"]), "non-governmental");
    assert_eq!(
        join_lines(&["the 2018-", "2019 period"]),
        "the 2018-2019 period"
    );
    assert_eq!(join_lines(&["co-", "operation"]), "co-operation");
    assert_eq!(join_lines(&["Repub-", "lic"]), "Republic");
    assert_eq!(join_lines(&["in-", "vited"]), "invited");
    let context = HyphenContext::from_lines(["the so-called peace-keeping forces"]);
    assert_eq!(
        join_lines_with(&["peace-", "keeping"], &context),
        "peace-keeping"
    );
    assert_eq!(
        join_lines(&["peace-", "keeping"]),
        "peace-keeping",
        "peace- is a known prefix"
    );
    assert_eq!(join_lines(&["main-", "tain"]), "maintain");
}
