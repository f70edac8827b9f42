//! Reading CVAT for video 1.1 (and CVAT for images 1.1) XML into the model, element by
//! element.
//!
//! The document is read into memory and parsed from the slice, so events borrow instead of
//! copying. Runs of plain top-level `<track>` elements are parsed on all cores
//! ([`super::split`]); everything else, and any track the fast path is unsure of, goes through
//! the one sequential parser, so results, errors and their lines are the same either way.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use quick_xml::Reader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use vframe_core::{AnnotationType, AttributeValue, AttributeValues, ClassId, FrameSize};
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

use super::FORMAT;
use super::meta::{CvatAttribute, CvatLabel, CvatTask};
use super::split;
use crate::interchange::assemble::{Assembler, Gaps, Observation};
use crate::interchange::number::parse_float;
use crate::interchange::quoted;
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

/// Line numbers of byte offsets of the document, counted on demand: most elements never
/// need theirs, so lines are counted only for errors and the first place of each loss.
pub(super) struct Lines<'a> {
    src: &'a [u8],
    /// A known (offset, line) pair every query starts from if it can.
    origin: (usize, usize),
    /// The last answer, where the next (usually later) query continues counting.
    memo: Cell<(usize, usize)>,
}

impl<'a> Lines<'a> {
    /// Lines of `src`, where the byte at `offset` is on line `line`.
    pub(super) fn new(src: &'a [u8], offset: usize, line: usize) -> Self {
        Self {
            src,
            origin: (offset, line),
            memo: Cell::new((offset, line)),
        }
    }

    /// The line of the byte at `offset`: 1 + the newlines before it.
    pub(super) fn at(&self, offset: usize) -> usize {
        let memo = self.memo.get();
        let (from, line) = if offset >= memo.0 {
            memo
        } else if offset >= self.origin.0 {
            self.origin
        } else {
            (0, 1)
        };
        let line = line + count_newlines(self.src.get(from..offset).unwrap_or_default());
        self.memo.set((offset, line));
        line
    }

    /// Records that the byte at `offset` is on `line` (counted elsewhere).
    pub(super) fn skip_to(&self, offset: usize, line: usize) {
        self.memo.set((offset, line));
    }
}

/// Newlines in `bytes`.
///
/// Each 64 byte block is counted into a `u8` (it cannot overflow), a form the compiler turns
/// into wide compares; a plain `filter().count()` widens every byte to a `usize`.
pub(super) fn count_newlines(bytes: &[u8]) -> usize {
    let mut blocks = bytes.chunks_exact(64);
    let mut total = 0;
    for block in &mut blocks {
        let n = block
            .iter()
            .fold(0u8, |n, &b| n.wrapping_add(u8::from(b == b'\n')));
        total += usize::from(n);
    }
    total + blocks.remainder().iter().filter(|&&b| b == b'\n').count()
}

#[derive(Debug, Default)]
struct TrackState {
    key: i64,
    class: ClassId,
    /// The values of the track's last shape: the next shape with equal values shares them.
    last_values: AttributeValues,
}

#[derive(Debug)]
struct ShapeState {
    tag: &'static str,
    frame: Option<u32>,
    keyframe: bool,
    outside: bool,
    shape: Result<Option<Shape>, String>,
    class: Option<ClassId>,
}

/// Where a parser's shapes go.
pub(super) enum Output {
    /// Straight into the model (the sequential parser).
    Assemble(Box<Assembler>),
    /// Collected in document order, to be assembled later (a parser of one range of tracks).
    Collect(Vec<Collected>),
}

/// A shape seen by a range parser, in the form `Assembler` takes it.
pub(super) enum Collected {
    /// Consecutive shapes of one track: handed over as one list, not shape by shape.
    Track(i64, ClassId, Vec<Observation>),
    Detection(ClassId, Observation),
}

impl Collected {
    /// Hands the shape to the assembler, as the sequential parser would have.
    pub(super) fn assemble(self, assembler: &mut Assembler, loss: &mut LossReport) {
        match self {
            Collected::Track(key, class, run) => {
                assembler.observe_track_run(key, class, run, loss);
            }
            Collected::Detection(class, o) => assembler.observe_detection(class, o),
        }
    }
}

