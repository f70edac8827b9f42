//! Laws of the geometry algorithms, checked on random shapes, including NaN and infinite
//! numbers wherever a type lets them in.

use geo::Area as _;
use proptest::prelude::*;
use vframe_geom::algorithm::{
    Area, Bounds, ClipToFrame, HitTest, Iou, Matrix3, Orient, Simplify, Transform, Validity,
    Winding, pick_hit,
};
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

/// Any f64 at all: NaN, infinities, subnormals, huge and tiny.
fn any_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        proptest::num::f64::ANY,
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        -1e3..1e3f64,
    ]
}

/// Any finite f64, the full range (what checked polygons may hold).
fn finite_f64() -> impl Strategy<Value = f64> {
    prop_oneof![
        proptest::num::f64::NORMAL | proptest::num::f64::ZERO | proptest::num::f64::SUBNORMAL,
        Just(f64::MAX),
        Just(f64::MIN),
        -1e3..1e3f64,
        (-10i32..10).prop_map(f64::from),
    ]
}

fn any_box() -> impl Strategy<Value = BoundingBox> {
    (any_f64(), any_f64(), any_f64(), any_f64()).prop_map(|(left, top, width, height)| {
        BoundingBox {
            left,
            top,
            width,
            height,
        }
    })
}

fn sane_box() -> impl Strategy<Value = BoundingBox> {
    (-1e3..1e3f64, -1e3..1e3f64, 1e-3..1e3f64, 1e-3..1e3f64)
        .prop_map(|(l, t, w, h)| BoundingBox::new(l, t, w, h).unwrap())
}

fn any_points(min: usize) -> impl Strategy<Value = Vec<Point>> {
    // Small integer grids make repeats, collinear runs and touching edges likely.
    let coord = prop_oneof![finite_f64(), (-3i32..3).prop_map(f64::from)];
    prop::collection::vec(
        (coord.clone(), coord).prop_map(|(x, y)| Point::new(x, y)),
        min..24,
    )
}

fn any_polygon() -> impl Strategy<Value = Polygon> {
    any_points(3).prop_filter_map("too few vertices", |v| Polygon::new(v).ok())
}

/// Polygons whose area does not overflow: coordinates within ±1e6, or a small grid.
fn moderate_polygon() -> impl Strategy<Value = Polygon> {
    let coord = prop_oneof![-1e6..1e6f64, (-3i32..3).prop_map(f64::from)];
    prop::collection::vec(
        (coord.clone(), coord).prop_map(|(x, y)| Point::new(x, y)),
        3..24,
    )
    .prop_filter_map("too few vertices", |v| Polygon::new(v).ok())
}

fn any_polyline() -> impl Strategy<Value = Polyline> {
    any_points(2).prop_filter_map("too few vertices", |v| Polyline::new(v).ok())
}

/// A simple, non-degenerate star polygon: vertices at increasing angles around a centre.
fn star_polygon() -> impl Strategy<Value = Polygon> {
    (
        3usize..40,
        -500.0..500.0f64,
        -500.0..500.0f64,
        1.0..200.0f64,
        any::<bool>(),
    )
        .prop_flat_map(|(n, cx, cy, r, reverse)| {
            (
                prop::collection::vec((0.2..1.0f64, 0.0..0.9f64), n),
                Just((cx, cy, r, reverse)),
            )
        })
        .prop_map(|(radii, (cx, cy, r, reverse))| {
            let n = radii.len() as f64;
            let mut v: Vec<Point> = radii
                .iter()
                .enumerate()
                .map(|(i, &(k, jitter))| {
                    let a = (i as f64 + jitter) / n * std::f64::consts::TAU;
                    Point::new(cx + r * k * a.cos(), cy + r * k * a.sin())
                })
                .collect();
            if reverse {
                v.reverse();
            }
            Polygon::new(v).unwrap()
        })
}

