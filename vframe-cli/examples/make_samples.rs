//! Writes the sample job shipped in `samples/` (run from the repository root:
//! `cargo run -p vframe-cli --example make_samples`).
//!
//! Everything is made by vframe's own writers from models built here, so the samples show
//! what vframe produces: a label category configuration with every attribute kind and
//! frame attributes, a sequence file and an input manifest for one 12-frame video, the
//! output folder of a tracking job over it (`output.manifest` + `SeqLabel.json`), and one
//! deliberately broken `SeqLabel.json` for the README's demonstration of error messages.
//! `tests/samples.rs` checks that the committed files are exactly what this writes.

use std::error::Error;
use std::path::{Path, PathBuf};

use vframe_core::{
    AnnotationType, AttributeSpec, AttributeValue, AttributeValues, ClassId, CreationDate,
    Instructions, Keyframe, LabelCategory, LabelCategoryConfig, LabeledObject, ObjectId, Sequence,
    SequenceFrame, SequenceLabels, TaskType, Track,
};
use vframe_geom::BoundingBox;
use vframe_io::job_output::{JobOutputSpec, JobSequence, write_job_output};
use vframe_io::label_config::{LabelConfigDoc, write_label_config_file};
use vframe_io::manifest::{ManifestLine, write_manifest_file};
use vframe_io::seq_label::{SeqLabelDoc, write_seq_label_file};
use vframe_io::sequence_file::{SequenceFileDoc, write_sequence_file};

/// Frames in the sample video.
const FRAMES: u32 = 12;
const BUCKET: &str = "s3://vframe-samples";
const VIDEO: &str = "street.mp4";

fn main() -> Result<(), Box<dyn Error>> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .ok_or("the crate has no parent folder")?
        .join("samples");
    write_samples(&root)?;
    println!("wrote the samples to {}", root.display());
    Ok(())
}

/// Writes every sample file under `root` (which stands for `samples/`).
pub fn write_samples(root: &Path) -> Result<(), Box<dyn Error>> {
    std::fs::create_dir_all(root)?;
    let config = label_config();
    write_label_config_file(
        &root.join("label-config.json"),
        &LabelConfigDoc::from_config(&config),
    )?;

    let sequence = sequence()?;
    let input = root.join("input");
    std::fs::create_dir_all(&input)?;
    write_sequence_file(
        &input.join("street-sequence.json"),
        &SequenceFileDoc::from_sequence(&sequence),
    )?;
    let line = ManifestLine::new(format!("{BUCKET}/input/{VIDEO}/street-sequence.json"));
    write_manifest_file(&input.join("input.manifest"), [&line])?;

    let spec = JobOutputSpec {
        s3_output_path: format!("{BUCKET}/output"),
        job_name: "street-tracking".to_owned(),
        label_attribute_name: "street-tracking-ref".to_owned(),
        config: config.clone(),
        creation_date: CreationDate::utc(2024, 5, 6, 7, 8, 9, 123_000).ok_or("bad date")?,
    };
    let job = JobSequence {
        input: line,
        labels: labels(&sequence)?,
        adjustment_status: None,
    };
    write_job_output(&root.join("job-output"), &spec, &[job])?;

    let broken = root.join("broken");
    std::fs::create_dir_all(&broken)?;
    write_seq_label_file(
        broken.join("SeqLabel.json"),
        &SeqLabelDoc::from_labels(&broken_labels(&sequence)?)?,
    )?;
    Ok(())
}

fn described(mut spec: AttributeSpec, description: &str) -> AttributeSpec {
    spec.description = Some(description.to_owned());
    spec
}

