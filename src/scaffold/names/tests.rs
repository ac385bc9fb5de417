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
