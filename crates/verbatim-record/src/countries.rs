//! Country names as printed in UN records -> ISO 3166-1 alpha-3 codes.
//!
//! Input: a country name as printed (a vote-list entry, a speaker's affiliation, a cover member); output:
//! an alpha-3 code. Entry function: [`code_for`]; [`canonical_name`] goes back from a code to the UN's
//! current short name for display. Out of scope: finding country names inside running text and anything
//! that is not a state (organizations, offices, regional groups).
//!
//! The table covers the 193 member states and the two observer states under the short names the UN prints
//! in its records, common variants (older official names, names without the parenthesised qualifier,
//! everyday English names, a few abbreviations), the French names of the 1950 Security Council members
//! (the 1950 record is bilingual), and historical states. Matching goes through [`normalize_name`], which
//! ignores case, accents, apostrophes, punctuation, whitespace and hyphens, and a leading "the"; so
//! "Côte d’Ivoire", "Cote d'Ivoire", "the Gambia", "Timor- Leste" and the letter-spaced "M a u r i t a n i
//! a" of 1990s records all find their entry.

use std::collections::HashMap;
use std::sync::LazyLock;

/// One state: its code, the name [`canonical_name`] returns, and further names that map to the code.
struct Entry {
    code: &'static str,
    name: &'static str,
    aliases: &'static [&'static str],
}

const fn entry(code: &'static str, name: &'static str, aliases: &'static [&'static str]) -> Entry {
    Entry {
        code,
        name,
        aliases,
    }
}

