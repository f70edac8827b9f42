//! Draws the pictures of `docs/interpolation.md`: in-between frames of a few keyframe pairs,
//! by vframe's interpolation and by a port of CVAT's, side by side. Plain SVG text, no
//! dependency.
//!
//! Run from the workspace root: `cargo run -p vframe-benches --example interpolation_pictures`
//! (writes `docs/img/interpolation-*.svg`).

use std::fmt::Write as _;

use vframe_geom::algorithm::{Interpolate, InterpolationOptions, InterpolationPair, VertexCount};
use vframe_geom::{BoundingBox, Point, Polygon, Polyline, Shape};

const STEPS: [f64; 3] = [0.25, 0.5, 0.75];
const PANEL: f64 = 340.0;

fn p(x: f64, y: f64) -> Point {
    Point::new(x, y)
}

/// CVAT's polygon/polyline interpolation (`TrackManager` on the server), ported from its
/// description in `shared/anchors.md` §2.1: nearest arc-length matching both ways, every
/// match emitted, then runs thinned. A zero total length is guarded here only so the
/// pictures never hold NaN; CVAT divides by it.
fn cvat(left: &[Point], right: &[Point], closed: bool, t: f64) -> Vec<Point> {
    let close = |v: &[Point]| {
        let mut v = v.to_vec();
        if closed {
            v.push(v[0]);
        }
        v
    };
    let (l, r) = (close(left), close(right));
    let params = |v: &[Point]| {
        let mut acc = vec![0.0];
        for w in v.windows(2) {
            acc.push(acc[acc.len() - 1] + dist(w[0], w[1]));
        }
        let total = acc[acc.len() - 1].max(f64::MIN_POSITIVE);
        acc.into_iter().map(|a| a / total).collect::<Vec<f64>>()
    };
    let (u, v) = (params(&l), params(&r));
    let nearest = |x: f64, ys: &[f64]| {
        let mut best = 0;
        for (j, y) in ys.iter().enumerate() {
            if (y - x).abs() < (ys[best] - x).abs() {
                best = j;
            }
        }
        best
    };
    let mut owned: Vec<Vec<usize>> = u.iter().map(|&ui| vec![nearest(ui, &v)]).collect();
    for (j, &vj) in v.iter().enumerate() {
        if !owned.iter().any(|m| m.contains(&j)) {
            owned[nearest(vj, &u)].push(j);
        }
    }
    for m in &mut owned {
        m.sort_unstable();
        m.dedup();
    }
    let blend = |a: Point, b: Point| p(a.x + t * (b.x - a.x), a.y + t * (b.y - a.y));
    let mut out = Vec::new();
    let mut i = 0;
    while i < l.len() {
        if owned[i].len() > 1 {
            let pts: Vec<Point> = owned[i].iter().map(|&j| blend(l[i], r[j])).collect();
            let (a, b) = (owned[i][0], owned[i][owned[i].len() - 1]);
            let len: f64 = r[a..=b].windows(2).map(|w| dist(w[0], w[1])).sum();
            out.extend(thin(&pts, len / (2.0 * pts.len() as f64)));
            i += 1;
            continue;
        }
        let j = owned[i][0];
        let mut end = i;
        while end + 1 < l.len() && owned[end + 1].len() == 1 && owned[end + 1][0] == j {
            end += 1;
        }
        let pts: Vec<Point> = (i..=end).map(|k| blend(l[k], r[j])).collect();
        if pts.len() == 1 {
            out.extend(pts);
        } else {
            let len: f64 = l[i..=end].windows(2).map(|w| dist(w[0], w[1])).sum();
            out.extend(thin(&pts, len / (2.0 * pts.len() as f64)));
        }
        i = end + 1;
    }
    if closed {
        out.pop();
    }
    out
}

fn thin(pts: &[Point], d: f64) -> Vec<Point> {
    let mut kept = vec![pts[0]];
    for &q in &pts[1..pts.len() - 1] {
        if dist(kept[kept.len() - 1], q) >= d {
            kept.push(q);
        }
    }
    kept.push(pts[pts.len() - 1]);
    if kept.len() == 2 && dist(kept[0], kept[1]) < d {
        return vec![p(
            (kept[0].x + kept[1].x) / 2.0,
            (kept[0].y + kept[1].y) / 2.0,
        )];
    }
    kept
}

fn dist(a: Point, b: Point) -> f64 {
    (a.x - b.x).hypot(a.y - b.y)
}

struct Svg {
    body: String,
    panels: usize,
}

impl Svg {
    fn new() -> Self {
        Self {
            body: String::new(),
            panels: 0,
        }
    }

    fn panel(&mut self, title: &str, shapes: &[(Vec<Point>, bool, &str, f64)]) {
        let dx = self.panels as f64 * PANEL;
        let _ = writeln!(
            self.body,
            r##"<text x="{:.1}" y="18" font-family="sans-serif" font-size="13">{title}</text>"##,
            dx + 10.0
        );
        for (points, closed, colour, width) in shapes {
            let pts: Vec<String> = points
                .iter()
                .map(|q| format!("{:.2},{:.2}", q.x + dx, q.y))
                .collect();
            let tag = if *closed { "polygon" } else { "polyline" };
            let _ = writeln!(
                self.body,
                r##"<{tag} points="{}" fill="none" stroke="{colour}" stroke-width="{width}"/>"##,
                pts.join(" ")
            );
            for q in points {
                let _ = writeln!(
                    self.body,
                    r##"<circle cx="{:.2}" cy="{:.2}" r="2.2" fill="{colour}"/>"##,
                    q.x + dx,
                    q.y
                );
            }
        }
        self.panels += 1;
    }