/// A convex polygon: vertices on a circle at increasing angles, maybe with a repeated vertex.
fn convex_polygon() -> impl Strategy<Value = Polygon> {
    (
        3usize..30,
        -300.0..300.0f64,
        -300.0..300.0f64,
        1.0..200.0f64,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_flat_map(|(n, cx, cy, r, reverse, repeat)| {
            (
                prop::collection::vec(0.0..0.9f64, n),
                Just((cx, cy, r, reverse, repeat)),
            )
        })
        .prop_map(|(jitter, (cx, cy, r, reverse, repeat))| {
            let n = jitter.len() as f64;
            let mut v: Vec<Point> = jitter
                .iter()
                .enumerate()
                .map(|(i, &j)| {
                    let a = (i as f64 + j) / n * std::f64::consts::TAU;
                    Point::new(cx + r * a.cos(), cy + r * a.sin())
                })
                .collect();
            if repeat {
                v.insert(1, v[1]);
            }
            if reverse {
                v.reverse();
            }
            Polygon::new(v).unwrap()
        })
}

fn any_shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        any_box().prop_map(Shape::from),
        any_polygon().prop_map(Shape::from),
        any_polyline().prop_map(Shape::from),
        (any_f64(), any_f64()).prop_map(|(x, y)| Shape::from(Keypoint { x, y })),
    ]
}

fn any_matrix() -> impl Strategy<Value = Matrix3<f64>> {
    prop::collection::vec(any_f64(), 9).prop_map(|v| Matrix3::from_row_slice(&v))
}

/// Near-identity projective maps: invertible and keeping `w` well away from zero on the
/// shapes generated here.
fn gentle_projective() -> impl Strategy<Value = Matrix3<f64>> {
    (
        prop::collection::vec(-0.5..0.5f64, 4),
        (-100.0..100.0f64, -100.0..100.0f64),
        (-1e-4..1e-4f64, -1e-4..1e-4f64),
    )
        .prop_map(|(a, (tx, ty), (px, py))| {
            Matrix3::new(1.0 + a[0], a[1], tx, a[2], 1.0 + a[3], ty, px, py, 1.0)
        })
}

/// How far geo's boolean operations may be off in area: i_overlay snaps vertices to an
/// integer grid about `span / 2^30` fine, so the area moves by up to about perimeter times
/// that, bounded here by `8 span² / 2^30`.
fn geo_grid_error(b: &BoundingBox, p: &Polygon) -> f64 {
    let pb = p.bounds();
    let x = b.right().max(pb.right()) - b.left.min(pb.left);
    let y = b.bottom().max(pb.bottom()) - b.top.min(pb.top);
    let span = x.max(y);
    8.0 * span * span / f64::from(1u32 << 30) + 1e-12
}

fn close(a: Point, b: Point, scale: f64) -> bool {
    (a.x - b.x).abs() <= 1e-7 * scale && (a.y - b.y).abs() <= 1e-7 * scale
}

