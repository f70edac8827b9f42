//! Label category configuration files: every problem at its JSON path, quotas, round trips.

use proptest::prelude::*;
use vframe_core::{
    AnnotationType, AttributeKind, AttributeSpec, EditsAllowed, Instructions, JobKind,
    LabelCategory, LabelCategoryConfig, Limits, Location, Problem,
};
use vframe_io::label_config::{LabelConfigDoc, read_label_config_file, write_label_config_file};

fn problems(text: &str) -> Vec<(String, &'static str)> {
    let doc = LabelConfigDoc::from_json(text).unwrap();
    located(&doc.check(&Limits::default()))
}

fn located(ps: &[Problem]) -> Vec<(String, &'static str)> {
    ps.iter()
        .map(|p| match &p.location {
            Location::Config(path) => (path.to_string(), p.code),
            other => panic!("config problem located by {other:?}"),
        })
        .collect()
}

#[test]
fn empty_object_is_missing_its_labels() {
    assert_eq!(
        problems("{}"),
        [
            ("labels".into(), "config.labels_missing"),
            ("labels".into(), "labels.count")
        ]
    );
}

#[test]
fn label_without_its_name_is_reported_and_skipped() {
    let found = problems(r#"{"labels":[{"editsAllowed":"none"},{"label":"car"}]}"#);
    assert_eq!(found, [("labels[0].label".into(), "config.label_missing")]);
}

#[test]
fn empty_label_list_breaks_the_minimum() {
    assert_eq!(
        problems(r#"{"labels":[]}"#),
        [("labels".into(), "labels.count")]
    );
}

#[test]
fn number_attribute_without_bounds_is_reported_at_the_attribute() {
    let found = problems(
        r#"{"labels":[{"label":"car","categoryAttributes":[{"name":"n","type":"number","minimum":1}]}]}"#,
    );
    assert_eq!(
        found,
        [(
            "labels[0].categoryAttributes[0]".into(),
            "attribute.number_bounds"
        )]
    );
}

#[test]
fn unknown_type_is_reported_at_type() {
    let found = problems(
        r#"{"labels":[{"label":"car"}],"frameAttributes":[{"name":"n","description":"d","type":"integer"}]}"#,
    );
    assert_eq!(
        found,
        [("frameAttributes[0].type".into(), "attribute.type")]
    );
}

#[test]
fn missing_type_and_name_are_both_reported() {
    let found = problems(
        r#"{"labels":[{"label":"car"}],"categoryGlobalAttributes":[{"description":"d"}]}"#,
    );
    assert_eq!(
        found,
        [
            (
                "categoryGlobalAttributes[0].name".into(),
                "attribute.name_missing"
            ),
            (
                "categoryGlobalAttributes[0].type".into(),
                "attribute.type_missing"
            ),
        ]
    );
}

#[test]
fn enum_on_a_number_is_reported_at_enum() {
    let found = problems(
        r#"{"labels":[{"label":"car","categoryAttributes":[{"name":"n","type":"number","enum":["1"],"minimum":0,"maximum":3}]}]}"#,
    );
    assert_eq!(
        found,
        [(
            "labels[0].categoryAttributes[0].enum".into(),
            "attribute.enum_on_number"
        )]
    );
}

#[test]
fn bounds_on_a_string_are_reported() {
    let found = problems(
        r#"{"labels":[{"label":"car","categoryAttributes":[{"name":"s","type":"string","maximum":3}]}]}"#,
    );
    assert_eq!(
        found,
        [(
            "labels[0].categoryAttributes[0]".into(),
            "attribute.bounds_on_string"
        )]
    );
}

#[test]
fn misspelled_annotation_type_key_and_value_are_reported() {
    let found = problems(r#"{"labels":[{"label":"car"}],"annotationtype":"Polygon"}"#);
    assert_eq!(found, [("annotationtype".into(), "config.unknown_key")]);
    let doc =
        LabelConfigDoc::from_json(r#"{"labels":[{"label":"car"}],"annotationtype":"Polygon"}"#)
            .unwrap();
    assert_eq!(
        doc.to_config().1[0].message,
        "unknown key; did you mean \"annotationType\"?"
    );
    let found = problems(r#"{"labels":[{"label":"car"}],"annotationType":"Box"}"#);
    assert_eq!(found, [("annotationType".into(), "config.annotation_type")]);
}

#[test]
fn bad_edits_allowed_value_is_reported() {
    let found = problems(r#"{"labels":[{"label":"car","editsAllowed":"some"}]}"#);
    assert_eq!(
        found,
        [("labels[0].editsAllowed".into(), "config.edits_allowed")]
    );
}

#[test]
fn incomplete_instructions_are_reported() {
    let found = problems(r#"{"labels":[{"label":"car"}],"instructions":{"shortInstruction":"s"}}"#);
    assert_eq!(
        found,
        [(
            "instructions.fullInstruction".into(),
            "instructions.missing"
        )]
    );
}

#[test]
fn observed_2020_variant_keys_are_recognised_and_reported() {
    // The iprivit notebook's configuration: "document-version" and a label's "attributes".
    let text = r#"{"document-version":"2020-08-15","labels":[{"label":"Helmet","attributes":[{"name":"occluded","type":"string","enum":["yes","no"]}]}],"auditLabelAttributeName":"Person"}"#;
    let doc = LabelConfigDoc::from_json(text).unwrap();
    assert_eq!(doc.to_json_string(), text);
    let (config, ps) = doc.to_config();
    assert_eq!(
        located(&ps),
        [
            ("labels[0].attributes".into(), "config.label_attributes_key"),
            ("document-version".into(), "config.non_video_version"),
        ]
    );
    // Read anyway, so the rest of the file can be checked.
    assert_eq!(config.labels[0].category_attributes[0].name, "occluded");
    assert_eq!(config.job_kind(), JobKind::Adjustment);
}

#[test]
fn every_problem_is_collected_not_only_the_first() {
    let found = problems(
        r#"{"labels":[{"label":"a very long label name"},{"label":"b","categoryAttributes":[{"name":"x","type":"number"}]}],
            "frameAttributes":[{"name":"f","type":"string"}],"annotationType":"Cuboid"}"#,
    );
    assert_eq!(
        found,
        [
            (
                "labels[1].categoryAttributes[0]".into(),
                "attribute.number_bounds"
            ),
            ("annotationType".into(), "config.annotation_type"),
            ("labels[0].label".into(), "label.name_length"),
            (
                "frameAttributes[0].description".into(),
                "attribute.description_missing"
            ),
        ]
    );
}

#[test]
fn quotas_are_reported_with_their_paths() {
    let labels: Vec<String> = (0..31).map(|i| format!("{{\"label\":\"l{i}\"}}")).collect();
    let found = problems(&format!("{{\"labels\":[{}]}}", labels.join(",")));
    assert_eq!(found, [("labels".into(), "labels.count")]);
    let found = problems(
        r#"{"labels":[{"label":"car","categoryAttributes":[{"name":"c","type":"string","enum":[]}]}],"instructions":{"shortInstruction":"","fullInstruction":""}}"#,
    );
    assert_eq!(
        found,
        [(
            "labels[0].categoryAttributes[0].enum".into(),
            "attribute.enum_count"
        )]
    );
}

#[test]
fn wrong_json_type_is_a_located_read_error() {
    let err = LabelConfigDoc::from_json("{\"labels\":[{\"label\":\"a\",\n\"categoryAttributes\":[{\"name\":\"n\",\"isRequired\":\"yes\"}]}]}").unwrap_err();
    assert_eq!(
        err.to_string(),
        "<input>:2:48: labels[0].categoryAttributes[0].isRequired: expected a boolean, found a string"
    );
}

/// Drops every `,` whose next non-blank character closes an object or array (the example
/// has no such text inside strings).
fn strip_trailing_commas(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        let next = chars[i + 1..].iter().find(|c| !c.is_whitespace());
        if *c == ',' && matches!(next, Some('}' | ']')) {
            continue;
        }
        out.push(*c);
    }
    out
}

#[test]
fn docs_keypoint_example_once_repaired_has_exactly_its_documented_defects() {
    // The docs' example is not JSON (see docs_corpus.rs); with its trailing commas and the
    // `[...]` placeholder removed, what remains wrong is what the corpus README says: the
    // number attributes have no minimum/maximum (ambiguity A20).
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/gt-corpus/docs/label-config-video-keypoint.json"),
    )
    .unwrap();
    let repaired = strip_trailing_commas(&text.replace("[...]", "[]"));
    let doc = LabelConfigDoc::from_json(&repaired).unwrap();
    assert_eq!(
        located(&doc.check(&Limits::default())),
        [
            ("frameAttributes[0]".into(), "attribute.number_bounds"),
            (
                "labels[0].categoryAttributes[0]".into(),
                "attribute.number_bounds"
            ),
        ]
    );
    let (config, _) = doc.to_config();
    assert_eq!(config.annotation_type, AnnotationType::Keypoint);
    assert_eq!(config.labels.len(), 2);
}

#[test]
fn writer_uses_the_docs_key_order_and_leaves_out_defaults() {
    let mut config = LabelCategoryConfig::new(vec![LabelCategory::new("car")]);
    config.frame_attributes.push(AttributeSpec {
        description: Some("weather".into()),
        ..AttributeSpec::choice("sky", &["clear", "rain"])
    });
    config.labels[0]
        .category_attributes
        .push(AttributeSpec::number("count", 0.0, 10.0));
    config.labels[0].edits_allowed = EditsAllowed::None;
    config.instructions = Some(Instructions {
        short: "s".into(),
        full: "f".into(),
    });
    config.audit_label_attribute_name = Some("prev-ref".into());
    assert_eq!(
        LabelConfigDoc::from_config(&config).to_json_string(),
        concat!(
            r#"{"documentVersion":"2020-03-01","frameAttributes":[{"name":"sky","description":"weather","type":"string","enum":["clear","rain"]}],"#,
            r#""labels":[{"label":"car","editsAllowed":"none","categoryAttributes":[{"name":"count","type":"number","minimum":0,"maximum":10}]}],"#,
            r#""annotationType":"BoundingBox","instructions":{"shortInstruction":"s","fullInstruction":"f"},"auditLabelAttributeName":"prev-ref"}"#
        )
    );
}

#[test]
fn file_helpers_round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.json");
    let doc = LabelConfigDoc::from_config(&LabelCategoryConfig::new(vec![LabelCategory::new("a")]));
    write_label_config_file(&path, &doc).unwrap();
    assert_eq!(
        read_label_config_file(&path).unwrap().to_config().0,
        doc.to_config().0
    );
}

fn attribute(free_text_ok: bool) -> impl Strategy<Value = AttributeSpec> {
    let kind = prop_oneof![
        prop::collection::vec("[a-z]{1,6}", 1..4)
            .prop_map(|values| AttributeKind::Choice { values }),
        Just(AttributeKind::FreeText).prop_filter("free text allowed", move |_| free_text_ok),
        (-1000i32..1000, 0i32..1000).prop_map(|(a, d)| AttributeKind::Number {
            minimum: f64::from(a),
            maximum: f64::from(a + d)
        }),
        (-1.0e6f64..1.0e6, 0.0f64..10.0).prop_map(|(a, d)| AttributeKind::Number {
            minimum: a,
            maximum: a + d
        }),
    ];
    (
        "[a-z]{1,10}",
        prop::option::of("[ -~]{0,20}"),
        kind,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(name, description, kind, none, is_required)| AttributeSpec {
                name,
                description,
                kind,
                edits_allowed: if none {
                    EditsAllowed::None
                } else {
                    EditsAllowed::Any
                },
                is_required,
            },
        )
}

fn config() -> impl Strategy<Value = LabelCategoryConfig> {
    (
        prop::collection::vec(
            (
                "[a-zA-Z ]{1,10}",
                prop::collection::vec(attribute(true), 0..3),
                any::<bool>(),
            ),
            0..4,
        ),
        prop::collection::vec(attribute(true), 0..3),
        prop::collection::vec(attribute(true), 0..3),
        prop::sample::select(AnnotationType::ALL.to_vec()),
        prop::option::of(("[ -~]{0,10}", "[ -~é]{0,10}")),
        prop::option::of("[a-z-]{1,10}"),
        prop::option::of("[0-9-]{1,10}"),
    )
        .prop_map(
            |(labels, global, frame, annotation_type, ins, audit, version)| LabelCategoryConfig {
                document_version: version,
                labels: labels
                    .into_iter()
                    .map(|(label, category_attributes, none)| LabelCategory {
                        label,
                        category_attributes,
                        edits_allowed: if none {
                            EditsAllowed::None
                        } else {
                            EditsAllowed::Any
                        },
                    })
                    .collect(),
                category_global_attributes: global,
                frame_attributes: frame,
                annotation_type,
                instructions: ins.map(|(short, full)| Instructions { short, full }),
                audit_label_attribute_name: audit,
            },
        )
}

proptest! {
    #[test]
    fn model_to_document_to_model_is_the_identity(c in config()) {
        let text = LabelConfigDoc::from_config(&c).to_json_string();
        let (back, ps) = LabelConfigDoc::from_json(&text).unwrap().to_config();
        prop_assert!(ps.is_empty(), "{:?}", ps);
        prop_assert_eq!(back, c);
    }

    #[test]
    fn document_round_trip_is_the_identity(c in config(), extra in "[a-z]{1,8}") {
        // A document with an unknown key in the middle and pretty-printing.
        let compact = LabelConfigDoc::from_config(&c).to_json_string();
        let text = compact.replacen("{\"", &format!("{{ \"x{extra}\" : [1, 2.0] ,\n \""), 1);
        let doc = LabelConfigDoc::from_json(&text).unwrap();
        let written = doc.to_json_string();
        let again = LabelConfigDoc::from_json(&written).unwrap();
        prop_assert_eq!(&again, &doc);
        prop_assert_eq!(again.to_json_string(), written);
    }
}
