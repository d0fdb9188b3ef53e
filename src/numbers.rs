//! Numbers from JavaScript checked for the integer or float type they become: exact or
//! refused with the reason, never rounded, wrapped or saturated. Shared by typed calls
//! (`bridge::arguments`) and declared C signatures (`js::declare_api`), which word their
//! errors for their callers; and JavaScript's way of printing a number, for messages.

/// The largest integer a double holds exactly with all below it (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Why a number cannot become the type asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// NaN, or a fraction within the range.
    NotInteger,
    /// Outside the type's range (±Infinity too).
    OutOfRange,
    /// A finite number beyond float's range: it would become ±Infinity.
    FloatOverflow,
    /// A number other than 0 below float's smallest: it would become 0.
    FloatUnderflow,
}

/// `n` as an integer in `min..=max` (a range within ±2^53, so every integer in it is exact).
pub fn integer(n: f64, min: f64, max: f64) -> Result<i64, Refusal> {
    // A cast round trip, not fract(): fract is a libm call on the hot path.
    if n.is_nan() || (n >= min && n <= max && n as i64 as f64 != n) {
        return Err(Refusal::NotInteger);
    }
    if n < min || n > max {
        return Err(Refusal::OutOfRange);
    }
    Ok(n as i64)
}

/// `n` as a 64-bit integer when it is a safe integer (beyond ±2^53 a double is not exact,
/// so the caller should pass a bigint).
pub fn safe_i64(n: f64) -> Option<i64> {
    (n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER).then_some(n as i64)
}

/// `n` as an unsigned 64-bit integer when it is a non-negative safe integer.
pub fn safe_u64(n: f64) -> Option<u64> {
    (n.fract() == 0.0 && (0.0..=MAX_SAFE_INTEGER).contains(&n)).then_some(n as u64)
}

/// The nearest float to `n`, except where that changes what the number is: a finite number
/// would become ±Infinity, or one other than 0 become 0 (as `Checked.Single` in the bridge,
/// for floats inside JSON). NaN and ±Infinity stay what they are.
pub fn single(n: f64) -> Result<f32, Refusal> {
    let single = n as f32;
    if single.is_infinite() && n.is_finite() {
        return Err(Refusal::FloatOverflow);
    }
    if single == 0.0 && n != 0.0 {
        return Err(Refusal::FloatUnderflow);
    }
    Ok(single)
}

/// A number as JavaScript prints it (`String(n)`): positional from 1e-6 to 1e21, else
/// with an exponent (`1e+300`), so messages and decimal texts read as the value written.
pub struct JsNumber(pub f64);

impl std::fmt::Display for JsNumber {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0;
        if n.is_nan() {
            return f.write_str("NaN");
        }
        if n.is_infinite() {
            return f.write_str(if n > 0.0 { "Infinity" } else { "-Infinity" });
        }
        if n == 0.0 || (1e-6..1e21).contains(&n.abs()) {
            // Rust prints the shortest digits that read back as n, as JavaScript does
            // (and -0 as "-0", which JavaScript prints as "0").
            return write!(f, "{}", if n == 0.0 { 0.0 } else { n });
        }
        let text = format!("{n:e}");
        match text.split_once('e') {
            Some((mantissa, exponent)) if !exponent.starts_with('-') => write!(f, "{mantissa}e+{exponent}"),
            _ => f.write_str(&text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{integer, safe_i64, safe_u64, single, JsNumber, Refusal};

    #[test]
    fn numbers_print_as_javascript_prints_them() {
        // Each pair is String(n) in JavaScript.
        for (n, javascript) in [
            (0.1, "0.1"),
            (-0.0, "0"),
            (123.456, "123.456"),
            (0.000001, "0.000001"),
            (1e-7, "1e-7"),
            (1.5e-7, "1.5e-7"),
            (5e-324, "5e-324"),
            (4611686018427387904.0, "4611686018427388000"),
            (1e20, "100000000000000000000"),
            (1e21, "1e+21"),
            (-1.7976931348623157e308, "-1.7976931348623157e+308"),
            (f64::NAN, "NaN"),
            (f64::NEG_INFINITY, "-Infinity"),
        ] {
            assert_eq!(JsNumber(n).to_string(), javascript, "{n:?}");
        }
    }

    #[test]
    fn integers_are_exact_or_refused_with_the_reason() {
        assert_eq!(integer(-128.0, -128.0, 127.0), Ok(-128));
        assert_eq!(integer(1.5, -128.0, 127.0), Err(Refusal::NotInteger));
        assert_eq!(integer(f64::NAN, -128.0, 127.0), Err(Refusal::NotInteger));
        assert_eq!(integer(128.0, -128.0, 127.0), Err(Refusal::OutOfRange));
        assert_eq!(integer(1e300, -128.0, 127.0), Err(Refusal::OutOfRange));
        assert_eq!(integer(f64::INFINITY, 0.0, 255.0), Err(Refusal::OutOfRange));
    }

    #[test]
    fn safe_integers_stop_at_two_to_the_53rd() {
        assert_eq!(safe_i64(-9_007_199_254_740_991.0), Some(-9_007_199_254_740_991));
        assert_eq!(safe_i64(9_007_199_254_740_992.0), None);
        assert_eq!(safe_i64(0.5), None);
        assert_eq!(safe_i64(f64::NAN), None);
        assert_eq!(safe_u64(9_007_199_254_740_991.0), Some(9_007_199_254_740_991));
        assert_eq!(safe_u64(-1.0), None);
    }

    #[test]
    fn floats_refuse_what_would_become_infinity_or_zero() {
        assert_eq!(single(1.5), Ok(1.5));
        assert_eq!(single(-0.0).map(f32::to_bits), Ok((-0.0f32).to_bits()));
        assert_eq!(single(f64::INFINITY), Ok(f32::INFINITY));
        assert!(single(f64::NAN).is_ok_and(f32::is_nan));
        assert_eq!(single(1e39), Err(Refusal::FloatOverflow));
        assert_eq!(single(1e-46), Err(Refusal::FloatUnderflow));
    }
}
