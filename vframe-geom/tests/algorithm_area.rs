//! `Area`: degenerate shapes first, then the normal ones.

use vframe_geom::algorithm::Area;
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

fn poly(pts: &[(f64, f64)]) -> Polygon {
    Polygon::new(pts.iter().map(|&p| p.into()).collect()).unwrap()
}

#[test]
fn zero_width_box_has_zero_area() {
    assert_eq!(
        BoundingBox::new(3.0, 4.0, 0.0, 10.0)
            .unwrap()
            .unsigned_area(),
        0.0
    );
}

#[test]
fn negative_or_nan_box_size_covers_nothing() {
    let neg = BoundingBox {
        left: 0.0,
        top: 0.0,
        width: -5.0,
        height: 2.0,
    };
    let nan = BoundingBox {
        left: 0.0,
        top: 0.0,
        width: f64::NAN,
        height: 2.0,
    };
    assert_eq!(neg.unsigned_area(), 0.0);
    assert_eq!(nan.unsigned_area(), 0.0);
}

#[test]
fn collinear_polygon_has_zero_area() {
    assert_eq!(
        poly(&[(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)]).signed_area(),
        0.0
    );
}

#[test]
fn repeated_vertices_do_not_change_the_area() {
    let a = poly(&[(0.0, 0.0), (4.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)]);
    assert_eq!(a.unsigned_area(), 12.0);
}

#[test]
fn reversed_winding_flips_the_sign_only() {
    let a = poly(&[(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)]);
    let b = poly(&[(0.0, 3.0), (4.0, 3.0), (4.0, 0.0), (0.0, 0.0)]);
    assert_eq!(a.signed_area(), 12.0);
    assert_eq!(b.signed_area(), -12.0);
    assert_eq!(b.unsigned_area(), 12.0);
}

#[test]
fn polylines_and_keypoints_cover_no_area() {
    let line = Polyline::new(vec![Point::new(0.0, 0.0), Point::new(5.0, 5.0)]).unwrap();
    assert_eq!(line.unsigned_area(), 0.0);
    assert_eq!(Keypoint::new(1.0, 2.0).unwrap().unsigned_area(), 0.0);
}

#[test]
fn far_from_origin_polygon_keeps_its_precision() {
    // Shifted by 1e7: a naive shoelace loses the fraction here.
    let a = poly(&[(1e7, 1e7), (1e7 + 0.5, 1e7), (1e7 + 0.5, 1e7 + 0.25)]);
    assert_eq!(a.unsigned_area(), 0.0625);
}

#[test]
fn box_area_is_width_times_height() {
    let b = BoundingBox::new(145.0, 385.0, 27.0, 25.0).unwrap();
    assert_eq!(b.signed_area(), 675.0);
    assert_eq!(Shape::from(b).unsigned_area(), 675.0);
}

#[test]
fn concave_polygon_area_matches_hand_count() {
    // An L shape: 3x3 square minus a 2x2 corner.
    let l = poly(&[
        (0.0, 0.0),
        (3.0, 0.0),
        (3.0, 1.0),
        (1.0, 1.0),
        (1.0, 3.0),
        (0.0, 3.0),
    ]);
    assert_eq!(Shape::from(l).unsigned_area(), 5.0);
}