/// Member states under the UN's current official short names, in the UN's alphabetical order.
/// A name of the form "X (Y)" is also matched as "X" and as "Y X" (see [`NAME_INDEX`]), so those forms
/// ("Bolivia", "Plurinational State of Bolivia") need no alias here.
static MEMBER_STATES: &[Entry] = &[
    entry("AFG", "Afghanistan", &[]),
    entry("ALB", "Albania", &[]),
    entry("DZA", "Algeria", &[]),
    entry("AND", "Andorra", &[]),
    entry("AGO", "Angola", &[]),
    entry("ATG", "Antigua and Barbuda", &[]),
    entry("ARG", "Argentina", &[]),
    entry("ARM", "Armenia", &[]),
    entry("AUS", "Australia", &[]),
    entry("AUT", "Austria", &[]),
    entry("AZE", "Azerbaijan", &[]),
    entry("BHS", "Bahamas", &[]),
    entry("BHR", "Bahrain", &[]),
    entry("BGD", "Bangladesh", &[]),
    entry("BRB", "Barbados", &[]),
    // The Byelorussian SSR, a founding member, is a separate historical entry (BYS) below.
    entry("BLR", "Belarus", &[]),
    entry("BEL", "Belgium", &[]),
    entry("BLZ", "Belize", &[]),
    entry("BEN", "Benin", &[]),
    entry("BTN", "Bhutan", &[]),
    entry("BOL", "Bolivia (Plurinational State of)", &[]),
    entry("BIH", "Bosnia and Herzegovina", &[]),
    entry("BWA", "Botswana", &[]),
    entry("BRA", "Brazil", &[]),
    entry("BRN", "Brunei Darussalam", &["Brunei"]),
    entry("BGR", "Bulgaria", &[]),
    entry("BFA", "Burkina Faso", &[]),
    entry("BDI", "Burundi", &[]),
    entry("CPV", "Cabo Verde", &["Cape Verde"]),
    // Cambodia sat as "Democratic Kampuchea" (1975-1990) and as the "Khmer Republic" (1970-1975); ISO
    // kept KHM throughout, so those names map to KHM.
    entry(
        "KHM",
        "Cambodia",
        &["Democratic Kampuchea", "Kampuchea", "Khmer Republic"],
    ),
    entry("CMR", "Cameroon", &[]),
    entry("CAN", "Canada", &[]),
    entry("CAF", "Central African Republic", &[]),
    entry("TCD", "Chad", &[]),
    entry("CHL", "Chile", &[]),
    // The China seat: until 1971 it was held by the Republic of China, and records of that time (the
    // 1950 record among them) print it as "China". The seat, not the government, is what a vote list
    // records, so "China" and "Republic of China" both map to CHN rather than to TWN. "Chine" is the
    // French form of the bilingual 1950 record.
    entry(
        "CHN",
        "China",
        &["People’s Republic of China", "Republic of China", "Chine"],
    ),
    entry("COL", "Colombia", &[]),
    entry("COM", "Comoros", &[]),
    entry(
        "COG",
        "Congo",
        &["Republic of the Congo", "Congo-Brazzaville"],
    ),
    entry("CRI", "Costa Rica", &[]),
    entry("CIV", "Côte d’Ivoire", &["Ivory Coast"]),
    entry("HRV", "Croatia", &[]),
    entry("CUB", "Cuba", &[]),
    entry("CYP", "Cyprus", &[]),
    // Czechia since 2016 (UN short name since 2019 in records); Czechoslovakia is a historical entry.
    entry("CZE", "Czechia", &["Czech Republic"]),
    entry(
        "PRK",
        "Democratic People’s Republic of Korea",
        &["North Korea", "DPRK"],
    ),
    // Zaire (1971-1997) is kept apart as ZAR, its withdrawn ISO 3166 code (see the historical table).
    entry(
        "COD",
        "Democratic Republic of the Congo",
        &["DR Congo", "DRC", "Congo-Kinshasa"],
    ),
    entry("DNK", "Denmark", &[]),
    entry("DJI", "Djibouti", &[]),
    entry("DMA", "Dominica", &[]),
    entry("DOM", "Dominican Republic", &[]),
    entry("ECU", "Ecuador", &["Equateur"]),
    // The United Arab Republic (Egypt and Syria, 1958-1961) kept its name and seat as Egypt alone until
    // 1971; its records map to EGY, the continuing state. "Egypte" is the 1950 French form.
    entry("EGY", "Egypt", &["Egypte", "United Arab Republic"]),
    entry("SLV", "El Salvador", &[]),
    entry("GNQ", "Equatorial Guinea", &[]),
    entry("ERI", "Eritrea", &[]),
    entry("EST", "Estonia", &[]),
    entry("SWZ", "Eswatini", &["Swaziland", "Kingdom of Eswatini"]),
    entry("ETH", "Ethiopia", &[]),
    entry("FJI", "Fiji", &[]),
    entry("FIN", "Finland", &[]),
    entry("FRA", "France", &[]),
    entry("GAB", "Gabon", &[]),
    entry("GMB", "Gambia", &[]),
    entry("GEO", "Georgia", &[]),
    // The Federal Republic of Germany kept its code DEU at unification in 1990; the German Democratic
    // Republic is a historical entry (DDR).
    entry(
        "DEU",
        "Germany",
        &["Federal Republic of Germany", "West Germany"],
    ),
    entry("GHA", "Ghana", &[]),
    entry("GRC", "Greece", &[]),
    entry("GRD", "Grenada", &[]),
    entry("GTM", "Guatemala", &[]),
    entry("GIN", "Guinea", &[]),
    entry("GNB", "Guinea-Bissau", &[]),
    entry("GUY", "Guyana", &[]),
    entry("HTI", "Haiti", &[]),
    entry("HND", "Honduras", &[]),
    entry("HUN", "Hungary", &[]),
    entry("ISL", "Iceland", &[]),
    entry("IND", "India", &["Inde"]),
    entry("IDN", "Indonesia", &[]),
    entry("IRN", "Iran (Islamic Republic of)", &[]),
    entry("IRQ", "Iraq", &[]),
    entry("IRL", "Ireland", &[]),
    entry("ISR", "Israel", &[]),
    entry("ITA", "Italy", &[]),
    entry("JAM", "Jamaica", &[]),
    entry("JPN", "Japan", &[]),
    entry("JOR", "Jordan", &[]),
    entry("KAZ", "Kazakhstan", &[]),
    entry("KEN", "Kenya", &[]),
    entry("KIR", "Kiribati", &[]),
    entry("KWT", "Kuwait", &[]),
    entry("KGZ", "Kyrgyzstan", &["Kyrgyz Republic"]),
    entry(
        "LAO",
        "Lao People’s Democratic Republic",
        &["Laos", "Lao PDR"],
    ),
    entry("LVA", "Latvia", &[]),
    entry("LBN", "Lebanon", &[]),
    entry("LSO", "Lesotho", &[]),
    entry("LBR", "Liberia", &[]),
    // "Libyan Arab Jamahiriya" (1977-2011) and "Libyan Arab Republic" (1969-1977) are older names of the
    // same member, which ISO coded LBY throughout.
    entry(
        "LBY",
        "Libya",
        &["Libyan Arab Jamahiriya", "Libyan Arab Republic"],
    ),
    entry("LIE", "Liechtenstein", &[]),
    entry("LTU", "Lithuania", &[]),
    entry("LUX", "Luxembourg", &[]),
    entry("MDG", "Madagascar", &[]),
    entry("MWI", "Malawi", &[]),
    // The Federation of Malaya (member from 1957) continued as Malaysia in 1963.
    entry("MYS", "Malaysia", &["Federation of Malaya", "Malaya"]),
    entry("MDV", "Maldives", &[]),
    entry("MLI", "Mali", &[]),
    entry("MLT", "Malta", &[]),
    entry("MHL", "Marshall Islands", &[]),
    entry("MRT", "Mauritania", &[]),
    entry("MUS", "Mauritius", &[]),
    entry("MEX", "Mexico", &[]),
    entry("FSM", "Micronesia (Federated States of)", &[]),
    entry("MCO", "Monaco", &[]),
    entry("MNG", "Mongolia", &[]),
    entry("MNE", "Montenegro", &[]),
    entry("MAR", "Morocco", &[]),
    entry("MOZ", "Mozambique", &[]),
    // Burma was renamed Myanmar in 1989. ISO 3166-3 keeps BUR for Burma, but the seat and the state are
    // the same, and the project's contract maps Burma to MMR so that a country's votes stay together.
    entry("MMR", "Myanmar", &["Burma"]),
    entry("NAM", "Namibia", &[]),
    entry("NRU", "Nauru", &[]),
    entry("NPL", "Nepal", &[]),
    entry("NLD", "Netherlands (Kingdom of the)", &[]),
    entry("NZL", "New Zealand", &[]),
    entry("NIC", "Nicaragua", &[]),
    entry("NER", "Niger", &[]),
    entry("NGA", "Nigeria", &[]),
    entry(
        "MKD",
        "North Macedonia",
        &[
            "the former Yugoslav Republic of Macedonia",
            "Republic of North Macedonia",
            "Macedonia",
        ],
    ),
    entry("NOR", "Norway", &["Norvège"]),
    entry("OMN", "Oman", &[]),
    entry("PAK", "Pakistan", &[]),
    entry("PLW", "Palau", &[]),
    entry("PAN", "Panama", &[]),
    entry("PNG", "Papua New Guinea", &[]),
    entry("PRY", "Paraguay", &[]),
    entry("PER", "Peru", &[]),
    entry("PHL", "Philippines", &[]),
    entry("POL", "Poland", &[]),
    entry("PRT", "Portugal", &[]),
    entry("QAT", "Qatar", &[]),
    entry("KOR", "Republic of Korea", &["South Korea"]),
    entry("MDA", "Republic of Moldova", &["Moldova"]),
    entry("ROU", "Romania", &["Rumania"]),
    // The Russian Federation continued the USSR's membership from December 1991; the USSR is the
    // historical entry SUN.
    entry("RUS", "Russian Federation", &["Russia"]),
    entry("RWA", "Rwanda", &[]),
    entry(
        "KNA",
        "Saint Kitts and Nevis",
        &["St. Kitts and Nevis", "Saint Christopher and Nevis"],
    ),
    entry("LCA", "Saint Lucia", &["St. Lucia"]),
    entry(
        "VCT",
        "Saint Vincent and the Grenadines",
        &["St. Vincent and the Grenadines"],
    ),
    entry("WSM", "Samoa", &["Western Samoa"]),
    entry("SMR", "San Marino", &[]),
    entry("STP", "Sao Tome and Principe", &[]),
    entry("SAU", "Saudi Arabia", &[]),
    entry("SEN", "Senegal", &[]),
    entry("SRB", "Serbia", &[]),
    entry("SYC", "Seychelles", &[]),
    entry("SLE", "Sierra Leone", &[]),
    entry("SGP", "Singapore", &[]),
    entry("SVK", "Slovakia", &["Slovak Republic"]),
    entry("SVN", "Slovenia", &[]),
    entry("SLB", "Solomon Islands", &[]),
    entry("SOM", "Somalia", &[]),
    entry("ZAF", "South Africa", &[]),
    entry("SSD", "South Sudan", &[]),
    entry("ESP", "Spain", &[]),
    // Ceylon was renamed Sri Lanka in 1972, before ISO 3166 existed, so it has no code of its own.
    entry("LKA", "Sri Lanka", &["Ceylon"]),
    entry("SDN", "Sudan", &[]),
    entry("SUR", "Suriname", &["Surinam"]),
    entry("SWE", "Sweden", &[]),
    entry("CHE", "Switzerland", &[]),
    entry("SYR", "Syrian Arab Republic", &["Syria"]),
    entry("TJK", "Tajikistan", &[]),
    // Siam was renamed Thailand in 1939 and joined the UN in 1946 under that name; listed for old texts.
    entry("THA", "Thailand", &["Siam"]),
    // ISO 3166-3 kept TMP for East Timor until 2002; the state that joined the UN in 2002 is TLS, and
    // "East Timor" in records after independence names that state.
    entry("TLS", "Timor-Leste", &["East Timor"]),
    entry("TGO", "Togo", &[]),
    entry("TON", "Tonga", &[]),
    entry("TTO", "Trinidad and Tobago", &[]),
    entry("TUN", "Tunisia", &[]),
    entry("TUR", "Türkiye", &["Turkey"]),
    entry("TKM", "Turkmenistan", &[]),
    entry("TUV", "Tuvalu", &[]),
    entry("UGA", "Uganda", &[]),
    // The Ukrainian SSR, a founding member, had ISO code UKR, which Ukraine kept; so it is an alias here,
    // unlike the Byelorussian SSR, whose code BYS was withdrawn when it became Belarus.
    entry(
        "UKR",
        "Ukraine",
        &["Ukrainian Soviet Socialist Republic", "Ukrainian SSR"],
    ),
    entry("ARE", "United Arab Emirates", &["UAE"]),
    entry(
        "GBR",
        "United Kingdom of Great Britain and Northern Ireland",
        &[
            "United Kingdom",
            "UK",
            "Great Britain",
            "Royaume-Uni de Grande-Bretagne et d’Irlande du Nord",
            "Royaume-Uni",
        ],
    ),
    // Tanganyika (member 1961-1964) united with Zanzibar and continued as the United Republic of Tanzania.
    entry(
        "TZA",
        "United Republic of Tanzania",
        &["Tanzania", "Tanganyika"],
    ),
    // "US" is deliberately absent: its matching key equals the pronoun "us".
    entry(
        "USA",
        "United States of America",
        &[
            "United States",
            "USA",
            "Etats-Unis d’Amérique",
            "Etats-Unis",
        ],
    ),
    entry("URY", "Uruguay", &[]),
    entry("UZB", "Uzbekistan", &[]),
    entry("VUT", "Vanuatu", &[]),
    entry("VEN", "Venezuela (Bolivarian Republic of)", &[]),
    entry("VNM", "Viet Nam", &["Vietnam"]),
    // The Yemen Arab Republic (North Yemen, ISO YEM) is the state that continued as Yemen in 1990;
    // Democratic Yemen (South Yemen) is the historical entry YMD.
    entry("YEM", "Yemen", &["Yemen Arab Republic"]),
    entry("ZMB", "Zambia", &[]),
    entry("ZWE", "Zimbabwe", &[]),
];

