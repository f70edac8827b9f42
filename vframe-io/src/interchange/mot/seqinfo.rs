//! `seqinfo.ini`: a MOT sequence's name, image folder, frame rate, length and frame size.

use std::fmt::Write as _;

use vframe_core::FrameSize;

use crate::{IoError, Position};

/// The `[Sequence]` section of `seqinfo.ini`. Datumaro insists on exactly these seven keys.
///
/// ```
/// use vframe_io::interchange::mot::SeqInfo;
/// let text = "[Sequence]\nname=MOT17-02\nimDir=img1\nframeRate=30\nseqLength=600\nimWidth=1920\nimHeight=1080\nimExt=.jpg\n";
/// let info = SeqInfo::parse(text)?;
/// assert_eq!(info.seq_length, 600);
/// assert_eq!(info.to_ini(), text);
/// # Ok::<(), vframe_io::IoError>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeqInfo {
    /// `name`.
    pub name: String,
    /// `imDir`, usually `img1`.
    pub im_dir: String,
    /// `frameRate`, whole frames per second.
    pub frame_rate: u32,
    /// `seqLength`: number of frames, numbered 1..=seqLength.
    pub seq_length: u32,
    /// `imWidth` and `imHeight`.
    pub size: FrameSize,
    /// `imExt`, with the dot (`.jpg`).
    pub im_ext: String,
}

impl SeqInfo {
    /// Reads the keys (case-insensitive, as MOT tools do); all seven are required.
    pub fn parse(text: &str) -> Result<Self, IoError> {
        let mut name = None;
        let mut im_dir = None;
        let mut frame_rate = None;
        let mut seq_length = None;
        let mut width = None;
        let mut height = None;
        let mut im_ext = None;
        for (i, line) in text.lines().enumerate() {
            let Some((key, value)) = line.split_once('=') else {
                continue;
            };
            let value = value.trim();
            let number = |v: &str| -> Result<u32, IoError> {
                v.parse().map_err(|_| IoError::Interchange {
                    position: Position::at(i + 1, key.len() + 2),
                    format: "seqinfo.ini",
                    message: format!("{} = {v:?}: expected a whole number", key.trim()),
                })
            };
            match key.trim().to_ascii_lowercase().as_str() {
                "name" => name = Some(value.to_owned()),
                "imdir" => im_dir = Some(value.to_owned()),
                "framerate" => frame_rate = Some(number(value)?),
                "seqlength" => seq_length = Some(number(value)?),
                "imwidth" => width = Some(number(value)?),
                "imheight" => height = Some(number(value)?),
                "imext" => im_ext = Some(value.to_owned()),
                _ => {}
            }
        }
        let missing = |key: &str| IoError::Interchange {
            position: Position::default(),
            format: "seqinfo.ini",
            message: format!("key {key} is missing"),
        };
        Ok(Self {
            name: name.ok_or_else(|| missing("name"))?,
            im_dir: im_dir.ok_or_else(|| missing("imDir"))?,
            frame_rate: frame_rate.ok_or_else(|| missing("frameRate"))?,
            seq_length: seq_length.ok_or_else(|| missing("seqLength"))?,
            size: FrameSize {
                width: width.ok_or_else(|| missing("imWidth"))?,
                height: height.ok_or_else(|| missing("imHeight"))?,
            },
            im_ext: im_ext.ok_or_else(|| missing("imExt"))?,
        })
    }

    /// The file text, keys in MOTChallenge's order, one trailing newline.
    pub fn to_ini(&self) -> String {
        let mut s = String::from("[Sequence]\n");
        let _ = write!(
            s,
            "name={}\nimDir={}\nframeRate={}\nseqLength={}\nimWidth={}\nimHeight={}\nimExt={}\n",
            self.name,
            self.im_dir,
            self.frame_rate,
            self.seq_length,
            self.size.width,
            self.size.height,
            self.im_ext
        );
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_key_is_named() {
        let err = SeqInfo::parse("[Sequence]\nname=a\n").unwrap_err();
        assert!(err.to_string().contains("imDir"), "{err}");
    }

    #[test]
    fn non_numeric_length_names_line_and_key() {
        let err = SeqInfo::parse("[Sequence]\nseqLength=abc\n").unwrap_err();
        let msg = err.to_string();
        assert!(msg.contains(":2:") && msg.contains("seqLength"), "{msg}");
    }

    #[test]
    fn keys_are_case_insensitive() {
        let info = SeqInfo::parse(
            "[Sequence]\nNAME=x\nimdir=img1\nframerate=25\nseqlength=3\nimwidth=4\nimheight=5\nimext=.png\n",
        )
        .unwrap();
        assert_eq!(info.frame_rate, 25);
        assert_eq!(
            info.size,
            FrameSize {
                width: 4,
                height: 5
            }
        );
    }
}
