//! verbatim-store: MeetingRecords in SQLite tables and a Tantivy full-text index.