pub(super) struct Parser<'a> {
    pub(super) loss: LossReport,
    pub(super) options: CvatReadOptions,
    pub(super) task: CvatTask,
    pub(super) class_by_name: HashMap<String, ClassId>,
    pub(super) output: Output,
    /// Labels missing from `<meta>` are added by the sequential parser only; a range parser
    /// refuses them (its caller then leaves the track to the sequential parser).
    pub(super) frozen_labels: bool,
    in_meta: bool,
    path: Vec<String>,
    text: String,
    track: Option<TrackState>,
    image: Option<u32>,
    shape: Option<ShapeState>,
    /// The current shape's `<attribute>` names and texts, in document order: the first
    /// `values_len` entries. The strings are reused from shape to shape, so a shape whose
    /// values equal its track's last ones allocates nothing.
    values: Vec<(String, String)>,
    values_len: usize,
    /// Inside an `<attribute>` of a shape that has a name.
    in_value: bool,
    skeleton_depth: usize,
    /// Offset of the event being handled.
    pub(super) pos: usize,
    pub(super) lines: Lines<'a>,
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
    mut input: impl std::io::BufRead,
    options: &CvatReadOptions,
) -> Result<(LabeledSequence, LossReport), IoError> {
    let mut bytes = Vec::new();
    if let Err(e) = input.read_to_end(&mut bytes) {
        return Err(read_error(&bytes, e));
    }
    read_cvat_bytes(&bytes, options, true)
}

/// Reads a CVAT XML file.
pub fn read_cvat_video_file(
    path: &Path,
    options: &CvatReadOptions,
) -> Result<(LabeledSequence, LossReport), IoError> {
    let mut file = std::fs::File::open(path).map_err(|source| IoError::File {
        path: path.to_path_buf(),
        source,
    })?;
    let size = file.metadata().map_or(0, |m| m.len());
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    if let Err(e) = file.read_to_end(&mut bytes) {
        return Err(read_error(&bytes, e).in_file(path));
    }
    read_cvat_bytes(&bytes, options, true).map_err(|e| e.in_file(path))
}

/// A failed read, reported as the XML reader reports one: at the line reached.
fn read_error(read: &[u8], e: std::io::Error) -> IoError {
    xml_syntax(1 + count_newlines(read), quick_xml::Error::from(e))
}

fn xml_syntax(line: usize, e: impl std::fmt::Display) -> IoError {
    IoError::XmlSyntax {
        position: Position::at(line, 1),
        message: e.to_string(),
    }
}

/// The syntax error a streaming read of `bytes` stops at, with the line it names.
///
/// After an error the slice reader and the streaming reader have consumed different amounts
/// of input, and the line reported has always been where the streaming reader stopped, so
/// the (rare) failing document is read again that way just for the message.
fn streamed_syntax_error(bytes: &[u8]) -> Option<IoError> {
    let mut reader = Reader::from_reader(LineCounter {
        inner: bytes,
        line: 1,
    });
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Eof) => return None,
            Ok(_) => buf.clear(),
            Err(e) => {
                return Some(xml_syntax(reader.get_ref().line, e));
            }
        }
    }
}

/// Counts lines as a streaming XML reader consumes bytes.
struct LineCounter<R> {
    inner: R,
    line: usize,
}

impl<R: std::io::BufRead> Read for LineCounter<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.line += count_newlines(buf.get(..n).unwrap_or_default());
        Ok(n)
    }
}

impl<R: std::io::BufRead> std::io::BufRead for LineCounter<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if let Ok(buf) = self.inner.fill_buf() {
            self.line += count_newlines(buf.get(..amount).unwrap_or(buf));
        }
        self.inner.consume(amount);
    }
}

