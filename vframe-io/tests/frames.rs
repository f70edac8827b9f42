//! Frame file resolution: no accepted name ever leaves its folder.

use std::path::{Component, Path};

use proptest::prelude::*;
use vframe_io::IoError;
use vframe_io::frames::{FrameLocation, FrameResolver, check_frame_name, frame_uri};

fn stays_inside(path: &Path, folder: &Path) -> bool {
    path.strip_prefix(folder).is_ok_and(|rest| {
        rest.components().count() > 0
            && rest.components().all(|c| matches!(c, Component::Normal(_)))
    })
}

#[test]
fn each_refusal_is_an_unsafe_frame_path_error_with_a_reason() {
    let r = FrameResolver::new().with_mirror("s3://bucket/videos/", "/data/videos");
    for name in [
        "",
        "..",
        "../x.jpg",
        "/abs.jpg",
        "a\\b.jpg",
        "a\0b.jpg",
        "C:x.jpg",
        "c:/x.jpg",
        "a/../../x.jpg",
    ] {
        match r.resolve("s3://bucket/videos/clip/", name) {
            Err(IoError::UnsafeFramePath { frame, reason, .. }) => {
                assert_eq!(frame, name);
                assert!(!reason.is_empty());
            }
            other => panic!("{name:?} gave {other:?}"),
        }
    }
}

#[test]
fn error_message_names_frame_prefix_and_reason() {
    let err = frame_uri("s3://b/v/", "../x.jpg").unwrap_err();
    assert_eq!(
        err.to_string(),
        "frame \"../x.jpg\" under prefix \"s3://b/v/\": the name has a \"..\" component, which would leave the folder"
    );
}

#[test]
fn names_with_dots_that_are_not_components_are_fine() {
    for name in [
        "..a.jpg",
        "a..jpg",
        "frame.0001.jpg",
        ".hidden.jpg",
        "21:04:23.jpg",
    ] {
        assert!(check_frame_name(name).is_ok(), "{name}");
    }
}

#[test]
fn unmirrored_s3_frames_stay_uris() {
    let r = FrameResolver::new();
    assert_eq!(
        r.resolve("s3://mybucket/prefix/video1", "frame0001.jpg")
            .unwrap(),
        FrameLocation::Uri("s3://mybucket/prefix/video1/frame0001.jpg".into())
    );
}

proptest! {
    #[test]
    fn no_accepted_name_resolves_outside_the_mirror(
        name in "([a-zA-Z0-9._\\\\:/-]|\\.\\.|/){0,24}",
        sub in "([a-z0-9.]|\\.\\./|/){0,10}",
    ) {
        let folder = Path::new("/data/videos");
        let r = FrameResolver::new().with_mirror("s3://bucket/videos/", folder);
        let prefix = format!("s3://bucket/videos/{sub}");
        if let Ok(loc) = r.resolve(&prefix, &name) {
            match loc {
                FrameLocation::Local(p) => prop_assert!(stays_inside(&p, folder), "{:?}", p),
                FrameLocation::Uri(u) => prop_assert!(false, "mirrored prefix gave a URI {}", u),
            }
        }
    }

    #[test]
    fn no_accepted_name_resolves_outside_a_local_prefix(name in any::<String>()) {
        let folder = Path::new("/data/clip");
        if let Ok(FrameLocation::Local(p)) = FrameResolver::new().resolve("/data/clip/", &name) {
            prop_assert!(stays_inside(&p, folder), "{:?}", p);
        }
    }
}
