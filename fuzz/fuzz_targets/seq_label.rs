//! SeqLabel.json from arbitrary bytes: reading, converting to the model and back, writing
//! and locating paths must never panic, and whatever is accepted must round-trip.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vframe_core::JsonPath;
use vframe_io::json::{locate, locate_error};
use vframe_io::seq_label::SeqLabelDoc;

fuzz_target!(|data: &[u8]| {
    let path = JsonPath::root()
        .key("tracking-annotations")
        .index(0)
        .key("annotations")
        .index(0);
    let _ = locate(data, &path);
    let doc = match SeqLabelDoc::from_slice(data) {
        Ok(doc) => doc,
        Err(_) => return,
    };
    let bytes = doc.to_vec();
    let again = SeqLabelDoc::from_slice(&bytes).expect("written document reads back");
    assert_eq!(again.to_vec(), bytes, "writing is stable");
    match doc.to_labels() {
        Ok(labels) => {
            let canonical = SeqLabelDoc::from_labels(&labels).expect("read labels are writable");
            let back = SeqLabelDoc::from_slice(&canonical.to_vec())
                .expect("canonical document reads back")
                .to_labels()
                .expect("canonical document converts");
            assert_eq!(back, labels, "model -> document -> model is the identity");
        }
        Err(e) => {
            let _ = locate_error(e, data).to_string();
        }
    }
});
