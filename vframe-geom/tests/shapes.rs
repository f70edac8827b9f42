//! Construction rules and `geo` round trips of the four shapes.

use proptest::prelude::*;
use vframe_geom::{BoundingBox, GeomError, Keypoint, Point, Polygon, Polyline, Shape};

#[test]
fn polygon_of_three_points_plus_closing_point_is_a_triangle() {
    let p = Polygon::new(vec![
        Point::new(0.0, 0.0),
        Point::new(1.0, 0.0),
        Point::new(1.0, 1.0),
        Point::new(0.0, 0.0),
    ])
    .unwrap();
    assert_eq!(p.vertices().len(), 3);
}

#[test]
fn polygon_of_two_points_and_a_closing_point_is_kept_as_a_degenerate_triangle() {
    // Three vertices are never shortened, so reading back what was written is the identity;
    // the zero area is for the validity algorithm to report.
    let p = Polygon::new(vec![
        Point::new(0.0, 0.0),
        Point::new(1.0, 0.0),
        Point::new(0.0, 0.0),
    ])
    .unwrap();
    assert_eq!(p.vertices().len(), 3);
}

#[test]
fn polygon_with_several_repeated_closing_vertices_is_stored_open() {
    let a = Point::new(0.0, 0.0);
    let p = Polygon::new(vec![a, Point::new(4.0, 0.0), Point::new(0.0, 3.0), a, a]).unwrap();
    assert_eq!(p.vertices().len(), 3);
    assert_eq!(Polygon::new(p.vertices().to_vec()).unwrap(), p);
}

#[test]
fn polygon_of_two_points_is_refused() {
    let err = Polygon::new(vec![Point::new(0.0, 0.0), Point::new(1.0, 0.0)]).unwrap_err();
    assert_eq!(
        err,
        GeomError::TooFewVertices {
            shape: "polygon",
            found: 2,
            min: 3
        }
    );
}

#[test]
fn polygon_with_all_vertices_equal_is_kept_degenerate_not_refused() {
    // Zero area is for the validity algorithm to report, not for the constructor to refuse.
    let p = Polygon::new(vec![Point::new(1.0, 1.0); 4]);
    assert!(p.is_ok());
}

#[test]
fn box_with_infinite_left_names_the_field() {
    let err = BoundingBox::new(f64::INFINITY, 0.0, 1.0, 1.0).unwrap_err();
    assert!(err.to_string().contains("`left`"), "{err}");
}

#[test]
fn keypoint_with_nan_is_refused() {
    assert!(Keypoint::new(f64::NAN, 0.0).is_err());
}

#[test]
fn polyline_deserializes_from_a_vertex_list_and_refuses_one_vertex() {
    let ok: Polyline = serde_json::from_str(r#"[{"x":0,"y":0},{"x":2,"y":1}]"#).unwrap();
    assert_eq!(ok.vertices()[1], Point::new(2.0, 1.0));
    let err = serde_json::from_str::<Polyline>(r#"[{"x":0,"y":0}]"#).unwrap_err();
    assert!(err.to_string().contains("at least 2"), "{err}");
}

#[test]
fn shape_serializes_with_a_type_tag() {
    let s = Shape::from(Keypoint::new(1.0, 2.0).unwrap());
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(json, r#"{"type":"keypoint","x":1.0,"y":2.0}"#);
    assert_eq!(serde_json::from_str::<Shape>(&json).unwrap(), s);
}

fn finite() -> impl Strategy<Value = f64> {
    -1.0e6..1.0e6f64
}

proptest! {
    #[test]
    fn box_round_trips_through_geo_rect(l in finite(), t in finite(), w in 0.0..1.0e4f64, h in 0.0..1.0e4f64) {
        let b = BoundingBox::new(l, t, w, h).unwrap();
        let back = BoundingBox::try_from(geo::Rect::from(b)).unwrap();
        prop_assert!((back.left - b.left).abs() < 1e-9 && (back.top - b.top).abs() < 1e-9);
        prop_assert!((back.width - b.width).abs() < 1e-6 && (back.height - b.height).abs() < 1e-6);
    }

    #[test]
    fn polyline_round_trips_through_geo_line_string(v in prop::collection::vec((finite(), finite()), 2..40)) {
        let line = Polyline::new(v.into_iter().map(Point::from).collect()).unwrap();
        let back = Polyline::try_from(geo::LineString::from(line.clone())).unwrap();
        prop_assert_eq!(back, line);
    }

    #[test]
    fn polygon_round_trips_through_geo_polygon(v in prop::collection::vec((finite(), finite()), 3..40)) {
        let vertices: Vec<Point> = v.into_iter().map(Point::from).collect();
        // A ring whose last vertex repeats the first is a different (shorter) polygon.
        prop_assume!(vertices.first() != vertices.last());
        let poly = Polygon::new(vertices).unwrap();
        let back = Polygon::try_from(geo::Polygon::from(poly.clone())).unwrap();
        prop_assert_eq!(back, poly);
    }

    #[test]
    fn keypoint_round_trips_through_geo_point(x in finite(), y in finite()) {
        let k = Keypoint::new(x, y).unwrap();
        prop_assert_eq!(Keypoint::try_from(geo::Point::from(k)).unwrap(), k);
    }
}
