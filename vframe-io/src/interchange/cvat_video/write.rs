//! Writing CVAT for video 1.1 XML from the model, one track at a time.

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use quick_xml::escape::{escape, partial_escape};
use vframe_core::{
    AttributeValue, AttributeValues, CompressOptions, LabeledObject, Tolerance, Track,
    compress_track,
};
use vframe_geom::{Point, Shape};

use super::FORMAT;
use super::meta::write_meta;
use crate::interchange::number::{write_float, write_integer, write_number};
use crate::interchange::sample::{
    Step, check_instance_names, listed_frames, report_frame_attributes, track_numbers, walk_track,
};
use crate::interchange::{FrameNumbering, LabeledSequence, LossKind, LossReport};
use crate::{IoError, Position, write_atomically};
use rayon::prelude::*;

/// How to write CVAT XML.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CvatWriteOptions {
    /// Keyframes only (CVAT interpolates the rest) instead of every listed frame.
    pub sparse: bool,
    /// With `sparse`: first reduce each track to the fewest keyframes that reproduce it
    /// within a tolerance ([`compress_track`]), so dense tracks (read from Ground Truth, MOT or
    /// a tracker) come out as the sparse keyframes an annotator would have drawn.
    pub compress: Option<CompressOptions>,
    /// `start_frame`: the absolute number of frame-no 0.
    pub start_frame: u64,
    /// The frame step (`frame_filter` `step=N`), at least 1.
    pub step: u64,
}

impl Default for CvatWriteOptions {
    fn default() -> Self {
        Self {
            sparse: false,
            compress: None,
            start_frame: 0,
            step: 1,
        }
    }
}

/// Writes the sequence as a CVAT for video 1.1 task.
///
/// ```
/// use vframe_core::{AnnotationType, ClassId, Keyframe, LabeledObject, ObjectId, SequenceLabels, TaskType, Track};
/// use vframe_geom::BoundingBox;
/// use vframe_io::interchange::{cvat_video, LabeledSequence};
/// let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
/// for i in 0..4 { labels.add_frame(i, format!("{i}.jpg"))?; }
/// let b = |x| BoundingBox::new(x, 0.0, 2.0, 2.0).map(Into::into);
/// let track = Track::new(vec![Keyframe::visible(0, b(0.0)?), Keyframe::visible(2, b(4.0)?)])?;
/// labels.add_object(LabeledObject::new(Some(ObjectId::new("3")), None, ClassId(0), track))?;
/// let s = LabeledSequence::with_derived_config(labels);
/// let mut out = Vec::new();
/// cvat_video::write_cvat_video(&s, &Default::default(), &mut out)?;
/// let xml = String::from_utf8(out)?;
/// assert!(xml.contains(r#"<box frame="1" keyframe="0" outside="0" occluded="0" xtl="2" ytl="0" xbr="4" ybr="2" z_order="0"/>"#));
/// // The track stops after frame 2: CVAT must not extend it to the end of the task.
/// assert!(xml.contains(r#"<box frame="3" keyframe="1" outside="1""#));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn write_cvat_video(
    sequence: &LabeledSequence,
    options: &CvatWriteOptions,
    out: &mut impl Write,
) -> Result<LossReport, IoError> {
    let labels = &sequence.labels;
    let numbering = FrameNumbering::cvat(options.start_frame, options.step).map_err(|message| {
        IoError::Interchange {
            position: Position::default(),
            format: FORMAT,
            message,
        }
    })?;
    let mut loss = LossReport::new(FORMAT);
    let numbers = track_numbers(labels, 0, &mut loss);
    check_instance_names(sequence, &numbers, &mut loss);
    report_frame_attributes(labels, &mut loss);
    let listed = listed_frames(labels);
    let size = listed.last().map_or(0, |l| l + 1);
    let mut head: Vec<u8> = Vec::with_capacity(4096);
    write_meta(&mut head, sequence, numbering, size)?;
    out.write_all(&head)?;

    // Detections get numbers above every track's, in object order: fixed before the tracks
    // are formatted out of order.
    let mut next_detection = numbers.iter().flatten().max().map_or(0, |m| m + 1);
    let ids: Vec<u64> = numbers
        .iter()
        .map(|number| {
            number.unwrap_or_else(|| {
                next_detection += 1;
                next_detection - 1
            })
        })
        .collect();
    let writer = TrackWriter {
        sequence,
        options,
        numbering,
        listed: &listed,
        size,
    };
    write_tracks_in_order(
        &writer,
        labels.objects(),
        &ids,
        &mut Pieces(&mut *out),
        &mut loss,
    )?;
    out.write_all(b"</annotations>\n")?;
    Ok(loss)
}

