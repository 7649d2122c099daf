//! Synthetic meeting records shaped like real ones, for tests and the store benchmark.
//!
//! Input: a seed and a count. Output: [`MeetingRecord`]s. Entry function: [`generate`] (or
//! [`meetings_for_speeches`] to reach a number of speeches). Deterministic: the same seed always gives the
//! same records, byte for byte, with no dependency on a random-number crate. Out of scope: realism of
//! argument; the text is UN vocabulary assembled from templates, enough for ranking, phrases, facets and
//! index sizes to behave as they do on real records. Real country names and codes come from
//! `verbatim_record::countries`.

use verbatim_record::{
    AgendaHeading, AgendaItem, Body, CountryRef, Coverage, MeetingRecord, Member, Outcome, Person,
    Proceeding, ProceedingKind, Provenance, RECORD_SCHEMA_VERSION, Role, Source, Speaker, Speech,
    StageDirection, StageKind, Vote, VoteMethod, countries,
};

/// xorshift64*: a small, fast, well-distributed generator (Vigna, 2016). Enough for test data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // A zero state would stay zero; mix the seed so that nearby seeds diverge at once.
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03 | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        ((self.next_u64() >> 11) % n.max(1) as u64) as usize
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SURNAMES: &[&str] = &[
    "Delattre",
    "Nebenzia",
    "Haley",
    "Wu",
    "Allen",
    "Alotaibi",
    "Meza-Cuadra",
    "Ndong Mba",
    "Skoog",
    "Umarov",
    "Adom",
    "Llorentty Solíz",
    "Esono Mbengono",
    "Heusgen",
    "Van Oosterom",
    "Ma",
    "Safronkov",
    "Rycroft",
    "Bessho",
    "Yelchenko",
    "Kandeh",
    "Ciss",
    "Rosselli",
    "Lambertini",
    "Gonzalez",
    "Okafor",
    "Tanaka",
    "Mahmoud",
    "Petrov",
    "Nielsen",
    "Dos Santos",
    "Kowalski",
    "Haddad",
    "Kim",
    "Singh",
    "Osei",
    "Fernandez",
    "Al-Thani",
    "Moreau",
    "Ivanova",
    "Mensah",
    "Suzuki",
    "Lopez",
    "Chowdhury",
    "Nkosi",
    "Bianchi",
    "Johansson",
    "Hernandez",
    "Rahman",
    "Abdullahi",
    "Schmidt",
    "Costa",
    "Mutasa",
    "Karimov",
    "Duarte",
    "Oyelaran",
    "Sandoval",
    "Ferreira",
    "Barakat",
    "Lindqvist",
];

const TITLES: &[&str] = &["Mr.", "Mr.", "Mr.", "Mrs.", "Ms.", "Ms."];

const LANGUAGES: &[&str] = &["French", "Spanish", "Russian", "Chinese", "Arabic"];

const TOPICS: &[&str] = &[
    "The situation in the Middle East",
    "The situation in the Middle East, including the Palestinian question",
    "Maintenance of international peace and security",
    "Threats to international peace and security caused by terrorist acts",
    "The situation in Afghanistan",
    "Reports of the Secretary-General on the Sudan and South Sudan",
    "The situation concerning the Democratic Republic of the Congo",
    "Children and armed conflict",
    "Women and peace and security",
    "Protection of civilians in armed conflict",
    "Non-proliferation of weapons of mass destruction",
    "The situation in Libya",
    "The question concerning Haiti",
    "Peace and security in Africa",
    "United Nations peacekeeping operations",
    "Cooperation between the United Nations and regional and subregional organizations",
    "Report of the Economic and Social Council",
    "Promotion and protection of human rights",
    "Sustainable development",
    "Oceans and the law of the sea",
    "Question of Cyprus",
    "The situation in Somalia",
    "Climate and security",
    "Small arms and light weapons",
];

const OPENERS: &[&str] = &[
    "At the outset, I would like to thank",
    "I wish to express my gratitude to",
    "We welcome the briefing by",
    "My delegation appreciates the efforts of",
    "Allow me to congratulate",
    "We are grateful to",
    "I should like to commend",
];

