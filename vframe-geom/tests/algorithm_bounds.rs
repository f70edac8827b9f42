//! `Bounds`: degenerate shapes first, then the normal ones.

use vframe_geom::algorithm::{Bounds, points_bounds};
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

#[test]
fn no_points_have_no_bounds() {
    assert_eq!(points_bounds(std::iter::empty()), None);
}

#[test]
fn keypoint_bounds_have_zero_size() {
    let b = Keypoint::new(3.0, 4.0).unwrap().bounds();
    assert_eq!(b, BoundingBox::new(3.0, 4.0, 0.0, 0.0).unwrap());
}

#[test]
fn polyline_of_repeated_vertex_has_zero_size_bounds() {
    let l = Polyline::new(vec![Point::new(2.0, 2.0), Point::new(2.0, 2.0)]).unwrap();
    assert_eq!(l.bounds(), BoundingBox::new(2.0, 2.0, 0.0, 0.0).unwrap());
}

#[test]
fn negative_box_size_is_normalised_to_zero() {
    let b = BoundingBox {
        left: 1.0,
        top: 1.0,
        width: -3.0,
        height: f64::NAN,
    };
    assert_eq!(b.bounds(), BoundingBox::new(1.0, 1.0, 0.0, 0.0).unwrap());
}

#[test]
fn nan_points_are_skipped() {
    let b = points_bounds([
        Point::new(0.0, 0.0),
        Point::new(f64::NAN, 5.0),
        Point::new(2.0, 1.0),
    ]);
    assert_eq!(b, Some(BoundingBox::new(0.0, 0.0, 2.0, 5.0).unwrap()));
}

#[test]
fn polygon_bounds_span_all_vertices() {
    let p = Polygon::new(vec![
        Point::new(5.0, 1.0),
        Point::new(-2.0, 7.0),
        Point::new(9.0, 4.0),
    ])
    .unwrap();
    assert_eq!(
        Shape::from(p).bounds(),
        BoundingBox::new(-2.0, 1.0, 11.0, 6.0).unwrap()
    );
}

#[test]
fn box_bounds_are_the_box() {
    let b = BoundingBox::new(1.0, 2.0, 3.0, 4.0).unwrap();
    assert_eq!(Shape::from(b).bounds(), b);
}