/// Shapes (frames of a track's span) per chunk of objects formatted as one piece of work.
const CHUNK_FRAMES: u64 = 4096;

/// Formats the tracks on all cores, a wave of chunks at a time, and writes them in object
/// order; merges losses in the same order, so a loss's first place is the one a sequential
/// walk would name, and returns the first error in that order.
///
/// Unlike `parallel::write_objects_in_order`, each chunk slot keeps its buffer from wave to
/// wave: fresh megabyte buffers per chunk cost as much in page faults as the formatting.
fn write_tracks_in_order(
    writer: &TrackWriter<'_>,
    objects: &[LabeledObject],
    ids: &[u64],
    out: &mut impl Write,
    loss: &mut LossReport,
) -> Result<(), IoError> {
    let mut chunks = Vec::new();
    let mut start = 0;
    let mut frames = 0;
    for (i, object) in objects.iter().enumerate() {
        let (first, last) = object.track().span();
        frames += u64::from(last.saturating_sub(first)) + 1;
        if frames >= CHUNK_FRAMES {
            chunks.push(start..i + 1);
            start = i + 1;
            frames = 0;
        }
    }
    if start < objects.len() {
        chunks.push(start..objects.len());
    }
    let wave = rayon::current_num_threads().max(1) * 4;
    let new_slots = || -> Vec<Slot> {
        (0..wave.min(chunks.len()))
            .map(|_| (Vec::new(), LossReport::new(FORMAT)))
            .collect()
    };
    // Two sets of slots: while one wave is written out here, the next is formatted on
    // the pool, so the copying into the page cache and the formatting overlap.
    let (mut current, mut next) = (new_slots(), new_slots());
    let mut groups = chunks.chunks(wave);
    let Some(first) = groups.next() else {
        return Ok(());
    };
    let mut results = format_wave(writer, objects, ids, &mut current, first);
    for group in groups {
        let (formatted, emitted) = std::thread::scope(|scope| {
            let formatting = scope.spawn(|| format_wave(writer, objects, ids, &mut next, group));
            let emitted = emit_wave(&mut current, std::mem::take(&mut results), out, loss);
            (formatting.join(), emitted)
        });
        emitted?;
        results = formatted.unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        std::mem::swap(&mut current, &mut next);
    }
    emit_wave(&mut current, results, out, loss)
}

/// A chunk's formatted bytes and losses, reused from wave to wave.
type Slot = (Vec<u8>, LossReport);

/// Formats one chunk of tracks per slot, on all cores.
fn format_wave(
    writer: &TrackWriter<'_>,
    objects: &[LabeledObject],
    ids: &[u64],
    slots: &mut [Slot],
    group: &[std::ops::Range<usize>],
) -> Vec<Result<(), IoError>> {
    slots
        .par_iter_mut()
        .zip(group)
        .map(|((buf, chunk_loss), range)| {
            buf.clear();
            let objects = objects.get(range.clone()).unwrap_or_default();
            let ids = ids.get(range.clone()).unwrap_or_default();
            for (object, id) in objects.iter().zip(ids) {
                writer.write_track(buf, object, *id, chunk_loss)?;
            }
            Ok(())
        })
        .collect()
}

/// Writes a formatted wave in order and merges its losses; stops at its first error.
fn emit_wave(
    slots: &mut [Slot],
    results: Vec<Result<(), IoError>>,
    out: &mut impl Write,
    loss: &mut LossReport,
) -> Result<(), IoError> {
    for ((buf, chunk_loss), result) in slots.iter_mut().zip(results) {
        result?;
        out.write_all(buf)?;
        loss.merge(std::mem::replace(chunk_loss, LossReport::new(FORMAT)));
    }
    Ok(())
}

/// Passes writes on in pieces of at most 64 KiB.
///
/// A chunk of tracks is megabytes; handed to the kernel in one `write` it was copied into the
/// page cache several times slower than in pieces of this size.
struct Pieces<W>(W);

