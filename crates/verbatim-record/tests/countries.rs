//! The country table against the gold files' country names and against known facts.

use std::path::PathBuf;

use verbatim_record::countries::{
    PERMANENT_MEMBERS, all_codes, canonical_name, code_for, is_country, is_permanent_member,
    normalize_name, table_sizes,
};

fn corpus_dir() -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ))
}

/// The gold directory, or `None` (with a notice) when the corpus is absent outside CI. In CI a missing
/// corpus is a failure, not a skip.
fn gold_dir() -> Option<PathBuf> {
    let dir = corpus_dir().join("gold");
    if dir.is_dir() {
        return Some(dir);
    }
    if std::env::var_os("CI").is_some() {
        panic!(
            "the corpus is missing: expected gold files in {} (../shared/corpus beside the workspace)",
            dir.display()
        );
    }
    eprintln!(
        "notice: {} not found; skipping the gold-file country test",
        dir.display()
    );
    None
}

/// Every country name a gold file prints: the president's country, the cover's members and every name
/// in the vote lists, with the file it came from.
fn gold_country_names(dir: &PathBuf) -> Vec<(String, String)> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("the gold directory is readable")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no gold files in {}", dir.display());
    let mut names = Vec::new();
    for path in paths {
        let file = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(&path).expect("a gold file is readable");
        let gold: serde_json::Value = serde_json::from_str(&text).expect("a gold file is JSON");
        if let Some(country) = gold["president"]["country"].as_str() {
            names.push((file.clone(), country.to_string()));
        }
        for member in gold["members"].as_array().into_iter().flatten() {
            names.push((
                file.clone(),
                member["country"].as_str().unwrap().to_string(),
            ));
        }
        for vote in gold["votes"].as_array().into_iter().flatten() {
            for list in ["in_favour", "against", "abstaining"] {
                for name in vote[list].as_array().into_iter().flatten() {
                    names.push((file.clone(), name.as_str().unwrap().to_string()));
                }
            }
        }
    }
    names
}

#[test]
fn every_gold_country_name_resolves() {
    let Some(dir) = gold_dir() else { return };
    let names = gold_country_names(&dir);
    // The eight gold files hold well over a thousand vote-list entries; a much smaller number would mean
    // the reader above missed the lists and the test below proved nothing.
    assert!(names.len() > 1000, "only {} names read", names.len());
    let unresolved: Vec<String> = names
        .iter()
        .filter(|(_, name)| code_for(name).is_none())
        .map(|(file, name)| format!("{file}: {name:?}"))
        .collect();
    assert!(unresolved.is_empty(), "unresolved: {unresolved:#?}");
}

