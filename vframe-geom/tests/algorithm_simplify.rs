//! `Simplify`: degenerate cases first, then the normal ones.

use vframe_geom::algorithm::{Area, Simplify, Validity};
use vframe_geom::{BoundingBox, Point, Polygon, Polyline, Shape};

fn poly(pts: &[(f64, f64)]) -> Polygon {
    Polygon::new(pts.iter().map(|&p| p.into()).collect()).unwrap()
}

fn line(pts: &[(f64, f64)]) -> Polyline {
    Polyline::new(pts.iter().map(|&p| p.into()).collect()).unwrap()
}

#[test]
fn two_vertex_polyline_is_unchanged() {
    let l = line(&[(0.0, 0.0), (1.0, 1.0)]);
    assert_eq!(l.simplify(100.0), l);
}

#[test]
fn polyline_of_one_repeated_point_keeps_two_vertices() {
    let l = line(&[(2.0, 2.0), (2.0, 2.0), (2.0, 2.0)]);
    assert_eq!(l.simplify(0.0), line(&[(2.0, 2.0), (2.0, 2.0)]));
}

#[test]
fn repeated_and_collinear_vertices_go_even_at_zero_epsilon() {
    let l = line(&[(0.0, 0.0), (1.0, 0.0), (1.0, 0.0), (2.0, 0.0), (3.0, 0.0)]);
    assert_eq!(l.simplify(0.0), line(&[(0.0, 0.0), (3.0, 0.0)]));
}

#[test]
fn nan_or_negative_epsilon_counts_as_zero() {
    let l = line(&[(0.0, 0.0), (1.0, 0.5), (2.0, 0.0)]);
    assert_eq!(l.simplify(f64::NAN), l);
    assert_eq!(l.simplify(-1.0), l);
}

#[test]
fn triangle_is_never_reduced() {
    let p = poly(&[(0.0, 0.0), (10.0, 0.0), (5.0, 0.1)]);
    assert_eq!(p.simplify(1e9), p);
}

#[test]
fn polygon_of_collinear_vertices_keeps_three() {
    let p = poly(&[(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (3.0, 0.0), (4.0, 0.0)]);
    assert_eq!(p.simplify(1.0).vertices().len(), 3);
}

#[test]
fn polygon_of_repeated_points_does_not_grow() {
    let p = poly(&[(0.0, 0.0), (0.0, 0.0), (1.0, 0.0), (1.0, 0.0), (1.0, 1.0)]);
    let s = p.simplify(0.0);
    assert!(s.vertices().len() <= 5 && s.vertices().len() >= 3);
    assert_eq!(s.unsigned_area(), p.unsigned_area());
}

#[test]
fn reversed_polygon_simplifies_to_the_same_vertex_set() {
    let pts = [
        (0.0, 0.0),
        (5.0, 0.2),
        (10.0, 0.0),
        (10.0, 10.0),
        (5.0, 9.9),
        (0.0, 10.0),
    ];
    let a = poly(&pts);
    let mut rev = vec![pts[0]];
    rev.extend(pts[1..].iter().rev());
    let b = poly(&rev);
    let mut va: Vec<_> = a
        .simplify(0.5)
        .vertices()
        .iter()
        .map(|p| (p.x, p.y))
        .collect();
    let mut vb: Vec<_> = b
        .simplify(0.5)
        .vertices()
        .iter()
        .map(|p| (p.x, p.y))
        .collect();
    va.sort_by(|x, y| x.partial_cmp(y).unwrap());
    vb.sort_by(|x, y| x.partial_cmp(y).unwrap());
    assert_eq!(va, vb);
    assert_eq!(va.len(), 4);
}

#[test]
fn polyline_keeps_its_endpoints_and_the_corners_beyond_epsilon() {
    let l = line(&[
        (0.0, 0.0),
        (5.0, 0.3),
        (10.0, 0.0),
        (10.0, 5.0),
        (10.2, 10.0),
    ]);
    assert_eq!(
        l.simplify(0.5),
        line(&[(0.0, 0.0), (10.0, 0.0), (10.2, 10.0)])
    );
}

#[test]
fn simplified_polygon_stays_simple_where_plain_rdp_would_cross() {
    // A comb: thin teeth whose tips, simplified alone, would cut across the neighbouring
    // tooth. The result must not intersect itself.
    let mut pts = vec![(0.0, 0.0)];
    for i in 0..10 {
        let x = f64::from(i) * 4.0;
        pts.extend([
            (x + 1.0, 0.0),
            (x + 1.0, 30.0),
            (x + 3.0, 30.0),
            (x + 3.0, 0.5),
        ]);
    }
    pts.extend([(41.0, 0.0), (41.0, -3.0), (0.0, -3.0)]);
    let p = poly(&pts);
    assert!(p.is_valid(), "{:?}", p.issues());
    for eps in [0.4, 1.0, 2.0, 5.0, 20.0] {
        let s = p.simplify(eps);
        assert!(s.is_valid(), "eps {eps}: {:?}", s.issues());
        assert!(s.vertices().len() <= p.vertices().len());
    }
}

#[test]
fn boxes_are_unchanged_by_simplification() {
    let b: Shape = BoundingBox::new(0.0, 0.0, 1.0, 1.0).unwrap().into();
    assert_eq!(b.simplify(5.0), b);
}

#[test]
fn vertex_zero_always_stays_first() {
    let p = poly(&[
        (5.0, 0.1),
        (10.0, 0.0),
        (10.0, 10.0),
        (0.0, 10.0),
        (0.0, 0.0),
    ]);
    assert_eq!(p.simplify(1.0).vertices()[0], Point::new(5.0, 0.1));
}