/// The two non-member observer states.
static OBSERVER_STATES: &[Entry] = &[
    entry("VAT", "Holy See", &["Vatican", "Vatican City"]),
    entry("PSE", "State of Palestine", &["Palestine"]),
];

/// States that no longer exist, or names that the project keeps apart from their successor. Each maps
/// to its withdrawn ISO 3166 code (the alpha-3 element of the ISO 3166-3 entry), so a historical vote
/// is never silently attributed to a successor with different borders.
static HISTORICAL_STATES: &[Entry] = &[
    // ISO 3166-3 SUHH; the Russian Federation (RUS) continued the membership in December 1991.
    entry(
        "SUN",
        "Union of Soviet Socialist Republics",
        &[
            "USSR",
            "Soviet Union",
            "Union des Républiques socialistes soviétiques",
            "URSS",
        ],
    ),
    // ISO 3166-3 YUCS. The Socialist Federal Republic (1945-1992) and the Federal Republic of Yugoslavia
    // (1992-2003), which ISO coded YUG until 2003, share the code; the records print both as Yugoslavia.
    entry(
        "YUG",
        "Yugoslavia",
        &[
            "Federal Republic of Yugoslavia",
            "Socialist Federal Republic of Yugoslavia",
            "Yougoslavie",
        ],
    ),
    // ISO 3166-3 CSHH; dissolved into Czechia and Slovakia on 1 January 1993.
    entry(
        "CSK",
        "Czechoslovakia",
        &["Czech and Slovak Federal Republic"],
    ),
    // ISO 3166-3 ZRCD: Zaire, 1971-1997, now the Democratic Republic of the Congo (COD).
    entry("ZAR", "Zaire", &["Republic of Zaire"]),
    // ISO 3166-3 CSXX: the State Union of 2003-2006, succeeded by Serbia.
    entry("SCG", "Serbia and Montenegro", &[]),
    // ISO 3166-3 DDDE: member 1973-1990.
    entry("DDR", "German Democratic Republic", &["East Germany"]),
    // ISO 3166-3 BYAA: a founding member, renamed Belarus (BLR) in 1991.
    entry(
        "BYS",
        "Byelorussian Soviet Socialist Republic",
        &["Byelorussian SSR"],
    ),
    // ISO 3166-3 YDYE: South Yemen, 1967-1990, united with the Yemen Arab Republic (YEM).
    entry(
        "YMD",
        "Democratic Yemen",
        &["People’s Democratic Republic of Yemen"],
    ),
    // ISO 3166-3 HVBF: Upper Volta, renamed Burkina Faso (BFA) in 1984.
    entry("HVO", "Upper Volta", &[]),
    // ISO 3166-3 DYBJ: Dahomey, renamed Benin (BEN) in 1975.
    entry("DHY", "Dahomey", &[]),
];

