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
        write_integer(out, v as i64);
        Ok(())
    } else {
        write_float(out, v)
    }
}

/// Appends `v` as `{v}` would, without going through `core::fmt`.
pub(crate) fn write_integer(out: &mut Vec<u8>, v: impl itoa::Integer) {
    out.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

/// Appends exactly the text of `{v}` (std's shortest round-trip `Display`).
///
/// `zmij` finds the same shortest digits several times faster than `core::fmt`, but writes
/// `1.0` and `1e-7` where `Display` writes `1` and `0.0000001`: the `.0` is cut, and
/// exponent forms (and non-finite values) go through `Display`. When `v` lies exactly
/// halfway between two shortest candidates, `zmij` rounds to even and std rounds up, so
/// values where such a tie is possible go through `Display` too.
pub(crate) fn write_float(out: &mut Vec<u8>, v: f64) -> std::io::Result<()> {
    if v.is_finite() && !may_be_halfway(v) {
        let mut buffer = zmij::Buffer::new();
        let text = buffer.format_finite(v);
        // A plain loop: the text is at most 24 bytes, too short for `memchr` to pay off.
        if !text.bytes().any(|b| b == b'e') {
            out.extend_from_slice(text.strip_suffix(".0").unwrap_or(text).as_bytes());
            return Ok(());
        }
    }
    write!(out, "{v}")
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

/// True unless `v`'s exact decimal expansion is too long for `v` to be the midpoint of two
/// shortest (at most 17-digit) candidates.
///
/// `v = m * 2^-j` with `m` odd has exactly the significant digits of `m * 5^j` (`j`
/// fractional digits); a midpoint ends in a 5 one digit past the candidates, so it has at
/// most 18. Whole numbers never are one (their last digit is even where a tie could occur).
fn may_be_halfway(v: f64) -> bool {
    let bits = v.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i32;
    let fraction = bits & ((1 << 52) - 1);
    let (mantissa, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    if mantissa == 0 {
        return false;
    }
    let zeros = mantissa.trailing_zeros();
    let j = -(exponent + zeros as i32);
    // 5^27 alone exceeds 10^18.
    if !(1..=26).contains(&j) {
        return false;
    }
    u128::from(mantissa >> zeros) * 5u128.pow(j as u32) < 10u128.pow(18)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(v: f64) -> String {
        let mut out = Vec::new();
        write_number(&mut out, v).unwrap();
        String::from_utf8(out).unwrap()
    }

    fn float_text(v: f64) -> String {
        let mut out = Vec::new();
        write_float(&mut out, v).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn float_text_of_specials_and_range_ends_is_std_display() {
        for v in [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            1e-5,
            1e-7,
            1.5e-7,
            1e15,
            1e16,
            1e17,
            1.234e22,
            f64::MIN_POSITIVE,
            5e-324,
            f64::MAX,
            f64::MIN,
            f64::EPSILON,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            // -32439334017550.5625: halfway between ...550.562 and ...550.563.
            f64::from_bits(14_032_513_709_140_217_488),
        ] {
            assert_eq!(float_text(v), format!("{v}"), "{v:e}");
        }
    }

    proptest::proptest! {
        #[test]
        fn float_text_of_any_bits_is_std_display(bits in proptest::num::u64::ANY) {
            let v = f64::from_bits(bits);
            proptest::prop_assert_eq!(float_text(v), format!("{v}"));
        }

        #[test]
        fn float_text_of_fractions_and_pixels_is_std_display(
            n in 0u32..100_000, d in 1u32..5_000, scale in -3i32..4,
        ) {
            let v = f64::from(n) / f64::from(d) * 10f64.powi(scale);
            proptest::prop_assert_eq!(float_text(v), format!("{v}"));
            proptest::prop_assert_eq!(float_text(-v), format!("{}", -v));
        }

        #[test]
        fn float_text_of_few_fraction_bits_is_std_display(n in 0u64..(1 << 53), j in 1i32..12) {
            let v = n as f64 / 2f64.powi(j);
            proptest::prop_assert_eq!(float_text(v), format!("{v}"));
        }

        #[test]
        fn integer_text_is_std_display(v in proptest::num::i64::ANY) {
            let mut out = Vec::new();
            write_integer(&mut out, v);
            proptest::prop_assert_eq!(String::from_utf8(out).unwrap(), v.to_string());
        }
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
