//! Writing coordinates in the shortest form that reads back exactly.
//!
//! Pixel coordinates are mostly whole numbers (Ground Truth writes integers); printing those
//! through the integer formatter is several times faster than the general float one and gives
//! the same text (`145`, not `145.0`).

use std::io::Write;

/// Appends `v` as the shortest decimal that parses back to exactly `v`.
pub(crate) fn write_number(out: &mut Vec<u8>, v: f64) -> std::io::Result<()> {
    // |v| < 2^53: every integer there converts to i64 and back exactly. -0 keeps its sign.
    if v.fract() == 0.0 && v.abs() < 9.0e15 && !(v == 0.0 && v.is_sign_negative()) {
        write!(out, "{}", v as i64)
    } else {
        write!(out, "{v}")
    }
}

/// Appends `values` separated by `separator`, each as [`write_number`] does.
pub(crate) fn write_numbers(
    out: &mut Vec<u8>,
    separator: u8,
    values: &[f64],
) -> std::io::Result<()> {
    for (i, v) in values.iter().enumerate() {
        if i > 0 {
            out.push(separator);
        }
        write_number(out, *v)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(v: f64) -> String {
        let mut out = Vec::new();
        write_number(&mut out, v).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn negative_zero_keeps_its_sign() {
        assert_eq!(text(-0.0), "-0");
        assert_eq!(text(0.0), "0");
    }

    #[test]
    fn whole_numbers_print_without_fraction_and_others_exactly() {
        assert_eq!(text(145.0), "145");
        assert_eq!(text(-3.0), "-3");
        assert_eq!(text(0.1), "0.1");
        assert_eq!(text(1e20), "100000000000000000000");
        for v in [0.1 + 0.2, 1.0 / 3.0, 12345.678, -7.5e-9] {
            assert_eq!(text(v).parse::<f64>().unwrap(), v);
        }
    }
}
