//! The gold form of a record (the shape of ../shared/corpus/gold/*.json).
