//! Job output folders: written from models, read back into the same models.

mod corpus_support;
use corpus_support as common;

use proptest::prelude::*;
use vframe_core::{
    AdjustmentStatus, AnnotationType, ClassId, CreationDate, EditsAllowed, Keyframe, LabelCategory,
    LabelCategoryConfig, LabeledObject, ObjectId, SequenceLabels, TaskType, Track,
};
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};
use vframe_io::job_output::{
    JobOutputSpec, JobSequence, output_manifest_path, read_job_output, seq_label_path,
    write_job_output,
};
use vframe_io::manifest::ManifestLine;

fn spec(annotation_type: AnnotationType) -> JobOutputSpec {
    let mut config = LabelCategoryConfig::new(vec![
        LabelCategory::new("car"),
        LabelCategory::new("bus"),
        LabelCategory::new("bike"),
    ]);
    config.annotation_type = annotation_type;
    JobOutputSpec {
        s3_output_path: "s3://bucket/output/".into(),
        job_name: "Street-Cams".into(),
        label_attribute_name: "street-cams-ref".into(),
        config,
        creation_date: CreationDate::utc(2024, 5, 6, 7, 8, 9, 10_000).unwrap(),
    }
}

fn shape(kind: AnnotationType, i: f64) -> Shape {
    match kind {
        AnnotationType::BoundingBox => BoundingBox::new(i, 2.0 * i, 10.0, 20.0).unwrap().into(),
        AnnotationType::Polyline => {
            Polyline::new(vec![Point::new(i, 1.0), Point::new(i + 5.0, 9.0)])
                .unwrap()
                .into()
        }
        AnnotationType::Polygon => Polygon::new(vec![
            Point::new(i, 0.0),
            Point::new(i + 4.0, 0.0),
            Point::new(i, 4.0),
        ])
        .unwrap()
        .into(),
        AnnotationType::Keypoint => Keypoint::new(i, i + 1.0).unwrap().into(),
    }
}

fn labels(task: TaskType, kind: AnnotationType, classes: &[u32]) -> SequenceLabels {
    let mut labels = SequenceLabels::new(task, kind);
    for f in 0..3 {
        labels.add_frame(f, format!("frame_{f:04}.jpeg")).unwrap();
    }
    for (n, class) in classes.iter().enumerate() {
        let id = ClassId(*class);
        match task {
            TaskType::Tracking => {
                let track = Track::new(vec![
                    Keyframe::visible(0, shape(kind, n as f64)),
                    Keyframe::visible(2, shape(kind, n as f64 + 3.0)),
                ])
                .unwrap();
                // Ground Truth lists a tracked object on every frame it shows it; a track
                // with a gap on frame 1 reads back with an absent keyframe there.
                let track = Track::new(vec![
                    track.keyframes()[0].clone(),
                    Keyframe::visible(1, shape(kind, n as f64 + 1.0)),
                    track.keyframes()[1].clone(),
                ])
                .unwrap();
                labels
                    .add_object(LabeledObject::new(
                        Some(ObjectId::new(format!("obj-{n}"))),
                        Some(format!("c{class}:{n}").into()),
                        id,
                        track,
                    ))
                    .unwrap();
            }
            TaskType::Detection => {
                // Spread over the frames in frame order: a read gives objects in order of
                // first appearance, so this is the order that round-trips.
                let frame = (n * 3 / classes.len()) as u32;
                labels
                    .add_object(LabeledObject::new(
                        None,
                        None,
                        id,
                        Track::single(frame, shape(kind, n as f64)),
                    ))
                    .unwrap();
            }
        }
    }
    labels
}

fn sequence(task: TaskType, kind: AnnotationType, classes: &[u32], n: usize) -> JobSequence {
    JobSequence {
        input: ManifestLine::new(format!("s3://bucket/input/seq{n}.json")),
        labels: labels(task, kind, classes),
        adjustment_status: None,
    }
}

#[test]
fn empty_job_writes_an_empty_manifest() {
    let dir = tempfile::tempdir().unwrap();
    assert!(
        write_job_output(dir.path(), &spec(AnnotationType::BoundingBox), &[])
            .unwrap()
            .is_empty()
    );
    assert_eq!(
        std::fs::read(output_manifest_path(dir.path())).unwrap(),
        b""
    );
    assert!(read_job_output(dir.path(), None).unwrap().is_empty());
}

