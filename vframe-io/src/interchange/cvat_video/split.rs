//! Parsing runs of top-level `<track>` elements on all cores.
//!
//! A dense CVAT file is a few hundred `<track>` elements of thousands of shapes each, one after
//! the other, so a cheap byte scan can cut the document at `</track>` into one range per track.
//! Each range is parsed by its own [`Parser`] (the sequential parser's code, fed from a copy
//! of its state) on rayon's pool, and what it saw is handed to the model in document order.
//!
//! The scan only guesses: a range parser accepts its range only if the range turns out to be
//! exactly one `<track>` element (whitespace before it, nothing after it, every tag balanced)
//! and it parses without error. At the first range that is not accepted (a comment or CDATA
//! holding `</track>`, an empty `<track/>`, a label missing from `<meta>`, bad input of any
//! kind) the run stops and the sequential parser takes over from that range's start, so
//! results, errors and their line numbers are those of the sequential parser.

use std::collections::HashMap;
use std::ops::Range;

use quick_xml::events::Event;
use rayon::prelude::*;
use vframe_core::ClassId;

use super::lex::PlainLexer;
use super::meta::CvatTask;
use super::read::{Collected, CvatReadOptions, Lines, Output, Parser, count_newlines};
use crate::interchange::LossReport;

/// Fewer tracks than this are left to the sequential parser: not worth a trip to the pool.
const MIN_TRACKS: usize = 2;

/// Bytes of tracks parsed per wave (and the largest track the scan looks for the end of):
/// bounds the memory in flight and the work thrown away when a wave stops early.
const WAVE_BYTES: usize = 8 << 20;

const TRACK_END: &[u8; 8] = b"</track>";

/// How far a run of parallel parsing went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Run {
    /// Where the sequential parser continues (the `from` given when nothing was taken).
    pub reached: usize,
    /// How far the run looked. Tried again before the sequential parser gets past this, a
    /// run could redo the same work at every track; after it, the work thrown away is paid
    /// for by as many bytes of sequential progress, so reading stays linear.
    pub examined: usize,
}

/// Parses the run of whole `<track>` elements that starts at `from` (after optional
/// whitespace) wave by wave, feeding them to `parser`'s output in order.
pub(super) fn parse_tracks(parser: &mut Parser<'_>, bytes: &[u8], from: usize) -> Run {
    parse_in_waves(parser, bytes, from, WAVE_BYTES)
}

fn parse_in_waves(parser: &mut Parser<'_>, bytes: &[u8], from: usize, wave: usize) -> Run {
    let mut at = from;
    loop {
        let (ranges, examined) = track_ranges(bytes, at, wave);
        if ranges.len() < MIN_TRACKS {
            return Run {
                reached: at,
                examined,
            };
        }
        let reached = parse_wave(parser, bytes, &ranges);
        let complete = ranges.last().is_some_and(|r| r.end == reached);
        if !complete {
            return Run { reached, examined };
        }
        at = reached;
    }
}

/// Parses consecutive track ranges on all cores; returns the end of the last one accepted
/// in an unbroken sequence from the first.
fn parse_wave(parser: &mut Parser<'_>, bytes: &[u8], ranges: &[Range<usize>]) -> usize {
    let from = ranges.first().map_or(0, |r| r.start);
    let Output::Assemble(_) = &parser.output else {
        return from;
    };
    let first_line = parser.lines.at(from);
    let newlines: Vec<usize> = ranges
        .par_iter()
        .map(|r| count_newlines(bytes.get(r.clone()).unwrap_or_default()))
        .collect();
    let mut starts = Vec::with_capacity(ranges.len());
    let mut line = first_line;
    for (range, n) in ranges.iter().zip(&newlines) {
        starts.push(Start {
            range: range.clone(),
            line,
            end_line: line + n,
        });
        line += n;
    }

    let context = Context {
        bytes,
        options: parser.options,
        task: &parser.task,
        class_by_name: &parser.class_by_name,
        threads: rayon::current_num_threads().max(1),
    };
    let groups: Vec<&[Start]> = starts.chunks(context.group_size(starts.len())).collect();
    let parsed: Vec<Group> = groups.par_iter().map(|g| context.parse_group(g)).collect();

    let mut reached = (from, first_line);
    let Output::Assemble(assembler) = &mut parser.output else {
        return from;
    };
    'groups: for group in parsed {
        for track in group.tracks {
            for c in track.collected {
                c.assemble(assembler, &mut parser.loss);
            }
            parser.loss.merge(track.loss);
            reached = track.end;
        }
        if !group.complete {
            break 'groups;
        }
    }
    parser.lines.skip_to(reached.0, reached.1);
    reached.0
}

