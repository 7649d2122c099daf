//! verbatim-eval: compares records in gold form with the hand-checked gold files.
