//! Problems of a sequence file: its shape, Ground Truth's quotas, and frame order (A1).

use vframe_core::{JsonPath, Limits, Location, Problem, Sequence};
use vframe_io::frames::check_frame_name;
use vframe_io::sequence_file::SequenceFileDoc;

use crate::output::Diagnostic;

/// Every problem of the sequence file `bytes`, named `file` in the output.
pub fn check(file: &str, bytes: &[u8], limits: &Limits) -> Vec<Diagnostic> {
    let doc = match SequenceFileDoc::from_slice(bytes) {
        Ok(doc) => doc,
        Err(error) => return vec![Diagnostic::from_io_error(file, bytes, error)],
    };
    let (sequence, problems) = match doc.to_sequence(limits) {
        Ok(found) => found,
        Err(error) => return vec![Diagnostic::from_io_error(file, bytes, error)],
    };
    // The k-th frame-name problem is about the k-th frame whose name is refused.
    let mut bad_names = doc
        .frames
        .iter()
        .enumerate()
        .filter(|(_, f)| check_frame_name(&f.frame).is_err())
        .map(|(i, _)| i);
    problems
        .into_iter()
        .map(|problem| {
            let path = path_of(&problem, &doc, &sequence, &mut bad_names);
            let message = match (&problem.location, problem.code) {
                // The message already names the entry; the path column says it once.
                (_, "sequence.frame_name") => strip_path_prefix(&problem.message),
                _ => problem.message.clone(),
            };
            Diagnostic::at_path(file, bytes, &path, problem.code, message)
        })
        .collect()
}

fn path_of(
    problem: &Problem,
    doc: &SequenceFileDoc,
    sequence: &Sequence,
    bad_names: &mut impl Iterator<Item = usize>,
) -> JsonPath {
    let root = JsonPath::root();
    match (&problem.location, problem.code) {
        (_, "sequence.number_of_frames") => root.key("number-of-frames"),
        (_, "sequence.frame_count" | "sequence.empty") => root.key("frames"),
        (_, "sequence.prefix_slash") => root.key("prefix"),
        (_, "sequence.frame_name") => match bad_names.next() {
            Some(i) => root.key("frames").index(i).key("frame"),
            None => root.key("frames"),
        },
        (Location::Frame { frame, .. }, _) => {
            // A frame is named by its position in display order; find its entry in the file.
            let file = sequence
                .frames()
                .get(*frame as usize)
                .map(|f| f.file.as_str());
            match doc
                .frames
                .iter()
                .position(|f| Some(f.frame.as_str()) == file)
            {
                Some(i) => root.key("frames").index(i),
                None => root.key("frames"),
            }
        }
        _ => root,
    }
}

/// `frames[3].frame "x": reason` -> `"x": reason`.
fn strip_path_prefix(message: &str) -> String {
    match message.split_once(".frame ") {
        Some((head, tail)) if head.starts_with("frames[") => tail.to_owned(),
        _ => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_sequence_file_has_no_problems() {
        let text = br#"{"seq-no":1,"prefix":"s3://b/v/","number-of-frames":2,"frames":[{"frame-no":0,"frame":"f0.jpg"},{"frame-no":1,"frame":"f1.jpg"}]}"#;
        assert_eq!(check("s.json", text, &Limits::default()), []);
    }

    #[test]
    fn count_prefix_and_order_problems_point_at_their_keys() {
        let text = b"{\"seq-no\":1,\n\"prefix\":\"s3://b/v\",\n\"number-of-frames\":3,\n\"frames\":[{\"frame-no\":2,\"frame\":\"frame2.jpg\"},\n{\"frame-no\":10,\"frame\":\"frame10.jpg\"}]}";
        let lines: Vec<String> = check("s.json", text, &Limits::default())
            .iter()
            .map(|d| format!("{}:{}:{}", d.line.unwrap(), d.path.clone().unwrap(), d.code))
            .collect();
        assert_eq!(
            lines,
            [
                "3:number-of-frames:sequence.number_of_frames",
                "2:prefix:sequence.prefix_slash",
                "4:frames[0]:sequence.order",
            ]
        );
    }

    #[test]
    fn an_escaping_frame_name_is_reported_at_its_entry() {
        let text = br#"{"seq-no":1,"prefix":"s3://b/v/","number-of-frames":2,"frames":[{"frame-no":0,"frame":"f0.jpg"},{"frame-no":1,"frame":"z/../f1.jpg"}]}"#;
        let d = check("s.json", text, &Limits::default());
        assert_eq!(d.len(), 1, "{d:?}");
        assert_eq!(d[0].path.as_deref(), Some("frames[1].frame"));
        assert!(
            d[0].message.starts_with("\"z/../f1.jpg\""),
            "{}",
            d[0].message
        );
    }
}