impl<W: Write> Write for Pieces<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .write(buf.get(..buf.len().min(1 << 16)).unwrap_or(buf))
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// What every `<track>` element needs to know about the whole sequence.
struct TrackWriter<'a> {
    sequence: &'a LabeledSequence,
    options: &'a CvatWriteOptions,
    numbering: FrameNumbering,
    listed: &'a [u32],
    size: u32,
}

impl TrackWriter<'_> {
    /// Appends one `<track>` element with its shapes, dense or sparse.
    fn write_track(
        &self,
        buf: &mut Vec<u8>,
        object: &LabeledObject,
        id: u64,
        loss: &mut LossReport,
    ) -> Result<(), IoError> {
        let label = self.sequence.label_name(object.class_id());
        buf.extend_from_slice(b"  <track id=\"");
        write_integer(buf, id);
        buf.extend_from_slice(b"\" label=\"");
        push_escaped(buf, &label, Escape::Attribute);
        buf.extend_from_slice(b"\" source=\"manual\">\n");
        let mut last_visible: Option<&Shape> = None;
        let element = |buf: &mut Vec<u8>,
                       frame: u32,
                       shape: &Shape,
                       keyframe: bool,
                       outside: bool,
                       attributes: &AttributeValues,
                       loss: &mut LossReport|
         -> Result<(), IoError> {
            let exact = write_shape(
                buf,
                self.numbering.number_of(frame),
                shape,
                keyframe,
                outside,
                attributes,
            )?;
            if !exact && !outside {
                loss.record(LossKind::Precision, || {
                    format!(
                        "frame {frame}, {}: xbr - xtl differs from the width",
                        object.describe()
                    )
                });
            }
            Ok(())
        };
        let no_attributes = AttributeValues::new();
        if self.options.sparse {
            let compressed = match &self.options.compress {
                Some(c) => Some(compress(object, c, loss)?),
                None => None,
            };
            let track = compressed.as_ref().unwrap_or(object.track());
            for k in track.keyframes() {
                match k.shape() {
                    Some(shape) => {
                        last_visible = Some(shape);
                        element(buf, k.frame, shape, true, false, &k.attributes, loss)?;
                    }
                    None => {
                        if let Some(shape) = last_visible {
                            element(buf, k.frame, shape, true, true, &no_attributes, loss)?;
                        }
                    }
                }
            }
        } else {
            let track = object.track();
            walk_track(track, self.listed, |step| -> Result<(), IoError> {
                match step {
                    Step::Visible {
                        frame,
                        shape,
                        keyframe,
                        attributes,
                    } => {
                        if keyframe {
                            // A keyframe's step borrows the keyframe's own shape.
                            last_visible = match &shape {
                                Cow::Borrowed(s) => Some(*s),
                                Cow::Owned(_) => track.keyframe_at(frame).and_then(|k| k.shape()),
                            };
                        }
                        element(buf, frame, &shape, keyframe, false, attributes, loss)
                    }
                    Step::Absent { frame } => match last_visible {
                        Some(shape) => element(buf, frame, shape, true, true, &no_attributes, loss),
                        None => Ok(()),
                    },
                }
            })?;
        }
        // After its last keyframe the object is gone; say so, or CVAT would show it to the end.
        let last = object.track().span().1;
        if last + 1 < self.size
            && let Some(shape) = object.track().keyframes().last().and_then(|k| k.shape())
        {
            element(buf, last + 1, shape, true, true, &no_attributes, loss)?;
        }
        buf.extend_from_slice(b"  </track>\n");
        Ok(())
    }
}

/// The compressed track; a tolerance above zero moves interpolated frames by up to that
/// much, which is reported as precision lost once per dropped keyframe.
fn compress(
    object: &LabeledObject,
    options: &CompressOptions,
    loss: &mut LossReport,
) -> Result<Track, IoError> {
    let track = compress_track(object.track(), options).map_err(|e| IoError::Interchange {
        position: Position::default(),
        format: FORMAT,
        message: format!("{}: {e}", object.describe()),
    })?;
    let exact = matches!(options.tolerance, Tolerance::Pixels(p) if p == 0.0);
    if !exact {
        let dropped = object.track().keyframes().len() - track.keyframes().len();
        loss.record_many(LossKind::Precision, dropped as u64, || {
            format!(
                "{}: keyframes dropped by compression within {:?}",
                object.describe(),
                options.tolerance
            )
        });
    }
    Ok(track)
}