/// Three labels, each attribute kind, global and per-label attributes, frame attributes.
fn label_config() -> LabelCategoryConfig {
    let mut car = LabelCategory::new("car");
    car.category_attributes.push(AttributeSpec::choice(
        "color",
        &["red", "white", "black", "other"],
    ));
    let mut pedestrian = LabelCategory::new("pedestrian");
    pedestrian.category_attributes.push(AttributeSpec::choice(
        "activity",
        &["walking", "standing", "running"],
    ));
    pedestrian.category_attributes.push(described(
        AttributeSpec::free_text("note"),
        "anything unusual about this person",
    ));
    let mut cyclist = LabelCategory::new("cyclist");
    cyclist
        .category_attributes
        .push(AttributeSpec::number("riders", 1.0, 3.0));

    let mut config = LabelCategoryConfig::new(vec![car, pedestrian, cyclist]);
    let mut occluded = described(
        AttributeSpec::choice("occluded", &["no", "partly", "mostly"]),
        "how much of the object is hidden",
    );
    occluded.is_required = true;
    config.category_global_attributes.push(occluded);
    config.frame_attributes = vec![
        described(
            AttributeSpec::choice("weather", &["sunny", "cloudy", "rain"]),
            "the weather in this frame",
        ),
        described(
            AttributeSpec::number("visibility", 0.0, 500.0),
            "how far one can see, in metres",
        ),
        described(AttributeSpec::free_text("comment"), "anything worth noting"),
    ];
    config.instructions = Some(Instructions {
        short: "Draw a tight box around every car, pedestrian and cyclist.".to_owned(),
        full: "Draw a tight box around every car, pedestrian and cyclist in every frame. Keep the same instance for the same object across frames, even after it was hidden for a while.".to_owned(),
    });
    config
}

/// The frames of `street.mp4`, one every 0.5 s.
fn sequence() -> Result<Sequence, Box<dyn Error>> {
    let frames = (0..FRAMES)
        .map(|i| SequenceFrame {
            index: i,
            frame_no: i64::from(i),
            file: format!("frame_{i:04}.jpeg"),
            unix_timestamp: Some(1_700_000_000.0 + f64::from(i) * 0.5),
            pts: None,
            size: None,
        })
        .collect();
    Ok(Sequence::from_frames(
        1,
        format!("{BUCKET}/input/{VIDEO}/"),
        frames,
    )?)
}

fn values(pairs: &[(&str, AttributeValue)]) -> AttributeValues {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), v.clone()))
        .collect()
}

fn text(s: &str) -> AttributeValue {
    AttributeValue::Text(s.to_owned())
}

/// A box moving `dx` pixels per frame from `(left, top)`.
fn moving(
    frame: u32,
    left: f64,
    top: f64,
    dx: f64,
    size: (f64, f64),
) -> Result<Keyframe, Box<dyn Error>> {
    let shape = BoundingBox::new(left + dx * f64::from(frame), top, size.0, size.1)?;
    Ok(Keyframe::visible(frame, shape.into()))
}

fn object(
    id: &str,
    name: &str,
    class: u32,
    keyframes: Vec<Keyframe>,
) -> Result<LabeledObject, Box<dyn Error>> {
    Ok(LabeledObject::new(
        Some(ObjectId::new(id)),
        Some(name.into()),
        ClassId(class),
        Track::new(keyframes)?,
    ))
}

