//! Writing coordinates in the shortest form that reads back exactly, and reading them fast.
//!
//! Pixel coordinates are mostly whole numbers (Ground Truth writes integers); printing those
//! through the integer formatter is several times faster than the general float one and gives
//! the same text (`145`, not `145.0`). Reading, short decimals take Clinger's exact fast path
//! and everything else goes to std's parser, so the value is always std's.

use std::io::Write;

/// Appends `v` as the shortest decimal that parses back to exactly `v`.
pub(crate) fn write_number(out: &mut Vec<u8>, v: f64) -> std::io::Result<()> {
    // |v| < 2^53: every integer there converts to i64 and back exactly. -0 keeps its sign.
    // `v as i64` round trip rather than `fract()`, which is a libm call on baseline x86-64.
    if v.abs() < 9.0e15 && (v as i64) as f64 == v && !(v == 0.0 && v.is_sign_negative()) {
        write_integer(out, v as i64);
        Ok(())
    } else {
        write_float(out, v)
    }
}

/// Appends `v` as `{v}` would, without going through `core::fmt`.
pub(crate) fn write_integer(out: &mut Vec<u8>, v: impl itoa::Integer) {
    // A byte loop, not `extend_from_slice`: for a few bytes a `memcpy` call costs more.
    out.extend(itoa::Buffer::new().format(v).bytes());
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
        // zmij writes plain digits for decimal exponents -5..=15; well inside that range no
        // scan is needed. Near its ends, look (a plain loop: at most 24 bytes).
        let plain = (1e-4..1e15).contains(&v.abs()) || !text.bytes().any(|b| b == b'e');
        if plain {
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
/// Nor are short decimals like 0.25: with `d` digits, a candidate one digit shorter is at
/// least `5 * 10^-d` of `v` away, beyond the half-ulp (`2^-53` of `v`) that reads back as
/// `v` unless `d >= 17`; values under 16 digits are cleared with margin.
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
    let digits = u128::from(mantissa >> zeros) * u128::from(POWERS_OF_FIVE[j as usize]);
    (10u128.pow(15)..10u128.pow(18)).contains(&digits)
}

/// Parses `text` exactly as `text.parse::<f64>()` does.
///
/// A plain decimal (`[+-]digits[.digits]`) whose digits form an integer `m < 2^53` with at
/// most 22 fraction digits is `m / 10^k` with both operands exact, so one correctly rounded
/// division gives the correctly rounded value (Clinger's fast path): a few dozen instructions
/// instead of std's general algorithm. Anything else (exponents, more digits, `inf`, `NaN`,
/// malformed text) goes to std.
#[inline]
pub(crate) fn parse_float(text: &str) -> Option<f64> {
    match scan_decimal(text.as_bytes()) {
        (Some(value), stop) if stop == text.len() => Some(value),
        _ => text.parse().ok(),
    }
}

/// Reads the field at the start of `text` (up to the first ASCII whitespace, or the end) as
/// [`parse_float`] reads it, and gives the field's length: one pass finds the field and its
/// value, where splitting first and parsing after reads every byte twice.
#[inline]
pub(crate) fn parse_float_field(text: &str) -> (Option<f64>, usize) {
    let bytes = text.as_bytes();
    let (value, stop) = scan_decimal(bytes);
    let end = bytes
        .get(stop..)
        .and_then(|rest| rest.iter().position(u8::is_ascii_whitespace))
        .map_or(bytes.len(), |length| stop + length);
    match value {
        Some(value) if stop == end => (Some(value), end),
        _ => (text.get(..end).and_then(|field| field.parse().ok()), end),
    }
}

/// The plain decimal (`[+-]digits[.digits]`) that starts `bytes`, read exactly when its
/// digits form an integer below 2^64 with at most 27 of them after the point: its value,
/// and where the scan stopped (the first byte after the decimal, or where it gave up). The
/// value is std's for `bytes[..stop]` only.
#[inline]
fn scan_decimal(bytes: &[u8]) -> (Option<f64>, usize) {
    let (negative, sign) = match bytes.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let mut mantissa: u64 = 0;
    // Whole parts are short (pixels): a byte at a time. Fractions are long (normalised
    // coordinates have 16-17 digits): eight at a time.
    let Some(whole_end) = accumulate_digits(bytes, sign, &mut mantissa, false) else {
        return (None, sign);
    };
    let mut at = whole_end;
    let mut fraction_digits = 0;
    if bytes.get(at) == Some(&b'.') {
        let Some(end) = accumulate_digits(bytes, at + 1, &mut mantissa, true) else {
            return (None, at);
        };
        fraction_digits = end - at - 1;
        at = end;
    }
    if whole_end == sign && fraction_digits == 0 {
        return (None, at);
    }
    let value = if mantissa < 1 << 53 && fraction_digits <= 22 {
        // Both exact: m < 2^53 and 10^k for k <= 22.
        mantissa as f64 / POWERS_OF_TEN[fraction_digits]
    } else if let Some(&five) = POWERS_OF_FIVE.get(fraction_digits) {
        // Normalised coordinates have 17 significant digits: too many for the above.
        divide_exactly(mantissa, fraction_digits as u32, five)
    } else {
        return (None, at);
    };
    (Some(if negative { -value } else { value }), at)
}

/// Appends the ASCII digits from `at` on to `mantissa`; returns where they end, or `None`
/// when the mantissa would pass 20 digits (std reads those).
#[inline(always)]
fn accumulate_digits(
    bytes: &[u8],
    mut at: usize,
    mantissa: &mut u64,
    eights: bool,
) -> Option<usize> {
    // 2^37 * 10^8 + 10^8 stays below 2^64.
    while eights
        && *mantissa < 1 << 37
        && let Some(eight) = bytes.get(at..at + 8).and_then(eight_digits)
    {
        *mantissa = *mantissa * 100_000_000 + eight;
        at += 8;
    }
    while let Some(&b) = bytes.get(at)
        && b.is_ascii_digit()
    {
        if *mantissa > (u64::MAX - 9) / 10 {
            return None;
        }
        *mantissa = *mantissa * 10 + u64::from(b - b'0');
        at += 1;
    }
    Some(at)
}

/// `m / 10^k` correctly rounded (to nearest, ties to even, as std rounds), for `m < 2^64`
/// and `five = 5^k < 2^63`.
///
/// `m / 10^k = (m / 5^k) * 2^-k`. With `m` shifted left by `s` to fill 127 bits, the
/// integer quotient `q` by `5^k` has at least 64 bits, so its top 53 bits, the bits below
/// them and whether the division left a remainder decide the rounding exactly.
fn divide_exactly(m: u64, k: u32, five: u64) -> f64 {
    if m == 0 {
        return 0.0;
    }
    let s = m.leading_zeros() + 63;
    let n = u128::from(m) << s;
    let (q, r) = (n / u128::from(five), n % u128::from(five));
    let shift = 128 - q.leading_zeros() - 53;
    let mut mantissa = (q >> shift) as u64;
    let rest = q & ((1u128 << shift) - 1);
    let half = 1u128 << (shift - 1);
    if rest > half || (rest == half && (r != 0 || mantissa & 1 == 1)) {
        mantissa += 1;
    }
    let mut exponent = shift as i32 - s as i32 - k as i32;
    if mantissa == 1 << 53 {
        mantissa >>= 1;
        exponent += 1;
    }
    // 2^exponent is a normal number here (the value lies between 10^-27 and 2^64), and
    // scaling by it is exact.
    mantissa as f64 * f64::from_bits(((1023 + exponent) as u64) << 52)
}

/// `5^k` for `k` in `0..=27` (every one below 2^63): the exact division when reading, and
/// the halfway check when writing, a multiplication per number.
const POWERS_OF_FIVE: [u64; 28] = {
    let mut table = [1u64; 28];
    let mut k = 1;
    while k < 28 {
        table[k] = table[k - 1] * 5;
        k += 1;
    }
    table
};

/// The value of eight ASCII digits, or `None` if any byte is not one (the SWAR test and
/// combine of std's and fast_float's parsers).
fn eight_digits(bytes: &[u8]) -> Option<u64> {
    let v = u64::from_le_bytes(bytes.try_into().ok()?);
    let below = v.wrapping_sub(0x3030_3030_3030_3030);
    let above = v.wrapping_add(0x4646_4646_4646_4646);
    if (below | above) & 0x8080_8080_8080_8080 != 0 {
        return None;
    }
    let v = below.wrapping_mul(10).wrapping_add(below >> 8);
    let high = (v & 0x0000_00ff_0000_00ff).wrapping_mul(100 + (1_000_000 << 32));
    let low = ((v >> 16) & 0x0000_00ff_0000_00ff).wrapping_mul(1 + (10_000 << 32));
    Some(u64::from((high.wrapping_add(low) >> 32) as u32))
}

/// `10^k` for `k` in `0..=22`: every one is exactly representable as an `f64`.
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn same_as_std(text: &str) {
        let ours = parse_float(text).map(f64::to_bits);
        let std = text.parse::<f64>().ok().map(f64::to_bits);
        assert_eq!(ours, std, "{text:?}");
    }

    #[test]
    fn short_exact_decimals_are_not_ties_and_print_as_display() {
        for v in [0.25, 0.125, 1.5, 2.75, 0.0625, 1920.5, 0.5, 1e-4 + 0.0] {
            assert!(!may_be_halfway(v), "{v}");
            assert_eq!(float_text(v), format!("{v}"));
        }
        // The value the halfway rule was written for still takes the Display path.
        let tie: f64 = "-32439334017550.5625".parse().unwrap();
        assert!(may_be_halfway(tie));
        assert_eq!(float_text(tie), format!("{tie}"));
    }

    #[test]
    fn eight_digits_reads_digits_and_refuses_anything_else() {
        assert_eq!(eight_digits(b"00000000"), Some(0));
        assert_eq!(eight_digits(b"12345678"), Some(12_345_678));
        assert_eq!(eight_digits(b"99999999"), Some(99_999_999));
        for bad in [
            &b"1234567."[..],
            b"/0000000",
            b":0000000",
            b"1234 678",
            b"1234567",
        ] {
            assert_eq!(eight_digits(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn parse_float_edge_texts_match_std() {
        for t in [
            "",
            "-",
            "+",
            ".",
            "-.",
            "0",
            "-0",
            "+0",
            "-0.0",
            "1.",
            ".5",
            "-.5",
            "00012.3400",
            "1..2",
            "1.2.3",
            "1e5",
            "1E-5",
            "inf",
            "-inf",
            "NaN",
            "infinity",
            " 1",
            "1 ",
            "9007199254740991",
            "9007199254740992",
            "9007199254740993",
            "0.1",
            "0.2",
            "0.3",
            "123456789012345.6",
            "0.4197916666666667",
            "0.10520833333333333",
            "1.0000000000000000000001",
            "0.0000000000000000000001",
            "1_0",
            "0x10",
            "١",
            "12345678.12345678",
            "1234567812345678",
            "0.12345678",
            "0.1234567a",
            "137438953471.5",
            "137438953472.12345678",
            "4503599627370495.5",
            "00000000000000000001.5",
            // Ties at 2^53 and beyond: to even, down and up.
            "9007199254740993.0",
            "9007199254740995",
            "18446744073709551615",
            "18446744073709551616",
            "99999999999999999999",
            "1.7976931348623157",
            "0.000000000000000000000000001",
            "0.1234567890123456789012345678",
            "-0.000000000000000000000000000",
            "4.9406564584124654",
            "2.2250738585072014",
        ] {
            same_as_std(t);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]

        #[test]
        fn float_field_reads_the_field_as_parse_float_does(
            field in "[+-]?[0-9]{0,20}(\\.[0-9]{0,24})?([eE][+-]?[0-9]{1,3})?|[a-z+.-]{0,5}|[0-9.]{0,30}",
            after in "([ \t\r\n][ -~]{0,6})?",
        ) {
            let text = format!("{field}{after}");
            let (value, length) = parse_float_field(&text);
            prop_assert_eq!(length, field.len());
            prop_assert_eq!(value.map(f64::to_bits), parse_float(&field).map(f64::to_bits));
        }

        #[test]
        fn parse_float_matches_std_on_long_mantissas(
            digits in "[0-9]{15,21}",
            point in 0usize..22,
            sign in "[+-]?",
        ) {
            let at = point.min(digits.len());
            let text = format!("{sign}{}.{}", &digits[..at], &digits[at..]);
            same_as_std(&text);
            same_as_std(&format!("{sign}0.{digits}"));
            same_as_std(&format!("{sign}0.000000{digits}"));
            same_as_std(&format!("{sign}{digits}"));
        }

        #[test]
        fn parse_float_matches_std_on_normalised_pixels(pixels in 0u32..40_000, size in 1u32..8_000) {
            let text = (f64::from(pixels) / 2.0 / f64::from(size)).to_string();
            same_as_std(&text);
        }

        #[test]
        fn parse_float_matches_std_on_decimal_texts(text in "[+-]?[0-9]{0,20}(\\.[0-9]{0,24})?") {
            same_as_std(&text);
        }

        #[test]
        fn parse_float_matches_std_on_printed_values(bits in any::<u64>(), scale in 0u32..8) {
            let v = f64::from_bits(bits);
            let v = if v.is_finite() { v / 10f64.powi(scale as i32) } else { v };
            same_as_std(&format!("{v}"));
            same_as_std(&format!("{v:.3}"));
        }

        #[test]
        fn parse_float_matches_std_on_pixel_fractions(n in 0u32..100_000, d in 1u32..4_000) {
            same_as_std(&format!("{}", f64::from(n) / f64::from(d)));
        }
    }

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
