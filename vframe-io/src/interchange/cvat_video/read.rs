//! Reading CVAT for video 1.1 (and CVAT for images 1.1) XML into the model, element by
//! element.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::{BufRead, Read};
use std::path::Path;

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use vframe_core::{AnnotationType, AttributeValue, AttributeValues, ClassId, FrameSize};
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

use super::FORMAT;
use super::meta::{CvatAttribute, CvatLabel, CvatTask};
use crate::interchange::assemble::{Assembler, Gaps, Observation};
use crate::interchange::{LabeledSequence, LossKind, LossReport};
use crate::{IoError, Position};

/// Choices a CVAT file leaves open.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CvatReadOptions {
    /// Read only shapes with `keyframe="1"` (the model interpolates the rest, as CVAT does);
    /// by default every shape becomes a keyframe, exactly as written (Ground Truth's reading
    /// rule), and the lost keyframe flags are reported.
    pub keyframes_only: bool,
    /// The shape kind to keep; by default the kind most shapes have.
    pub annotation_type: Option<AnnotationType>,
}

/// Counts lines as the XML reader consumes bytes, so errors can name a line.
struct LineCounter<R> {
    inner: R,
    line: usize,
}

impl<R: BufRead> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.line += buf[..n].iter().filter(|&&b| b == b'\n').count();
        Ok(n)
    }
}

impl<R: BufRead> BufRead for LineCounter<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            let n = amount.min(buf.len());
            self.line += buf[..n].iter().filter(|&&b| b == b'\n').count();
        }
        self.inner.consume(amount);
    }
}

#[derive(Debug, Default)]
struct TrackState {
    key: i64,
    class: ClassId,
}

#[derive(Debug)]
struct ShapeState {
    tag: &'static str,
    frame: Option<u32>,
    keyframe: bool,
    outside: bool,
    shape: Result<Option<Shape>, String>,
    attributes: AttributeValues,
    class: Option<ClassId>,
}

struct Parser {
    loss: LossReport,
    options: CvatReadOptions,
    task: CvatTask,
    class_by_name: HashMap<String, ClassId>,
    assembler: Assembler,
    in_meta: bool,
    path: Vec<String>,
    text: String,
    track: Option<TrackState>,
    image: Option<u32>,
    shape: Option<ShapeState>,
    attribute_name: Option<String>,
    skeleton_depth: usize,
    line: usize,
}

const SHAPES: [&str; 4] = ["box", "polygon", "polyline", "points"];
const OTHER_SHAPES: [&str; 6] = ["ellipse", "cuboid", "mask", "skeleton", "tag", "polygon3d"];

/// Reads a CVAT for video 1.1 (or CVAT for images 1.1) XML document.
///
/// ```
/// use vframe_io::interchange::cvat_video::{read_cvat_video, CvatReadOptions};
/// let xml = r#"<annotations><version>1.1</version><meta><task><size>5</size><start_frame>10</start_frame>
///   <frame_filter>step=2</frame_filter><labels><label><name>car</name></label></labels></task></meta>
///   <track id="4" label="car"><box frame="10" keyframe="1" outside="0" occluded="0" xtl="1" ytl="1" xbr="3" ybr="3" z_order="0"/>
///   <box frame="14" keyframe="1" outside="1" occluded="0" xtl="1" ytl="1" xbr="3" ybr="3" z_order="0"/></track></annotations>"#;
/// let (s, loss) = read_cvat_video(xml.as_bytes(), &CvatReadOptions::default())?;
/// let car = &s.labels.objects()[0];
/// assert_eq!(car.id().unwrap().as_str(), "4");
/// assert_eq!(car.track().span(), (0, 0)); // absolute frame 10 is frame-no 0; 14 closes it
/// assert_eq!(s.labels.frames().len(), 5);
/// assert!(loss.is_lossless());
/// # Ok::<(), vframe_io::IoError>(())
/// ```
pub fn read_cvat_video(
    input: impl BufRead,
    options: &CvatReadOptions,
) -> Result<(LabeledSequence, LossReport), IoError> {
    let mut reader = Reader::from_reader(LineCounter {
        inner: input,
        line: 1,
    });
    let mut parser = Parser {
        loss: LossReport::new("Ground Truth model"),
        options: *options,
        task: CvatTask {
            step: 1,
            ..CvatTask::default()
        },
        class_by_name: HashMap::new(),
        assembler: Assembler::new(FORMAT, Gaps::Explicit, options.annotation_type),
        in_meta: false,
        path: Vec::new(),
        text: String::new(),
        track: None,
        image: None,
        shape: None,
        attribute_name: None,
        skeleton_depth: 0,
        line: 1,
    };
    let mut buf = Vec::with_capacity(4096);
    loop {
        parser.line = reader.get_ref().line;
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|e| IoError::Syntax {
                position: Position::at(reader.get_ref().line, 1),
                message: format!("invalid XML: {e}"),
            })?;
        match event {
            Event::Eof => break,
            Event::Start(e) => parser.start(&e)?,
            Event::Empty(e) => {
                parser.start(&e)?;
                parser.end(e.name().as_ref())?;
            }
            Event::End(e) => parser.end(e.name().as_ref())?,
            Event::Text(t) => parser.text.push_str(&t.xml10_content()),
            Event::CData(t) => parser.text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    parser.text.push(c);
                } else {
                    let name = r.xml10_content();
                    let resolved = resolve_predefined_entity(&name)
                        .ok_or_else(|| parser.error(format!("unknown entity &{name};")))?;
                    parser.text.push_str(resolved);
                }
            }
            _ => {}
        }
        buf.clear();
    }
    parser.finish()
}