fn write_points(buf: &mut Vec<u8>, points: &[Point]) -> std::io::Result<()> {
    buf.extend_from_slice(b"points=\"");
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            buf.push(b';');
        }
        write_number(buf, p.x)?;
        buf.push(b',');
        write_number(buf, p.y)?;
    }
    buf.push(b'"');
    Ok(())
}

/// Which characters quick-xml's escaping functions replace.
#[derive(Clone, Copy)]
enum Escape {
    /// [`escape`]: `<>&'"` and `\r`, for attribute values.
    Attribute,
    /// [`partial_escape`]: `<>&` and `\r`, for text.
    Text,
}

/// Appends `text` escaped exactly as quick-xml's [`escape`] or [`partial_escape`] would, but
/// copies it directly in the usual case where nothing needs escaping.
fn push_escaped(buf: &mut Vec<u8>, text: &str, kind: Escape) {
    let special = |b: &u8| match kind {
        Escape::Attribute => matches!(b, b'<' | b'>' | b'&' | b'\'' | b'"' | b'\r'),
        Escape::Text => matches!(b, b'<' | b'>' | b'&' | b'\r'),
    };
    if !text.as_bytes().iter().any(special) {
        buf.extend_from_slice(text.as_bytes());
        return;
    }
    let escaped = match kind {
        Escape::Attribute => escape(text),
        Escape::Text => partial_escape(text),
    };
    buf.extend_from_slice(escaped.as_bytes());
}

/// Writes one shape element; returns whether the numbers read back exactly.
fn write_shape(
    buf: &mut Vec<u8>,
    number: u64,
    shape: &Shape,
    keyframe: bool,
    outside: bool,
    attributes: &AttributeValues,
) -> std::io::Result<bool> {
    let tag: &[u8] = match shape {
        Shape::BoundingBox(_) => b"box",
        Shape::Polygon { .. } => b"polygon",
        Shape::Polyline { .. } => b"polyline",
        Shape::Keypoint(_) => b"points",
    };
    buf.extend_from_slice(b"    <");
    buf.extend_from_slice(tag);
    buf.extend_from_slice(b" frame=\"");
    write_integer(buf, number);
    buf.extend_from_slice(if keyframe {
        b"\" keyframe=\"1\" outside=\""
    } else {
        b"\" keyframe=\"0\" outside=\""
    });
    buf.extend_from_slice(if outside {
        b"1\" occluded=\"0\" "
    } else {
        b"0\" occluded=\"0\" "
    });
    let mut exact = true;
    match shape {
        Shape::BoundingBox(b) => {
            let (xbr, ybr) = (b.left + b.width, b.top + b.height);
            exact = xbr - b.left == b.width && ybr - b.top == b.height;
            buf.extend_from_slice(b"xtl=\"");
            write_number(buf, b.left)?;
            buf.extend_from_slice(b"\" ytl=\"");
            write_number(buf, b.top)?;
            buf.extend_from_slice(b"\" xbr=\"");
            write_number(buf, xbr)?;
            buf.extend_from_slice(b"\" ybr=\"");
            write_number(buf, ybr)?;
            buf.push(b'"');
        }
        Shape::Polygon { vertices } => write_points(buf, vertices.vertices())?,
        Shape::Polyline { vertices } => write_points(buf, vertices.vertices())?,
        Shape::Keypoint(k) => write_points(buf, &[k.point()])?,
    }
    buf.extend_from_slice(b" z_order=\"0\"");
    if outside || attributes.is_empty() {
        buf.extend_from_slice(b"/>\n");
        return Ok(exact);
    }
    buf.extend_from_slice(b">\n");
    for (name, value) in attributes {
        buf.extend_from_slice(b"      <attribute name=\"");
        push_escaped(buf, name, Escape::Attribute);
        buf.extend_from_slice(b"\">");
        match value {
            AttributeValue::Text(text) => push_escaped(buf, text, Escape::Text),
            // A number's text has nothing to escape.
            AttributeValue::Number(n) => write_float(buf, *n)?,
        }
        buf.extend_from_slice(b"</attribute>\n");
    }
    buf.extend_from_slice(b"    </");
    buf.extend_from_slice(tag);
    buf.extend_from_slice(b">\n");
    Ok(exact)
}

