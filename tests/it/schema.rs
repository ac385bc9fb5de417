//! The JSON Schemas (`brief schema`): they accept exactly the keys the loader accepts, every
//! project that builds (the example, the fixtures) validates against them, and they refuse
//! what the loader refuses for a wrong key or value.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use brief::load::raw::{
    ActorRaw, ChangeRaw, ConfigRaw, EventRaw, EvidenceRaw, LinkRaw, PacketRaw, QuestionRaw,
    RelationRaw, SourceRaw,
};
use brief::schema::{SCHEMA_FILES, SchemaFile, schema, schema_file};
use serde_json::Value;

use crate::common::{brief, fixture, read, repo, tempdir};

/// The keys the loader accepts for `T`, as serde itself lists them when it meets an unknown
/// one (`deny_unknown_fields`).
fn loader_keys<T: serde::de::DeserializeOwned>() -> BTreeSet<String> {
    let name = std::any::type_name::<T>();
    let Err(e) = serde_saphyr::from_str::<T>("__probe__: 0\n") else {
        panic!("{name}: an unknown key was accepted");
    };
    match e.without_snippet() {
        serde_saphyr::Error::SerdeUnknownField { expected, .. } => {
            expected.iter().map(|k| k.to_string()).collect()
        }
        other => panic!("{name}: no unknown-key error: {other:?}"),
    }
}

/// The property names of the object schema at `pointer` in `schema`.
fn schema_keys(schema: &Value, pointer: &str) -> BTreeSet<String> {
    schema
        .pointer(pointer)
        .and_then(|s| s.get("properties"))
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("no properties at {pointer}"))
        .keys()
        .cloned()
        .collect()
}

fn file(yaml: &str) -> SchemaFile {
    schema_file(yaml).expect("a schema file")
}

#[test]
fn schemas_hold_exactly_the_keys_the_loader_accepts() {
    // Every mapping the loader reads: (schema, JSON pointer to its object schema, loader keys).
    let (brief_s, packet) = (schema(file("brief.yaml")), schema(file("packet.yaml")));
    let lists = ["timeline", "actors", "questions"].map(|l| schema(file(l)));
    let defs = |name: &str| format!("/definitions/{name}");
    let cases: Vec<(&Value, String, BTreeSet<String>)> = vec![
        (&brief_s, String::new(), loader_keys::<ConfigRaw>()),
        (&packet, String::new(), loader_keys::<PacketRaw>()),
        (&packet, defs("Source"), loader_keys::<SourceRaw>()),
        (&packet, defs("Change"), loader_keys::<ChangeRaw>()),
        (&lists[0], defs("Event"), loader_keys::<EventRaw>()),
        (
            &lists[0],
            defs("EvidenceEntry"),
            loader_keys::<EvidenceRaw>(),
        ),
        (&lists[1], defs("Actor"), loader_keys::<ActorRaw>()),
        (&lists[1], defs("Relation"), loader_keys::<RelationRaw>()),
        (&lists[1], defs("Link"), loader_keys::<LinkRaw>()),
        (&lists[2], defs("Question"), loader_keys::<QuestionRaw>()),
    ];
    for (schema, pointer, keys) in &cases {
        assert_eq!(&schema_keys(schema, pointer), keys, "schema at `{pointer}`");
        assert!(keys.len() >= 2, "{pointer}: {keys:?}");
    }
    // Every object schema of every file is one of the cases above: a new nested mapping in
    // the loader's types cannot go unchecked.
    let checked: BTreeSet<&str> = cases
        .iter()
        .filter_map(|(_, p, _)| p.strip_prefix("/definitions/"))
        .collect();
    for f in SCHEMA_FILES {
        let s = schema(f);
        let objects = s["definitions"].as_object().into_iter().flatten();
        for (name, def) in objects {
            if def.get("properties").is_some() {
                assert!(
                    checked.contains(name.as_str()),
                    "{}: `{name}` unchecked",
                    f.yaml
                );
            }
        }
    }
    // The inline lists of packet.yaml are the list files' entries.
    for (i, def) in ["Event", "Actor", "Question"].into_iter().enumerate() {
        assert_eq!(
            schema_keys(&packet, &defs(def)),
            schema_keys(&lists[i], &defs(def))
        );
    }
}

