//! Laws of interpolation: exact at both ends, finite in between, counts as promised,
//! alignment that undoes a redrawn start vertex or winding.

use proptest::prelude::*;
use vframe_geom::algorithm::{
    Correspondence, Interpolate, InterpolationOptions, InterpolationPair, VertexCount,
};
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

fn coord() -> impl Strategy<Value = f64> {
    prop_oneof![
        -2000.0..2000.0f64,
        // Integer pixels, so repeated vertices and zero-length edges occur often.
        (-3i32..3).prop_map(f64::from),
    ]
}

fn point() -> impl Strategy<Value = Point> {
    (coord(), coord()).prop_map(|(x, y)| Point::new(x, y))
}

fn polyline() -> impl Strategy<Value = Polyline> {
    prop::collection::vec(point(), 2..12).prop_map(|v| Polyline::new(v).unwrap())
}

fn polygon() -> impl Strategy<Value = Polygon> {
    prop::collection::vec(point(), 4..12)
        .prop_filter_map("needs three vertices once opened", |v| Polygon::new(v).ok())
}

fn bbox() -> impl Strategy<Value = BoundingBox> {
    (coord(), coord(), 0.0..500.0f64, 0.0..500.0f64)
        .prop_map(|(l, t, w, h)| BoundingBox::new(l, t, w, h).unwrap())
}

fn vertex_count() -> impl Strategy<Value = VertexCount> {
    prop_oneof![
        Just(VertexCount::Union),
        Just(VertexCount::Max),
        (0usize..40).prop_map(VertexCount::Fixed),
    ]
}

fn options() -> impl Strategy<Value = InterpolationOptions> {
    (vertex_count(), any::<bool>()).prop_map(|(c, align)| {
        InterpolationOptions::default()
            .with_vertex_count(c)
            .with_polygon_alignment(align)
    })
}

fn shape_pair() -> impl Strategy<Value = (Shape, Shape)> {
    prop_oneof![
        (bbox(), bbox()).prop_map(|(a, b)| (a.into(), b.into())),
        (point(), point()).prop_map(|(a, b)| (Keypoint::from(a).into(), Keypoint::from(b).into())),
        (polyline(), polyline()).prop_map(|(a, b)| (a.into(), b.into())),
        (polygon(), polygon()).prop_map(|(a, b)| (a.into(), b.into())),
    ]
}

fn vertices(s: &Shape) -> Vec<Point> {
    match s {
        Shape::BoundingBox(b) => vec![Point::new(b.left, b.top), Point::new(b.width, b.height)],
        Shape::Keypoint(k) => vec![k.point()],
        Shape::Polyline { vertices } => vertices.vertices().to_vec(),
        Shape::Polygon { vertices } => vertices.vertices().to_vec(),
    }
}

proptest! {
    #[test]
    fn interpolation_equals_the_keyframes_exactly_at_both_ends(
        (a, b) in shape_pair(), opts in options()
    ) {
        let pair = InterpolationPair::new(&a, &b, opts).unwrap();
        prop_assert_eq!(pair.at(0.0), a);
        prop_assert_eq!(pair.at(1.0), b);
    }

    #[test]
    fn in_between_shapes_are_finite_and_valid((a, b) in shape_pair(), opts in options(), t in 0.0..1.0f64) {
        let s = InterpolationPair::new(&a, &b, opts).unwrap().at(t);
        prop_assert!(s.check().is_ok());
        prop_assert!(vertices(&s).iter().all(Point::is_finite));
    }

    #[test]
    fn union_count_lies_between_max_and_sum(a in polygon(), b in polygon()) {
        let c = Correspondence::polygon(&a, &b, InterpolationOptions::default());
        let (n, m) = (a.vertices().len(), b.vertices().len());
        prop_assert!(c.len() >= n.max(m) && c.len() <= n + m, "{} of {n}, {m}", c.len());
    }

    #[test]
    fn max_count_is_max_of_both(a in polyline(), b in polyline()) {
        let o = InterpolationOptions::default().with_vertex_count(VertexCount::Max);
        let c = Correspondence::polyline(&a, &b, o);
        prop_assert_eq!(c.len(), a.vertices().len().max(b.vertices().len()));
    }

    #[test]
    fn polyline_ends_travel_straight_from_end_to_end(a in polyline(), b in polyline(), t in 0.0..1.0f64) {
        let s = a.interpolate(&b, t);
        let (first, last) = (s.vertices()[0], s.vertices()[s.vertices().len() - 1]);
        prop_assert_eq!(first, a.vertices()[0].interpolate(&b.vertices()[0], t));
        let (al, bl) = (a.vertices()[a.vertices().len() - 1], b.vertices()[b.vertices().len() - 1]);
        prop_assert_eq!(last, al.interpolate(&bl, t));
    }

    #[test]
    fn redrawn_polygon_from_another_start_and_direction_stays_put(
        v in prop::collection::vec((0u8..50, 0u8..50), 3..9), shift in 0usize..9, reverse in any::<bool>()
    ) {
        // Distinct vertices on a convex ring, so the best alignment is unique.
        let n = v.len();
        let ring: Vec<Point> = (0..n).map(|i| {
            let a = i as f64 / n as f64 * std::f64::consts::TAU;
            Point::new(100.0 * a.cos() + f64::from(v[i].0) / 100.0, 100.0 * a.sin() + f64::from(v[i].1) / 100.0)
        }).collect();
        let mut redrawn: Vec<Point> = (0..n).map(|i| ring[(i + shift) % n]).collect();
        if reverse {
            redrawn.reverse();
        }
        let a = Polygon::new(ring.clone()).unwrap();
        let b = Polygon::new(redrawn).unwrap();
        let middle = a.interpolate(&b, 0.5);
        prop_assert_eq!(middle.vertices(), &ring[..]);
    }

    #[test]
    fn box_interpolation_is_monotone_in_each_field(a in bbox(), b in bbox(), t in 0.0..1.0f64, u in 0.0..1.0f64) {
        let (t, u) = if t <= u { (t, u) } else { (u, t) };
        let (x, y) = (a.interpolate(&b, t), a.interpolate(&b, u));
        let towards = |p: f64, q: f64, from: f64, to: f64| if from <= to { p <= q + 1e-9 } else { p + 1e-9 >= q };
        prop_assert!(towards(x.left, y.left, a.left, b.left));
        prop_assert!(towards(x.width, y.width, a.width, b.width));
    }
}

#[test]
fn polygon_and_box_cannot_be_paired() {
    let a: Shape = BoundingBox::new(0.0, 0.0, 1.0, 1.0).unwrap().into();
    let b: Shape = Polygon::new(vec![
        Point::new(0.0, 0.0),
        Point::new(1.0, 0.0),
        Point::new(0.0, 1.0),
    ])
    .unwrap()
    .into();
    let err = InterpolationPair::new(&a, &b, InterpolationOptions::default()).unwrap_err();
    assert!(
        err.to_string().contains("bounding box and a polygon"),
        "{err}"
    );
}