/// Writes the CVAT XML to `path` atomically.
pub fn write_cvat_video_file(
    sequence: &LabeledSequence,
    options: &CvatWriteOptions,
    path: &Path,
) -> Result<LossReport, IoError> {
    let mut loss = None;
    write_atomically(path, |w| {
        loss = Some(write_cvat_video(sequence, options, w)?);
        Ok(())
    })?;
    Ok(loss.unwrap_or_else(|| LossReport::new(FORMAT)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use vframe_core::{
        AnnotationType, ClassId, Keyframe, ObjectId, SequenceLabels, TaskType, Track,
    };
    use vframe_geom::BoundingBox;

    #[test]
    fn text_without_special_characters_is_copied_and_the_rest_escaped_as_quick_xml_does() {
        for text in [
            "",
            "car",
            "a & b",
            "<x>",
            "it's \"q\"",
            "cr\rlf\n",
            "\u{e9}t\u{e9} &amp;",
            ">>",
        ] {
            let mut attribute = Vec::new();
            push_escaped(&mut attribute, text, Escape::Attribute);
            assert_eq!(attribute, escape(text).as_bytes(), "{text:?}");
            let mut plain = Vec::new();
            push_escaped(&mut plain, text, Escape::Text);
            assert_eq!(plain, partial_escape(text).as_bytes(), "{text:?}");
        }
    }

    /// Many objects (several waves of chunks), with escaped and number attribute values, one
    /// without a numeric id.
    fn sequence() -> LabeledSequence {
        let mut labels = SequenceLabels::new(TaskType::Tracking, AnnotationType::BoundingBox);
        for i in 0..120 {
            labels.add_frame(i, format!("{i}.jpg")).unwrap();
        }
        for o in 0..300u32 {
            let b = |x: f64| -> Shape { BoundingBox::new(x, 0.5, 2.0, 3.0).unwrap().into() };
            let mut values = AttributeValues::new();
            values.insert("speed".into(), AttributeValue::Number(0.1 + f64::from(o)));
            values.insert("note".into(), AttributeValue::Text(format!("<{o}> & 'q'")));
            let start = o % 5;
            let track = Track::new(vec![
                Keyframe::visible(start, b(f64::from(o))).with_attributes(values),
                Keyframe::absent(start + 40),
                Keyframe::visible(start + 80, b(f64::from(o) + 1.0 / 3.0)),
            ])
            .unwrap();
            let id = if o == 7 {
                "x".to_owned()
            } else {
                o.to_string()
            };
            labels
                .add_object(LabeledObject::new(
                    Some(ObjectId::new(id)),
                    None,
                    ClassId(o % 2),
                    track,
                ))
                .unwrap();
        }
        LabeledSequence::with_derived_config(labels)
    }

    fn write_with_threads(threads: usize, options: &CvatWriteOptions) -> (Vec<u8>, LossReport) {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        let s = sequence();
        pool.install(|| {
            let mut out = Vec::new();
            let loss = write_cvat_video(&s, options, &mut out).unwrap();
            (out, loss)
        })
    }

    #[test]
    fn output_and_losses_do_not_depend_on_the_number_of_threads() {
        let sparse = CvatWriteOptions {
            sparse: true,
            compress: Some(CompressOptions::pixels(0.5)),
            ..Default::default()
        };
        for options in [CvatWriteOptions::default(), sparse] {
            let (one, one_loss) = write_with_threads(1, &options);
            let (many, many_loss) = write_with_threads(4, &options);
            assert!(one == many, "bytes differ with {options:?}");
            assert_eq!(one_loss, many_loss);
            assert!(!one_loss.is_lossless());
        }
    }

    #[test]
    fn attribute_values_are_written_as_display_and_escaped_as_text() {
        let (xml, _) = write_with_threads(2, &CvatWriteOptions::default());
        let xml = String::from_utf8(xml).unwrap();
        assert!(xml.contains("<attribute name=\"speed\">0.1</attribute>"));
        assert!(xml.contains(&format!(
            "<attribute name=\"speed\">{}</attribute>",
            0.1 + 3.0
        )));
        assert!(xml.contains("<attribute name=\"note\">&lt;3&gt; &amp; 'q'</attribute>"));
        assert!(xml.ends_with("  </track>\n</annotations>\n"));
    }
}
