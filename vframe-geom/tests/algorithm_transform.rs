//! `Transform`: degenerate maps first, then the normal ones.

use vframe_geom::algorithm::{Matrix3, Transform};
use vframe_geom::{BoundingBox, GeomError, Keypoint, Point, Polygon, Polyline, Shape};

fn poly(pts: &[(f64, f64)]) -> Polygon {
    Polygon::new(pts.iter().map(|&p| p.into()).collect()).unwrap()
}

fn affine(a: f64, b: f64, c: f64, d: f64, e: f64, f: f64) -> Matrix3<f64> {
    Matrix3::new(a, b, c, d, e, f, 0.0, 0.0, 1.0)
}

#[test]
fn zero_matrix_sends_everything_beyond_the_horizon() {
    let k = Keypoint::new(1.0, 2.0).unwrap();
    assert!(matches!(
        k.transform(&Matrix3::zeros()),
        Err(GeomError::BeyondHorizon { vertex: 0, .. })
    ));
}

#[test]
fn nan_matrix_is_refused_without_panicking() {
    let m = Matrix3::from_element(f64::NAN);
    let b = BoundingBox::new(0.0, 0.0, 1.0, 1.0).unwrap();
    assert!(b.transform(&m).is_err());
    assert!(
        poly(&[(0.0, 0.0), (1.0, 0.0), (0.0, 1.0)])
            .transform(&m)
            .is_err()
    );
}

#[test]
fn infinite_translation_is_refused_as_not_finite() {
    let m = affine(1.0, 0.0, f64::INFINITY, 0.0, 1.0, 0.0);
    let b = BoundingBox::new(0.0, 0.0, 1.0, 1.0).unwrap();
    assert!(matches!(b.transform(&m), Err(GeomError::NotFinite { .. })));
}

#[test]
fn nan_box_is_refused() {
    let b = BoundingBox {
        left: f64::NAN,
        top: 0.0,
        width: 1.0,
        height: 1.0,
    };
    assert!(b.transform(&Matrix3::identity()).is_err());
}

#[test]
fn collapsing_map_keeps_the_vertex_count_or_fails() {
    // Everything onto the x axis: a degenerate but valid polygon keeps its three vertices.
    let flat = affine(1.0, 0.0, 0.0, 0.0, 0.0, 0.0);
    let p = poly(&[(0.0, 0.0), (1.0, 1.0), (2.0, 0.0)]);
    assert_eq!(p.transform(&flat).unwrap().vertices().len(), 3);
    // Everything onto one point: a triangle stays three (equal) vertices, but a square's last
    // vertex would equal its first and be dropped, so that is refused instead.
    let point = affine(0.0, 0.0, 1.0, 0.0, 0.0, 1.0);
    assert_eq!(p.transform(&point).unwrap().vertices().len(), 3);
    let square = poly(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]);
    assert!(square.transform(&point).is_err());
}

#[test]
fn polygon_straddling_the_horizon_is_refused_with_the_vertex() {
    let m = Matrix3::new(1.0, 0.0, 0.0, 0.0, 1.0, 0.0, -0.5, 0.0, 1.0);
    let p = poly(&[(0.0, 0.0), (1.0, 0.0), (4.0, 1.0)]);
    assert!(matches!(
        p.transform(&m),
        Err(GeomError::BeyondHorizon { vertex: 2, .. })
    ));
}

#[test]
fn negative_w_everywhere_is_a_valid_projective_map() {
    // -I is the identity as a projective map.
    let p = poly(&[(0.0, 0.0), (1.0, 0.0), (0.0, 1.0)]);
    assert_eq!(p.transform(&(-Matrix3::identity())).unwrap(), p);
}

#[test]
fn reversed_winding_is_preserved_by_rotation() {
    use vframe_geom::algorithm::{Orient, Winding};
    let p = poly(&[(0.0, 0.0), (0.0, 1.0), (1.0, 0.0)]);
    let turn = affine(0.0, -1.0, 0.0, 1.0, 0.0, 0.0);
    assert_eq!(p.transform(&turn).unwrap().winding(), Winding::Clockwise);
    let mirror = affine(-1.0, 0.0, 0.0, 0.0, 1.0, 0.0);
    assert_eq!(
        p.transform(&mirror).unwrap().winding(),
        Winding::CounterClockwise
    );
}

#[test]
fn translation_moves_every_vertex() {
    let m = affine(1.0, 0.0, 3.0, 0.0, 1.0, -4.0);
    let l = Polyline::new(vec![Point::new(0.0, 0.0), Point::new(1.0, 2.0)]).unwrap();
    let t = l.transform(&m).unwrap();
    assert_eq!(
        t.vertices(),
        &[Point::new(3.0, -4.0), Point::new(4.0, -2.0)]
    );
}

#[test]
fn rotated_box_becomes_the_bounds_of_its_corners() {
    let c = std::f64::consts::FRAC_1_SQRT_2;
    let turn = affine(c, -c, 0.0, c, c, 0.0);
    let b = BoundingBox::new(-1.0, -1.0, 2.0, 2.0).unwrap();
    let r = b.transform(&turn).unwrap();
    let s = 2.0_f64.sqrt();
    assert!((r.left + s).abs() < 1e-12 && (r.width - 2.0 * s).abs() < 1e-12);
    assert!((r.top + s).abs() < 1e-12 && (r.height - 2.0 * s).abs() < 1e-12);
}

#[test]
fn homography_maps_a_square_to_a_trapezoid() {
    let m = Matrix3::new(1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.5, 1.0);
    let sq: Shape = poly(&[(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)]).into();
    let t = sq.transform(&m).unwrap();
    let v = t.as_polygon().unwrap().vertices();
    assert_eq!(v[2], Point::new(1.0, 1.0));
    assert_eq!(v[3], Point::new(0.0, 1.0));
}
