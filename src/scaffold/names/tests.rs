//! Scaffold stage: unit tests of the name finder.

use super::*;

fn names(text: &str) -> Vec<(String, usize)> {
    find(text).into_iter().map(|n| (n.name, n.count)).collect()
}

#[test]
fn groups_multi_word_names_and_folds_surnames() {
    let found = find(
        "Pete Hegseth met Volodymyr Zelensky in Munich. Later, Hegseth said the \
         talks went well. Zelensky's aides agreed.",
    );
    assert_eq!(found[0].name, "Pete Hegseth");
    assert_eq!(found[0].count, 2);
    assert_eq!(found[0].aliases, ["Hegseth"]);
    assert_eq!(found[1].name, "Volodymyr Zelensky");
    assert_eq!(found[1].count, 2, "the possessive counts: {found:?}");
    assert!(found.iter().any(|n| n.name == "Munich"));
}

#[test]
fn drops_sentence_openers_and_titles() {
    let found = names(
        "The talks began. However, President Donald Trump spoke first. Personally, \
         officials were wary. On Monday the Bank of England cut rates. Mr. Smith left.",
    );
    let list: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(list, ["Donald Trump", "Bank of England", "Smith"]);
}

#[test]
fn titles_go_and_possessives_split() {
    let found = names(
        "Talks with Defense Secretary Pete Hegseth, Secretary of State Marco Rubio and \
         Russian President Vladimir Putin began in Ukraine’s NATO office.",
    );
    let list: Vec<&str> = found.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        list,
        [
            "Pete Hegseth",
            "Marco Rubio",
            "Vladimir Putin",
            "Ukraine",
            "NATO"
        ]
    );
}

#[test]
fn a_name_that_also_opens_a_sentence_counts_everywhere() {
    let found = names("Oyelaran spoke. The union backed Oyelaran. Oyelaran left.");
    assert_eq!(found, [("Oyelaran".to_string(), 3)]);
}

#[test]
fn skips_headings_and_code() {
    let found =
        names("# Big Title Words\n\nRun `Cargo Build` with Alice Jones.\n\n```\nNot Here\n```\n");
    assert_eq!(found, [("Alice Jones".to_string(), 1)]);
}

#[test]
fn most_frequent_first() {
    let found = names("Ann Lee met Bob Ray. Bob Ray left; Bob Ray returned.");
    assert_eq!(found[0], ("Bob Ray".to_string(), 3));
    assert_eq!(found[1], ("Ann Lee".to_string(), 1));
}

fn by_name(found: &[Name], name: &str) -> Option<(Kind, Vec<String>)> {
    found
        .iter()
        .find(|n| n.name == name)
        .map(|n| (n.kind, n.aliases.clone()))
}

#[test]
fn no_contractions_pronouns_or_shouted_lead_ins() {
    // The noise of the issue: "I'm", "Him", "Where'd", "HOURS BEFORE", "YORK City".
    let found = find(
        "HOURS BEFORE the strike, NEW YORK City was quiet under new rules. “I'm tired,” said Ann Lee. \
         “Where'd they go?” Him? We don't know. I'd say so. Lee agreed.\n\n\
         Lee walked to the NEW YORK Times. The strike hit hours later.",
    );
    let list: Vec<&str> = found.iter().map(|n| n.name.as_str()).collect();
    assert_eq!(
        list,
        ["Ann Lee", "New York City", "New York Times"],
        "{found:?}"
    );
    assert_eq!(
        by_name(&found, "Ann Lee"),
        Some((Kind::Person, vec!["Lee".into()]))
    );
    assert_eq!(
        by_name(&found, "New York City").map(|k| k.0),
        Some(Kind::Place)
    );
    assert_eq!(
        by_name(&found, "New York Times").map(|k| k.0),
        Some(Kind::Organization)
    );
}