/// Reads a whole CVAT document held in memory; `parallel` lets runs of tracks be parsed on
/// all cores (the result is the same either way).
pub(super) fn read_cvat_bytes(
    bytes: &[u8],
    options: &CvatReadOptions,
    parallel: bool,
) -> Result<(LabeledSequence, LossReport), IoError> {
    let mut reader = Reader::from_reader(bytes);
    let mut parser = Parser::new(
        *options,
        Output::Assemble(Box::new(Assembler::new(
            FORMAT,
            Gaps::Explicit,
            options.annotation_type,
        ))),
        Lines::new(bytes, 0, 1),
    );
    let offset = |reader: &Reader<&[u8]>| bytes.len() - reader.get_ref().len();
    // The parallel path is not tried again before the sequential parser passes this point.
    let mut retry_at = 0;
    // Elements open: quick-xml reports the end of a cut-short document as a plain end.
    // (Runs of whole tracks skipped below are balanced, so they leave it unchanged.)
    let mut open = 0usize;
    loop {
        parser.pos = offset(&reader);
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(e) => {
                return Err(streamed_syntax_error(bytes)
                    .unwrap_or_else(|| xml_syntax(parser.lines.at(offset(&reader)), e)));
            }
        };
        let between_elements = matches!(event, Event::End(_) | Event::Empty(_));
        match event {
            Event::Start(_) => open += 1,
            Event::End(_) => open = open.saturating_sub(1),
            Event::Eof if open > 0 => {
                return Err(xml_syntax(
                    parser.lines.at(bytes.len()),
                    format!(
                        "the document ends with {open} element(s) still open: is the file cut short?"
                    ),
                ));
            }
            _ => {}
        }
        if !parser.handle(event)? {
            break;
        }
        // After an end tag the reader is between elements with nothing pending, so a run of
        // whole `<track>` elements can be taken from its input without changing its state.
        let from = offset(&reader);
        if parallel && between_elements && from >= retry_at && parser.at_top_level() {
            let run = split::parse_tracks(&mut parser, bytes, from);
            if run.reached > from {
                *reader.get_mut() = bytes.get(run.reached..).unwrap_or_default();
            }
            retry_at = run.examined;
        }
    }
    parser.finish()
}

/// Attribute names CVAT writes on the elements the parser reads, each with a slot in
/// [`Attrs`]. The parser asks only for names in this list.
#[inline]
fn slot(name: &str) -> Option<usize> {
    Some(match name {
        "frame" => 0,
        "keyframe" => 1,
        "outside" => 2,
        "occluded" => 3,
        "xtl" => 4,
        "ytl" => 5,
        "xbr" => 6,
        "ybr" => 7,
        "z_order" => 8,
        "points" => 9,
        "rotation" => 10,
        "label" => 11,
        "source" => 12,
        "id" => 13,
        "group_id" => 14,
        "name" => 15,
        "width" => 16,
        "height" => 17,
        "subset" => 18,
        "task_id" => 19,
        _ => return None,
    })
}

const SLOTS: usize = 20;

/// An element's attributes, parsed once (an element is looked up for a dozen of them).
///
/// The usual element has only known names, each once: their values go to fixed slots, with
/// no allocation and no pairwise duplicate check. Anything else (an unknown name, a repeated
/// one, a malformed attribute) is parsed again quick-xml's checked way, so the same
/// duplicate and syntax errors come out.
struct Attrs<'a> {
    slots: [Option<&'a str>; SLOTS],
    /// Set instead of `slots` on the checked path, in document order.
    items: Option<Vec<(&'a str, Cow<'a, str>)>>,
}

impl<'a> Attrs<'a> {
    fn of(e: &'a BytesStart<'_>) -> Result<Self, String> {
        Self::known(e).map_or_else(|| Self::checked(e), Ok)
    }

    /// The fast path: `name="value"` pairs separated by whitespace, each name known and once,
    /// no value needing normalisation (`&`, `<`, tab, newline). Read here straight from the
    /// tag; quick-xml reads such attributes to the same names and values.
    fn known(e: &'a BytesStart<'_>) -> Option<Self> {
        let mut slots: [Option<&'a str>; SLOTS] = [None; SLOTS];
        let mut rest = e.attributes_raw();
        loop {
            let trimmed = rest.trim_start_matches([' ', '\t', '\r', '\n']);
            if trimmed.is_empty() {
                return Some(Self { slots, items: None });
            }
            // Attributes are separated by whitespace (the first one from the name too).
            if trimmed.len() == rest.len() {
                return None;
            }
            // Names and values are a few bytes: a plain loop beats a `memchr` call.
            let bytes = trimmed.as_bytes();
            let equals = bytes.iter().position(|&b| b == b'=')?;
            let quote = *bytes
                .get(equals + 1)
                .filter(|q| matches!(q, b'"' | b'\''))?;
            let start = equals + 2;
            let length = bytes
                .get(start..)?
                .iter()
                .position(|&b| b == quote || matches!(b, b'&' | b'<' | b'\t' | b'\n' | b'\r'))?;
            if bytes.get(start + length) != Some(&quote) {
                return None;
            }
            // Cut at ASCII bytes only, so on char boundaries.
            let (name, value) = (trimmed.get(..equals)?, trimmed.get(start..start + length)?);
            let after = trimmed.get(start + length + 1..)?;
            let slot = slots.get_mut(slot(name)?)?;
            if slot.is_some() {
                return None;
            }
            *slot = Some(value);
            rest = after;
        }
    }

    fn checked(e: &'a BytesStart<'_>) -> Result<Self, String> {
        let mut items = Vec::with_capacity(12);
        for a in e.attributes() {
            let a = a.map_err(|err| format!("<{}>: {err}", e.name().as_ref()))?;
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| format!("attribute {}: {err}", a.key.as_ref()))?;
            items.push((a.key.into_inner(), value));
        }
        Ok(Self {
            slots: [None; SLOTS],
            items: Some(items),
        })
    }