    fn write(&self, path: &str) {
        let svg = format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{:.0}\" height=\"300\" viewBox=\"0 0 {:.0} 300\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n{}</svg>\n",
            PANEL * self.panels as f64,
            PANEL * self.panels as f64,
            self.body
        );
        std::fs::write(path, svg).unwrap_or_else(|e| panic!("{path}: {e}"));
        println!("wrote {path}");
    }
}

const LEFT: &str = "#1f5fbf";
const RIGHT: &str = "#c0392b";
const MID: &str = "#7f8c8d";

fn vertices(s: &Shape) -> Vec<Point> {
    match s {
        Shape::Polygon { vertices } => vertices.vertices().to_vec(),
        Shape::Polyline { vertices } => vertices.vertices().to_vec(),
        Shape::BoundingBox(b) => vec![
            p(b.left, b.top),
            p(b.right(), b.top),
            p(b.right(), b.bottom()),
            p(b.left, b.bottom()),
        ],
        Shape::Keypoint(k) => vec![k.point()],
    }
}

fn ours(
    a: &Shape,
    b: &Shape,
    closed: bool,
    options: InterpolationOptions,
) -> Vec<(Vec<Point>, bool, &'static str, f64)> {
    let pair = InterpolationPair::new(a, b, options).unwrap_or_else(|e| panic!("{e}"));
    let mut out = vec![
        (vertices(a), closed, LEFT, 2.0),
        (vertices(b), closed, RIGHT, 2.0),
    ];
    out.extend(
        STEPS
            .iter()
            .map(|&t| (vertices(&pair.at(t)), closed, MID, 1.0)),
    );
    out
}

fn theirs(a: &[Point], b: &[Point], closed: bool) -> Vec<(Vec<Point>, bool, &'static str, f64)> {
    let mut out = vec![
        (a.to_vec(), closed, LEFT, 2.0),
        (b.to_vec(), closed, RIGHT, 2.0),
    ];
    out.extend(
        STEPS
            .iter()
            .map(|&t| (cvat(a, b, closed, t), closed, MID, 1.0)),
    );
    out
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "docs/img".to_owned());

    // Boxes: both tools blend the four numbers linearly.
    let a = BoundingBox::new(30.0, 60.0, 80.0, 60.0).unwrap();
    let b = BoundingBox::new(200.0, 150.0, 110.0, 120.0).unwrap();
    let mut svg = Svg::new();
    let mut shapes = vec![
        (vertices(&a.into()), true, LEFT, 2.0),
        (vertices(&b.into()), true, RIGHT, 2.0),
    ];
    shapes.extend(
        STEPS
            .iter()
            .map(|&t| (vertices(&a.interpolate(&b, t).into()), true, MID, 1.0)),
    );
    svg.panel("box: vframe = CVAT (linear)", &shapes);
    svg.write(&format!("{dir}/interpolation-box.svg"));

    // A square redrawn as a hexagon starting from another corner, in the other direction.
    let square = vec![
        p(60.0, 60.0),
        p(180.0, 60.0),
        p(180.0, 180.0),
        p(60.0, 180.0),
    ];
    let hexagon: Vec<Point> = (0..6)
        .map(|i| {
            let ang = -(i as f64) * std::f64::consts::TAU / 6.0 + 2.0;
            p(210.0 + 80.0 * ang.cos(), 170.0 + 80.0 * ang.sin())
        })
        .collect();
    let (sq, hx): (Shape, Shape) = (
        Polygon::new(square.clone()).unwrap().into(),
        Polygon::new(hexagon.clone()).unwrap().into(),
    );
    let mut svg = Svg::new();
    svg.panel(
        "polygon 4 -> 6, other start and winding: vframe",
        &ours(&sq, &hx, true, InterpolationOptions::default()),
    );
    svg.panel(
        "vframe, stable count max(n, m)",
        &ours(
            &sq,
            &hx,
            true,
            InterpolationOptions::default().with_vertex_count(VertexCount::Max),
        ),
    );
    svg.panel("CVAT (port)", &theirs(&square, &hexagon, true));
    svg.write(&format!("{dir}/interpolation-polygon.svg"));

    // The same square redrawn from its third corner, counter-clockwise (same vertex count).
    let redrawn = vec![
        p(230.0, 200.0),
        p(230.0, 80.0),
        p(110.0, 80.0),
        p(110.0, 200.0),
    ];
    let (sq2, re): (Shape, Shape) = (
        Polygon::new(square.clone()).unwrap().into(),
        Polygon::new(redrawn.clone()).unwrap().into(),
    );
    let mut svg = Svg::new();
    svg.panel(
        "square moved, redrawn reversed: vframe",
        &ours(&sq2, &re, true, InterpolationOptions::default()),
    );
    svg.panel("CVAT (port)", &theirs(&square, &redrawn, true));
    svg.write(&format!("{dir}/interpolation-winding.svg"));

    // A polyline gaining vertices: 3 -> 7.
    let line_a = vec![p(30.0, 200.0), p(150.0, 120.0), p(300.0, 200.0)];
    let line_b: Vec<Point> = (0..7)
        .map(|i| {
            p(
                40.0 + 45.0 * i as f64,
                120.0 + if i % 2 == 0 { 0.0 } else { 60.0 },
            )
        })
        .collect();
    let (la, lb): (Shape, Shape) = (
        Polyline::new(line_a.clone()).unwrap().into(),
        Polyline::new(line_b.clone()).unwrap().into(),
    );
    let mut svg = Svg::new();
    svg.panel(
        "polyline 3 -> 7: vframe",
        &ours(&la, &lb, false, InterpolationOptions::default()),
    );
    svg.panel("CVAT (port)", &theirs(&line_a, &line_b, false));
    svg.write(&format!("{dir}/interpolation-polyline.svg"));
}