const THANKED: &[&str] = &[
    "the Secretary-General for his report",
    "the Special Representative for her briefing",
    "the presidency for convening this open debate",
    "the Under-Secretary-General for Political Affairs",
    "the High Commissioner for Refugees",
    "the Executive Director of UNICEF",
    "the Special Envoy for his tireless efforts",
    "the Chair of the sanctions committee",
];

const SUBJECTS: &[&str] = &[
    "The international community",
    "The Security Council",
    "The General Assembly",
    "My delegation",
    "My Government",
    "Each party to the conflict",
    "Every Member State",
    "The African Union",
    "The United Nations",
    "The peacekeeping mission",
    "The humanitarian community",
    "The Government of the country",
];

const VERBS: &[&str] = &[
    "must redouble its efforts to ensure",
    "remains deeply concerned about",
    "strongly condemns",
    "reaffirms its commitment to",
    "calls for the full implementation of",
    "underlines the importance of",
    "welcomes the progress made towards",
    "cannot remain silent in the face of",
    "supports the efforts aimed at",
    "stresses the urgent need for",
    "expresses its solidarity with",
    "takes note of",
];

const OBJECTS: &[&str] = &[
    "the protection of civilians",
    "a ceasefire agreement",
    "the political process",
    "humanitarian access",
    "the sovereignty and territorial integrity of the country",
    "the implementation of resolution 2231 (2015)",
    "accountability for serious violations of international humanitarian law",
    "the safe return of refugees and internally displaced persons",
    "the fight against terrorism",
    "the rule of law",
    "free and fair elections",
    "sustainable development and poverty eradication",
    "the two-State solution",
    "nuclear disarmament and non-proliferation",
    "the rights of women and girls",
    "the reform of the Security Council",
    "the mandate of the mission",
    "climate change and its effects on security",
    "the peace agreement",
    "dialogue and reconciliation",
];

const CLOSERS: &[&str] = &[
    "in accordance with the Charter of the United Nations",
    "without further delay",
    "as a matter of priority",
    "on the ground",
    "in the region",
    "in line with the relevant resolutions",
    "with the support of the international community",
    "through inclusive dialogue",
    "in all its aspects",
    "at this critical juncture",
];

const SECOND_SENTENCES: &[&str] = &[
    "We cannot accept a situation in which civilians continue to bear the brunt of the violence.",
    "The humanitarian situation remains dire, and millions of people are in need of assistance.",
    "There can be no military solution to the conflict.",
    "The Council must speak with one voice on this matter.",
    "Impunity for such crimes is unacceptable.",
    "We encourage all parties to engage constructively in the negotiations.",
    "My country stands ready to contribute to those efforts.",
    "The mission needs adequate resources to fulfil its mandate.",
    "Sanctions must be implemented fully by all Member States.",
    "Let me conclude by reiterating our full support for the Special Envoy.",
    "Women must participate fully and equally in peace processes.",
    "The rights of children must be protected at all times.",
];

const PRESIDENT_LINES: &[&str] = &[
    "I thank the representative for the kind words addressed to me.",
    "I now give the floor to the representative of",
    "I shall now make a statement in my capacity as the representative of",
    "I resume my functions as President of the Council.",
    "There are no more names inscribed on the list of speakers.",
    "The Security Council will now begin its consideration of the item on its agenda.",
    "I wish to draw the attention of members to document",
    "I shall put the draft resolution to the vote now.",
];

/// The member states (code, name) of the country table, in its order.
fn member_states() -> Vec<(&'static str, &'static str)> {
    // The table lists the 193 members first; historical states and observers come after.
    countries::all_codes().take(193).collect()
}

fn sentence(rng: &mut Rng) -> String {
    format!(
        "{} {} {} {}.",
        rng.pick(SUBJECTS),
        rng.pick(VERBS),
        rng.pick(OBJECTS),
        rng.pick(CLOSERS)
    )
}

fn paragraph(rng: &mut Rng, sentences: usize) -> String {
    let mut out = String::new();
    for i in 0..sentences {
        if i > 0 {
            out.push(' ');
        }
        if rng.chance(30) {
            let second: &&str = rng.pick(SECOND_SENTENCES);
            out.push_str(second);
        } else {
            out.push_str(&sentence(rng));
        }
    }
    out
}