    fn get(&self, name: &str) -> Option<&str> {
        match &self.items {
            Some(items) => items
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.as_ref()),
            None => *self.slots.get(slot(name)?)?,
        }
    }

    fn flag(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| matches!(trim(v), "1" | "true"))
    }

    fn nonzero(&self, name: &str) -> bool {
        self.get(name)
            .is_some_and(|v| v != "0" && parse_float(trim(v)) != Some(0.0))
    }
}

/// `text.trim()`, skipped when the ends are visible ASCII (values as CVAT writes them): the
/// Unicode-aware trim decodes characters at both ends of each of millions of values.
#[inline]
fn trim(text: &str) -> &str {
    let bytes = text.as_bytes();
    match (bytes.first(), bytes.last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

fn number(e: &Attrs<'_>, name: &str) -> Result<f64, String> {
    let v = e
        .get(name)
        .ok_or_else(|| format!("attribute {name} is missing"))?;
    parse_float(trim(v))
        .filter(|n| n.is_finite())
        .ok_or_else(|| format!("attribute {name}={} is not a number", quoted(v)))
}

fn points(e: &Attrs<'_>) -> Result<Vec<Point>, String> {
    let v = e.get("points").ok_or("attribute points is missing")?;
    v.split(';')
        .filter(|p| !p.trim().is_empty())
        .map(|p| {
            let (x, y) = p
                .split_once(',')
                .ok_or_else(|| format!("point {} is not x,y", quoted(p)))?;
            let x =
                parse_float(trim(x)).ok_or_else(|| format!("point {} is not x,y", quoted(p)))?;
            let y =
                parse_float(trim(y)).ok_or_else(|| format!("point {} is not x,y", quoted(p)))?;
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

impl<'a> Parser<'a> {
    pub(super) fn new(options: CvatReadOptions, output: Output, lines: Lines<'a>) -> Self {
        Self {
            loss: LossReport::new("Ground Truth model"),
            options,
            task: CvatTask {
                step: 1,
                ..CvatTask::default()
            },
            class_by_name: HashMap::new(),
            output,
            frozen_labels: false,
            in_meta: false,
            path: Vec::new(),
            text: String::new(),
            track: None,
            image: None,
            shape: None,
            values: Vec::new(),
            values_len: 0,
            in_value: false,
            skeleton_depth: 0,
            pos: 0,
            lines,
        }
    }

    /// Handles one event; false at the end of the document.
    pub(super) fn handle(&mut self, event: Event<'_>) -> Result<bool, IoError> {
        match event {
            Event::Eof => return Ok(false),
            Event::Start(e) => self.start(&e)?,
            Event::Empty(e) => {
                self.start(&e)?;
                self.end(e.name().as_ref())?;
            }
            Event::End(e) => self.end(e.name().as_ref())?,
            // Text is read only in `<meta>` and in a shape's `<attribute>`; elsewhere (the
            // whitespace between tags) it would be cleared unread at the next tag.
            Event::Text(t) if self.in_meta || self.in_value => {
                self.text.push_str(&t.xml10_content());
            }
            Event::CData(t) if self.in_meta || self.in_value => {
                self.text.push_str(&t.xml10_content());
            }
            Event::GeneralRef(r) => {
                if let Ok(Some(c)) = r.resolve_char_ref() {
                    self.text.push(c);
                } else {
                    let name = r.xml10_content();
                    let resolved = resolve_predefined_entity(&name)
                        .ok_or_else(|| self.error(format!("unknown entity &{name};")))?;
                    self.text.push_str(resolved);
                }
            }
            _ => {}
        }
        Ok(true)
    }

    /// Outside `<meta>` and every element the parser tracks: where a `<track>` may start and
    /// nothing earlier is waiting for it.
    pub(super) fn at_top_level(&self) -> bool {
        !self.in_meta
            && self.track.is_none()
            && self.image.is_none()
            && self.shape.is_none()
            && self.skeleton_depth == 0
            && self.text.is_empty()
    }

    /// The line of the event being handled.
    fn line(&self) -> usize {
        self.lines.at(self.pos)
    }

    fn error(&self, message: String) -> IoError {
        IoError::Interchange {
            position: Position::at(self.line(), 1),
            format: FORMAT,
            message,
        }
    }

    fn class_of(&mut self, label: Option<String>) -> Result<ClassId, IoError> {
        let label = label.ok_or_else(|| self.error("label attribute is missing".into()))?;
        if let Some(c) = self.class_by_name.get(&label) {
            return Ok(*c);
        }
        if self.frozen_labels {
            return Err(self.error(format!("label {label:?} is not in <meta>")));
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
        let n: i64 = trim(n)
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
                    let (lines, pos) = (&self.lines, self.pos);
                    self.loss.record(LossKind::Groups, || {
                        format!("line {}, track {key}", lines.at(pos))
                    });
                }
                self.track = Some(TrackState {
                    key,
                    class,
                    last_values: AttributeValues::new(),
                });
            }
            "image" => {
                let frame = self.frame_index(wrap(attr("id"), self)?)?;
                let file = wrap(attr("name"), self)?;
                let Output::Assemble(assembler) = &mut self.output else {
                    return Err(self.error("<image> inside a range of tracks".into()));
                };
                assembler.add_frame(frame, || {
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
                let (lines, pos) = (&self.lines, self.pos);
                let where_ = || format!("line {}", lines.at(pos));
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
                    class,
                });
                self.values_len = 0;
            }
            "attribute" if self.shape.is_some() => {
                self.in_value = false;
                if let Some(name) = a.get("name") {
                    if self.values.len() == self.values_len {
                        self.values.push(Default::default());
                    }
                    if let Some((slot, _)) = self.values.get_mut(self.values_len) {
                        slot.clear();
                        slot.push_str(name);
                        self.in_value = true;
                    }
                }
            }
            tag if OTHER_SHAPES.contains(&tag) => {
                let (lines, pos) = (&self.lines, self.pos);
                let kind: &'static str = OTHER_SHAPES
                    .iter()
                    .find(|k| **k == tag)
                    .copied()
                    .unwrap_or("other");
                self.loss
                    .record(LossKind::Shapes(kind), || format!("line {}", lines.at(pos)));
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
                if std::mem::take(&mut self.in_value)
                    && let Some((_, value)) = self.values.get_mut(self.values_len)
                {
                    value.clear();
                    value.push_str(&self.text);
                    self.values_len += 1;
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
        let Output::Assemble(assembler) = &mut self.output else {
            return;
        };
        if let Some(size) = self.task.size {
            for i in 0..size {
                let n = self
                    .task
                    .numbering()
                    .map_or(u64::from(i), |n| n.number_of(i));
                assembler.add_frame(i, || format!("frame_{n:06}.jpg"));
            }
        }
    }

    fn observe(&mut self, s: ShapeState) -> Result<(), IoError> {
        let shape = s
            .shape
            .map_err(|m| self.error(format!("<{}>: {m}", s.tag)))?;
        let Some(frame) = s.frame else { return Ok(()) };
        let (lines, pos) = (&self.lines, self.pos);
        let Some(shape) = shape else {
            self.loss
                .record(LossKind::Shapes("multi-point points"), || {
                    format!("line {}", lines.at(pos))
                });
            return Ok(());
        };
        let class = s.class.or(self.track.as_ref().map(|t| t.class));
        if let Some(t) = &self.track {
            if !s.keyframe && !s.outside {
                if self.options.keyframes_only {
                    return Ok(());
                }
                self.loss.record(LossKind::KeyframeFlags, || {
                    format!(
                        "line {}: interpolated shape read as a keyframe",
                        lines.at(pos)
                    )
                });
            }
            if !s.keyframe && s.outside && self.options.keyframes_only {
                return Ok(());
            }
            let attributes = if self.values_equal(&t.last_values, class) {
                t.last_values.clone()
            } else {
                let values = self.typed_values(class);
                if let Some(t) = &mut self.track {
                    t.last_values = values.clone();
                }
                values
            };
            let Some(t) = &self.track else {
                return Ok(());
            };
            let observation = Observation {
                frame,
                shape: (!s.outside).then_some(shape),
                attributes,
            };
            let (key, class) = (t.key, t.class);
            match &mut self.output {
                Output::Assemble(a) => a.observe_track(key, class, observation, &mut self.loss),
                Output::Collect(c) => match c.last_mut() {
                    Some(Collected::Track(k, run_class, run))
                        if *k == key && *run_class == class =>
                    {
                        run.push(observation);
                    }
                    _ => c.push(Collected::Track(key, class, vec![observation])),
                },
            }
        } else if let Some(class) = s.class {
            let observation = Observation {
                frame,
                shape: Some(shape),
                attributes: self.typed_values(Some(class)),
            };
            match &mut self.output {
                Output::Assemble(a) => a.observe_detection(class, observation),
                Output::Collect(c) => c.push(Collected::Detection(class, observation)),
            }
        }
        Ok(())
    }

    /// The current shape's values: a later `<attribute>` of the same name wins, and values
    /// of number attributes become numbers (the rest stay text).
    fn typed_values(&self, class: Option<ClassId>) -> AttributeValues {
        self.pending_values()
            .map(|(name, text)| (name.to_owned(), self.typed(name, text, class)))
            .collect()
    }

    /// Whether [`Self::typed_values`] would equal `last`, without building it.
    fn values_equal(&self, last: &AttributeValues, class: Option<ClassId>) -> bool {
        let pending = self.values.get(..self.values_len).unwrap_or_default();
        // With a repeated name the map holds fewer entries than the shape listed; rare
        // enough to leave to building the map.
        let distinct = pending.len() <= 8
            && pending
                .iter()
                .enumerate()
                .all(|(i, (name, _))| pending[..i].iter().all(|(other, _)| other != name));
        distinct
            && last.len() == pending.len()
            && pending.iter().all(|(name, text)| {
                match (last.get(name), self.number(name, text, class)) {
                    // Bits, not `==`: -0 must not share a map holding 0.
                    (Some(AttributeValue::Number(m)), Some(n)) => m.to_bits() == n.to_bits(),
                    (Some(AttributeValue::Text(t)), None) => t == text,
                    _ => false,
                }
            })
    }

    fn pending_values(&self) -> impl Iterator<Item = (&str, &str)> {
        let pending = self.values.get(..self.values_len).unwrap_or_default();
        pending.iter().map(|(n, t)| (n.as_str(), t.as_str()))
    }

    /// A number attribute's text as a number when it reads as one; text otherwise.
    fn typed(&self, name: &str, text: &str, class: Option<ClassId>) -> AttributeValue {
        match self.number(name, text, class) {
            Some(n) => AttributeValue::Number(n),
            None => AttributeValue::Text(text.to_owned()),
        }
    }

    /// The value of a number attribute whose text reads as a finite number.
    fn number(&self, name: &str, text: &str, class: Option<ClassId>) -> Option<f64> {
        let number = class
            .and_then(|c| self.task.labels.get(c.0 as usize))
            .is_some_and(|label| {
                label
                    .attributes
                    .iter()
                    .any(|a| a.name == name && a.input_type == "number")
            });
        let n: f64 = trim(text).parse().ok().filter(|_| number)?;
        n.is_finite().then_some(n)
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
        let Output::Assemble(assembler) = self.output else {
            return Err(IoError::Interchange {
                position: Position::default(),
                format: FORMAT,
                message: "a range parser has no model to finish".into(),
            });
        };
        let labels = assembler.finish(
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
    use proptest::prelude::*;

    const NAMES: [&str; 6] = ["frame", "xtl", "label", "points", "other", "x"];

    /// Attribute lists near the fast path's edges: known and unknown names, both quotes,
    /// repeated names, entities, whitespace of every kind, stray `=` and quotes.
    fn attribute_text() -> impl Strategy<Value = String> {
        let value = "[a-z0-9 .;,&<>=\"'\t\n]{0,6}";
        let attribute = (
            prop::sample::select(NAMES.to_vec()),
            prop::sample::select(vec!["=", " = ", "=="]),
            prop::sample::select(vec!["\"", "'"]),
            value,
            prop::sample::select(vec![" ", "\t", "\n", "  ", ""]),
        )
            .prop_map(|(n, eq, q, v, gap)| format!("{n}{eq}{q}{v}{q}{gap}"));
        prop::collection::vec(attribute, 0..5).prop_map(|a| a.concat())
    }

    proptest! {
        #[test]
        fn fast_attribute_path_reads_what_quick_xml_reads(attributes in attribute_text()) {
            let xml = format!("<box {attributes}/>");
            let mut reader = quick_xml::Reader::from_str(&xml);
            let Ok(Event::Empty(e)) = reader.read_event() else {
                return Ok(());
            };
            let checked = Attrs::checked(&e);
            if let Some(fast) = Attrs::known(&e) {
                let checked = checked.expect("the fast path accepted what quick-xml refuses");
                for name in NAMES {
                    prop_assert_eq!(fast.get(name), checked.get(name), "{}", name);
                }
                let items = checked.items.as_deref().unwrap_or_default();
                for (i, (name, _)) in items.iter().enumerate() {
                    prop_assert!(slot(name).is_some());
                    prop_assert!(items[..i].iter().all(|(other, _)| other != name));
                }
            }
        }
    }

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
    fn a_document_cut_short_is_an_error_at_its_last_line() {
        let whole = format!(
            "<annotations>\n{META}\n<track id='2' label='car'>\n<box frame='0' keyframe='1' outside='0' occluded='0' xtl='0' ytl='0' xbr='2' ybr='2' z_order='0'/>\n</track>\n</annotations>\n"
        );
        assert!(read(&whole).is_ok());
        for cut in ["<meta>", "label='car'>", "</track>", "</annotations>"] {
            let end = whole.find(cut).unwrap() + cut.len();
            let cut_short = &whole[..end.min(whole.rfind("</annotations>").unwrap())];
            let err = read(cut_short).unwrap_err();
            let line = 1 + cut_short.matches('\n').count();
            assert!(
                matches!(&err, IoError::XmlSyntax { position, message }
                    if position.line == Some(line) && message.contains("still open")),
                "{cut}: {err}"
            );
        }
    }

    #[test]
    fn broken_xml_is_a_syntax_error_with_a_line() {
        let err = read("<annotations>\n<track id='1' label='a'>\n</annotations>").unwrap_err();
        assert!(matches!(err, IoError::XmlSyntax { .. }), "{err}");
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
    fn equal_values_of_consecutive_shapes_share_one_map_and_changes_do_not() {
        let shape = |frame: u32, values: &str| {
            format!(
                "<box frame='{frame}' keyframe='1' outside='0' occluded='0' xtl='0' ytl='0' xbr='2' ybr='2' z_order='0'>{values}</box>"
            )
        };
        let a = |name: &str, text: &str| format!("<attribute name='{name}'>{text}</attribute>");
        let shapes = [
            shape(0, &(a("speed", "5") + &a("mood", "calm"))),
            // The same values in another order and number form: equal, so shared.
            shape(1, &(a("mood", "calm") + &a("speed", "5.0"))),
            // -0 is not 0: a value of its own.
            shape(2, &(a("mood", "calm") + &a("speed", "-0"))),
            shape(3, &(a("mood", "calm") + &a("speed", "0"))),
            // A repeated name: the later value wins, as a map insert would.
            shape(
                4,
                &(a("mood", "calm") + &a("speed", "1") + &a("speed", "0")),
            ),
            shape(5, ""),
            shape(6, &a("mood", "calm")),
        ]
        .concat();
        let xml =
            format!("<annotations>{META}<track id='2' label='car'>{shapes}</track></annotations>");
        let (s, _) = read(&xml).unwrap();
        let k = s.labels.objects()[0].track().keyframes();
        let shown: Vec<String> = k.iter().map(|k| format!("{:?}", *k.attributes)).collect();
        assert_eq!(
            shown,
            [
                r#"{"mood": Text("calm"), "speed": Number(5.0)}"#,
                r#"{"mood": Text("calm"), "speed": Number(5.0)}"#,
                r#"{"mood": Text("calm"), "speed": Number(-0.0)}"#,
                r#"{"mood": Text("calm"), "speed": Number(0.0)}"#,
                r#"{"mood": Text("calm"), "speed": Number(0.0)}"#,
                "{}",
                r#"{"mood": Text("calm")}"#,
            ]
        );
        let shared: Vec<bool> = k
            .windows(2)
            .map(|p| p[1].attributes.shares_storage_with(&p[0].attributes))
            .collect();
        assert_eq!(shared, [true, false, false, true, false, false]);
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
