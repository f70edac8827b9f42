//! Manifests from arbitrary bytes: the streaming reader, file-kind detection and label
//! metadata never panic, and every accepted line writes and reads back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vframe_io::detect::detect_kind;
use vframe_io::manifest::{ManifestLine, ManifestReader, ManifestWriter};

fuzz_target!(|data: &[u8]| {
    let _ = detect_kind(data);
    let mut writer = ManifestWriter::new(Vec::new());
    let mut lines: Vec<ManifestLine> = Vec::new();
    for record in ManifestReader::new(data).with_max_line_bytes(1 << 16) {
        let Ok(record) = record else { break };
        for p in &record.problems {
            let _ = p.to_string();
        }
        let _ = record.line.label_attributes_meaning();
        writer.write_line(&record.line).expect("writing to memory");
        lines.push(record.line);
    }
    let bytes = writer.into_inner().expect("flushing memory");
    let again: Vec<ManifestLine> = ManifestReader::new(&bytes[..])
        .map(|r| r.expect("written manifest reads back").line)
        .collect();
    assert_eq!(again, lines, "write then read is the identity");
});