/// The validators of the five files, by YAML file name.
fn validators() -> BTreeMap<&'static str, jsonschema::Validator> {
    SCHEMA_FILES
        .into_iter()
        .map(|f| {
            let v = jsonschema::draft7::new(&schema(f)).expect("a valid draft-07 schema");
            (f.yaml, v)
        })
        .collect()
}

/// Schema errors of the YAML files of project `root` (brief.yaml, each packet's files).
fn schema_errors(root: &Path, validators: &BTreeMap<&str, jsonschema::Validator>) -> Vec<String> {
    let mut files = vec![(root.join("brief.yaml"), "brief.yaml")];
    for packet in std::fs::read_dir(root.join("content"))
        .into_iter()
        .flatten()
        .flatten()
    {
        for f in SCHEMA_FILES.iter().skip(1) {
            files.push((packet.path().join(f.yaml), f.yaml));
        }
    }
    let mut errors = Vec::new();
    for (path, name) in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let value: Value = serde_saphyr::from_str(&text).expect("YAML that brief loads");
        // A file of comments only is empty: an empty list, or all defaults.
        let value = match (value, name) {
            (Value::Null, "brief.yaml") => Value::Object(Default::default()),
            (Value::Null, _) => Value::Array(Vec::new()),
            (v, _) => v,
        };
        for e in validators[name].iter_errors(&value) {
            errors.push(format!(
                "{}: {} at {}",
                path.display(),
                e,
                e.instance_path()
            ));
        }
    }
    errors
}

#[test]
fn the_example_and_every_fixture_that_builds_match_the_schemas() {
    let validators = validators();
    let mut roots = vec![repo()];
    let mut fixtures: Vec<_> = std::fs::read_dir(repo().join("tests/fixtures"))
        .expect("fixtures")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("content").is_dir())
        .collect();
    fixtures.sort();
    roots.extend(fixtures);
    // A project from `brief init`, with a packet from `brief new --article` whose actors
    // are uncommented.
    let tmp = tempdir();
    let init = tmp.path().join("p");
    brief(["init".as_ref(), init.as_os_str()]).ok();
    let story = tmp.path().join("story.md");
    std::fs::write(
        &story,
        "# Talks\n\nMaria Oyelaran of Harbour Workers United met Tomas Lindqvist.\n",
    )
    .unwrap();
    brief([
        "new".as_ref(),
        "--root".as_ref(),
        init.as_os_str(),
        "--article".as_ref(),
        story.as_os_str(),
        "talks".as_ref(),
    ])
    .ok();
    let actors = init.join("content/talks/actors.yaml");
    let uncommented: String = read(&actors)
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.starts_with("- ") || rest.starts_with("  ") => rest,
            _ => l,
        })
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&actors, uncommented).unwrap();
    roots.push(init.clone());
    let ov = brief::validate::Overrides::default();
    let mut checked = 0;
    let mut problems = Vec::new();
    for root in roots {
        if brief::pipeline::check(&root, &ov).files.is_none() {
            assert_ne!(
                root, init,
                "the project of `brief init` and `brief new` builds"
            );
            continue; // it does not build: the bad-* corpus and the like
        }
        checked += 1;
        problems.extend(schema_errors(&root, &validators));
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(checked >= 11, "only {checked} projects build");
}

#[test]
fn schemas_refuse_unknown_keys_and_values() {
    let validators = validators();
    for bad in [
        "bad-unknown-key-event",
        "bad-unknown-key-config",
        "bad-unknown-key-relation",
        "bad-enum-kind",
        "bad-enum-status",
        "bad-enum-importance",
        "bad-date-range-spaces",
    ] {
        let errors = schema_errors(&fixture(bad), &validators);
        assert!(!errors.is_empty(), "{bad}: the schemas accept it");
    }
}

#[test]
fn brief_schema_prints_and_writes_the_schemas() {
    let run = brief(["schema", "actors"]).ok();
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let tmp = tempdir();
    let dir = tmp.path().join("s");
    let run = brief(["schema".as_ref(), "--out".as_ref(), dir.as_os_str()]).ok();
    for f in SCHEMA_FILES {
        let text = read(&dir.join(f.json));
        let value: Value = serde_json::from_str(&text).expect("JSON");
        assert_eq!(value, schema(f), "{}", f.json);
        assert!(run.stderr.contains(f.json), "{}", run.stderr);
    }
    let run = brief(["schema", "timelines"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("no schema for `timelines`"),
        "{}",
        run.stderr
    );
}
