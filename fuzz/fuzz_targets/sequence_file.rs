//! Sequence files from arbitrary bytes: reading, converting and writing never panic; an
//! accepted document writes and reads back equal.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vframe_core::Limits;
use vframe_io::sequence_file::SequenceFileDoc;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = SequenceFileDoc::from_slice(data) else {
        return;
    };
    let text = doc.to_json_string();
    let again = SequenceFileDoc::from_json(&text).expect("written document reads back");
    assert_eq!(again, doc, "write then read is the identity");
    if let Ok((seq, _problems)) = doc.to_sequence(&Limits::default()) {
        let back = SequenceFileDoc::from_sequence(&seq);
        let (seq2, _) = SequenceFileDoc::from_json(&back.to_json_string())
            .expect("canonical document reads back")
            .to_sequence(&Limits::unlimited())
            .expect("canonical document converts");
        assert_eq!(seq2.frames().len(), seq.frames().len());
    }
});