fn country_ref(code: &str, name: &str) -> CountryRef {
    CountryRef {
        name: name.to_owned(),
        code: Some(code.to_owned()),
    }
}

/// The `index`-th synthetic meeting of the sequence for `seed`.
pub fn meeting(seed: u64, index: u64) -> MeetingRecord {
    let mut rng = Rng::new(seed ^ index.wrapping_mul(0xA24B_AED4_963E_E407));
    let states = member_states();
    let is_sc = rng.chance(60);
    let year = 1990 + (index % 35) as u32;
    let month = 1 + rng.below(12) as u32;
    let day = 1 + rng.below(28) as u32;
    let date = format!("{year:04}-{month:02}-{day:02}");
    let (body, symbol, session) = if is_sc {
        (Body::SC, format!("S/PV.{}", 10_000 + index), None)
    } else {
        let session = year - 1945;
        (
            Body::GA,
            format!("A/{session}/PV.{}", 1000 + index),
            Some(session),
        )
    };

    // The body's members for this meeting: 15 for the Council (the five permanent members first).
    let council: Vec<(&str, &str)> = if is_sc {
        let mut council: Vec<(&str, &str)> = ["CHN", "FRA", "RUS", "GBR", "USA"]
            .iter()
            .filter_map(|code| states.iter().find(|(c, _)| c == code).copied())
            .collect();
        while council.len() < 15 {
            let candidate = *rng.pick(&states);
            if !council.contains(&candidate) {
                council.push(candidate);
            }
        }
        council
    } else {
        Vec::new()
    };
    let members: Vec<Member> = council
        .iter()
        .map(|(code, name)| Member {
            country: (*name).to_owned(),
            country_code: Some((*code).to_owned()),
            representative: Some(format!("{} {}", rng.pick(TITLES), rng.pick(SURNAMES))),
        })
        .collect();
    let president_state = if is_sc {
        council[5 + rng.below(10)]
    } else {
        *rng.pick(&states)
    };
    let president_name = format!("{} {}", rng.pick(TITLES), rng.pick(SURNAMES));

    let n_items = rng.range(1, 3);
    let mut agenda = Vec::new();
    for _ in 0..n_items {
        let doc_symbol = if is_sc {
            format!("S/{year}/{}", rng.range(100, 999))
        } else {
            format!("A/{}/{}", year - 1945, rng.range(100, 999))
        };
        agenda.push(AgendaItem {
            number: if is_sc {
                None
            } else {
                Some(rng.range(1, 180).to_string())
            },
            title: (*rng.pick(TOPICS)).to_owned(),
            documents: vec![doc_symbol],
        });
    }
    let mut documents_cited: Vec<String> =
        agenda.iter().flat_map(|a| a.documents.clone()).collect();

    let mut proceedings = Vec::new();
    let mut page = 0u32;
    let push = |proceedings: &mut Vec<Proceeding>, kind: ProceedingKind, page: u32| {
        let seq = proceedings.len() as u32;
        proceedings.push(Proceeding {
            seq,
            provenance: Provenance {
                page_start: page,
                page_end: page,
                bbox: [56.0, 100.0, 290.0, 112.0],
                ocr_confidence: None,
            },
            kind,
        });
    };
    push(
        &mut proceedings,
        ProceedingKind::StageDirection(StageDirection {
            kind: StageKind::CalledToOrder,
            text: format!(
                "The meeting was called to order at {}.",
                if rng.chance(50) { "10 a.m." } else { "3 p.m." }
            ),
            time: None,
        }),
        page,
    );
    push(
        &mut proceedings,
        ProceedingKind::StageDirection(StageDirection {
            kind: StageKind::AgendaAdopted,
            text: "The agenda was adopted.".to_owned(),
            time: None,
        }),
        page,
    );
    for item in &agenda {
        push(
            &mut proceedings,
            ProceedingKind::AgendaHeading(AgendaHeading {
                number: item.number.clone(),
                title: item.title.clone(),
                continued: false,
                documents: item.documents.clone(),
            }),
            page,
        );
    }

    let president_speaker = || Speaker {
        heading: "The President".to_owned(),
        name: "The President".to_owned(),
        title: Some("The".to_owned()),
        affiliation: None,
        country_code: None,
        role: Role::President,
        function: None,
        on_behalf_of: None,
    };
    let n_statements = rng.range(12, 36);
    for turn in 0..n_statements {
        if turn % 8 == 7 {
            page += 1;
        }
        // The President gives the floor before most statements, as in the records.
        if rng.chance(55) {
            let line = *rng.pick(PRESIDENT_LINES);
            let (code, name) = *rng.pick(&states);
            let _ = code;
            let text = if line.ends_with(" of") || line.ends_with("document") {
                format!("{line} {name}.")
            } else {
                line.to_owned()
            };
            push(
                &mut proceedings,
                ProceedingKind::Speech(Speech {
                    speaker: president_speaker(),
                    spoke_in: None,
                    paragraphs: vec![text],
                    documents_cited: Vec::new(),
                    continues: false,
                }),
                page,
            );
        }
        let (code, name) = if is_sc && rng.chance(70) {
            *rng.pick(&council)
        } else {
            *rng.pick(&states)
        };
        let is_briefer = rng.chance(6);
        let surname = *rng.pick(SURNAMES);
        let title = *rng.pick(TITLES);
        let spoke_in = if rng.chance(25) {
            Some((*rng.pick(LANGUAGES)).to_owned())
        } else {
            None
        };
        let speaker = if is_briefer {
            Speaker {
                heading: format!("{title} {surname}"),
                name: format!("{title} {surname}"),
                title: Some(title.to_owned()),
                affiliation: None,
                country_code: None,
                role: Role::Briefer,
                function: None,
                on_behalf_of: None,
            }
        } else {
            let role = if !is_sc || council.iter().any(|(c, _)| *c == code) {
                Role::Member
            } else {
                Role::NonMember
            };
            let heading = match &spoke_in {
                Some(lang) => format!("{title} {surname} ({name}) (spoke in {lang})"),
                None => format!("{title} {surname} ({name})"),
            };
            Speaker {
                heading,
                name: format!("{title} {surname}"),
                title: Some(title.to_owned()),
                affiliation: Some(name.to_owned()),
                country_code: Some(code.to_owned()),
                role,
                function: None,
                on_behalf_of: None,
            }
        };
        // Statements run to about 420 words on average and the President's lines to about ten, so
        // that a speech averages about 275 words: between the real records parsed here (about 245) and
        // the Security Council Debates corpus (about 460).
        let n_paragraphs = rng.range(3, 9);
        let mut paragraphs = Vec::with_capacity(n_paragraphs);
        paragraphs.push(format!("{} {}.", rng.pick(OPENERS), rng.pick(THANKED)));
        for _ in 1..n_paragraphs {
            let n = rng.range(3, 7);
            paragraphs.push(paragraph(&mut rng, n));
        }
        let mut speech_docs = Vec::new();
        if rng.chance(20) {
            let cited = format!("S/{year}/{}", rng.range(100, 999));
            paragraphs.push(format!(
                "We have studied the report contained in document {cited} carefully."
            ));
            if !documents_cited.contains(&cited) {
                documents_cited.push(cited.clone());
            }
            speech_docs.push(cited);
        }
        push(
            &mut proceedings,
            ProceedingKind::Speech(Speech {
                speaker,
                spoke_in,
                paragraphs,
                documents_cited: speech_docs,
                continues: false,
            }),
            page,
        );
    }

    // Votes: most Council meetings and some Assembly meetings end with decisions.
    let n_votes = if rng.chance(if is_sc { 50 } else { 35 }) {
        rng.range(1, 3)
    } else {
        0
    };
    for v in 0..n_votes {
        let draft = if is_sc {
            format!("S/{year}/{}", 100 + index % 800 + v as u64)
        } else {
            format!("A/{}/L.{}", year - 1945, rng.range(1, 90))
        };
        push(
            &mut proceedings,
            ProceedingKind::StageDirection(StageDirection {
                kind: StageKind::VoteTaken,
                text: if is_sc {
                    "A vote was taken by show of hands."
                } else {
                    "A recorded vote was taken."
                }
                .to_owned(),
                time: None,
            }),
            page,
        );
        let voters: Vec<(&str, &str)> = if is_sc {
            council.clone()
        } else {
            let n = rng.range(150, 190);
            states.iter().take(n).copied().collect()
        };
        let mut in_favour = Vec::new();
        let mut against = Vec::new();
        let mut abstaining = Vec::new();
        for (code, name) in &voters {
            let r = rng.below(100);
            if r < 80 {
                in_favour.push(country_ref(code, name));
            } else if r < 88 {
                against.push(country_ref(code, name));
            } else {
                abstaining.push(country_ref(code, name));
            }
        }
        let vetoed_by: Vec<CountryRef> = if is_sc {
            against
                .iter()
                .filter(|c| {
                    c.code
                        .as_deref()
                        .is_some_and(|code| countries::is_permanent_member(code, Some(year as i32)))
                })
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        let outcome = if is_sc {
            if in_favour.len() < 9 {
                Outcome::NotAdopted
            } else if !vetoed_by.is_empty() {
                Outcome::Vetoed
            } else {
                Outcome::Adopted
            }
        } else if in_favour.len() > against.len() {
            Outcome::Adopted
        } else {
            Outcome::NotAdopted
        };
        let resolution = (outcome == Outcome::Adopted).then(|| {
            if is_sc {
                format!("{} ({year})", 1000 + index)
            } else {
                format!("{}/{}", year - 1945, rng.range(1, 300))
            }
        });
        if !documents_cited.contains(&draft) {
            documents_cited.push(draft.clone());
        }
        let counts = Some([
            Some(in_favour.len() as u32),
            Some(against.len() as u32),
            Some(abstaining.len() as u32),
        ]);
        push(
            &mut proceedings,
            ProceedingKind::Vote(Vote {
                draft: Some(draft),
                part: None,
                subject: None,
                method: if is_sc {
                    VoteMethod::ShowOfHands
                } else {
                    VoteMethod::Recorded
                },
                in_favour,
                against,
                abstaining,
                counts,
                outcome: Some(outcome),
                vetoed_by,
                resolution,
                decision: None,
                notes: Vec::new(),
            }),
            page,
        );
    }
    push(
        &mut proceedings,
        ProceedingKind::StageDirection(StageDirection {
            kind: StageKind::Rose,
            text: "The meeting rose at 1 p.m.".to_owned(),
            time: Some("13:00".to_owned()),
        }),
        page,
    );

    let pages = page + 1;
    MeetingRecord {
        schema_version: RECORD_SCHEMA_VERSION,
        symbol: symbol.clone(),
        body,
        meeting_number: Some(if is_sc {
            10_000 + index as u32
        } else {
            1000 + index as u32
        }),
        resumption: None,
        session,
        year_label: None,
        date: Some(date),
        called_to_order: None,
        adjourned: Some("13:00".to_owned()),
        location: Some("New York".to_owned()),
        president: Some(Person {
            name: Some(president_name),
            country: Some(president_state.1.to_owned()),
            country_code: Some(president_state.0.to_owned()),
        }),
        members,
        agenda,
        proceedings,
        documents_cited,
        source: Source {
            file: format!("synthetic_{seed}_{index}.pdf"),
            sha256: format!("{:016x}{:016x}{:032x}", seed, index, 0),
            pages,
            producer: Some("verbatim synth".to_owned()),
            ocr: None,
        },
        diagnostics: Vec::new(),
        coverage: Coverage {
            body_chars: 0,
            placed_chars: 0,
        },
    }
}

/// `count` synthetic meetings for `seed`, numbered from 0.
pub fn generate(seed: u64, count: u64) -> impl Iterator<Item = MeetingRecord> {
    (0..count).map(move |index| meeting(seed, index))
}

/// Synthetic meetings until at least `speeches` speeches have been produced.
pub fn meetings_for_speeches(seed: u64, speeches: u64) -> impl Iterator<Item = MeetingRecord> {
    let mut produced = 0u64;
    let mut index = 0u64;
    std::iter::from_fn(move || {
        if produced >= speeches {
            return None;
        }
        let record = meeting(seed, index);
        index += 1;
        produced += speech_count(&record) as u64;
        Some(record)
    })
}

/// The number of speeches in a record.
pub fn speech_count(record: &MeetingRecord) -> usize {
    record
        .proceedings
        .iter()
        .filter(|p| matches!(p.kind, ProceedingKind::Speech(_)))
        .count()
}