/// Consecutive ranges from `from`, each whitespace then `<track` up to and including the next
/// `</track>`, until they hold `budget` bytes; stops at anything else, and at a track whose
/// end is not within `budget` bytes of its start. Also returns how far the scan looked.
fn track_ranges(bytes: &[u8], from: usize, budget: usize) -> (Vec<Range<usize>>, usize) {
    let mut ranges = Vec::new();
    let mut at = from;
    while at - from < budget {
        let Some(rest) = bytes.get(at..) else {
            break;
        };
        let Some(open) = rest.iter().position(|b| !b.is_ascii_whitespace()) else {
            return (ranges, bytes.len());
        };
        let element = rest.get(open..).unwrap_or_default();
        if !(element.starts_with(b"<track")
            && element
                .get(6)
                .is_some_and(|b| b.is_ascii_whitespace() || *b == b'>'))
        {
            return (ranges, at + open);
        }
        let window = element.get(..budget).unwrap_or(element);
        let Some(close) = find_track_end(window) else {
            return (ranges, at + open + window.len());
        };
        let end = at + open + close + TRACK_END.len();
        ranges.push(at..end);
        at = end;
    }
    (ranges, at)
}

/// The offset of the first `</track>` in `haystack`.
///
/// Blocks of 64 positions are first tested for `</tr` with branch-free comparisons the
/// compiler vectorises; only a block with a candidate is searched exactly.
fn find_track_end(haystack: &[u8]) -> Option<usize> {
    const BLOCK: usize = 64;
    let mut start = 0;
    while let Some(window) = haystack.get(start..start + BLOCK + TRACK_END.len() - 1) {
        let Ok(window) = <&[u8; BLOCK + 7]>::try_from(window) else {
            break;
        };
        let mut candidate = false;
        for i in 0..BLOCK {
            candidate |= (window[i] == b'<')
                & (window[i + 1] == b'/')
                & (window[i + 2] == b't')
                & (window[i + 3] == b'r');
        }
        if candidate && let Some(i) = window.windows(TRACK_END.len()).position(|w| w == TRACK_END) {
            return Some(start + i);
        }
        start += BLOCK;
    }
    haystack
        .get(start..)?
        .windows(TRACK_END.len())
        .position(|w| w == TRACK_END)
        .map(|i| start + i)
}

/// A range to parse, with the lines of its first byte and of the byte after it.
struct Start {
    range: Range<usize>,
    line: usize,
    end_line: usize,
}

/// One track as a range parser saw it.
struct ParsedTrack {
    /// Offset and line just after its `</track>`.
    end: (usize, usize),
    collected: Vec<Collected>,
    loss: LossReport,
}

/// The accepted tracks of one group of ranges, in order; `complete` when every range was.
struct Group {
    tracks: Vec<ParsedTrack>,
    complete: bool,
}

/// What range parsers share: the document and the sequential parser's settings (read only;
/// the parser itself holds a `Cell` and stays on its thread).
struct Context<'p> {
    bytes: &'p [u8],
    options: CvatReadOptions,
    task: &'p CvatTask,
    class_by_name: &'p HashMap<String, ClassId>,
    threads: usize,
}

