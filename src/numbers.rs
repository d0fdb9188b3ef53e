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

/// A decimal as its parts: the coefficient's magnitude, the scale (digits after the point)
/// and the sign, as `new decimal(lo, mid, hi, isNegative, scale)` takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecimalParts {
    pub magnitude: u64,
    pub scale: u8,
    pub negative: bool,
}

/// The decimal that .NET parses from the text JavaScript prints for `n` (`String(n)`), scale
/// included (0.5 is 5 × 10^-1, 100 is 100), without making the text: for safe integers,
/// and for other numbers of at most 15 significant digits whose coefficient fits 64 bits
/// and scale decimal's 28 places. `None` for the rest (NaN, ±Infinity, 1e21, 1e-30,
/// 0.1 + 0.2), whose text the caller gets from JavaScript itself.
///
/// Why 15 digits: Rust and JavaScript both print the fewest digits that read back as `n`,
/// but where two such are equally close they may choose differently (234348297.11914062
/// in JavaScript, …063 in Rust). Two numbers of 15 digits or fewer are always farther
/// apart than the doubles around them (10^-15 of their size, against 2^-52), so at most
/// one can read back as `n`, and both print that one.
pub fn decimal_parts(n: f64) -> Option<DecimalParts> {
    if !n.is_finite() {
        return None;
    }
    if n == 0.0 {
        // JavaScript prints -0 as "0".
        return Some(DecimalParts {
            magnitude: 0,
            scale: 0,
            negative: false,
        });
    }
    let negative = n < 0.0;
    let abs = n.abs();
    if abs <= MAX_SAFE_INTEGER && abs as u64 as f64 == abs {
        // Printed in full, so parsed with scale 0.
        return Some(DecimalParts {
            magnitude: abs as u64,
            scale: 0,
            negative,
        });
    }
    // The shortest digits that read back as n, as JavaScript prints them; where it prints
    // them positionally it only adds zeros before or after them.
    let mut text = StackText::default();
    std::fmt::Write::write_fmt(&mut text, format_args!("{abs:e}")).ok()?;
    let (digits, exponent) = text.as_str().split_once('e')?;
    let exponent: i32 = exponent.parse().ok()?;
    let (mut magnitude, mut fraction_digits, mut count) = (0u64, 0i32, 0);
    let mut after_point = false;
    for byte in digits.bytes() {
        match byte {
            b'.' => after_point = true,
            b'0'..=b'9' => {
                magnitude = magnitude * 10 + u64::from(byte - b'0');
                fraction_digits += i32::from(after_point);
                count += 1;
                if count > 15 {
                    return None;
                }
            }
            _ => return None,
        }
    }
    // n = magnitude × 10^shift.
    let shift = exponent - fraction_digits;
    if shift >= 0 {
        let magnitude = magnitude.checked_mul(10u64.checked_pow(shift.unsigned_abs())?)?;
        return Some(DecimalParts {
            magnitude,
            scale: 0,
            negative,
        });
    }
    let scale = u8::try_from(shift.unsigned_abs())
        .ok()
        .filter(|scale| *scale <= 28)?;
    Some(DecimalParts {
        magnitude,
        scale,
        negative,
    })
}

/// Room for a number's text on the stack (`{:e}` of an f64 needs at most 24 bytes).
#[derive(Default)]
struct StackText {
    bytes: [u8; 32],
    len: usize,
}

impl StackText {
    fn as_str(&self) -> &str {
        std::str::from_utf8(&self.bytes[..self.len]).unwrap_or("")
    }
}

impl std::fmt::Write for StackText {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        let end = self.len + text.len();
        self.bytes
            .get_mut(self.len..end)
            .ok_or(std::fmt::Error)?
            .copy_from_slice(text.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// A bigint's value in decimal digits, from its sign and 64-bit words (least significant
/// first), as `BigInt.prototype.toString()` prints it, for values of up to 128 bits: the
/// only ones a decimal (below 2^96) might hold. `None` beyond, without the work of
/// printing a bigint that may have a billion bits.
pub fn bigint_text(negative: bool, words: &[u64]) -> Option<String> {
    let magnitude = match *words {
        [] => 0,
        [low] => u128::from(low),
        [low, high] => u128::from(low) | (u128::from(high) << 64),
        _ => return None,
    };
    Some(format!(
        "{}{magnitude}",
        if negative && magnitude != 0 { "-" } else { "" }
    ))
}

/// A number as JavaScript prints it (`String(n)`): positional from 1e-6 to 1e21, else
/// with an exponent (`1e+300`), so messages read as the value written. For messages only:
/// where two shortest digit strings are equally close to `n`, Rust and JavaScript may
/// print different ones (see `decimal_parts`), so a value's text comes from JavaScript.
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
    use super::{
        bigint_text, decimal_parts, integer, safe_i64, safe_u64, single, DecimalParts, JsNumber, Refusal,
    };

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

    #[test]
    fn decimal_parts_are_what_dotnet_parses_from_javascripts_text() {
        let parts = |magnitude, scale, negative| {
            Some(DecimalParts {
                magnitude,
                scale,
                negative,
            })
        };
        assert_eq!(decimal_parts(0.0), parts(0, 0, false));
        assert_eq!(decimal_parts(-0.0), parts(0, 0, false));
        assert_eq!(decimal_parts(10.0), parts(10, 0, false));
        assert_eq!(decimal_parts(-99.5), parts(995, 1, true));
        assert_eq!(decimal_parts(0.1), parts(1, 1, false));
        assert_eq!(decimal_parts(123.456), parts(123_456, 3, false));
        assert_eq!(decimal_parts(1.5e-7), parts(15, 8, false));
        assert_eq!(decimal_parts(1e-28), parts(1, 28, false));
        assert_eq!(
            decimal_parts(9_007_199_254_740_991.0),
            parts(9_007_199_254_740_991, 0, false)
        );
        assert_eq!(decimal_parts(1e19), parts(10_000_000_000_000_000_000, 0, false));
        assert_eq!(
            decimal_parts(123_456_789_012.345),
            parts(123_456_789_012_345, 3, false)
        );
        // Left to JavaScript's text: beyond 64 bits of coefficient or 28 places, or more
        // than 15 digits (where Rust may print other ones).
        for n in [
            1e20,
            1e21,
            1e-29,
            5e-324,
            1.7976931348623157e308,
            f64::NAN,
            f64::INFINITY,
            0.1 + 0.2,
            234_348_297.119_140_62,
            4_611_686_018_427_387_904.0,
        ] {
            assert_eq!(decimal_parts(n), None, "{n:e}");
        }
    }

    #[test]
    fn bigints_print_as_javascript_prints_them_up_to_128_bits() {
        assert_eq!(bigint_text(false, &[]).as_deref(), Some("0"));
        assert_eq!(bigint_text(true, &[0]).as_deref(), Some("0"));
        assert_eq!(bigint_text(true, &[10]).as_deref(), Some("-10"));
        assert_eq!(
            bigint_text(false, &[0, 1]).as_deref(),
            Some("18446744073709551616")
        );
        assert_eq!(
            bigint_text(false, &[u64::MAX, u64::MAX]),
            Some(u128::MAX.to_string())
        );
        assert_eq!(bigint_text(true, &[0, 0, 1]), None);
    }
}