fn scale_of(v: &[Point]) -> f64 {
    v.iter().fold(1.0, |m, p| m.max(p.x.abs()).max(p.y.abs()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn no_algorithm_panics_on_any_input(
        a in any_shape(),
        b in any_shape(),
        frame in any_box(),
        p in (any_f64(), any_f64()),
        tolerance in any_f64(),
        m in any_matrix(),
    ) {
        let p = Point::new(p.0, p.1);
        let _ = (a.signed_area(), a.unsigned_area(), a.bounds());
        let iou = a.iou(&b);
        prop_assert!((0.0..=1.0).contains(&iou), "iou {iou}");
        let _ = a.clip_to_frame(&frame);
        let _ = (a.hit(p, tolerance), a.distance_to(p), a.contains(p));
        let _ = pick_hit(&[a.clone(), b.clone()], p, tolerance);
        let _ = a.simplify(tolerance);
        let _ = a.transform(&m);
        let _ = (a.issues(), a.winding(), a.make_ccw(), a.make_cw());
    }

    #[test]
    fn polygon_iou_never_panics_on_extreme_coordinates(a in any_polygon(), b in any_polygon()) {
        // Bounds must overlap for geo's boolean operations to run at all, so half the time
        // `b` is `a` shifted by a little.
        let iou = a.iou(&b);
        prop_assert!((0.0..=1.0).contains(&iou));
        let near: Vec<Point> = a.vertices().iter().map(|p| Point::new(p.x * 0.5 + 1.0, p.y)).collect();
        if let Ok(near) = Polygon::new(near) {
            let iou = a.iou(&near);
            prop_assert!((0.0..=1.0).contains(&iou));
        }
    }

    #[test]
    fn box_iou_is_symmetric_and_in_unit_range(a in any_box(), b in any_box()) {
        let (ab, ba) = (a.iou(&b), b.iou(&a));
        prop_assert_eq!(ab.to_bits(), ba.to_bits());
        prop_assert!((0.0..=1.0).contains(&ab));
    }

    #[test]
    fn polygon_iou_is_symmetric_and_in_unit_range(a in star_polygon(), b in star_polygon()) {
        let (ab, ba) = (a.iou(&b), b.iou(&a));
        prop_assert_eq!(ab.to_bits(), ba.to_bits());
        prop_assert!((0.0..=1.0).contains(&ab));
    }

    #[test]
    fn box_polygon_iou_is_symmetric_and_in_unit_range(a in any_box(), b in any_polygon()) {
        let (ab, ba) = (a.iou(&b), b.iou(&a));
        prop_assert_eq!(ab.to_bits(), ba.to_bits());
        prop_assert!((0.0..=1.0).contains(&ab));
    }

    #[test]
    fn box_iou_with_itself_is_exactly_one(a in sane_box()) {
        prop_assert_eq!(a.iou(&a), 1.0);
    }

    #[test]
    fn polygon_iou_with_itself_is_one(a in star_polygon()) {
        prop_assert!((a.iou(&a) - 1.0).abs() < 1e-6, "{}", a.iou(&a));
    }

    #[test]
    fn box_polygon_overlap_matches_geos_boolean_operations(b in sane_box(), p in star_polygon()) {
        let as_polygon = Polygon::try_from(geo::Polygon::from(b)).unwrap();
        let exact = b.intersection_area(&p);
        let via_geo = as_polygon.intersection_area(&p);
        prop_assert!((exact - via_geo).abs() <= geo_grid_error(&b, &p), "{exact} vs {via_geo}");
    }

    #[test]
    fn convex_polygon_overlap_matches_geos_boolean_operations(
        a in prop_oneof![convex_polygon(), star_polygon()],
        b in convex_polygon(),
    ) {
        let ours = a.intersection_area(&b);
        let (ga, gb) = (geo::Polygon::from(a.clone()), geo::Polygon::from(b.clone()));
        let theirs = geo::BooleanOps::intersection(&ga, &gb).unsigned_area();
        prop_assert!((ours - theirs).abs() <= geo_grid_error(&a.bounds(), &b), "{ours} vs {theirs}");
        prop_assert!((b.iou(&b) - 1.0).abs() < 1e-9);
        prop_assert_eq!(a.iou(&b).to_bits(), b.iou(&a).to_bits());
    }

    #[test]
    fn polygon_area_equals_geos(a in moderate_polygon()) {
        let ours = a.signed_area();
        let theirs = geo::Polygon::from(a.clone()).signed_area();
        prop_assume!(ours.is_finite() && theirs.is_finite());
        let scale = ours.abs().max(theirs.abs()).max(1e-300);
        prop_assert!((ours - theirs).abs() <= 1e-9 * scale + 1e-12, "{ours} vs {theirs}");
    }

    #[test]
    fn transforms_compose(a in star_polygon(), t1 in gentle_projective(), t2 in gentle_projective()) {
        let stepwise = a.transform(&t1).and_then(|x| x.transform(&t2));
        let at_once = a.transform(&(t2 * t1));
        prop_assume!(stepwise.is_ok());
        let (s, o) = (stepwise.unwrap(), at_once.unwrap());
        let scale = scale_of(s.vertices());
        for (p, q) in s.vertices().iter().zip(o.vertices()) {
            prop_assert!(close(*p, *q, scale), "{p:?} vs {q:?}");
        }
    }

    #[test]
    fn axis_aligned_box_transforms_compose(
        b in sane_box(),
        s1 in (-3.0..3.0f64, -3.0..3.0f64, -50.0..50.0f64, -50.0..50.0f64),
        s2 in (-3.0..3.0f64, -3.0..3.0f64, -50.0..50.0f64, -50.0..50.0f64),
    ) {
        let t1 = Matrix3::new(s1.0, 0.0, s1.2, 0.0, s1.1, s1.3, 0.0, 0.0, 1.0);
        let t2 = Matrix3::new(s2.0, 0.0, s2.2, 0.0, s2.1, s2.3, 0.0, 0.0, 1.0);
        let s = b.transform(&t1).unwrap().transform(&t2).unwrap();
        let o = b.transform(&(t2 * t1)).unwrap();
        for (x, y) in [(s.left, o.left), (s.top, o.top), (s.width, o.width), (s.height, o.height)] {
            prop_assert!((x - y).abs() < 1e-9 * (1.0 + x.abs()), "{s:?} vs {o:?}");
        }
    }

    #[test]
    fn inverse_transform_restores(a in star_polygon(), k in (-500.0..500.0f64, -500.0..500.0f64), t in gentle_projective()) {
        let inv = t.try_inverse().unwrap();
        let back = a.transform(&t).and_then(|x| x.transform(&inv));
        prop_assume!(back.is_ok());
        let back = back.unwrap();
        let scale = scale_of(a.vertices());
        for (p, q) in a.vertices().iter().zip(back.vertices()) {
            prop_assert!(close(*p, *q, scale), "{p:?} vs {q:?}");
        }
        let kp = Keypoint::new(k.0, k.1).unwrap();
        if let Ok(back) = kp.transform(&t).and_then(|x| x.transform(&inv)) {
            prop_assert!(close(kp.point(), back.point(), 1e3));
        }
    }

    #[test]
    fn simplified_polyline_keeps_endpoints_and_never_grows(l in any_polyline(), eps in any_f64()) {
        let s = l.simplify(eps);
        prop_assert!(s.vertices().len() <= l.vertices().len());
        prop_assert_eq!(s.vertices().first(), l.vertices().first());
        prop_assert_eq!(s.vertices().last(), l.vertices().last());
    }

    #[test]
    fn simplified_polygon_keeps_vertex_zero_never_grows_and_stays_simple(a in star_polygon(), eps in 0.0..50.0f64) {
        let s = a.simplify(eps);
        prop_assert!(s.vertices().len() <= a.vertices().len());
        prop_assert!(s.vertices().len() >= 3);
        prop_assert_eq!(s.vertices().first(), a.vertices().first());
        prop_assert!(s.is_valid(), "{:?}", s.issues());
    }

    #[test]
    fn simplified_polygon_never_grows_on_any_input(a in any_polygon(), eps in any_f64()) {
        let s = a.simplify(eps);
        prop_assert!(s.vertices().len() <= a.vertices().len());
        prop_assert!(s.vertices().len() >= 3);
    }

    #[test]
    fn clipped_shapes_lie_inside_the_frame(a in any_shape(), frame in sane_box()) {
        let inside = |p: &Point| {
            p.x >= frame.left && p.x <= frame.right() && p.y >= frame.top && p.y <= frame.bottom()
        };
        for piece in a.clip_to_frame(&frame) {
            let ok = match &piece {
                Shape::BoundingBox(b) => inside(&Point::new(b.left, b.top)) && inside(&Point::new(b.right(), b.bottom())),
                Shape::Polygon { vertices } => vertices.vertices().iter().all(inside),
                Shape::Polyline { vertices } => vertices.vertices().iter().all(inside),
                Shape::Keypoint(k) => inside(&k.point()),
            };
            prop_assert!(ok, "{piece:?} outside {frame:?}");
        }
    }

    #[test]
    fn clipped_polygon_area_is_its_overlap_with_the_frame(a in star_polygon(), frame in sane_box()) {
        let clipped = a.clip_to_frame(&frame).map_or(0.0, |c| c.unsigned_area());
        let overlap = frame.intersection_area(&a);
        prop_assert_eq!(clipped, overlap);
        prop_assert!(clipped <= a.unsigned_area() * (1.0 + 1e-12));
        let via_geo = Polygon::try_from(geo::Polygon::from(frame)).unwrap().intersection_area(&a);
        prop_assert!((clipped - via_geo).abs() <= geo_grid_error(&frame, &a), "{clipped} vs {via_geo}");
    }

    #[test]
    fn hits_are_within_tolerance(a in any_shape(), p in (-600.0..600.0f64, -600.0..600.0f64), tol in 0.0..20.0f64) {
        let p = Point::new(p.0, p.1);
        if let Some(hit) = a.hit(p, tol) {
            prop_assert!(hit.distance <= tol);
            prop_assert!(a.distance_to(p) <= hit.distance);
        }
    }

    #[test]
    fn star_polygons_are_valid_in_both_windings(a in star_polygon()) {
        prop_assert!(a.is_valid(), "{:?}", a.issues());
        let r = a.reversed();
        prop_assert!(r.is_valid());
        prop_assert_eq!(r.vertices()[0], a.vertices()[0]);
        prop_assert_eq!(a.make_ccw().winding(), Winding::CounterClockwise);
        prop_assert_eq!(a.make_cw().winding(), Winding::Clockwise);
    }
}
