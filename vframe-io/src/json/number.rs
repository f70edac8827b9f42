//! Numbers written the way Python's `json` module writes them.

use serde_json::Number;

/// Writes `n` as Python's `json.dumps` would: integers as digits, floats as `repr(float)`
/// (`47.0`, `0.0001`, `1e-05`, `1e+16`).
pub fn write_number(out: &mut Vec<u8>, n: &Number) {
    if let Some(u) = n.as_u64() {
        write_u64(out, u);
    } else if let Some(i) = n.as_i64() {
        out.push(b'-');
        write_u64(out, i.unsigned_abs());
    } else if let Some(f) = n.as_f64() {
        out.extend_from_slice(python_float(f).as_bytes());
    }
}

/// A JSON number for `value` in Ground Truth's style: integral values (below 2^53 in size)
/// as integers, like every coordinate Ground Truth writes, others as floats. `None` for NaN
/// and infinities, which JSON cannot hold.
///
/// ```
/// use vframe_io::json::number_from_f64;
/// assert!(number_from_f64(47.0).is_some_and(|n| n.is_i64()));
/// assert!(number_from_f64(47.5).is_some_and(|n| n.is_f64()));
/// assert!(number_from_f64(f64::NAN).is_none());
/// ```
pub fn number_from_f64(value: f64) -> Option<Number> {
    const EXACT: f64 = 9_007_199_254_740_992.0;
    if value.fract() == 0.0 && value.abs() < EXACT && !(value == 0.0 && value.is_sign_negative()) {
        // The guard above makes the cast exact.
        #[allow(clippy::cast_possible_truncation)]
        return Some(Number::from(value as i64));
    }
    Number::from_f64(value)
}

/// `repr(value)` as Python 3 prints a float: the shortest digits that read back to the same
/// value, in fixed notation when the decimal exponent is in `-4..16`, else `d.ddde+XX`.
///
/// ```
/// use vframe_io::json::python_float;
/// assert_eq!(python_float(47.0), "47.0");
/// assert_eq!(python_float(0.0001), "0.0001");
/// assert_eq!(python_float(0.00001), "1e-05");
/// assert_eq!(python_float(1.5e16), "1.5e+16");
/// ```
pub fn python_float(value: f64) -> String {
    if !value.is_finite() {
        // Python writes these, but they are not JSON; callers never pass them.
        return if value.is_nan() {
            "NaN".into()
        } else if value > 0.0 {
            "Infinity".into()
        } else {
            "-Infinity".into()
        };
    }
    let sci = format!("{:e}", value.abs());
    let (mantissa, exponent) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exponent: i32 = exponent.parse().unwrap_or(0);
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if value.is_sign_negative() { "-" } else { "" };
    let decpt = exponent + 1;
    let n = digits.len() as i32;
    if -4 < decpt && decpt <= 16 {
        if decpt <= 0 {
            format!("{sign}0.{}{digits}", "0".repeat((-decpt) as usize))
        } else if decpt >= n {
            format!("{sign}{digits}{}.0", "0".repeat((decpt - n) as usize))
        } else {
            let (int, frac) = digits.split_at(decpt as usize);
            format!("{sign}{int}.{frac}")
        }
    } else {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        let dot = if rest.is_empty() { "" } else { "." };
        let esign = if exponent < 0 { '-' } else { '+' };
        format!("{sign}{first}{dot}{rest}e{esign}{:02}", exponent.abs())
    }
}

fn write_u64(out: &mut Vec<u8>, mut value: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_and_negative_zero_keep_python_form() {
        assert_eq!(python_float(0.0), "0.0");
        assert_eq!(python_float(-0.0), "-0.0");
        assert!(number_from_f64(-0.0).is_some_and(|n| n.is_f64()));
    }

    #[test]
    fn python_repr_boundaries() {
        assert_eq!(python_float(1e15), "1000000000000000.0");
        assert_eq!(python_float(1e16), "1e+16");
        assert_eq!(python_float(123.456), "123.456");
        assert_eq!(python_float(-2.5e-7), "-2.5e-07");
        assert_eq!(python_float(1e100), "1e+100");
        assert_eq!(python_float(0.1), "0.1");
    }

    #[test]
    fn integers_print_all_digits() {
        let mut out = Vec::new();
        write_number(&mut out, &Number::from(i64::MIN));
        out.push(b' ');
        write_number(&mut out, &Number::from(u64::MAX));
        out.push(b' ');
        write_number(&mut out, &Number::from(0u8));
        assert_eq!(out, b"-9223372036854775808 18446744073709551615 0");
    }
}