#[test]
fn every_task_and_tool_reads_back_as_written() {
    for task in [TaskType::Detection, TaskType::Tracking] {
        for kind in AnnotationType::ALL {
            let dir = tempfile::tempdir().unwrap();
            let seqs = vec![
                sequence(task, kind, &[0, 2], 0),
                sequence(task, kind, &[1], 1),
            ];
            write_job_output(dir.path(), &spec(kind), &seqs).unwrap();
            let back = read_job_output(dir.path(), None).unwrap();
            assert_eq!(back.len(), 2);
            for (read, written) in back.iter().zip(&seqs) {
                assert_eq!(
                    read.labels.objects(),
                    written.labels.objects(),
                    "{task:?} {kind:?}"
                );
                assert_eq!(read.labels.frames(), written.labels.frames());
                assert_eq!(read.labels.task(), task);
                assert_eq!(read.label_attribute.metadata.task, task);
            }
            assert_eq!(back[1].seq_label_path, seq_label_path(dir.path(), 1));
        }
    }
}

#[test]
fn class_map_lists_only_the_classes_used_named_by_position_in_the_config() {
    let dir = tempfile::tempdir().unwrap();
    let seqs = vec![sequence(
        TaskType::Tracking,
        AnnotationType::BoundingBox,
        &[2, 0, 2],
        0,
    )];
    let lines = write_job_output(dir.path(), &spec(AnnotationType::BoundingBox), &seqs).unwrap();
    let meta = lines[0].label_attributes()[0].metadata.clone();
    assert_eq!(
        meta.class_map,
        Some(vec![
            ("0".into(), "car".into()),
            ("2".into(), "bike".into())
        ])
    );
    assert_eq!(meta.job_name.as_deref(), Some("labeling-job/street-cams"));
    assert_eq!(
        lines[0].label_attributes()[0].labels_uri,
        "s3://bucket/output/Street-Cams/annotations/consolidated-annotation/output/0/SeqLabel.json"
    );
    let read = read_job_output(dir.path(), Some("street-cams-ref")).unwrap();
    assert_eq!(
        read[0]
            .labels
            .class_map()
            .get(&ClassId(2))
            .map(String::as_str),
        Some("bike")
    );
}

#[test]
fn manifest_file_is_ground_truths_style() {
    let dir = tempfile::tempdir().unwrap();
    let seqs = vec![sequence(
        TaskType::Detection,
        AnnotationType::Keypoint,
        &[1],
        0,
    )];
    write_job_output(dir.path(), &spec(AnnotationType::Keypoint), &seqs).unwrap();
    let text = std::fs::read_to_string(output_manifest_path(dir.path())).unwrap();
    assert_eq!(
        text,
        concat!(
            r#"{"source-ref":"s3://bucket/input/seq0.json","street-cams-ref":"s3://bucket/output/Street-Cams/annotations/consolidated-annotation/output/0/SeqLabel.json","#,
            r#""street-cams-ref-metadata":{"class-map":{"1":"bus"},"job-name":"labeling-job/street-cams","human-annotated":"yes","creation-date":"2024-05-06T07:08:09.010000","type":"groundtruth/video-object-detection"}}"#,
            "\n"
        )
    );
}