#[test]
fn kinds_come_from_the_words_of_a_name() {
    let found = find(
        "The Daily News said the Taylor Law bans strikes. Workers met on Wall Street and at \
         207th Street. Ukraine and Russia talked in Munich; Ukrainian officials and Russians \
         came, and Middle Eastern envoys. Christmas came. Europe waited. The Pentagon spoke, \
         and so did Ann Lee of the Bank of England.",
    );
    let kind = |n: &str| by_name(&found, n).map(|k| k.0);
    assert_eq!(kind("Daily News"), Some(Kind::Organization));
    assert_eq!(kind("Taylor Law"), Some(Kind::Law));
    assert_eq!(kind("Wall Street"), Some(Kind::Place));
    assert_eq!(kind("Ukraine"), Some(Kind::Country));
    assert_eq!(kind("Munich"), Some(Kind::Place));
    assert_eq!(kind("Russians"), Some(Kind::Group));
    assert_eq!(kind("Europe"), Some(Kind::Group));
    assert_eq!(kind("Pentagon"), Some(Kind::Organization));
    assert_eq!(kind("Bank of England"), Some(Kind::Organization));
    assert_eq!(kind("Ann Lee"), Some(Kind::Person));
    for noise in [
        "Street",
        "Ukrainian",
        "Middle Eastern",
        "Christmas",
        "Workers",
    ] {
        assert_eq!(kind(noise), None, "{noise}");
    }
}

#[test]
fn an_acronym_becomes_an_alias_of_its_long_name() {
    let found = find(
        "The Transport Workers Union (TWU) struck. The TWU said so. The Metropolitan \
         Transportation Authority replied; the MTA was firm. TWU Local 100 of the Transport \
         Workers Union Local 100 voted, and Local 100 agreed. The Islamic State (ISIS) fled.",
    );
    assert_eq!(
        by_name(&found, "Transport Workers Union"),
        Some((Kind::Organization, vec!["TWU".into()]))
    );
    assert_eq!(
        by_name(&found, "Metropolitan Transportation Authority"),
        Some((Kind::Organization, vec!["MTA".into()]))
    );
    assert_eq!(
        by_name(&found, "Transport Workers Union Local 100").map(|k| k.1),
        Some(vec!["TWU Local 100".into(), "Local 100".into()])
    );
    assert_eq!(
        by_name(&found, "Islamic State").map(|k| k.1),
        Some(vec!["ISIS".into()]),
        "the acronym in parentheses, whatever its letters"
    );
    for gone in ["TWU", "MTA", "ISIS", "Local 100"] {
        assert!(by_name(&found, gone).is_none(), "{gone}");
    }
}

#[test]
fn capitals_and_other_names_of_a_country_are_its_aliases() {
    let found = find(
        "Ukraine asked the US for help. Kyiv waited; Kiev is the old spelling. The United \
         States and Washington agreed. Brussels hosted the talks.",
    );
    assert_eq!(
        by_name(&found, "Ukraine"),
        Some((Kind::Country, vec!["Kyiv".into(), "Kiev".into()]))
    );
    let us = by_name(&found, "US").or_else(|| by_name(&found, "United States"));
    let (kind, mut aliases) = us.expect("the United States");
    aliases.sort();
    assert_eq!(kind, Kind::Country);
    assert!(aliases.contains(&"Washington".to_string()), "{aliases:?}");
    // Belgium is not named: its capital is a place.
    assert_eq!(by_name(&found, "Brussels").map(|k| k.0), Some(Kind::Place));
}

#[test]
fn a_common_word_is_never_an_alias() {
    // "Rose" is also written as a word; "Street" of "Wall Street" is not a surname.
    let found = find("Jane Rose spoke as prices rose. Later Rose left. Wall Street fell.");
    assert_eq!(by_name(&found, "Jane Rose"), Some((Kind::Person, vec![])));
    assert_eq!(by_name(&found, "Wall Street"), Some((Kind::Place, vec![])));
}
