//! `vframe stats` as text tables.

use super::labels::LabelsSummary;
use super::manifest::ManifestSummary;
use super::setup::{AttributeRow, ConfigSummary, SequenceSummary};
use super::{FileSummary, Summary};
use crate::output::Table;

/// All summaries, one block per file, separated by a blank line.
pub fn render(summaries: &[FileSummary]) -> String {
    let blocks: Vec<String> = summaries
        .iter()
        .map(|s| {
            let body = match &s.summary {
                Summary::Labels(l) => labels(l),
                Summary::Manifest(m) => manifest(m),
                Summary::Sequence(q) => sequence(q),
                Summary::Config(c) => config(c),
            };
            format!("{}: {}\n{body}", s.file, s.kind)
        })
        .collect();
    blocks.join("\n")
}

fn counts(rows: &[(&str, String)]) -> String {
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let value_width = rows.iter().map(|(_, v)| v.len()).max().unwrap_or(0);
    rows.iter()
        .map(|(k, v)| format!("  {k:<width$}  {v:>value_width$}\n"))
        .collect()
}

fn labels(l: &LabelsSummary) -> String {
    let mut out = counts(&[
        ("annotation type", l.annotation_type.to_owned()),
        ("frames", l.frames.to_string()),
        ("objects", l.objects.to_string()),
        ("annotations", l.annotations.to_string()),
    ]);
    let mut categories = Table::new(
        "Categories",
        &["class-id", "label", "objects", "annotations"],
    );
    for c in &l.categories {
        categories.row(vec![
            c.class_id.to_string(),
            c.label.clone().unwrap_or_else(|| "?".to_owned()),
            c.objects.to_string(),
            c.annotations.to_string(),
        ]);
    }
    out.push_str(&categories.to_string());
    if let Some(t) = &l.tracks {
        out.push_str(&format!(
            "Tracks: annotated frames per object: shortest {}, median {}, mean {:.1}, longest {}; objects with gaps: {} of {}; gaps: {}, {} frames in all\n",
            t.shortest,
            t.median,
            t.mean,
            t.longest,
            t.objects_with_gaps,
            t.per_object.len(),
            t.gaps,
            t.gap_frames
        ));
        let mut rows = Table::new(
            "Tracks",
            &[
                "object",
                "class-id",
                "first",
                "last",
                "annotated",
                "gaps",
                "gap frames",
            ],
        );
        for r in &t.per_object {
            rows.row(vec![
                r.object.clone(),
                r.class_id.to_string(),
                r.first_frame.to_string(),
                r.last_frame.to_string(),
                r.annotated_frames.to_string(),
                r.gaps.to_string(),
                r.gap_frames.to_string(),
            ]);
        }
        out.push_str(&rows.to_string());
    }
    for (title, attributes) in [
        ("Label category attributes", &l.label_attributes),
        ("Frame attributes", &l.frame_attributes),
    ] {
        if attributes.is_empty() {
            continue;
        }
        let mut table = Table::new(title, &["attribute", "value", "count"]);
        for a in attributes {
            for (value, count) in &a.values {
                table.row(vec![a.name.clone(), value.clone(), count.to_string()]);
            }
        }
        out.push_str(&table.to_string());
    }
    out
}

fn manifest(m: &ManifestSummary) -> String {
    let mut out = counts(&[("lines", m.lines.to_string())]);
    if !m.label_attributes.is_empty() {
        let mut table = Table::new(
            "Label attributes",
            &["name", "lines", "type", "job", "labels"],
        );
        for a in &m.label_attributes {
            let join = |set: &std::collections::BTreeSet<String>| {
                set.iter().cloned().collect::<Vec<_>>().join(", ")
            };
            table.row(vec![
                a.name.clone(),
                a.lines.to_string(),
                join(&a.types),
                join(&a.jobs),
                join(&a.labels),
            ]);
        }
        out.push_str(&table.to_string());
    }
    out
}

fn sequence(s: &SequenceSummary) -> String {
    counts(&[
        ("seq-no", s.seq_no.to_string()),
        ("prefix", s.prefix.clone()),
        ("frames", s.frames.to_string()),
        ("first frame", s.first_frame.clone().unwrap_or_default()),
        ("last frame", s.last_frame.clone().unwrap_or_default()),
        ("with unix-timestamp", s.frames_with_timestamp.to_string()),
    ])
}

fn attribute_rows(table: &mut Table, owner: &str, rows: &[AttributeRow]) {
    for a in rows {
        table.row(vec![
            owner.to_owned(),
            a.name.clone(),
            a.kind.to_owned(),
            if a.required { "yes" } else { "no" }.to_owned(),
            a.values.clone(),
        ]);
    }
}

fn config(c: &ConfigSummary) -> String {
    let mut out = counts(&[
        ("job kind", c.job_kind.to_owned()),
        ("annotation type", c.annotation_type.to_owned()),
        ("labels", c.labels.len().to_string()),
    ]);
    let mut labels = Table::new("Labels", &["class-id", "label", "own attributes"]);
    for l in &c.labels {
        labels.row(vec![
            l.class_id.to_string(),
            l.label.clone(),
            l.attributes.len().to_string(),
        ]);
    }
    out.push_str(&labels.to_string());
    let mut attributes = Table::new("Attributes", &["of", "name", "kind", "required", "values"]);
    attribute_rows(&mut attributes, "every label", &c.global_attributes);
    for l in &c.labels {
        attribute_rows(&mut attributes, &l.label, &l.attributes);
    }
    attribute_rows(&mut attributes, "every frame", &c.frame_attributes);
    if !attributes.is_empty() {
        out.push_str(&attributes.to_string());
    }
    out
}
