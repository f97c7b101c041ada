//! The one grammar for decimal numbers received as text: `-?[0-9]+(\.[0-9]+)?`.
//!
//! Money and exchange rates arrive as strings so that no float ever touches them. We lex
//! them ourselves instead of using `Decimal::from_str`, which accepts exponents,
//! underscores and a leading `+`, and silently rounds past 28 digits.

use super::InvalidValue;

/// Most significant digits a `rust_decimal::Decimal` holds exactly.
const MAX_SIGNIFICANT_DIGITS: usize = 28;

/// A syntactically valid plain decimal, not yet checked against a scale or range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DecimalText {
    pub negative: bool,
    /// The integer digits with leading zeros removed (may be empty for zero).
    pub integer: String,
    /// The digits after the point, as written (trailing zeros kept: they are the scale).
    pub fraction: String,
}

impl DecimalText {
    pub fn parse(input: &str) -> Result<Self, InvalidValue> {
        let example = "use a plain decimal such as \"1250.00\"";
        if input.is_empty() {
            return Err(InvalidValue::new(format!(
                "an empty string is not a number; {example}"
            )));
        }
        let (negative, unsigned) = match input.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, input),
        };
        let (integer, fraction) = match unsigned.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (unsigned, None),
        };
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(integer) || !fraction.is_none_or(all_digits) {
            return Err(InvalidValue::new(format!(
                "{input:?} is not a plain decimal number; {example} \
                 (no spaces, signs other than a leading '-', separators or exponents)"
            )));
        }
        let integer = integer.trim_start_matches('0').to_owned();
        let fraction = fraction.unwrap_or("").to_owned();
        let significant = if integer.is_empty() {
            fraction.trim_start_matches('0').len()
        } else {
            integer.len() + fraction.len()
        };
        if significant > MAX_SIGNIFICANT_DIGITS {
            return Err(InvalidValue::new(format!(
                "a number may have at most {MAX_SIGNIFICANT_DIGITS} significant digits, \
                 got {significant}"
            )));
        }
        Ok(Self {
            negative,
            integer,
            fraction,
        })
    }

    /// Number of digits after the point, as written.
    pub fn decimal_places(&self) -> u32 {
        // At most 28 significant digits plus leading zeros; a u32 is ample, and a
        // fraction longer than u32::MAX bytes cannot be held in memory anyway.
        u32::try_from(self.fraction.len()).unwrap_or(u32::MAX)
    }

    /// The value scaled by `10^scale` as an integer, or `None` if it does not fit an
    /// `i128`. The caller has already checked `decimal_places() <= scale`.
    pub fn scaled(&self, scale: u32) -> Option<i128> {
        let padding = scale.checked_sub(self.decimal_places())?;
        let mut value: i128 = 0;
        for b in self.integer.bytes().chain(self.fraction.bytes()) {
            value = value.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
        }
        value = value.checked_mul(10i128.checked_pow(padding)?)?;
        Some(if self.negative { -value } else { value })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_plain_decimals() {
        let d = DecimalText::parse("-0012.50").unwrap();
        assert!(d.negative);
        assert_eq!((d.integer.as_str(), d.fraction.as_str()), ("12", "50"));
        assert_eq!(d.scaled(3), Some(-12500));
        assert_eq!(d.scaled(1), None);
    }

    #[test]
    fn refuses_everything_else() {
        for bad in [
            "", "-", "+1", " 1", "1 ", "1e3", "1E3", "1,000", "1_000", ".5", "5.", "1.2.3", "0x10",
            "NaN", "inf", "--1", "١",
        ] {
            assert!(DecimalText::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn counts_significant_digits() {
        assert!(DecimalText::parse(&"9".repeat(28)).is_ok());
        assert!(DecimalText::parse(&"9".repeat(29)).is_err());
        let tiny = format!("0.{}1", "0".repeat(40));
        assert!(DecimalText::parse(&tiny).is_ok());
    }
}
