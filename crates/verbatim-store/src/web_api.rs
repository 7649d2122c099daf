//! Queries that the web layer (verbatim-web) needs beyond the CLI's: votes with every country's
//! position, the speeches of one speaker, and the terms that set a country's speeches apart.
//!
//! Kept in their own module so that the store's main file stays the CLI's contract. Every query here is
//! read-only, parameterised, bounded by a limit and ordered explicitly.

use std::collections::BTreeMap;

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};
use tantivy::Term;
use verbatim_record::{Body, Outcome, VoteMethod};

use crate::{Store, StoreError, body_from_str, method_from_str, outcome_from_str};

/// Which votes to list. Every filter that is set must hold.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct VoteFilter {
    /// A draft symbol ("S/2018/1016") or a resolution as stored ("2448 (2018)"), exactly.
    pub document: Option<String>,
    /// A meeting symbol exactly as stored.
    pub meeting: Option<String>,
}

/// A country as printed in a vote list, with its code where known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PositionEntry {
    pub country: String,
    pub code: Option<String>,
}

/// One vote with the position of every country listed in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VoteDetail {
    pub meeting: String,
    pub date: Option<String>,
    pub body: Body,
    /// `seq` of the vote in its meeting.
    pub seq: u32,
    pub draft: Option<String>,
    pub part: Option<String>,
    pub subject: Option<String>,
    pub method: VoteMethod,
    pub outcome: Option<Outcome>,
    pub counts: Option<[Option<u32>; 3]>,
    pub resolution: Option<String>,
    pub decision: Option<String>,
    /// Codes of the permanent members whose vote against was a veto.
    pub vetoed_by: Vec<String>,
    pub in_favour: Vec<PositionEntry>,
    pub against: Vec<PositionEntry>,
    pub abstaining: Vec<PositionEntry>,
}

/// A speech located in its meeting, with the start of its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpeechRef {
    pub meeting: String,
    pub date: Option<String>,
    pub seq: u32,
    /// Zero-based page index where the speech starts.
    pub page_start: u32,
    pub speaker: String,
    pub affiliation: Option<String>,
    pub country_code: Option<String>,
    /// The first characters of the speech.
    pub excerpt: String,
}

/// A word used in a country's speeches more often than in the store as a whole.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DistinctiveTerm {
    pub term: String,
    /// Speeches of the country that use the word.
    pub country_speeches: u64,
    /// Speeches in the whole store that use the word.
    pub all_speeches: u64,
    /// Log ratio of the two shares (smoothed); higher is more distinctive.
    pub score: f64,
}

/// The most speeches of one country read to find its distinctive terms: the newest ones.
const MAX_SPEECHES_FOR_TERMS: i64 = 2_000;
/// Characters of a speech kept in a [`SpeechRef`] excerpt.
const EXCERPT_CHARS: usize = 240;

/// Words too common in any debate to say anything about a speaker. English only: the store's text is
/// the English record.
const STOPWORDS: &[&str] = &[
    "about",
    "after",
    "again",
    "against",
    "also",
    "among",
    "been",
    "before",
    "being",
    "between",
    "both",
    "cannot",
    "could",
    "does",
    "doing",
    "during",
    "each",
    "even",
    "every",
    "from",
    "further",
    "have",
    "having",
    "here",
    "into",
    "itself",
    "just",
    "like",
    "made",
    "make",
    "many",
    "more",
    "most",
    "much",
    "must",
    "need",
    "only",
    "other",
    "ours",
    "over",
    "same",
    "shall",
    "should",
    "since",
    "some",
    "such",
    "than",
    "that",
    "their",
    "theirs",
    "them",
    "themselves",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "under",
    "until",
    "upon",
    "very",
    "well",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "whom",
    "will",
    "with",
    "within",
    "without",
    "would",
    "your",
    "ourselves",
    "because",
    "once",
    "another",
    "those",
    "already",
    "still",
    "today",
    "therefore",
    "however",
    "would",
    "wish",
    "take",
    "taken",
    "given",
    "like",
    "thank",
    "president",
    "mr",
    "madam",
];

fn excerpt(text: &str) -> String {
    if text.chars().count() <= EXCERPT_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    match cut.rfind(char::is_whitespace) {
        Some(pos) if pos > EXCERPT_CHARS / 2 => format!("{}…", &cut[..pos]),
        _ => format!("{cut}…"),
    }
}

