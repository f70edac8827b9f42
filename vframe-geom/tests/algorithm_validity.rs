//! `Validity` and `Orient`: degenerate cases first, then the normal ones.

use vframe_geom::algorithm::{Orient, Validity, ValidityIssue, Winding};
use vframe_geom::{BoundingBox, Keypoint, Point, Polygon, Polyline, Shape};

fn poly(pts: &[(f64, f64)]) -> Polygon {
    Polygon::new(pts.iter().map(|&p| p.into()).collect()).unwrap()
}

#[test]
fn box_with_every_problem_reports_every_problem() {
    let b = BoundingBox {
        left: f64::NAN,
        top: f64::INFINITY,
        width: -1.0,
        height: 0.0,
    };
    let issues = b.issues();
    assert_eq!(issues.len(), 4, "{issues:?}");
    // NaN != NaN, so the first issue is compared by its parts.
    assert!(
        matches!(issues[0], ValidityIssue::NotFinite { field: "left", value } if value.is_nan())
    );
    assert_eq!(
        issues[1..],
        [
            ValidityIssue::NotFinite {
                field: "top",
                value: f64::INFINITY
            },
            ValidityIssue::NegativeSize {
                field: "width",
                value: -1.0
            },
            ValidityIssue::ZeroArea,
        ]
    );
}

#[test]
fn nan_keypoint_reports_both_axes() {
    let k = Keypoint {
        x: f64::NAN,
        y: f64::NEG_INFINITY,
    };
    assert_eq!(k.issues().len(), 2);
}

#[test]
fn polygon_of_one_repeated_point_has_too_few_distinct_vertices() {
    let p = poly(&[(1.0, 1.0), (1.0, 1.0), (1.0, 1.0), (2.0, 1.0)]);
    let issues = p.issues();
    assert!(
        issues.contains(&ValidityIssue::TooFewDistinctVertices { found: 2 }),
        "{issues:?}"
    );
    assert!(issues.contains(&ValidityIssue::RepeatedVertex { index: 1 }));
    assert!(issues.contains(&ValidityIssue::RepeatedVertex { index: 2 }));
}

#[test]
fn collinear_polygon_has_zero_area_and_nothing_else() {
    assert_eq!(
        poly(&[(0.0, 0.0), (1.0, 1.0), (3.0, 3.0)]).issues(),
        vec![ValidityIssue::ZeroArea]
    );
}

#[test]
fn repeated_vertex_is_reported_but_does_not_fake_a_crossing() {
    let p = poly(&[(0.0, 0.0), (4.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0)]);
    assert_eq!(p.issues(), vec![ValidityIssue::RepeatedVertex { index: 2 }]);
}

#[test]
fn spike_folding_back_is_a_self_intersection() {
    let p = poly(&[(0.0, 0.0), (4.0, 0.0), (8.0, 0.0), (6.0, 0.0), (4.0, 4.0)]);
    assert!(
        p.issues().contains(&ValidityIssue::SelfIntersection {
            first_edge: 1,
            second_edge: 2
        }),
        "{:?}",
        p.issues()
    );
}

#[test]
fn reversed_winding_is_valid() {
    let a = poly(&[(0.0, 0.0), (0.0, 3.0), (4.0, 0.0)]);
    assert!(a.is_valid());
    assert_eq!(a.winding(), Winding::Clockwise);
}

#[test]
fn figure_eight_reports_every_crossing_edge_pair() {
    // Two bow ties in a row: edges cross twice.
    let p = poly(&[
        (0.0, 0.0),
        (10.0, 10.0),
        (20.0, 0.0),
        (20.0, 10.0),
        (10.0, 0.0),
        (0.0, 10.0),
    ]);
    let crossings: Vec<_> = p
        .issues()
        .into_iter()
        .filter(|i| matches!(i, ValidityIssue::SelfIntersection { .. }))
        .collect();
    assert!(crossings.len() >= 2, "{crossings:?}");
}

#[test]
fn vertex_touching_another_edge_is_a_self_intersection() {
    let p = poly(&[
        (0.0, 0.0),
        (10.0, 0.0),
        (10.0, 10.0),
        (5.0, 0.0),
        (0.0, 10.0),
    ]);
    assert!(!p.is_valid());
}

#[test]
fn polyline_crossing_itself_is_valid_but_zero_length_is_not() {
    let cross = Polyline::new(vec![
        Point::new(0.0, 0.0),
        Point::new(5.0, 5.0),
        Point::new(5.0, 0.0),
        Point::new(0.0, 5.0),
    ])
    .unwrap();
    assert!(cross.is_valid());
    let dot = Polyline::new(vec![Point::new(1.0, 1.0), Point::new(1.0, 1.0)]).unwrap();
    assert_eq!(
        dot.issues(),
        vec![
            ValidityIssue::RepeatedVertex { index: 1 },
            ValidityIssue::ZeroLength
        ]
    );
}

#[test]
fn issues_read_as_sentences() {
    let s = ValidityIssue::SelfIntersection {
        first_edge: 0,
        second_edge: 2,
    }
    .to_string();
    assert_eq!(s, "edges 0 and 2 intersect, expected a simple polygon");
}

#[test]
fn square_is_valid() {
    let sq: Shape = poly(&[(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0)]).into();
    assert!(sq.is_valid());
}

#[test]
fn zero_winding_polygon_is_left_alone_by_make_ccw() {
    let p = poly(&[(0.0, 0.0), (1.0, 0.0), (2.0, 0.0)]);
    assert_eq!(p.winding(), Winding::None);
    assert_eq!(p.make_ccw(), p);
}

#[test]
fn make_ccw_then_make_cw_keeps_vertex_zero() {
    let p = poly(&[(0.0, 0.0), (4.0, 0.0), (4.0, 3.0), (0.0, 3.0)]);
    assert_eq!(p.winding(), Winding::CounterClockwise);
    let cw = p.make_cw();
    assert_eq!(
        cw.vertices(),
        &[
            Point::new(0.0, 0.0),
            Point::new(0.0, 3.0),
            Point::new(4.0, 3.0),
            Point::new(4.0, 0.0)
        ]
    );
    assert_eq!(cw.make_ccw(), p);
    assert_eq!(Shape::from(cw).make_ccw(), Shape::from(p));
}
