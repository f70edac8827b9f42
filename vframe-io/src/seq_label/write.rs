//! Writing a document in Ground Truth's style: compact, the document's own key order and
//! number forms, no trailing newline.

use std::io::Write;

use super::document::slot;
use super::key_order::UNKNOWN;
use super::{Annotation, FrameEntry, FrameNo, Geometry, KeyOrder, SeqLabelDoc, Vertex};
use crate::IoError;
use crate::json::{JsonOut, Member};

impl SeqLabelDoc {
    /// The document's bytes, as [`write_seq_label`](super::write_seq_label) writes them.
    ///
    /// ```
    /// use vframe_io::seq_label::SeqLabelDoc;
    /// let pretty = b"{\n  \"detection-annotations\": [ ]\n}\n";
    /// let doc = SeqLabelDoc::from_slice(pretty)?;
    /// assert_eq!(doc.to_vec(), br#"{"detection-annotations":[]}"#);
    /// # Ok::<(), vframe_io::IoError>(())
    /// ```
    pub fn to_vec(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = self.write_to(&mut bytes);
        bytes
    }

    pub(crate) fn write_to<W: Write>(&self, writer: W) -> Result<(), IoError> {
        let mut out = JsonOut::new(writer, self.non_ascii);
        let mut result = Ok(());
        write_object(
            &mut out,
            &self.key_order,
            &[slot::LIST],
            1 << slot::LIST,
            &self.unknown,
            |out, _| {
                out.key(self.task.as_str());
                out.byte(b'[');
                for (i, frame) in self.frames.iter().enumerate() {
                    if i > 0 {
                        out.byte(b',');
                    }
                    write_frame(out, frame);
                    if result.is_ok() {
                        result = out.flush_if_full();
                    }
                }
                out.byte(b']');
            },
        );
        result?;
        out.finish()?;
        Ok(())
    }
}

/// Writes an object: first the keys in `order` that are present, then present keys the
/// order does not name (in `canonical` order), then unknown keys not yet written.
fn write_object<W: Write>(
    out: &mut JsonOut<W>,
    order: &KeyOrder,
    canonical: &[u8],
    present: u16,
    unknown: &[Member],
    mut known: impl FnMut(&mut JsonOut<W>, u8),
) {
    out.byte(b'{');
    let mut first = true;
    let mut written = 0u16;
    let mut next_unknown = 0;
    let mut comma = |out: &mut JsonOut<W>| {
        if !std::mem::take(&mut first) {
            out.byte(b',');
        }
    };
    for s in order.slots() {
        if s == UNKNOWN {
            if let Some(m) = unknown.get(next_unknown) {
                comma(out);
                out.member(m);
                next_unknown += 1;
            }
        } else if present & (1 << s) != 0 && written & (1 << s) == 0 {
            comma(out);
            known(out, s);
            written |= 1 << s;
        }
    }
    for &s in canonical {
        if present & (1 << s) != 0 && written & (1 << s) == 0 {
            comma(out);
            known(out, s);
            written |= 1 << s;
        }
    }
    for m in unknown.get(next_unknown..).unwrap_or_default() {
        comma(out);
        out.member(m);
    }
    out.byte(b'}');
}

fn write_frame<W: Write>(out: &mut JsonOut<W>, frame: &FrameEntry) {
    let mut present = 1 << slot::FRAME_LIST | 1 << slot::FRAME_NO | 1 << slot::FRAME;
    if frame.frame_attributes.is_some() {
        present |= 1 << slot::FRAME_ATTRIBUTES;
    }
    write_object(
        out,
        &frame.key_order,
        &slot::FRAME_CANONICAL,
        present,
        &frame.unknown,
        |out, s| match s {
            slot::FRAME_LIST => {
                out.key(frame.list.as_str());
                out.byte(b'[');
                for (i, a) in frame.annotations.iter().enumerate() {
                    if i > 0 {
                        out.byte(b',');
                    }
                    write_annotation(out, a);
                }
                out.byte(b']');
            }
            slot::FRAME_NO => {
                out.key("frame-no");
                match &frame.frame_no {
                    FrameNo::Text(t) => out.string(t),
                    FrameNo::Number(n) => out.number(n),
                }
            }
            slot::FRAME => {
                out.key("frame");
                out.string(&frame.frame);
            }
            _ => {
                out.key("frame-attributes");
                out.members(frame.frame_attributes.as_deref().unwrap_or_default());
            }
        },
    );
}

fn write_annotation<W: Write>(out: &mut JsonOut<W>, a: &Annotation) {
    let mut present = 1 << slot::CLASS_ID;
    present |= match a.geometry {
        Geometry::BoundingBox { .. } => {
            1 << slot::HEIGHT | 1 << slot::WIDTH | 1 << slot::TOP | 1 << slot::LEFT
        }
        Geometry::Vertices(_) => 1 << slot::VERTICES,
        Geometry::Keypoint { .. } => 1 << slot::X | 1 << slot::Y,
    };
    for (is, s) in [
        (a.label_category_attributes.is_some(), slot::ATTRIBUTES),
        (a.object_id.is_some(), slot::OBJECT_ID),
        (a.object_name.is_some(), slot::OBJECT_NAME),
    ] {
        if is {
            present |= 1 << s;
        }
    }
    write_object(
        out,
        &a.key_order,
        &slot::ANNOTATION_CANONICAL,
        present,
        &a.unknown,
        |out, s| match (s, &a.geometry) {
            (slot::HEIGHT, Geometry::BoundingBox { height, .. }) => {
                out.key("height");
                out.number(height);
            }
            (slot::WIDTH, Geometry::BoundingBox { width, .. }) => {
                out.key("width");
                out.number(width);
            }
            (slot::TOP, Geometry::BoundingBox { top, .. }) => {
                out.key("top");
                out.number(top);
            }
            (slot::LEFT, Geometry::BoundingBox { left, .. }) => {
                out.key("left");
                out.number(left);
            }
            (slot::X, Geometry::Keypoint { x, .. }) => {
                out.key("x");
                out.number(x);
            }
            (slot::Y, Geometry::Keypoint { y, .. }) => {
                out.key("y");
                out.number(y);
            }
            (slot::VERTICES, Geometry::Vertices(vertices)) => {
                out.key("vertices");
                out.byte(b'[');
                for (i, v) in vertices.iter().enumerate() {
                    if i > 0 {
                        out.byte(b',');
                    }
                    write_vertex(out, v);
                }
                out.byte(b']');
            }
            (slot::CLASS_ID, _) => {
                out.key("class-id");
                out.string(&a.class_id);
            }
            (slot::ATTRIBUTES, _) => {
                out.key("label-category-attributes");
                out.members(a.label_category_attributes.as_deref().unwrap_or_default());
            }
            (slot::OBJECT_ID, _) => {
                out.key("object-id");
                out.string(a.object_id.as_deref().unwrap_or_default());
            }
            (slot::OBJECT_NAME, _) => {
                out.key("object-name");
                out.string(a.object_name.as_deref().unwrap_or_default());
            }
            // `present` only names slots of this geometry, so nothing else is asked for.
            _ => {}
        },
    );
}

fn write_vertex<W: Write>(out: &mut JsonOut<W>, v: &Vertex) {
    write_object(
        out,
        &v.key_order,
        &[slot::VERTEX_X, slot::VERTEX_Y],
        1 << slot::VERTEX_X | 1 << slot::VERTEX_Y,
        &v.unknown,
        |out, s| {
            if s == slot::VERTEX_X {
                out.key("x");
                out.number(&v.x);
            } else {
                out.key("y");
                out.number(&v.y);
            }
        },
    );
}