impl Context<'_> {
    /// Ranges per group: a few groups per thread, so uneven tracks even out.
    fn group_size(&self, ranges: usize) -> usize {
        ranges.div_ceil(self.threads * 4).max(1)
    }

    fn parse_group(&self, group: &[Start]) -> Group {
        let mut tracks = Vec::with_capacity(group.len());
        let Some(first) = group.first() else {
            return Group {
                tracks,
                complete: true,
            };
        };
        let mut p = Parser::new(
            self.options,
            Output::Collect(Vec::new()),
            Lines::new(self.bytes, first.range.start, first.line),
        );
        p.task = self.task.clone();
        p.class_by_name = self.class_by_name.clone();
        p.frozen_labels = true;
        // The pending `<attribute>` values start over at every shape, so what an earlier
        // range left there never matters.
        for Start {
            range,
            line,
            end_line,
        } in group
        {
            p.lines = Lines::new(self.bytes, range.start, *line);
            if parse_range(&mut p, self.bytes, range.clone()).is_err() {
                return Group {
                    tracks,
                    complete: false,
                };
            }
            let collected = match &mut p.output {
                Output::Collect(c) => std::mem::take(c),
                Output::Assemble(_) => Vec::new(),
            };
            let loss = std::mem::replace(&mut p.loss, LossReport::new("Ground Truth model"));
            tracks.push(ParsedTrack {
                end: (range.end, *end_line),
                collected,
                loss,
            });
        }
        Group {
            tracks,
            complete: true,
        }
    }
}

/// Why a range is left to the sequential parser (the reason itself is not needed).
struct NotAccepted;