/// The five permanent members of the Security Council under their current codes.
pub const PERMANENT_MEMBERS: [&str; 5] = ["CHN", "FRA", "RUS", "GBR", "USA"];

fn all_entries() -> impl Iterator<Item = &'static Entry> {
    MEMBER_STATES
        .iter()
        .chain(OBSERVER_STATES)
        .chain(HISTORICAL_STATES)
}

/// Matching key -> code. Built once; only ever used for lookups, never iterated into output.
static NAME_INDEX: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut index = HashMap::new();
    for entry in all_entries() {
        let mut insert = |name: &str| {
            let key = normalize_name(name);
            if let Some(previous) = index.insert(key, entry.code) {
                // Two entries claiming one name would make lookups depend on table order; the unit test
                // `no_two_entries_share_a_key` guards this, and release builds keep the first claim.
                debug_assert_eq!(previous, entry.code, "country name {name:?} is ambiguous");
            }
        };
        insert(entry.name);
        for alias in entry.aliases {
            insert(alias);
        }
        // "Bolivia (Plurinational State of)" is also written "Bolivia" and "Plurinational State of
        // Bolivia" (the latter is how speakers' affiliations often print it).
        if let Some((base, qualifier)) = split_qualified(entry.name) {
            insert(base);
            insert(&format!("{qualifier} {base}"));
        }
    }
    index
});

