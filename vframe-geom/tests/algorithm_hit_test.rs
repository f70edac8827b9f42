//! `HitTest` and `pick_hit`: degenerate cases first, then the normal ones.

use vframe_geom::algorithm::{Hit, HitPart, HitTest, pick_hit};
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

fn poly(pts: &[(f64, f64)]) -> Polygon {
    Polygon::new(pts.iter().map(|&p| p.into()).collect()).unwrap()
}

fn part(h: Option<Hit>) -> Option<HitPart> {
    h.map(|h| h.part)
}

#[test]
fn non_finite_point_hits_nothing() {
    let b = BoundingBox::new(0.0, 0.0, 10.0, 10.0).unwrap();
    assert_eq!(b.hit(Point::new(f64::NAN, 1.0), 5.0), None);
    assert_eq!(b.hit(Point::new(f64::INFINITY, 1.0), 5.0), None);
    assert!(b.distance_to(Point::new(f64::NAN, 1.0)).is_nan());
}

#[test]
fn nan_tolerance_counts_as_zero() {
    let k = Keypoint::new(1.0, 1.0).unwrap();
    assert_eq!(
        part(k.hit(Point::new(1.0, 1.0), f64::NAN)),
        Some(HitPart::Vertex(0))
    );
    assert_eq!(k.hit(Point::new(1.5, 1.0), f64::NAN), None);
    assert_eq!(k.hit(Point::new(1.5, 1.0), -3.0), None);
}

#[test]
fn zero_size_box_is_hit_on_its_corner() {
    let b = BoundingBox::new(5.0, 5.0, 0.0, 0.0).unwrap();
    assert_eq!(
        part(b.hit(Point::new(5.5, 5.0), 1.0)),
        Some(HitPart::Vertex(0))
    );
}

#[test]
fn box_with_negative_size_is_never_hit() {
    let b = BoundingBox {
        left: 0.0,
        top: 0.0,
        width: -5.0,
        height: 5.0,
    };
    assert_eq!(b.hit(Point::new(0.0, 0.0), 10.0), None);
}

#[test]
fn repeated_vertices_report_the_first_of_the_nearest() {
    let l = Polyline::new(vec![
        Point::new(0.0, 0.0),
        Point::new(0.0, 0.0),
        Point::new(9.0, 0.0),
    ])
    .unwrap();
    assert_eq!(
        part(l.hit(Point::new(0.5, 0.0), 1.0)),
        Some(HitPart::Vertex(0))
    );
}

#[test]
fn zero_length_edge_is_hit_like_a_point() {
    let l = Polyline::new(vec![Point::new(3.0, 3.0), Point::new(3.0, 3.0)]).unwrap();
    assert_eq!(l.distance_to(Point::new(6.0, 7.0)), 5.0);
}

#[test]
fn collinear_polygon_has_no_inside() {
    let p = poly(&[(0.0, 0.0), (5.0, 0.0), (10.0, 0.0)]);
    assert_eq!(p.hit(Point::new(2.5, 3.0), 1.0), None);
    assert_eq!(
        part(p.hit(Point::new(2.5, 0.5), 1.0)),
        Some(HitPart::Edge(0))
    );
}

#[test]
fn reversed_winding_has_the_same_inside() {
    let a = poly(&[(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)]);
    let b = poly(&[(0.0, 10.0), (10.0, 0.0), (0.0, 0.0)]);
    let p = Point::new(2.0, 2.0);
    assert_eq!(part(a.hit(p, 0.5)), Some(HitPart::Inside));
    assert_eq!(part(b.hit(p, 0.5)), Some(HitPart::Inside));
}

#[test]
fn vertex_beats_edge_and_inside() {
    let p = poly(&[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]);
    let h = p.hit(Point::new(9.0, 1.0), 2.0).unwrap();
    assert_eq!(h.part, HitPart::Vertex(1));
    assert!((h.distance - 2.0_f64.sqrt()).abs() < 1e-12);
}

#[test]
fn closing_edge_of_a_polygon_is_the_last_edge() {
    let p = poly(&[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]);
    assert_eq!(
        part(p.hit(Point::new(-0.5, 5.0), 1.0)),
        Some(HitPart::Edge(3))
    );
}

#[test]
fn box_edges_are_top_right_bottom_left() {
    let b = BoundingBox::new(0.0, 0.0, 10.0, 10.0).unwrap();
    let at = |x, y| part(b.hit(Point::new(x, y), 1.0));
    assert_eq!(at(5.0, -0.5), Some(HitPart::Edge(0)));
    assert_eq!(at(10.5, 5.0), Some(HitPart::Edge(1)));
    assert_eq!(at(5.0, 10.5), Some(HitPart::Edge(2)));
    assert_eq!(at(-0.5, 5.0), Some(HitPart::Edge(3)));
    assert_eq!(at(10.0, 10.0), Some(HitPart::Vertex(2)));
}

#[test]
fn polyline_has_no_inside() {
    let l = Polyline::new(vec![
        Point::new(0.0, 0.0),
        Point::new(10.0, 0.0),
        Point::new(10.0, 10.0),
    ])
    .unwrap();
    assert_eq!(l.hit(Point::new(8.0, 2.0), 1.0), None);
    assert!(!l.contains(Point::new(8.0, 2.0)));
    assert!(l.contains(Point::new(5.0, 0.0)));
}

#[test]
fn distance_is_zero_inside_and_to_the_edge_outside() {
    let p = poly(&[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0)]);
    assert_eq!(p.distance_to(Point::new(5.0, 5.0)), 0.0);
    assert_eq!(p.distance_to(Point::new(13.0, 14.0)), 5.0);
    assert_eq!(p.distance_to(Point::new(5.0, 12.0)), 2.0);
}

#[test]
fn pick_hit_on_nothing_is_none() {
    let none: [Shape; 0] = [];
    assert_eq!(pick_hit(&none, Point::new(0.0, 0.0), 5.0), None);
}

#[test]
fn pick_hit_prefers_a_vertex_under_another_shapes_inside() {
    let big: Shape = BoundingBox::new(0.0, 0.0, 100.0, 100.0).unwrap().into();
    let k: Shape = Keypoint::new(50.0, 50.0).unwrap().into();
    let shapes = [k, big];
    let h = pick_hit(&shapes, Point::new(51.0, 50.0), 2.0).unwrap();
    assert_eq!((h.index, h.hit.part), (0, HitPart::Vertex(0)));
}

#[test]
fn pick_hit_prefers_the_smaller_inside_and_then_the_later_shape() {
    let a: Shape = BoundingBox::new(0.0, 0.0, 10.0, 10.0).unwrap().into();
    let shapes = [a.clone(), a];
    let h = pick_hit(&shapes, Point::new(5.0, 5.0), 1.0).unwrap();
    assert_eq!(h.index, 1);
}

#[test]
fn pick_hit_takes_any_iterator_and_counts_positions_in_it() {
    let shapes: Vec<Shape> = (0..4)
        .map(|i| {
            BoundingBox::new(f64::from(i) * 20.0, 0.0, 10.0, 10.0)
                .unwrap()
                .into()
        })
        .collect();
    // Only the last two are "visible"; the index is the position among them.
    let h = pick_hit(shapes.iter().skip(2), Point::new(65.0, 5.0), 1.0).unwrap();
    assert_eq!((h.index, h.hit.part), (1, HitPart::Inside));
}