/// The distinct words of a text as the index's default tokenizer sees them (split on anything that is
/// not alphanumeric, lowercased), keeping only alphabetic words of four letters or more that are not
/// stopwords.
fn content_words(text: &str) -> std::collections::BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4 && w.chars().count() <= 40)
        .filter(|w| w.chars().all(char::is_alphabetic))
        .map(str::to_lowercase)
        .filter(|w| !STOPWORDS.contains(&w.as_str()))
        .collect()
}

impl Store {
    /// The generation of the last write of a stored meeting (see the crate docs), or `None` when no
    /// meeting has this symbol. Every replacement of a meeting takes a new generation, so a page
    /// rendered from the record stays valid for as long as this number does not change.
    pub fn meeting_generation(&self, symbol: &str) -> Result<Option<u64>, StoreError> {
        let conn = self.conn();
        let generation: Option<i64> = conn
            .query_row(
                "SELECT generation FROM meetings WHERE symbol = ?1",
                [symbol],
                |row| row.get(0),
            )
            .optional()?;
        Ok(generation.map(|g| g.max(0) as u64))
    }

    /// Votes with every country's position, oldest first, then by meeting and place in the meeting.
    pub fn votes(
        &self,
        filter: &VoteFilter,
        page: crate::Page,
    ) -> Result<Vec<VoteDetail>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT m.id, m.symbol, m.date, m.body, v.seq, v.draft, v.part, v.subject, v.method,
                    v.outcome, v.count_in_favour, v.count_against, v.count_abstaining,
                    v.counts_announced, v.resolution, v.decision, v.vetoed_by
             FROM votes v JOIN meetings m ON m.id = v.meeting_id
             WHERE (?1 IS NULL OR v.draft = ?1 OR v.resolution = ?1)
               AND (?2 IS NULL OR m.symbol = ?2)
             ORDER BY m.date, m.symbol, v.seq
             LIMIT ?3 OFFSET ?4",
        )?;
        let document = filter.document.as_deref().map(str::trim);
        let meeting = filter.meeting.as_deref().map(str::trim);
        let rows = stmt.query_map(
            params![document, meeting, page.limit as i64, page.offset as i64],
            |row| {
                let counts = if row.get::<_, bool>(13)? {
                    Some([row.get(10)?, row.get(11)?, row.get(12)?])
                } else {
                    None
                };
                Ok((
                    row.get::<_, i64>(0)?,
                    VoteDetail {
                        meeting: row.get(1)?,
                        date: row.get(2)?,
                        body: body_from_str(&row.get::<_, String>(3)?),
                        seq: row.get(4)?,
                        draft: row.get(5)?,
                        part: row.get(6)?,
                        subject: row.get(7)?,
                        method: method_from_str(&row.get::<_, String>(8)?),
                        outcome: row
                            .get::<_, Option<String>>(9)?
                            .as_deref()
                            .and_then(outcome_from_str),
                        counts,
                        resolution: row.get(14)?,
                        decision: row.get(15)?,
                        vetoed_by: Vec::new(),
                        in_favour: Vec::new(),
                        against: Vec::new(),
                        abstaining: Vec::new(),
                    },
                    row.get::<_, String>(16)?,
                ))
            },
        )?;
        let mut found = Vec::new();
        for row in rows {
            let (meeting_id, mut vote, vetoed_by) = row?;
            vote.vetoed_by = serde_json::from_str(&vetoed_by)?;
            found.push((meeting_id, vote));
        }
        let mut positions = conn.prepare(
            "SELECT position, country, country_code FROM vote_positions
             WHERE meeting_id = ?1 AND seq = ?2 ORDER BY position, ord",
        )?;
        let mut out = Vec::with_capacity(found.len());
        for (meeting_id, mut vote) in found {
            let rows = positions.query_map(params![meeting_id, vote.seq], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    PositionEntry {
                        country: row.get(1)?,
                        code: row.get(2)?,
                    },
                ))
            })?;
            for row in rows {
                let (position, entry) = row?;
                match position.as_str() {
                    "against" => vote.against.push(entry),
                    "abstaining" => vote.abstaining.push(entry),
                    _ => vote.in_favour.push(entry),
                }
            }
            out.push(vote);
        }
        Ok(out)
    }

    /// The speeches given under one printed name (and affiliation, when given), newest first.
    pub fn speeches_of(
        &self,
        name: &str,
        affiliation: Option<&str>,
        page: crate::Page,
    ) -> Result<Vec<SpeechRef>, StoreError> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT m.symbol, m.date, p.seq, p.page_start, s.name, s.affiliation, s.country_code,
                    substr(p.text, 1, 400)
             FROM proceedings p
             JOIN speakers s ON s.meeting_id = p.meeting_id AND s.speaker_idx = p.speaker_idx
             JOIN meetings m ON m.id = p.meeting_id
             WHERE p.kind = 'speech' AND s.name = ?1 AND (?2 IS NULL OR s.affiliation = ?2)
             ORDER BY m.date DESC, m.symbol, p.seq
             LIMIT ?3 OFFSET ?4",
        )?;
        let rows = stmt.query_map(
            params![name, affiliation, page.limit as i64, page.offset as i64],
            |row| {
                Ok(SpeechRef {
                    meeting: row.get(0)?,
                    date: row.get(1)?,
                    seq: row.get(2)?,
                    page_start: row.get(3)?,
                    speaker: row.get(4)?,
                    affiliation: row.get(5)?,
                    country_code: row.get(6)?,
                    excerpt: excerpt(&row.get::<_, String>(7)?),
                })
            },
        )?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }

    /// The words that a country's speeches use more than the store's speeches as a whole: for each word
    /// of the country's (newest 2,000) speeches, the smoothed log ratio of the share of its speeches
    /// that use it over the share of all indexed speeches that do. Words used in fewer than two of the
    /// country's speeches are left out once it has four or more, so that one speech's topic does not
    /// dominate. Sorted by score (descending), then by word.
    pub fn distinctive_terms(
        &self,
        country: &str,
        limit: usize,
    ) -> Result<Vec<DistinctiveTerm>, StoreError> {
        let code = self.resolve_country(country)?;
        let texts: Vec<String> = {
            let conn = self.conn();
            let mut stmt = conn.prepare(
                "SELECT p.text FROM proceedings p
                 JOIN speakers s ON s.meeting_id = p.meeting_id AND s.speaker_idx = p.speaker_idx
                 JOIN meetings m ON m.id = p.meeting_id
                 WHERE p.kind = 'speech' AND s.country_code = ?1
                 ORDER BY m.date DESC, m.symbol, p.seq
                 LIMIT ?2",
            )?;
            let rows = stmt.query_map(params![code, MAX_SPEECHES_FOR_TERMS], |row| {
                row.get::<_, String>(0)
            })?;
            rows.collect::<Result<Vec<_>, _>>()?
        };
        let n_country = texts.len() as u64;
        if n_country == 0 {
            return Ok(Vec::new());
        }
        let mut country_df: BTreeMap<String, u64> = BTreeMap::new();
        for text in &texts {
            for word in content_words(text) {
                *country_df.entry(word).or_default() += 1;
            }
        }
        let min_df = if n_country >= 4 { 2 } else { 1 };
        let searcher = self.reader.searcher();
        let n_all = searcher.num_docs().max(n_country);
        let mut scored = Vec::new();
        for (word, df) in country_df {
            if df < min_df {
                continue;
            }
            let all_df = searcher
                .doc_freq(&Term::from_field_text(self.fields.text, &word))?
                .max(df);
            let share_country = (df as f64 + 0.5) / (n_country as f64 + 1.0);
            let share_all = (all_df as f64 + 0.5) / (n_all as f64 + 1.0);
            scored.push(DistinctiveTerm {
                term: word,
                country_speeches: df,
                all_speeches: all_df,
                score: (share_country / share_all).ln(),
            });
        }
        scored.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| b.country_speeches.cmp(&a.country_speeches))
                .then_with(|| a.term.cmp(&b.term))
        });
        scored.truncate(limit);
        Ok(scored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_words_match_the_index_tokenizer_and_drop_stopwords() {
        let words =
            content_words("The Council's veto — Anti-terrorism, 2018 and UNIFIL; would THEIR");
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        assert_eq!(
            words,
            vec!["anti", "council", "terrorism", "unifil", "veto"]
        );
    }

    #[test]
    fn excerpt_cuts_long_text_at_a_word() {
        let long = "word ".repeat(100);
        let cut = excerpt(&long);
        assert!(cut.ends_with('…'));
        assert!(cut.chars().count() <= EXCERPT_CHARS + 1);
        assert_eq!(excerpt("short text"), "short text");
    }
}