/// A tracking job's labels: two cars, a pedestrian hidden for three frames, a cyclist.
fn labels(sequence: &Sequence) -> Result<SequenceLabels, Box<dyn Error>> {
    let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
    for f in sequence.frames() {
        let frame = labels.add_frame(f.index, f.file.clone())?;
        frame.attributes = values(&[
            (
                "weather",
                text(if f.index < 8 { "sunny" } else { "cloudy" }),
            ),
            (
                "visibility",
                AttributeValue::Number(if f.index < 8 { 400.0 } else { 250.0 }),
            ),
        ]);
        if f.index == 0 {
            frame
                .attributes
                .insert("comment".to_owned(), text("camera starts moving"));
        }
    }

    let car1 = (0..FRAMES)
        .map(|f| {
            let occluded = if (5..=7).contains(&f) { "partly" } else { "no" };
            Ok(
                moving(f, 40.0, 300.0, 24.0, (120.0, 64.0))?.with_attributes(values(&[
                    ("occluded", text(occluded)),
                    ("color", text("red")),
                ])),
            )
        })
        .collect::<Result<Vec<_>, Box<dyn Error>>>()?;
    let car2 = (3..=9)
        .map(|f| {
            Ok(
                moving(f, 900.0, 320.0, -30.0, (110.0, 60.0))?.with_attributes(values(&[
                    ("occluded", text("no")),
                    ("color", text("white")),
                ])),
            )
        })
        .collect::<Result<Vec<_>, Box<dyn Error>>>()?;
    // Walks behind the first car on frames 5 to 7: absent there, back on frame 8.
    let mut pedestrian = Vec::new();
    for f in (0..=4).chain(8..FRAMES) {
        let mut attributes = values(&[("occluded", text("no")), ("activity", text("walking"))]);
        if f == 8 {
            attributes.insert("note".to_owned(), text("carries a red umbrella"));
            attributes.insert("occluded".to_owned(), text("mostly"));
        }
        pedestrian.push(moving(f, 600.0, 280.0, 6.0, (30.0, 80.0))?.with_attributes(attributes));
        if f == 4 {
            pedestrian.push(Keyframe::absent(5));
        }
    }
    let cyclist = (6..FRAMES)
        .map(|f| {
            Ok(
                moving(f, 200.0, 340.0, 18.0, (50.0, 70.0))?.with_attributes(values(&[
                    ("occluded", text("no")),
                    ("riders", AttributeValue::Number(1.0)),
                ])),
            )
        })
        .collect::<Result<Vec<_>, Box<dyn Error>>>()?;

    labels.add_object(object(
        "7f3b2c1e-0d4a-4e5f-9a6b-1c2d3e4f5a01",
        "car:1",
        0,
        car1,
    )?)?;
    labels.add_object(object(
        "7f3b2c1e-0d4a-4e5f-9a6b-1c2d3e4f5a02",
        "car:2",
        0,
        car2,
    )?)?;
    labels.add_object(object(
        "7f3b2c1e-0d4a-4e5f-9a6b-1c2d3e4f5a03",
        "pedestrian:1",
        1,
        pedestrian,
    )?)?;
    labels.add_object(object(
        "7f3b2c1e-0d4a-4e5f-9a6b-1c2d3e4f5a04",
        "cyclist:1",
        2,
        cyclist,
    )?)?;
    Ok(labels)
}

/// Labels that break the configuration in several ways at once, so `vframe validate`
/// shows that it reports every problem: values not among the choices (a frame attribute and
/// a label attribute), an attribute the label does not have, a number out of range, a
/// missing required attribute, and a class id past the last label.
fn broken_labels(sequence: &Sequence) -> Result<SequenceLabels, Box<dyn Error>> {
    let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
    for f in sequence.frames().iter().take(3) {
        let frame = labels.add_frame(f.index, f.file.clone())?;
        let weather = if f.index == 0 { "foggy" } else { "sunny" };
        frame.attributes = values(&[("weather", text(weather))]);
    }
    let car = vec![
        moving(0, 40.0, 300.0, 24.0, (120.0, 64.0))?.with_attributes(values(&[
            ("occluded", text("maybe")),
            ("color", text("red")),
        ])),
        moving(1, 40.0, 300.0, 24.0, (120.0, 64.0))?
            .with_attributes(values(&[("occluded", text("no")), ("colour", text("red"))])),
        moving(2, 40.0, 300.0, 24.0, (120.0, 64.0))?
            .with_attributes(values(&[("color", text("red"))])),
    ];
    let cyclist = vec![
        moving(1, 200.0, 340.0, 18.0, (50.0, 70.0))?.with_attributes(values(&[
            ("occluded", text("no")),
            ("riders", AttributeValue::Number(7.0)),
        ])),
    ];
    let truck = vec![
        moving(2, 700.0, 300.0, 0.0, (200.0, 120.0))?
            .with_attributes(values(&[("occluded", text("no"))])),
    ];
    labels.add_object(object(
        "8e4c3d2f-1e5b-4f60-8b7c-2d3e4f5a6b01",
        "car:1",
        0,
        car,
    )?)?;
    labels.add_object(object(
        "8e4c3d2f-1e5b-4f60-8b7c-2d3e4f5a6b02",
        "cyclist:1",
        2,
        cyclist,
    )?)?;
    labels.add_object(object(
        "8e4c3d2f-1e5b-4f60-8b7c-2d3e4f5a6b03",
        "truck:1",
        3,
        truck,
    )?)?;
    Ok(labels)
}
