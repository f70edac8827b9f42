//! Label category configurations from arbitrary bytes: reading, converting, validating and
//! writing never panic; accepted documents round-trip, and so does their meaning.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vframe_core::Limits;
use vframe_io::label_config::LabelConfigDoc;

fuzz_target!(|data: &[u8]| {
    let Ok(doc) = LabelConfigDoc::from_slice(data) else {
        return;
    };
    let text = doc.to_json_string();
    let again = LabelConfigDoc::from_json(&text).expect("written document reads back");
    assert_eq!(again, doc, "write then read is the identity");
    let _ = doc.check(&Limits::default());
    let (config, problems) = doc.to_config();
    // Bounds beyond f64 (1e400) read as infinities, which the quotas refuse; skip those.
    if problems.is_empty() && config.validate(&Limits::unlimited()).is_empty() {
        let (back, p2) =
            LabelConfigDoc::from_json(&LabelConfigDoc::from_config(&config).to_json_string())
                .expect("canonical document reads back")
                .to_config();
        assert!(p2.is_empty());
        assert_eq!(back, config, "model -> document -> model is the identity");
    }
});