/// Reads a CVAT XML file.
pub fn read_cvat_video_file(
    path: &Path,
    options: &CvatReadOptions,
) -> Result<(LabeledSequence, LossReport), IoError> {
    let file = std::fs::File::open(path).map_err(|source| IoError::File {
        path: path.to_path_buf(),
        source,
    })?;
    read_cvat_video(std::io::BufReader::with_capacity(1 << 16, file), options)
        .map_err(|e| e.in_file(path))
}

/// An element's attributes, parsed once (an element is looked up for a dozen of them).
struct Attrs<'a> {
    items: Vec<(&'a str, Cow<'a, str>)>,
}

impl<'a> Attrs<'a> {
    fn of(e: &'a BytesStart<'_>) -> Result<Self, String> {
        let mut items = Vec::with_capacity(12);
        for a in e.attributes() {
            let a = a.map_err(|err| format!("<{}>: {err}", e.name().as_ref()))?;
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| format!("attribute {}: {err}", a.key.as_ref()))?;
            items.push((a.key.into_inner(), value));
        }
        Ok(Self { items })
    }

    fn get(&self, name: &str) -> Option<&str> {
        self.items
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_ref())
    }

    fn flag(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| matches!(v.trim(), "1" | "true"))
    }

    fn nonzero(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| v.trim().parse::<f64>().ok() != Some(0.0))
    }
}

fn number(e: &Attrs<'_>, name: &str) -> Result<f64, String> {
    let v = e
        .get(name)
        .ok_or_else(|| format!("attribute {name} is missing"))?;
    v.trim()
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or_else(|| format!("attribute {name}={v:?} is not a number"))
}

fn points(e: &Attrs<'_>) -> Result<Vec<Point>, String> {
    let v = e.get("points").ok_or("attribute points is missing")?;
    v.split(';')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let (x, y) = p
                .split_once(',')
                .ok_or_else(|| format!("point {p:?} is not x,y"))?;
            let x: f64 = x
                .trim()
                .parse()
                .map_err(|_| format!("point {p:?} is not x,y"))?;
            let y: f64 = y
                .trim()
                .parse()
                .map_err(|_| format!("point {p:?} is not x,y"))?;
            Ok(Point::new(x, y))
        })
        .collect()
}

fn shape_of(tag: &str, e: &Attrs<'_>) -> Result<Option<Shape>, String> {
    Ok(Some(match tag {
        "box" => {
            let (l, t) = (number(e, "xtl")?, number(e, "ytl")?);
            let (r, b) = (number(e, "xbr")?, number(e, "ybr")?);
            BoundingBox::new(l, t, r - l, b - t)
                .map_err(|e| e.to_string())?
                .into()
        }
        "polygon" => Shape::Polygon {
            vertices: Polygon::new(points(e)?).map_err(|e| e.to_string())?,
        },
        "polyline" => Shape::Polyline {
            vertices: Polyline::new(points(e)?).map_err(|e| e.to_string())?,
        },
        _ => {
            let p = points(e)?;
            match p[..] {
                [one] => Keypoint::new(one.x, one.y)
                    .map_err(|e| e.to_string())?
                    .into(),
                // Several points in one element: a polyline-like set Ground Truth cannot hold.
                _ => return Ok(None),
            }
        }
    }))
}