#[test]
fn adjustment_status_is_refused_for_a_labeling_job_and_written_for_an_audit_job() {
    let dir = tempfile::tempdir().unwrap();
    let mut seq = sequence(TaskType::Tracking, AnnotationType::BoundingBox, &[0], 0);
    seq.adjustment_status = Some(AdjustmentStatus::Adjusted);
    let mut s = spec(AnnotationType::BoundingBox);
    let err = write_job_output(dir.path(), &s, std::slice::from_ref(&seq)).unwrap_err();
    assert!(err.to_string().contains("only audit jobs"), "{err}");
    assert!(
        !output_manifest_path(dir.path()).exists(),
        "nothing written on refusal"
    );

    s.config.audit_label_attribute_name = Some("Person".into());
    let lines = write_job_output(dir.path(), &s, &[seq]).unwrap();
    assert!(
        lines[0]
            .to_json_string()
            .ends_with(r#""adjustment-status":"adjusted"}}"#)
    );
    let back = read_job_output(dir.path(), None).unwrap();
    assert_eq!(
        back[0].label_attribute.metadata.adjustment_status,
        Some(AdjustmentStatus::Adjusted)
    );
}

#[test]
fn pre_annotation_keeps_the_audited_label_attribute_and_appends_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let input = ManifestLine::from_json(r#"{"source-ref":"s3://b/seq.json","Person":"s3://b/labels.json","Person-metadata":{"class-map":{"0":"car"},"human-annotated":"yes","creation-date":"2020-05-25T12:53:54+0000","type":"groundtruth/video-object-tracking"}}"#).unwrap();
    let mut s = spec(AnnotationType::BoundingBox);
    s.config.audit_label_attribute_name = Some("Person".into());
    s.config
        .labels
        .iter_mut()
        .for_each(|l| l.edits_allowed = EditsAllowed::None);
    let seq = JobSequence {
        input,
        ..sequence(TaskType::Tracking, AnnotationType::BoundingBox, &[0], 0)
    };
    let lines = write_job_output(dir.path(), &s, &[seq]).unwrap();
    let names: Vec<_> = lines[0].members().iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(
        names,
        [
            "source-ref",
            "Person",
            "Person-metadata",
            "street-cams-ref",
            "street-cams-ref-metadata"
        ]
    );
    // The last label attribute is the job's own, and the one read by default.
    assert_eq!(
        read_job_output(dir.path(), None).unwrap()[0]
            .label_attribute
            .name,
        "street-cams-ref"
    );
}

#[test]
fn refusals_come_before_any_file_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let s = spec(AnnotationType::Polygon);
    let wrong_tool = sequence(TaskType::Tracking, AnnotationType::BoundingBox, &[0], 0);
    assert!(write_job_output(dir.path(), &s, &[wrong_tool]).is_err());
    let unknown_class = sequence(TaskType::Tracking, AnnotationType::Polygon, &[7], 0);
    let err = write_job_output(dir.path(), &s, &[unknown_class]).unwrap_err();
    assert!(err.to_string().contains("class id 7 has no label"), "{err}");
    let mut bad_name = spec(AnnotationType::Polygon);
    bad_name.label_attribute_name = "x-metadata".into();
    assert!(write_job_output(dir.path(), &bad_name, &[]).is_err());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn real_job_output_reads_into_twenty_tracked_helmets() {
    // Lay out the real deepaliaws files the way the job's S3 folder held them.
    let dir = tempfile::tempdir().unwrap();
    let manifest = output_manifest_path(dir.path());
    std::fs::create_dir_all(manifest.parent().unwrap()).unwrap();
    std::fs::write(
        &manifest,
        common::read("real/deepaliaws-tracking-output.manifest"),
    )
    .unwrap();
    let labels = seq_label_path(dir.path(), 0);
    std::fs::create_dir_all(labels.parent().unwrap()).unwrap();
    std::fs::write(
        &labels,
        common::read("real/deepaliaws-tracking-SeqLabel.json"),
    )
    .unwrap();
    let back = read_job_output(dir.path(), None).unwrap();
    assert_eq!(back[0].labels.objects().len(), 20);
    assert_eq!(back[0].labels.frames().len(), 307);
    assert_eq!(
        back[0]
            .labels
            .class_map()
            .get(&ClassId(0))
            .map(String::as_str),
        Some("HEL")
    );
}

#[test]
fn labels_uri_outside_a_job_folder_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = output_manifest_path(dir.path());
    std::fs::create_dir_all(manifest.parent().unwrap()).unwrap();
    std::fs::write(
        &manifest,
        common::read("real/iprivit-tracking-adjustment-output.manifest"),
    )
    .unwrap();
    let err = read_job_output(dir.path(), Some("Person")).unwrap_err();
    assert!(
        err.to_string().contains("output.manifest:1: Person: "),
        "{err}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    #[test]
    fn model_to_folder_to_model_is_the_identity(
        task in prop::sample::select(vec![TaskType::Detection, TaskType::Tracking]),
        kind in prop::sample::select(AnnotationType::ALL.to_vec()),
        classes in prop::collection::vec(prop::collection::vec(0u32..3, 0..5), 0..4),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let seqs: Vec<_> = classes.iter().enumerate().map(|(n, c)| sequence(task, kind, c, n)).collect();
        write_job_output(dir.path(), &spec(kind), &seqs).unwrap();
        let back = read_job_output(dir.path(), None).unwrap();
        prop_assert_eq!(back.len(), seqs.len());
        for (r, w) in back.iter().zip(&seqs) {
            prop_assert_eq!(r.labels.objects(), w.labels.objects());
            prop_assert_eq!(&r.line.members()[0], &w.input.members()[0]);
        }
    }
}