/// Code -> canonical name.
static CODE_INDEX: LazyLock<HashMap<&'static str, &'static str>> = LazyLock::new(|| {
    all_entries()
        .map(|entry| (entry.code, entry.name))
        .collect()
});

/// Splits "Bolivia (Plurinational State of)" into ("Bolivia", "Plurinational State of").
fn split_qualified(name: &str) -> Option<(&str, &str)> {
    let open = name.find(" (")?;
    let inner = name[open + 2..].strip_suffix(')')?;
    Some((&name[..open], inner))
}

/// The matching key of a country name: lower case, accents folded to ASCII, a leading "the" dropped,
/// and everything but letters and digits removed (so apostrophes, punctuation, hyphens, line-break
/// hyphenation and whitespace, including letter-spacing, do not matter). "&" counts as "and".
pub fn normalize_name(name: &str) -> String {
    let trimmed =
        name.trim_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':'));
    let without_article = strip_leading_the(trimmed);
    let mut key = String::with_capacity(without_article.len());
    for c in without_article.chars() {
        if c == '&' {
            key.push_str("and");
            continue;
        }
        for lower in c.to_lowercase() {
            if lower.is_ascii_alphanumeric() {
                key.push(lower);
            } else if let Some(folded) = fold_accent(lower) {
                key.push_str(folded);
            }
        }
    }
    key
}