#[test]
fn gold_names_resolve_to_the_right_states() {
    let Some(dir) = gold_dir() else { return };
    let names = gold_country_names(&dir);
    // Spot checks of names the gold files print in several forms.
    let expectations = [
        ("Côte d’Ivoire", "CIV"),
        ("Union of Soviet Socialist Republics", "SUN"),
        ("Yugoslavia", "YUG"),
        ("Libyan Arab Jamahiriya", "LBY"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("the former Yugoslav Republic of Macedonia", "MKD"),
        ("Swaziland", "SWZ"),
        ("Moldova", "MDA"),
    ];
    for (name, code) in expectations {
        assert!(
            names.iter().any(|(_, printed)| printed == name),
            "{name:?} is no longer in the gold files; pick another spot check"
        );
        assert_eq!(code_for(name), Some(code), "{name}");
    }
}

#[test]
fn gold_speaker_affiliations_that_are_states_resolve() {
    let Some(dir) = gold_dir() else { return };
    // Affiliations that are organizations or offices, not states; everything else a gold turn names as
    // an affiliation is a state and must resolve.
    let not_states = [
        "European Union",
        "Department for General Assembly and Conference Management",
    ];
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    paths.sort();
    let mut n_checked = 0;
    let mut unresolved = Vec::new();
    for path in paths {
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for turn in gold["turns"].as_array().into_iter().flatten() {
            let Some(affiliation) = turn["affiliation"].as_str() else {
                continue;
            };
            if not_states.contains(&affiliation) {
                assert!(!is_country(affiliation), "{affiliation:?} is not a state");
                continue;
            }
            n_checked += 1;
            if code_for(affiliation).is_none() {
                unresolved.push(format!("{}: {affiliation:?}", path.display()));
            }
        }
    }
    assert!(n_checked > 100, "only {n_checked} affiliations read");
    assert!(unresolved.is_empty(), "unresolved: {unresolved:#?}");
}

#[test]
fn table_has_every_member_and_observer_state() {
    let (n_members, n_observers, n_historical) = table_sizes();
    assert_eq!(n_members, 193);
    assert_eq!(n_observers, 2);
    assert!(n_historical >= 8);
}

#[test]
fn known_pairs() {
    let pairs = [
        ("Afghanistan", "AFG"),
        ("Bolivia (Plurinational State of)", "BOL"),
        ("Côte d’Ivoire", "CIV"),
        (
            "United Kingdom of Great Britain and Northern Ireland",
            "GBR",
        ),
        ("United States of America", "USA"),
        ("Venezuela (Bolivarian Republic of)", "VEN"),
        ("Iran (Islamic Republic of)", "IRN"),
        ("Micronesia (Federated States of)", "FSM"),
        ("Democratic People’s Republic of Korea", "PRK"),
        ("Lao People’s Democratic Republic", "LAO"),
        ("Republic of Moldova", "MDA"),
        ("United Republic of Tanzania", "TZA"),
        ("Netherlands (Kingdom of the)", "NLD"),
        ("Türkiye", "TUR"),
        ("Czechia", "CZE"),
        ("North Macedonia", "MKD"),
        ("the former Yugoslav Republic of Macedonia", "MKD"),
        ("Cabo Verde", "CPV"),
        ("Eswatini", "SWZ"),
        ("Swaziland", "SWZ"),
        ("Syrian Arab Republic", "SYR"),
        ("Russian Federation", "RUS"),
        ("Holy See", "VAT"),
        ("State of Palestine", "PSE"),
        ("Democratic Republic of the Congo", "COD"),
        ("Congo", "COG"),
        ("Niger", "NER"),
        ("Nigeria", "NGA"),
        ("Guinea", "GIN"),
        ("Guinea-Bissau", "GNB"),
        ("Equatorial Guinea", "GNQ"),
        ("Papua New Guinea", "PNG"),
        ("Dominica", "DMA"),
        ("Dominican Republic", "DOM"),
        ("Sudan", "SDN"),
        ("South Sudan", "SSD"),
        ("Republic of Korea", "KOR"),
        ("Sao Tome and Principe", "STP"),
        ("Saint Vincent and the Grenadines", "VCT"),
        ("Switzerland", "CHE"),
        ("South Africa", "ZAF"),
        ("Austria", "AUT"),
        ("Australia", "AUS"),
        ("Slovakia", "SVK"),
        ("Slovenia", "SVN"),
        ("Samoa", "WSM"),
    ];
    for (name, code) in pairs {
        assert_eq!(code_for(name), Some(code), "{name}");
    }
}

#[test]
fn historical_states() {
    let pairs = [
        ("Union of Soviet Socialist Republics", "SUN"),
        ("UNION OF SOVIET SOCIALIST REPUBLICS", "SUN"),
        ("USSR", "SUN"),
        ("Yugoslavia", "YUG"),
        ("Federal Republic of Yugoslavia", "YUG"),
        ("Czechoslovakia", "CSK"),
        ("Zaire", "ZAR"),
        ("Libyan Arab Jamahiriya", "LBY"),
        ("Serbia and Montenegro", "SCG"),
        ("German Democratic Republic", "DDR"),
        ("Federal Republic of Germany", "DEU"),
        ("Byelorussian Soviet Socialist Republic", "BYS"),
        ("Ukrainian Soviet Socialist Republic", "UKR"),
        ("Burma", "MMR"),
        ("Republic of China", "CHN"),
        ("China", "CHN"),
        ("Democratic Kampuchea", "KHM"),
        ("Yemen Arab Republic", "YEM"),
        ("Democratic Yemen", "YMD"),
        ("Upper Volta", "HVO"),
        ("Dahomey", "DHY"),
        ("Ceylon", "LKA"),
    ];
    for (name, code) in pairs {
        assert_eq!(code_for(name), Some(code), "{name}");
    }
}

#[test]
fn variants() {
    let pairs = [
        ("the Gambia", "GMB"),
        ("The Gambia", "GMB"),
        ("the Niger", "NER"),
        ("the Sudan", "SDN"),
        ("United Kingdom", "GBR"),
        ("United States", "USA"),
        ("Moldova", "MDA"),
        ("Bolivia", "BOL"),
        ("Plurinational State of Bolivia", "BOL"),
        ("Venezuela", "VEN"),
        ("Bolivarian Republic of Venezuela", "VEN"),
        ("Iran", "IRN"),
        ("Islamic Republic of Iran", "IRN"),
        ("Kingdom of the Netherlands", "NLD"),
        ("Netherlands", "NLD"),
        ("Micronesia", "FSM"),
        ("Syria", "SYR"),
        ("Tanzania", "TZA"),
        ("Laos", "LAO"),
        ("Russia", "RUS"),
        ("Turkey", "TUR"),
        ("Czech Republic", "CZE"),
        ("Cape Verde", "CPV"),
        ("Ivory Coast", "CIV"),
        ("Viet Nam", "VNM"),
        ("Vietnam", "VNM"),
        ("South Korea", "KOR"),
        ("Brunei Darussalam", "BRN"),
        ("Timor-Leste", "TLS"),
        ("East Timor", "TLS"),
        ("Palestine", "PSE"),
        // Apostrophes: curly, straight, left quote, or none.
        ("Côte d'Ivoire", "CIV"),
        ("Côte d‘Ivoire", "CIV"),
        ("Cote d'Ivoire", "CIV"),
        ("COTE D’IVOIRE", "CIV"),
        ("Democratic People's Republic of Korea", "PRK"),
        ("Lao People's Democratic Republic", "LAO"),
        // Whitespace, a trailing full stop or comma, line-break hyphenation, letter-spacing.
        ("  United   States of\nAmerica ", "USA"),
        ("Zimbabwe.", "ZWE"),
        ("Zambia,", "ZMB"),
        ("Timor- Leste", "TLS"),
        ("Timor-\nLeste", "TLS"),
        ("Democratic Republic of the\nCongo", "COD"),
        ("M a u r i t a n i a", "MRT"),
        ("Turkiye", "TUR"),
        // French forms of the bilingual 1950 record.
        ("Etats-Unis d'Amérique", "USA"),
        ("Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", "GBR"),
        ("Union des Républiques socialistes soviétiques", "SUN"),
        ("Yougoslavie", "YUG"),
        ("Chine", "CHN"),
    ];
    for (name, code) in pairs {
        assert_eq!(code_for(name), Some(code), "{name:?}");
        assert!(is_country(name), "{name:?}");
    }
}

#[test]
fn unknown_strings_are_not_countries() {
    for name in [
        "Mr. Smith",
        "European Union",
        "",
        "   ",
        "The President",
        "us",
        "US",
        "Department for General Assembly and Conference Management",
        "Korea",
        "Africa",
        "the",
        "Guinea-Bissau-Congo",
    ] {
        assert_eq!(code_for(name), None, "{name:?}");
        assert!(!is_country(name), "{name:?}");
    }
}

#[test]
fn round_trip_through_the_canonical_name() {
    let mut n_codes = 0;
    for (code, name) in all_codes() {
        n_codes += 1;
        assert_eq!(canonical_name(code), Some(name), "{code}");
        assert_eq!(code_for(name), Some(code), "{code} -> {name:?}");
    }
    assert!(n_codes >= 203, "only {n_codes} codes");
}

#[test]
fn canonical_names_are_the_un_short_names() {
    assert_eq!(
        canonical_name("BOL"),
        Some("Bolivia (Plurinational State of)")
    );
    assert_eq!(canonical_name("tur"), Some("Türkiye"));
    assert_eq!(canonical_name("CIV"), Some("Côte d’Ivoire"));
    assert_eq!(canonical_name("MKD"), Some("North Macedonia"));
    assert_eq!(canonical_name("SWZ"), Some("Eswatini"));
    assert_eq!(
        canonical_name("SUN"),
        Some("Union of Soviet Socialist Republics")
    );
    assert_eq!(canonical_name("XYZ"), None);
    assert_eq!(canonical_name("GBRX"), None);
}

#[test]
fn normalize_name_is_the_matching_key() {
    assert_eq!(
        normalize_name("Côte d’Ivoire"),
        normalize_name("cote d'ivoire.")
    );
    assert_eq!(normalize_name("the Gambia"), normalize_name("Gambia"));
    assert_eq!(
        normalize_name("Timor- Leste"),
        normalize_name("Timor-Leste")
    );
    assert_ne!(normalize_name("Niger"), normalize_name("Nigeria"));
    // A "the" inside a name is kept; only a leading article goes.
    assert_eq!(
        normalize_name("Saint Vincent and the Grenadines"),
        "saintvincentandthegrenadines"
    );
    assert_eq!(normalize_name("Theland"), "theland");
}

#[test]
fn permanent_members() {
    assert_eq!(PERMANENT_MEMBERS, ["CHN", "FRA", "RUS", "GBR", "USA"]);
    for code in PERMANENT_MEMBERS {
        assert!(is_permanent_member(code, Some(2018)), "{code}");
        assert!(is_permanent_member(code, None), "{code}");
    }
    // The 1950 record: the China seat (then held by the Republic of China) and the USSR.
    assert!(is_permanent_member(code_for("China").unwrap(), Some(1950)));
    assert!(is_permanent_member("SUN", Some(1950)));
    assert!(!is_permanent_member("RUS", Some(1950)));
    assert!(is_permanent_member("SUN", Some(1991)));
    assert!(!is_permanent_member("SUN", Some(1997)));
    assert!(is_permanent_member("RUS", Some(1997)));
    assert!(is_permanent_member("SUN", None));
    assert!(is_permanent_member("usa", Some(1997)));
    for code in ["CIV", "POL", "DEU", "JPN", "IND", "YUG"] {
        assert!(!is_permanent_member(code, Some(2018)), "{code}");
        assert!(!is_permanent_member(code, None), "{code}");
    }
}
