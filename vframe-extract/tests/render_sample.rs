//! The shipped sample: extracting `samples/video/moving-squares.mp4` gives the frames its
//! sample labels name, and drawing those labels puts each box on its square.

mod common;

use std::path::Path;

use common::*;
use vframe_extract::render::render_sequence;
use vframe_extract::{Backend, ExtractOptions, ImageFormat};

fn sample(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../samples/video")
        .join(name)
}

#[test]
fn sample_labels_land_on_the_squares_they_were_made_for() {
    let out = tempfile::tempdir().unwrap();
    let options = ExtractOptions {
        format: ImageFormat::Jpeg { quality: 90 },
        backend: Backend::Builtin,
        ..ExtractOptions::default()
    };
    let run = extract_to(&[sample("moving-squares.mp4")], out.path(), &options);
    assert_eq!(run.sequences[0].frames, 120);
    let doc = vframe_io::read_seq_label_file(sample("moving-squares-SeqLabel.json")).unwrap();
    let labels = doc.to_labels().unwrap();
    let drawn = out.path().join("drawn");
    let summary = render_sequence(&labels, &run.sequences[0].folder, &drawn).unwrap();
    assert_eq!((summary.frames, summary.shapes), (120, 240));
    assert!(drawn.join("contact_sheet.png").is_file());
    assert!(drawn.join("timeline.png").is_file());
    // Frame 60 (t = 2 s): the yellow square (class 1) is at left 400, top 60, 40x40. The
    // drawing changes the pixels on the box's top edge and leaves the square's inside and
    // the rest of the frame alone. (JPEG smears a 2-pixel outline's colour, so this compares
    // against the undrawn frame rather than against the palette.)
    let (w, _, before) = load_rgb(&run.sequences[0].folder.join("frame_0060.jpeg"));
    let (_, _, after) = load_rgb(&drawn.join("frame_0060.jpeg"));
    let diff = |x: u32, y: u32| {
        let i = ((y * w + x) * 3) as usize;
        (0..3)
            .map(|c| before[i + c].abs_diff(after[i + c]) as u32)
            .sum::<u32>()
    };
    let edge: u32 = (405..435).map(|x| diff(x, 60)).sum::<u32>() / 30;
    assert!(edge > 60, "top edge barely changed: {edge}");
    assert!(diff(420, 85) < 30, "inside changed: {}", diff(420, 85));
    assert!(diff(600, 300) < 30, "elsewhere changed: {}", diff(600, 300));
}

#[test]
fn frame_names_that_leave_the_frames_folder_are_refused() {
    let text =
        br#"{"tracking-annotations":[{"annotations":[],"frame-no":"0","frame":"../secret.jpeg"}]}"#;
    let labels = vframe_io::read_seq_label(&text[..])
        .unwrap()
        .to_labels()
        .unwrap();
    let out = tempfile::tempdir().unwrap();
    let err = render_sequence(&labels, out.path(), &out.path().join("drawn")).unwrap_err();
    assert!(err.to_string().contains("secret"), "{err}");
}