/// Drops a leading "the " ("the Gambia", "The Niger") in any case.
fn strip_leading_the(name: &str) -> &str {
    let mut chars = name.char_indices();
    let starts_with_the = name.len() > 4
        && name.is_char_boundary(3)
        && name[..3].eq_ignore_ascii_case("the")
        && chars.nth(3).is_some_and(|(_, c)| c.is_whitespace());
    if starts_with_the {
        name[4..].trim_start()
    } else {
        name
    }
}

/// ASCII spelling of the accented lower-case letters that occur in country names (English and French).
fn fold_accent(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => "a",
        'æ' => "ae",
        'ç' => "c",
        'è' | 'é' | 'ê' | 'ë' => "e",
        'ì' | 'í' | 'î' | 'ï' => "i",
        'ñ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' => "o",
        'œ' => "oe",
        'ù' | 'ú' | 'û' | 'ü' => "u",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        _ => return None,
    })
}

/// The ISO 3166-1 alpha-3 code (or the withdrawn ISO 3166-3 code of a historical state) for a country
/// name as printed; `None` for anything that is not a state in the table.
pub fn code_for(name: &str) -> Option<&'static str> {
    let key = normalize_name(name);
    if key.is_empty() {
        return None;
    }
    NAME_INDEX.get(&key).copied()
}

/// The code of the state whose name (or alias) `name` is by a few OCR misreadings ("Cosia Rica", "Céte
/// d'Ivoire"), when one state is clearly the closest: at most one change per eight letters (and never
/// more than two), and at least one change fewer than any other state. `None` for a name in the table
/// (use [`code_for`]) or one like no state.
pub fn closest_by_ocr(name: &str) -> Option<&'static str> {
    let key = normalize_name(name);
    let letters = key.chars().filter(|c| c.is_alphabetic()).count();
    if letters < 4 || NAME_INDEX.contains_key(&key) {
        return None;
    }
    let limit = (letters as f64 / 8.0).clamp(1.0, 2.0);
    let mut best: Option<(f64, &'static str)> = None;
    let mut second = f64::INFINITY;
    // Sorted keys, so that ties resolve the same way on every run.
    for (candidate, code) in SORTED_NAMES.iter() {
        let n = candidate.chars().count();
        if n + 3 < letters || n > letters + 3 {
            continue;
        }
        let distance = crate::vocab::ocr_distance(&key, candidate);
        match best {
            Some((d, c)) if distance < d => {
                if c != *code {
                    second = second.min(d);
                }
                best = Some((distance, code));
            }
            Some((_, c)) if c != *code => second = second.min(distance),
            None => best = Some((distance, code)),
            _ => {}
        }
    }
    let (distance, code) = best?;
    (distance <= limit && second - distance >= 1.0).then_some(code)
}

/// Every normalised name and alias with its code, sorted by name.
static SORTED_NAMES: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| {
    let mut names: Vec<(String, &'static str)> =
        NAME_INDEX.iter().map(|(k, v)| (k.clone(), *v)).collect();
    names.sort();
    names
});