/// Parses one range; accepts it only if it is exactly one balanced `<track>` element.
fn parse_range(p: &mut Parser<'_>, bytes: &[u8], range: Range<usize>) -> Result<(), NotAccepted> {
    let src = bytes.get(range.clone()).ok_or(NotAccepted)?;
    let mut lexer = PlainLexer::new(src).map_err(|_| NotAccepted)?;
    let mut depth = 0usize;
    let mut closed = false;
    loop {
        p.pos = range.start + lexer.offset();
        let event = lexer.next_event().map_err(|_| NotAccepted)?;
        if closed {
            // Only the end of the range may follow the track.
            return match event {
                Event::Eof => Ok(()),
                _ => Err(NotAccepted),
            };
        }
        match &event {
            Event::Start(e) => {
                let qname = e.name();
                let name: &str = qname.as_ref();
                let allowed = if depth == 0 {
                    name == "track"
                } else {
                    !matches!(name, "track" | "image" | "meta")
                };
                if !allowed {
                    return Err(NotAccepted);
                }
                depth += 1;
            }
            Event::Empty(e) => {
                let qname = e.name();
                let name: &str = qname.as_ref();
                if depth == 0 || matches!(name, "track" | "image" | "meta") {
                    return Err(NotAccepted);
                }
            }
            Event::End(_) => {
                depth = depth.checked_sub(1).ok_or(NotAccepted)?;
                closed = depth == 0;
            }
            Event::Text(_) if depth == 0 => {}
            Event::Eof => return Err(NotAccepted),
            _ if depth == 0 => return Err(NotAccepted),
            _ => {}
        }
        p.handle(event).map_err(|_| NotAccepted)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::IoError;
    use crate::interchange::LabeledSequence;
    use crate::interchange::assemble::{Assembler, Gaps};
    use crate::interchange::cvat_video::FORMAT;
    use crate::interchange::cvat_video::read::read_cvat_bytes;

    type Read = Result<(LabeledSequence, LossReport), IoError>;

    fn same(a: &Read, b: &Read) -> bool {
        match (a, b) {
            (Ok(a), Ok(b)) => a == b,
            (Err(a), Err(b)) => a.to_string() == b.to_string(),
            _ => false,
        }
    }

    /// Reads `xml` with and without the parallel path and checks they agree.
    fn agree(xml: &[u8]) -> Read {
        let options = CvatReadOptions::default();
        let parallel = read_cvat_bytes(xml, &options, true);
        let sequential = read_cvat_bytes(xml, &options, false);
        assert!(
            same(&parallel, &sequential),
            "parallel {parallel:?}\nsequential {sequential:?}\n{}",
            String::from_utf8_lossy(xml)
        );
        parallel
    }

    const HEAD: &str = "<annotations>\n<meta><task><size>9</size><labels><label><name>car</name><attributes><attribute><name>speed</name><input_type>number</input_type><values>0\n9\n1</values></attribute></attributes></label></labels></task></meta>\n";

    fn track(id: u32, body: &str) -> String {
        format!("  <track id=\"{id}\" label=\"car\">\n{body}  </track>\n")
    }

    fn shape(frame: u32, extra: &str) -> String {
        format!(
            "    <box frame=\"{frame}\" keyframe=\"1\" outside=\"0\" occluded=\"0\" xtl=\"1\" ytl=\"1\" xbr=\"3\" ybr=\"4\" z_order=\"0\"{extra}>\n      <attribute name=\"speed\">{frame}</attribute>\n    </box>\n"
        )
    }

    fn document(tracks: &[String]) -> String {
        format!("{HEAD}{}</annotations>\n", tracks.concat())
    }

    fn plain(id: u32) -> String {
        track(id, &format!("{}{}", shape(0, ""), shape(2, "")))
    }

    #[test]
    fn no_track_end_in_a_short_haystack_is_none() {
        assert_eq!(find_track_end(b""), None);
        assert_eq!(find_track_end(b"</track"), None);
        assert_eq!(find_track_end(b"</trac>"), None);
    }

    #[test]
    fn track_end_is_found_at_every_offset_around_block_edges() {
        for len in [0, 1, 7, 56, 57, 63, 64, 65, 70, 71, 72, 127, 128, 129, 300] {
            for at in 0..=len {
                let mut h = vec![b'x'; len + 8];
                // Decoys that share a prefix with the needle.
                for (i, b) in h.iter_mut().enumerate() {
                    if i % 11 == 0 {
                        *b = b'<';
                    }
                }
                h[at..at + 8].copy_from_slice(TRACK_END);
                let expected = h.windows(8).position(|w| w == TRACK_END);
                assert_eq!(find_track_end(&h), expected, "len {len}, at {at}");
            }
        }
    }

    #[test]
    fn near_misses_are_not_track_ends() {
        let h = b"</tr></tra</trac</track </tracks> </track>".repeat(5);
        assert_eq!(find_track_end(&h), Some(34));
    }

    #[test]
    fn ranges_stop_at_anything_but_whitespace_and_tracks() {
        let doc =
            b"  <track id='1'></track>\n<track\tid='2'><box/></track><!-- c --><track></track>";
        assert_eq!(track_ranges(doc, 0, 100), (vec![0..24, 24..53], 53));
        assert_eq!(track_ranges(b"<tracks></track>", 0, 100), (vec![], 0));
        assert_eq!(track_ranges(b"<track id='1'>", 0, 100), (vec![], 14));
        assert_eq!(track_ranges(b" x<track></track>", 0, 100), (vec![], 1));
    }

    #[test]
    fn ranges_stop_once_they_hold_the_budget_and_never_look_further_for_an_end() {
        let doc = b"<track></track><track></track><track></track>";
        assert_eq!(track_ranges(doc, 0, 20), (vec![0..15, 15..30], 30));
        assert_eq!(track_ranges(doc, 0, 10), (vec![], 10));
        let long = b"<track>                    </track>";
        assert_eq!(track_ranges(long, 0, 30), (vec![], 30));
    }

    /// A parser in the state the sequential parser is in after `<meta>` naming `car`.
    fn parser_after_meta(bytes: &[u8]) -> Parser<'_> {
        let mut p = Parser::new(
            CvatReadOptions::default(),
            Output::Assemble(Box::new(Assembler::new(FORMAT, Gaps::Explicit, None))),
            Lines::new(bytes, 0, 1),
        );
        p.task.labels.push(super::super::meta::CvatLabel {
            name: "car".into(),
            attributes: Vec::new(),
        });
        p.class_by_name.insert("car".into(), ClassId(0));
        p
    }

    #[test]
    fn plain_tracks_are_all_taken_by_the_parallel_path() {
        let tracks: String = (1..=40).map(plain).collect();
        let mut p = parser_after_meta(tracks.as_bytes());
        // Up to the last `</track>`; the newline after it is left to the sequential parser.
        let end = tracks.len() - 1;
        assert_eq!(
            parse_tracks(&mut p, tracks.as_bytes(), 0),
            Run {
                reached: end,
                examined: tracks.len()
            }
        );
        // 40 tracks of 8 lines, the last newline not passed yet.
        assert_eq!(p.lines.at(end), 40 * 8);
        let Output::Assemble(assembler) = p.output else {
            panic!("the sequential parser assembles");
        };
        let labels = assembler
            .finish(&["car".to_owned()], |i| i.to_string(), &mut p.loss)
            .unwrap();
        assert_eq!(labels.objects().len(), 40);
    }

    #[test]
    fn waves_continue_until_the_run_of_tracks_ends() {
        let tracks: String = (1..=40).map(plain).collect();
        let mut p = parser_after_meta(tracks.as_bytes());
        let run = parse_in_waves(&mut p, tracks.as_bytes(), 0, plain(1).len() * 3);
        assert_eq!(run.reached, tracks.len() - 1);
        assert_eq!(p.lines.at(run.reached), 40 * 8);
    }

    #[test]
    fn the_parallel_path_stops_before_the_first_track_it_cannot_take() {
        let tracks = [plain(1), plain(2), track(3, "<!-- </track> -->"), plain(4)].concat();
        // Each range starts with the whitespace before its `<track`.
        let stop = tracks.find("  <track id=\"3\"").unwrap() - 1;
        let mut p = parser_after_meta(tracks.as_bytes());
        let run = parse_tracks(&mut p, tracks.as_bytes(), 0);
        assert_eq!(run.reached, stop);
        // The scan cut track 3 at the `</track>` in its comment and stopped at `-->`.
        assert_eq!(run.examined, tracks.find("-->").unwrap());
        let unknown = [plain(1), plain(2), plain(3).replace("car", "bus")].concat();
        let stop = unknown.find("  <track id=\"3\"").unwrap() - 1;
        let mut p = parser_after_meta(unknown.as_bytes());
        assert_eq!(parse_tracks(&mut p, unknown.as_bytes(), 0).reached, stop);
    }

    #[test]
    fn plain_tracks_read_the_same_in_parallel() {
        let (s, loss) =
            agree(document(&(1..=9).map(plain).collect::<Vec<_>>()).as_bytes()).unwrap();
        assert_eq!(s.labels.objects().len(), 9);
        assert!(loss.is_lossless());
    }

    #[test]
    fn comments_and_cdata_read_the_same_in_parallel() {
        let comment_between = [plain(1), "  <!-- </track> -->\n".into(), plain(2), plain(3)];
        agree(document(&comment_between).as_bytes()).unwrap();
        let comment_inside = [
            plain(1),
            track(2, "    <!-- </track> <track> -->\n"),
            plain(3),
        ];
        agree(document(&comment_inside).as_bytes()).unwrap();
        let cdata = shape(1, "").replace(">1</attribute>", "><![CDATA[1</track>]]></attribute>");
        let (s, _) = agree(document(&[plain(1), track(2, &cdata), plain(3)]).as_bytes()).unwrap();
        let two = s
            .labels
            .objects()
            .iter()
            .find(|o| o.id().is_some_and(|i| i.as_str() == "2"));
        let text = two.unwrap().track().keyframes()[0].attributes.get("speed");
        assert_eq!(text.and_then(|v| v.as_text()), Some("1</track>"));
    }

    #[test]
    fn track_end_text_inside_an_attribute_value_reads_the_same_in_parallel() {
        let inside = track(2, &shape(1, " source=\"a</track>b\""));
        let _ = agree(document(&[plain(1), inside, plain(3)]).as_bytes());
    }

    #[test]
    fn entities_read_the_same_in_parallel() {
        let entities = shape(1, " source=\"a&amp;b&#10;\"").replace(">1</", ">&#49;&lt;&gt;</");
        agree(document(&[plain(1), track(2, &entities), plain(3)]).as_bytes()).unwrap();
    }

    #[test]
    fn empty_nested_and_unknown_label_tracks_read_the_same_in_parallel() {
        let empty = "  <track id=\"2\" label=\"car\"/>\n".to_string();
        agree(document(&[plain(1), empty, plain(3), plain(4)]).as_bytes()).unwrap();
        let nested = track(2, &plain(5));
        let _ = agree(document(&[plain(1), nested, plain(3)]).as_bytes());
        let bus = plain(2).replace("car", "bus");
        let (s, _) = agree(
            document(&[
                plain(1),
                bus.clone(),
                bus.replace("\"2\"", "\"3\""),
                plain(4),
            ])
            .as_bytes(),
        )
        .unwrap();
        assert_eq!(s.labels.objects().len(), 4);
    }

    #[test]
    fn many_tracks_the_parallel_path_cannot_take_read_the_same() {
        // Each label is missing from <meta>, so every run stops at its first track.
        let tracks: Vec<String> = (0..300)
            .map(|i| plain(i).replace("\"car\"", &format!("\"car{i}\"")))
            .collect();
        let (s, _) = agree(document(&tracks).as_bytes()).unwrap();
        assert_eq!(s.labels.objects().len(), 300);
        let empty: Vec<String> = (0..300)
            .map(|i| format!("  <track id=\"{i}\" label=\"car\"/>\n"))
            .collect();
        agree(document(&empty).as_bytes()).unwrap();
    }

    #[test]
    fn errors_and_their_lines_are_the_same_in_parallel() {
        let bad_number = track(3, &shape(1, "").replace("xtl=\"1\"", "xtl=\"one\""));
        let err =
            agree(document(&[plain(1), plain(2), bad_number, plain(4)]).as_bytes()).unwrap_err();
        // Shape errors name the line of `</box>`.
        assert!(err.to_string().contains(":24:1:"), "{err}");
        let duplicate = track(2, &shape(1, " frame=\"1\""));
        agree(document(&[plain(1), duplicate, plain(3)]).as_bytes()).unwrap_err();
        let unclosed = track(2, &shape(1, "").replace("</box>", "</bx>"));
        agree(document(&[plain(1), unclosed, plain(3)]).as_bytes()).unwrap_err();
        let crlf = document(&[plain(1), plain(2), track(3, &shape(1, " occluded=\"1\""))]);
        agree(crlf.replace('\n', "\r\n").as_bytes()).unwrap_err();
    }

    #[test]
    fn losses_name_the_same_lines_in_parallel() {
        let occluded = track(3, &shape(4, "").replace("occluded=\"0\"", "occluded=\"1\""));
        let xml = document(&[plain(1), plain(2), occluded, plain(4)]);
        let (_, loss) = agree(xml.as_bytes()).unwrap();
        assert!(loss.to_string().contains("line 22"), "{loss}");
    }

    /// SplitMix64: a small deterministic generator for documents from a proptest seed.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: usize) -> usize {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            (z ^ (z >> 31)) as usize % n.max(1)
        }

        fn pick<'s>(&mut self, items: &[&'s str]) -> &'s str {
            items[self.below(items.len())]
        }
    }

    /// A document of a few tracks with the parts CVAT files have, then a few random edits.
    fn random_document(rng: &mut Rng) -> Vec<u8> {
        let mut tracks = Vec::new();
        for id in 0..1 + rng.below(6) {
            let mut body = String::new();
            for f in 0..1 + rng.below(4) {
                let extra = rng.pick(&[
                    "",
                    "",
                    " occluded=\"1\"",
                    " z_order=\"2\"",
                    " keyframe=\"0\"",
                ]);
                body.push_str(&shape(f as u32 * 2, extra).replacen(
                    " keyframe=\"1\"",
                    "",
                    usize::from(extra.contains("keyframe")),
                ));
            }
            let t = track(id as u32 + rng.below(2) as u32, &body);
            tracks.push(match rng.below(8) {
                0 => t.replace("car", "bus"),
                1 => format!("{t}  <!-- c -->\n"),
                _ => t,
            });
        }
        let mut bytes = document(&tracks).into_bytes();
        for _ in 0..rng.below(3) {
            let at = rng.below(bytes.len());
            let edit = rng.pick(&[
                "<",
                ">",
                "&",
                "\"",
                "\n",
                "</track>",
                "<!--",
                "-->",
                "<![CDATA[",
                "]]>",
                " frame=\"2\"",
                "\u{e9}",
                "\r",
            ]);
            match rng.below(3) {
                0 => {
                    bytes.remove(at);
                }
                1 => {
                    let end = (at + rng.below(30)).min(bytes.len());
                    bytes.drain(at..end);
                }
                _ => {
                    bytes.splice(at..at, edit.bytes());
                }
            }
        }
        bytes
    }

    proptest::proptest! {
        #[test]
        fn parallel_read_agrees_with_the_sequential_parser(seed in proptest::num::u64::ANY) {
            let mut rng = Rng(seed);
            let _ = agree(&random_document(&mut rng));
        }
    }
}
