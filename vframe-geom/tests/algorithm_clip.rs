//! `ClipToFrame`: degenerate cases first, then the normal ones.

use vframe_geom::algorithm::{Area, ClipToFrame};
use vframe_geom::{BoundingBox, Keypoint, Polygon, Polyline, Shape};

fn frame() -> BoundingBox {
    BoundingBox::new(0.0, 0.0, 100.0, 50.0).unwrap()
}

fn poly(pts: &[(f64, f64)]) -> Polygon {
    Polygon::new(pts.iter().map(|&p| p.into()).collect()).unwrap()
}

fn line(pts: &[(f64, f64)]) -> Polyline {
    Polyline::new(pts.iter().map(|&p| p.into()).collect()).unwrap()
}

#[test]
fn frame_with_nan_or_negative_size_holds_nothing() {
    let b = BoundingBox::new(1.0, 1.0, 5.0, 5.0).unwrap();
    let nan = BoundingBox {
        width: f64::NAN,
        ..frame()
    };
    let neg = BoundingBox {
        width: -1.0,
        ..frame()
    };
    assert_eq!(b.clip_to_frame(&nan), None);
    assert_eq!(b.clip_to_frame(&neg), None);
    assert!(Shape::from(b).clip_to_frame(&nan).is_empty());
}

#[test]
fn zero_area_box_inside_the_frame_clips_to_nothing() {
    assert_eq!(
        BoundingBox::new(5.0, 5.0, 0.0, 5.0)
            .unwrap()
            .clip_to_frame(&frame()),
        None
    );
}

#[test]
fn box_touching_the_frame_from_outside_clips_to_nothing() {
    assert_eq!(
        BoundingBox::new(100.0, 5.0, 10.0, 5.0)
            .unwrap()
            .clip_to_frame(&frame()),
        None
    );
}

#[test]
fn nan_box_clips_to_nothing() {
    let b = BoundingBox {
        left: f64::NAN,
        top: 0.0,
        width: 10.0,
        height: 10.0,
    };
    assert_eq!(b.clip_to_frame(&frame()), None);
}

#[test]
fn collinear_polygon_clips_to_nothing() {
    assert_eq!(
        poly(&[(1.0, 1.0), (2.0, 2.0), (3.0, 3.0)]).clip_to_frame(&frame()),
        None
    );
}

#[test]
fn polygon_with_repeated_vertices_inside_is_kept_without_repeats() {
    let p = poly(&[(1.0, 1.0), (5.0, 1.0), (5.0, 1.0), (5.0, 5.0)]);
    let c = p.clip_to_frame(&frame()).unwrap();
    assert_eq!(c.vertices().len(), 3);
}

#[test]
fn polygon_outside_clips_to_nothing() {
    assert_eq!(
        poly(&[(-10.0, -10.0), (-1.0, -10.0), (-1.0, -1.0)]).clip_to_frame(&frame()),
        None
    );
}

#[test]
fn polygon_inside_is_returned_unchanged() {
    let p = poly(&[(1.0, 1.0), (9.0, 1.0), (1.0, 9.0)]);
    assert_eq!(p.clip_to_frame(&frame()), Some(p));
}

#[test]
fn polygon_over_the_corner_keeps_the_part_inside() {
    let p = poly(&[(-10.0, -10.0), (10.0, -10.0), (10.0, 10.0), (-10.0, 10.0)]);
    let c = p.clip_to_frame(&frame()).unwrap();
    assert_eq!(c.unsigned_area(), 100.0);
    assert!(c.vertices().iter().all(|v| v.x >= 0.0 && v.y >= 0.0));
}

#[test]
fn reversed_winding_clips_to_the_same_area() {
    let p = poly(&[(-10.0, 10.0), (10.0, 10.0), (10.0, -10.0), (-10.0, -10.0)]);
    assert_eq!(p.clip_to_frame(&frame()).unwrap().unsigned_area(), 100.0);
}

#[test]
fn concave_polygon_cut_in_two_keeps_the_exact_area() {
    // A U shape whose two arms poke into the frame from above.
    let u = poly(&[
        (10.0, -20.0),
        (40.0, -20.0),
        (40.0, 10.0),
        (30.0, 10.0),
        (30.0, -10.0),
        (20.0, -10.0),
        (20.0, 10.0),
        (10.0, 10.0),
    ]);
    let c = u.clip_to_frame(&frame()).unwrap();
    assert_eq!(c.unsigned_area(), 200.0);
}

#[test]
fn polyline_grazing_a_corner_clips_to_nothing() {
    assert!(
        line(&[(-5.0, 5.0), (5.0, -5.0)])
            .clip_to_frame(&frame())
            .is_empty()
    );
}

#[test]
fn polyline_of_one_repeated_point_inside_is_kept() {
    let l = line(&[(3.0, 3.0), (3.0, 3.0)]);
    assert_eq!(l.clip_to_frame(&frame()), vec![l]);
}

#[test]
fn polyline_leaving_and_reentering_comes_back_in_two_pieces() {
    let l = line(&[(10.0, 10.0), (10.0, -10.0), (20.0, -10.0), (20.0, 10.0)]);
    let pieces = l.clip_to_frame(&frame());
    assert_eq!(
        pieces,
        vec![
            line(&[(10.0, 10.0), (10.0, 0.0)]),
            line(&[(20.0, 0.0), (20.0, 10.0)])
        ]
    );
}

#[test]
fn polyline_inside_keeps_all_its_vertices_in_one_piece() {
    let l = line(&[(1.0, 1.0), (5.0, 9.0), (7.0, 2.0)]);
    assert_eq!(l.clip_to_frame(&frame()), vec![l]);
}

#[test]
fn keypoint_on_the_frame_border_is_inside() {
    assert!(
        Keypoint::new(100.0, 50.0)
            .unwrap()
            .clip_to_frame(&frame())
            .is_some()
    );
    assert!(
        Keypoint::new(100.5, 50.0)
            .unwrap()
            .clip_to_frame(&frame())
            .is_none()
    );
}

#[test]
fn box_half_out_keeps_the_inside_half() {
    let b = BoundingBox::new(90.0, 40.0, 20.0, 20.0).unwrap();
    assert_eq!(
        b.clip_to_frame(&frame()),
        Some(BoundingBox::new(90.0, 40.0, 10.0, 10.0).unwrap())
    );
}