/// Whether `name` is a state in the table (a member, an observer state or a historical state).
pub fn is_country(name: &str) -> bool {
    code_for(name).is_some()
}

/// The UN's current short name for a code ("BOL" -> "Bolivia (Plurinational State of)"); for a
/// historical code, the name the state last had ("SUN" -> "Union of Soviet Socialist Republics").
/// Codes are matched case-insensitively.
pub fn canonical_name(code: &str) -> Option<&'static str> {
    if code.len() != 3 {
        return None;
    }
    let upper = code.to_ascii_uppercase();
    CODE_INDEX.get(upper.as_str()).copied()
}

/// Whether the state with `code` held a permanent Security Council seat in `year`.
///
/// The China seat is CHN throughout (the Republic of China held it until 1971, see the table). The
/// Soviet seat is SUN up to and including 1991 and RUS from 1991 on: the Russian Federation took the seat
/// in December 1991, so both count in 1991. With `year` unknown (`None`), every code that has ever held
/// a permanent seat counts, because a caller without a date cannot tell which of SUN and RUS applied.
pub fn is_permanent_member(code: &str, year: Option<i32>) -> bool {
    match code.to_ascii_uppercase().as_str() {
        "CHN" | "FRA" | "GBR" | "USA" => true,
        "RUS" => year.is_none_or(|year| year >= 1991),
        "SUN" => year.is_none_or(|year| year <= 1991),
        _ => false,
    }
}

/// The number of entries of each kind, for tests and documentation: (members, observers, historical).
pub fn table_sizes() -> (usize, usize, usize) {
    (
        MEMBER_STATES.len(),
        OBSERVER_STATES.len(),
        HISTORICAL_STATES.len(),
    )
}

/// Every code in the table with its canonical name, in table order (members in UN order, then the
/// observer states, then historical states). Deterministic, for tests and for listing.
pub fn all_codes() -> impl Iterator<Item = (&'static str, &'static str)> {
    all_entries().map(|entry| (entry.code, entry.name))
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn names_misread_by_ocr_are_the_closest_state_when_clearly_so() {
        assert_eq!(closest_by_ocr("Cosia Rica"), Some("CRI"));
        assert_eq!(closest_by_ocr("Céte d'Ivoire"), Some("CIV"));
        assert_eq!(
            closest_by_ocr("Untied Kingdom of Great Britain and Northern Ireland"),
            Some("GBR")
        );
        // A name in the table, a word like no state and a name too short to judge give nothing.
        assert_eq!(closest_by_ocr("Costa Rica"), None);
        assert_eq!(closest_by_ocr("Chairman"), None);
        assert_eq!(closest_by_ocr("Mali"), None);
        assert_eq!(closest_by_ocr("Iran"), None);
    }

    #[test]
    fn no_two_entries_share_a_key() {
        let mut seen: HashMap<String, &str> = HashMap::new();
        let mut clashes = Vec::new();
        for entry in all_entries() {
            let mut names: Vec<String> = vec![entry.name.to_string()];
            names.extend(entry.aliases.iter().map(|alias| alias.to_string()));
            if let Some((base, qualifier)) = split_qualified(entry.name) {
                names.push(base.to_string());
                names.push(format!("{qualifier} {base}"));
            }
            for name in names {
                let key = normalize_name(&name);
                if let Some(other) = seen.insert(key.clone(), entry.code)
                    && other != entry.code
                {
                    clashes.push(format!("{name:?}: {other} and {}", entry.code));
                }
            }
        }
        assert!(clashes.is_empty(), "ambiguous names: {clashes:?}");
    }

    #[test]
    fn codes_are_unique_and_well_formed() {
        let mut codes: Vec<&str> = all_entries().map(|entry| entry.code).collect();
        for code in &codes {
            assert!(
                code.len() == 3 && code.chars().all(|c| c.is_ascii_uppercase()),
                "bad code {code}"
            );
        }
        codes.sort_unstable();
        let n_codes = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), n_codes, "a code appears twice in the table");
    }
}
