//! `Iou`: degenerate pairs first, then the normal ones.

use vframe_geom::algorithm::{Iou, Transform};
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

fn bx(l: f64, t: f64, w: f64, h: f64) -> BoundingBox {
    BoundingBox::new(l, t, w, h).unwrap()
}

fn poly(pts: &[(f64, f64)]) -> Polygon {
    Polygon::new(pts.iter().map(|&p| p.into()).collect()).unwrap()
}

#[test]
fn two_zero_area_boxes_have_iou_zero() {
    let a = bx(0.0, 0.0, 0.0, 5.0);
    assert_eq!(a.iou(&a), 0.0);
}

#[test]
fn non_finite_boxes_have_iou_zero() {
    let nan = BoundingBox {
        left: f64::NAN,
        top: 0.0,
        width: 1.0,
        height: 1.0,
    };
    let inf = BoundingBox {
        left: 0.0,
        top: 0.0,
        width: f64::INFINITY,
        height: 1.0,
    };
    let b = bx(0.0, 0.0, 1.0, 1.0);
    for x in [nan, inf] {
        assert_eq!(x.iou(&b), 0.0);
        assert_eq!(b.iou(&x), 0.0);
        assert_eq!(x.iou(&x), 0.0);
    }
}

#[test]
fn touching_boxes_do_not_intersect() {
    assert_eq!(bx(0.0, 0.0, 1.0, 1.0).iou(&bx(1.0, 0.0, 1.0, 1.0)), 0.0);
}

#[test]
fn disjoint_polygons_have_iou_zero() {
    let a = poly(&[(0.0, 0.0), (1.0, 0.0), (0.0, 1.0)]);
    let b = poly(&[(10.0, 10.0), (11.0, 10.0), (10.0, 11.0)]);
    assert_eq!(a.iou(&b), 0.0);
}

#[test]
fn collinear_polygon_has_iou_zero_even_with_itself() {
    let a = poly(&[(0.0, 0.0), (1.0, 1.0), (2.0, 2.0)]);
    assert_eq!(a.iou(&a), 0.0);
}

#[test]
fn reversed_winding_does_not_change_iou() {
    let a = poly(&[(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)]);
    let b = poly(&[(2.0, 0.0), (2.0, 4.0), (6.0, 4.0), (6.0, 0.0)]);
    assert!((a.iou(&b) - 8.0 / 24.0).abs() < 1e-9);
}

#[test]
fn repeated_vertices_do_not_change_iou() {
    let a = poly(&[(0.0, 0.0), (4.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)]);
    let b = bx(2.0, 0.0, 4.0, 4.0);
    assert_eq!(a.iou(&b), 8.0 / 24.0);
}

#[test]
fn polylines_and_keypoints_have_iou_zero() {
    let l: Shape = Polyline::new(vec![Point::new(0.0, 0.0), Point::new(5.0, 5.0)])
        .unwrap()
        .into();
    let k: Shape = Keypoint::new(1.0, 1.0).unwrap().into();
    let b: Shape = bx(0.0, 0.0, 10.0, 10.0).into();
    assert_eq!(l.iou(&l), 0.0);
    assert_eq!(k.iou(&b), 0.0);
    assert_eq!(b.iou(&l), 0.0);
}

#[test]
fn box_iou_is_exact_arithmetic() {
    let a = bx(0.0, 0.0, 22.18, 44.69);
    assert_eq!(a.iou(&a), 1.0);
    assert_eq!(
        bx(0.0, 0.0, 10.0, 10.0).iou(&bx(5.0, 5.0, 10.0, 10.0)),
        25.0 / 175.0
    );
}

#[test]
fn box_and_concave_polygon_iou_is_exact() {
    // An L shape (area 5) against the box over its missing corner plus one cell.
    let l = poly(&[
        (0.0, 0.0),
        (3.0, 0.0),
        (3.0, 1.0),
        (1.0, 1.0),
        (1.0, 3.0),
        (0.0, 3.0),
    ]);
    let b = bx(0.0, 0.0, 3.0, 3.0);
    assert_eq!(l.iou(&b), 5.0 / 9.0);
    assert_eq!(b.iou(&l), l.iou(&b));
}

#[test]
fn polygon_iou_matches_box_iou_for_rectangles() {
    let a = bx(1.0, 2.0, 10.0, 7.0);
    let b = bx(4.0, 3.0, 9.0, 9.0);
    let pa = poly(&[(1.0, 2.0), (11.0, 2.0), (11.0, 9.0), (1.0, 9.0)]);
    let pb = poly(&[(4.0, 3.0), (13.0, 3.0), (13.0, 12.0), (4.0, 12.0)]);
    assert!((pa.iou(&pb) - a.iou(&b)).abs() < 1e-9);
}

#[test]
fn shape_iou_dispatches_every_area_pair() {
    let b: Shape = bx(0.0, 0.0, 2.0, 2.0).into();
    let p: Shape = poly(&[(0.0, 0.0), (2.0, 0.0), (0.0, 2.0)]).into();
    assert_eq!(b.iou(&p), 0.5);
    assert_eq!(p.iou(&b), 0.5);
    assert!((p.iou(&p) - 1.0).abs() < 1e-9);
    assert_eq!(b.iou(&b), 1.0);
}

#[test]
fn rotated_square_overlap_matches_geometry() {
    // A square and the same square turned 45 degrees about its centre: the overlap is a
    // regular octagon of area 2(sqrt2 - 1) s^2 for side s... computed here for s = 2.
    let sq = poly(&[(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)]);
    let c = std::f64::consts::FRAC_1_SQRT_2;
    let turn = vframe_geom::algorithm::Matrix3::new(c, -c, 0.0, c, c, 0.0, 0.0, 0.0, 1.0);
    let rot = sq.transform(&turn).unwrap();
    let octagon = 8.0 * (2.0_f64.sqrt() - 1.0);
    let expected = octagon / (8.0 - octagon);
    assert!((sq.iou(&rot) - expected).abs() < 1e-6, "{}", sq.iou(&rot));
}