impl Parser {
    fn error(&self, message: String) -> IoError {
        IoError::Interchange {
            position: Position::at(self.line, 1),
            format: FORMAT,
            message,
        }
    }

    fn class_of(&mut self, label: Option<String>) -> Result<ClassId, IoError> {
        let label = label.ok_or_else(|| self.error("label attribute is missing".into()))?;
        if let Some(c) = self.class_by_name.get(&label) {
            return Ok(*c);
        }
        // A label missing from <meta>: add it rather than refuse the file.
        let c = ClassId(self.task.labels.len() as u32);
        self.task.labels.push(CvatLabel {
            name: label.clone(),
            attributes: Vec::new(),
        });
        self.class_by_name.insert(label, c);
        Ok(c)
    }

    fn frame_index(&self, number: Option<String>) -> Result<u32, IoError> {
        self.frame_number(number.as_deref())
    }

    fn frame_number(&self, number: Option<&str>) -> Result<u32, IoError> {
        let n = number.ok_or_else(|| self.error("attribute frame is missing".into()))?;
        let n: i64 = n
            .trim()
            .parse()
            .map_err(|_| self.error(format!("frame={n:?} is not a whole number")))?;
        let numbering = self.task.numbering().map_err(|m| self.error(m))?;
        numbering.index_of(n).map_err(|m| self.error(m))
    }

