//! Horizontal bar charts drawn on the server as inline SVG: no script, nothing fetched, so
//! they show with JavaScript off and under the pages' strict content policy (presentation
//! attributes only, no inline style). Each chart is a picture of the table printed beside
//! it, which is its accessible equivalent: the SVG is one image with a label naming it
//! (`role="img"`), and each bar's `<title>` gives its figure on hover.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

/// The drawing's width in user units (it scales to the page's width).
const WIDTH: u32 = 600;
/// The longest bar, leaving room after it for the figure.
const LONGEST: u32 = 400;
/// Each bar takes a row: its label above, the bar and its figure below.
const ROW: u32 = 40;

#[derive(Debug, Serialize)]
pub struct Bar {
    pub label: String,
    /// The figure as the page writes it (a sum of money, a count, or "fewer than 5").
    pub value: String,
    pub label_y: u32,
    pub bar_y: u32,
    pub width: u32,
    pub value_x: u32,
    pub value_y: u32,
}

#[derive(Debug, Serialize)]
pub struct Chart {
    /// Unique on the page: the title's id.
    pub id: &'static str,
    pub width: u32,
    pub height: u32,
    pub bars: Vec<Bar>,
}

/// One bar to draw: its label, its size (none for a count not shown), its figure in words.
pub struct Item {
    pub label: String,
    pub size: Option<Decimal>,
    pub value: String,
}

/// The chart of `items`, bars scaled to the largest.
pub fn bars(id: &'static str, items: Vec<Item>) -> Chart {
    let largest = items
        .iter()
        .filter_map(|i| i.size)
        .max()
        .unwrap_or(Decimal::ZERO);
    let bars = items
        .into_iter()
        .zip(0_u32..)
        .map(|(item, row)| {
            let width = match item.size {
                Some(size) if largest > Decimal::ZERO && size > Decimal::ZERO => {
                    let scaled = (size * Decimal::from(LONGEST) / largest).round();
                    // A bar above zero stays visible however small beside the largest.
                    scaled.to_u32().unwrap_or(LONGEST).clamp(2, LONGEST)
                }
                _ => 0,
            };
            let top = row * ROW;
            Bar {
                label: item.label,
                value: item.value,
                label_y: top + 14,
                bar_y: top + 20,
                width,
                value_x: width + 8,
                value_y: top + 32,
            }
        })
        .collect::<Vec<_>>();
    let rows = u32::try_from(bars.len()).unwrap_or(u32::MAX);
    Chart {
        id,
        width: WIDTH,
        height: rows.saturating_mul(ROW).max(ROW),
        bars,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(size: Option<i64>) -> Item {
        Item {
            label: "x".into(),
            size: size.map(Decimal::from),
            value: "v".into(),
        }
    }

    #[test]
    fn bars_scale_to_the_largest_and_a_hidden_count_draws_none() {
        let chart = bars(
            "c",
            vec![item(Some(200)), item(Some(50)), item(None), item(Some(0))],
        );
        let widths: Vec<u32> = chart.bars.iter().map(|b| b.width).collect();
        assert_eq!(widths, vec![LONGEST, LONGEST / 4, 0, 0]);
        assert_eq!(chart.height, 4 * ROW);
        assert_eq!(chart.bars[1].bar_y, ROW + 20);
    }

    #[test]
    fn a_tiny_bar_stays_visible() {
        let chart = bars("c", vec![item(Some(1_000_000)), item(Some(1))]);
        assert_eq!(chart.bars[1].width, 2);
    }
}