    fn start(&mut self, e: &BytesStart<'_>) -> Result<(), IoError> {
        let qname = e.name();
        let name: &str = qname.as_ref();
        self.text.clear();
        if self.in_meta || name == "meta" {
            self.in_meta = true;
            match name {
                "label" if self.path.last().is_some_and(|p| p == "labels") => {
                    self.task.labels.push(CvatLabel::default());
                }
                "attribute" if self.path.last().is_some_and(|p| p == "attributes") => {
                    if let Some(l) = self.task.labels.last_mut() {
                        l.attributes.push(CvatAttribute::default());
                    }
                }
                _ => {}
            }
            // Empty elements get their end() call too, so they are pushed like the others.
            self.path.push(name.to_owned());
            return Ok(());
        }
        if self.skeleton_depth > 0 {
            self.skeleton_depth += 1;
            return Ok(());
        }
        let a = Attrs::of(e).map_err(|m| self.error(m))?;
        let attr = |n: &str| -> Result<Option<String>, String> { Ok(a.get(n).map(str::to_owned)) };
        let wrap = |r: Result<Option<String>, String>, s: &Self| r.map_err(|m| s.error(m));
        match name {
            "track" => {
                let id =
                    wrap(attr("id"), self)?.ok_or_else(|| self.error("track without id".into()))?;
                let key: i64 = id
                    .trim()
                    .parse()
                    .map_err(|_| self.error(format!("track id {id:?} is not a whole number")))?;
                let class = self.class_of(wrap(attr("label"), self)?)?;
                if wrap(attr("group_id"), self)?.is_some_and(|g| g.trim() != "0") {
                    let line = self.line;
                    self.loss
                        .record(LossKind::Groups, || format!("line {line}, track {key}"));
                }
                self.track = Some(TrackState { key, class });
            }
            "image" => {
                let frame = self.frame_index(wrap(attr("id"), self)?)?;
                let file = wrap(attr("name"), self)?;
                self.assembler.add_frame(frame, || {
                    file.unwrap_or_else(|| format!("frame_{frame:06}.jpg"))
                });
                if let (Some(w), Some(h)) =
                    (wrap(attr("width"), self)?, wrap(attr("height"), self)?)
                    && let (Ok(width), Ok(height)) = (w.parse(), h.parse())
                {
                    self.task
                        .original_size
                        .get_or_insert(FrameSize { width, height });
                }
                self.image = Some(frame);
            }
            tag if SHAPES.contains(&tag) && (self.track.is_some() || self.image.is_some()) => {
                let tag: &'static str =
                    SHAPES.iter().find(|t| **t == tag).copied().unwrap_or("box");
                let frame = match self.image {
                    Some(f) => Some(f),
                    None => Some(self.frame_number(a.get("frame"))?),
                };
                let line = self.line;
                let where_ = || format!("line {line}");
                if a.flag("occluded") {
                    self.loss.record(LossKind::Occluded, where_);
                }
                if a.nonzero("z_order") {
                    self.loss.record(LossKind::ZOrder, where_);
                }
                if a.nonzero("rotation") {
                    self.loss.record(LossKind::Rotation, where_);
                }
                let class = match self.image {
                    Some(_) => Some(self.class_of(wrap(attr("label"), self)?)?),
                    None => None,
                };
                self.shape = Some(ShapeState {
                    tag,
                    frame,
                    keyframe: self.image.is_some() || a.flag("keyframe"),
                    outside: a.flag("outside"),
                    shape: shape_of(tag, &a),
                    attributes: AttributeValues::new(),
                    class,
                });
            }
            "attribute" if self.shape.is_some() => {
                self.attribute_name = wrap(attr("name"), self)?;
            }
            tag if OTHER_SHAPES.contains(&tag) => {
                let line = self.line;
                let kind: &'static str = OTHER_SHAPES
                    .iter()
                    .find(|k| **k == tag)
                    .copied()
                    .unwrap_or("other");
                self.loss
                    .record(LossKind::Shapes(kind), || format!("line {line}"));
                if tag == "skeleton" {
                    self.skeleton_depth = 1;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), IoError> {
        if self.in_meta {
            let text = std::mem::take(&mut self.text);
            let text = text.trim();
            let parent = self
                .path
                .len()
                .checked_sub(2)
                .and_then(|i| self.path.get(i))
                .map(String::as_str);
            match (parent, name) {
                (Some("task"), "name") => self.task.name = Some(text.to_owned()),
                (Some("task"), "size") => self.task.size = text.parse().ok(),
                (Some("task"), "start_frame") => {
                    self.task.start_frame = text.parse().map_err(|_| {
                        self.error(format!("start_frame {text:?} is not a frame number"))
                    })?;
                }
                (Some("task"), "frame_filter") => {
                    if let Some(step) = text.strip_prefix("step=") {
                        self.task.step =
                            step.trim()
                                .parse()
                                .ok()
                                .filter(|s| *s >= 1)
                                .ok_or_else(|| {
                                    self.error(format!(
                                        "frame_filter {text:?}: step must be a whole number >= 1"
                                    ))
                                })?;
                    }
                }
                (Some("label"), "name") => {
                    if let Some(l) = self.task.labels.last_mut() {
                        l.name = text.to_owned();
                    }
                }
                (Some("attribute"), field) => {
                    if let Some(a) = self
                        .task
                        .labels
                        .last_mut()
                        .and_then(|l| l.attributes.last_mut())
                    {
                        match field {
                            "name" => a.name = text.to_owned(),
                            "mutable" => a.mutable = Some(text.to_owned()),
                            "input_type" => a.input_type = text.to_owned(),
                            "default_value" => a.default_value = text.to_owned(),
                            "values" => a.values = text.to_owned(),
                            _ => {}
                        }
                    }
                }
                (Some("original_size"), "width") => {
                    if let Ok(width) = text.parse() {
                        let s = self.task.original_size.get_or_insert(FrameSize {
                            width: 0,
                            height: 0,
                        });
                        s.width = width;
                    }
                }
                (Some("original_size"), "height") => {
                    if let Ok(height) = text.parse() {
                        let s = self.task.original_size.get_or_insert(FrameSize {
                            width: 0,
                            height: 0,
                        });
                        s.height = height;
                    }
                }
                _ => {}
            }
            self.path.pop();
            if name == "meta" {
                self.in_meta = false;
                self.path.clear();
                self.after_meta();
            }
            return Ok(());
        }
        if self.skeleton_depth > 0 {
            self.skeleton_depth -= 1;
            return Ok(());
        }
        match name {
            "attribute" if self.shape.is_some() => {
                if let (Some(n), Some(s)) = (self.attribute_name.take(), self.shape.as_mut()) {
                    let text = std::mem::take(&mut self.text);
                    s.attributes.insert(n, AttributeValue::Text(text));
                }
            }
            "track" => self.track = None,
            "image" => self.image = None,
            tag if SHAPES.contains(&tag) => {
                if let Some(s) = self.shape.take() {
                    self.observe(s)?;
                }
            }
            _ => {}
        }
        self.text.clear();
        Ok(())
    }

    fn after_meta(&mut self) {
        self.class_by_name = self
            .task
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.name.clone(), ClassId(i as u32)))
            .collect();
        if let Some(size) = self.task.size {
            for i in 0..size {
                let n = self
                    .task
                    .numbering()
                    .map_or(u64::from(i), |n| n.number_of(i));
                self.assembler.add_frame(i, || format!("frame_{n:06}.jpg"));
            }
        }
    }

    fn observe(&mut self, s: ShapeState) -> Result<(), IoError> {
        let line = self.line;
        let shape = s
            .shape
            .map_err(|m| self.error(format!("<{}>: {m}", s.tag)))?;
        let Some(frame) = s.frame else { return Ok(()) };
        let Some(shape) = shape else {
            self.loss
                .record(LossKind::Shapes("multi-point points"), || {
                    format!("line {line}")
                });
            return Ok(());
        };
        let attributes = self.typed(
            s.attributes,
            s.class.or(self.track.as_ref().map(|t| t.class)),
        );
        if let Some(t) = &self.track {
            if !s.keyframe && !s.outside {
                if self.options.keyframes_only {
                    return Ok(());
                }
                self.loss.record(LossKind::KeyframeFlags, || {
                    format!("line {line}: interpolated shape read as a keyframe")
                });
            }
            if !s.keyframe && s.outside && self.options.keyframes_only {
                return Ok(());
            }
            let observation = Observation {
                frame,
                shape: (!s.outside).then_some(shape),
                attributes,
            };
            let (key, class) = (t.key, t.class);
            self.assembler
                .observe_track(key, class, observation, &mut self.loss);
        } else if let Some(class) = s.class {
            self.assembler.observe_detection(
                class,
                Observation {
                    frame,
                    shape: Some(shape),
                    attributes,
                },
            );
        }
        Ok(())
    }

    /// Values of number attributes become numbers; the rest stay text.
    ///
    /// Converted in place: the map's keys do not change, so it is not rebuilt per shape.
    fn typed(&self, mut values: AttributeValues, class: Option<ClassId>) -> AttributeValues {
        let Some(label) = class.and_then(|c| self.task.labels.get(c.0 as usize)) else {
            return values;
        };
        for (name, value) in &mut values {
            let number = label
                .attributes
                .iter()
                .any(|a| a.name == *name && a.input_type == "number");
            if let (AttributeValue::Text(t), true) = (&*value, number)
                && let Ok(n) = t.trim().parse::<f64>()
                && n.is_finite()
            {
                *value = AttributeValue::Number(n);
            }
        }
        values
    }

    fn finish(self) -> Result<(LabeledSequence, LossReport), IoError> {
        let mut loss = self.loss;
        let names = self.task.label_names();
        let numbering = self
            .task
            .numbering()
            .map_err(|message| IoError::Interchange {
                position: Position::default(),
                format: FORMAT,
                message,
            })?;
        let labels = self.assembler.finish(
            &names,
            |i| format!("frame_{:06}.jpg", numbering.number_of(i)),
            &mut loss,
        )?;
        let config = self.task.to_config(labels.annotation_type());
        let mut sequence = LabeledSequence::new(labels, config);
        sequence.frame_size = self
            .task
            .original_size
            .filter(|s| s.width > 0 && s.height > 0);
        sequence.name = self.task.name;
        Ok((sequence, loss))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(xml: &str) -> Result<(LabeledSequence, LossReport), IoError> {
        read_cvat_video(xml.as_bytes(), &CvatReadOptions::default())
    }

    const META: &str = "<meta><task><size>4</size><labels><label><name>car</name><attributes><attribute><name>speed</name><input_type>number</input_type><values>0\n100\n1</values></attribute></attributes></label></labels></task></meta>";

    #[test]
    fn empty_annotations_read_as_no_labels() {
        let (s, loss) = read("<annotations/>").unwrap();
        assert!(s.labels.objects().is_empty());
        assert!(loss.is_lossless());
    }

    #[test]
    fn broken_xml_is_a_syntax_error_with_a_line() {
        let err = read("<annotations>\n<track id='1' label='a'>\n</annotations>").unwrap_err();
        assert!(matches!(err, IoError::Syntax { .. }), "{err}");
    }

    #[test]
    fn track_id_that_is_not_a_number_is_refused() {
        let err = read(&format!(
            "<annotations>{META}<track id='x' label='car'/></annotations>"
        ))
        .unwrap_err();
        assert!(err.to_string().contains("track id \"x\""), "{err}");
    }

    #[test]
    fn outside_in_the_middle_is_an_absence_and_occluded_is_reported() {
        let xml = format!(
            "<annotations>{META}<track id='2' label='car'>\
             <box frame='0' keyframe='1' outside='0' occluded='1' xtl='0' ytl='0' xbr='2' ybr='2' z_order='0'><attribute name='speed'>5</attribute></box>\
             <box frame='1' keyframe='1' outside='1' occluded='0' xtl='0' ytl='0' xbr='2' ybr='2' z_order='0'/>\
             <box frame='2' keyframe='1' outside='0' occluded='0' xtl='1' ytl='0' xbr='3' ybr='2' z_order='2'/>\
             </track></annotations>"
        );
        let (s, loss) = read(&xml).unwrap();
        let k = s.labels.objects()[0].track().keyframes();
        assert_eq!(k.len(), 3);
        assert!(!k[1].is_visible());
        assert_eq!(
            k[0].attributes.get("speed"),
            Some(&AttributeValue::Number(5.0))
        );
        assert_eq!(loss.count(LossKind::Occluded), 1);
        assert_eq!(loss.count(LossKind::ZOrder), 1);
    }

    #[test]
    fn interpolated_shapes_are_skipped_only_when_asked() {
        let xml = format!(
            "<annotations>{META}<track id='2' label='car'>\
             <box frame='0' keyframe='1' outside='0' occluded='0' xtl='0' ytl='0' xbr='2' ybr='2' z_order='0'/>\
             <box frame='1' keyframe='0' outside='0' occluded='0' xtl='1' ytl='0' xbr='3' ybr='2' z_order='0'/>\
             <box frame='2' keyframe='1' outside='0' occluded='0' xtl='2' ytl='0' xbr='4' ybr='2' z_order='0'/>\
             </track></annotations>"
        );
        let (dense, loss) = read(&xml).unwrap();
        assert_eq!(dense.labels.objects()[0].track().keyframes().len(), 3);
        assert_eq!(loss.count(LossKind::KeyframeFlags), 1);
        let options = CvatReadOptions {
            keyframes_only: true,
            ..Default::default()
        };
        let (sparse, loss) = read_cvat_video(xml.as_bytes(), &options).unwrap();
        assert_eq!(sparse.labels.objects()[0].track().keyframes().len(), 2);
        assert!(loss.is_lossless());
    }

    #[test]
    fn skeletons_are_reported_and_their_points_not_read_as_shapes() {
        let xml = format!(
            "<annotations>{META}<track id='1' label='car'><skeleton frame='0' keyframe='1' z_order='0'>\
             <points label='car' keyframe='1' outside='0' occluded='0' points='1,1'/></skeleton></track></annotations>"
        );
        let (s, loss) = read(&xml).unwrap();
        assert!(s.labels.objects().is_empty());
        assert_eq!(loss.count(LossKind::Shapes("skeleton")), 1);
    }

    #[test]
    fn escaped_text_and_attributes_are_unescaped() {
        let xml = "<annotations><meta><task><labels><label><name>a &amp; b</name></label></labels></task></meta>\
                   <track id='1' label='a &amp; b'><points frame='0' keyframe='1' outside='0' occluded='0' points='1,2' z_order='0'/></track></annotations>";
        let (s, _) = read(xml).unwrap();
        assert_eq!(s.labels.objects()[0].name().unwrap().as_str(), "a & b:1");
    }

    #[test]
    fn cvat_for_images_shapes_are_detections() {
        let xml = "<annotations><meta><task><labels><label><name>car</name></label></labels></task></meta>\
                   <image id='0' name='a.png' width='10' height='8'><box label='car' occluded='0' xtl='0' ytl='0' xbr='1' ybr='1' z_order='0'/></image></annotations>";
        let (s, _) = read(xml).unwrap();
        assert_eq!(s.labels.task(), vframe_core::TaskType::Detection);
        assert_eq!(s.labels.frames()[0].file, "a.png");
        assert_eq!(
            s.frame_size,
            Some(FrameSize {
                width: 10,
                height: 8
            })
        );
    }
}
