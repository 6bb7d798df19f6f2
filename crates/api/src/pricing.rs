//! Prices: credits per second of output, from configuration. The same table feeds
//! submissions and `/v2/models`, so what the catalog shows is what is charged.

use recut_config::Pricing;

/// Credits for `seconds` of output at `rate` credits per second, rounded up so a partial
/// second is billed as a whole one.
pub fn cost(seconds: f64, rate: u64) -> i64 {
    let seconds = seconds.max(0.0);
    ((seconds * rate as f64) - 1e-9).ceil().max(0.0) as i64
}

pub fn upscale_rate(pricing: &Pricing, resolution: &str, fps: u32) -> u64 {
    pricing
        .upscale_rate(resolution, fps)
        .expect("config validation guarantees every variant")
}

pub fn edit_rate(pricing: &Pricing, resolution: &str) -> u64 {
    pricing
        .edit_rate(resolution)
        .expect("config validation guarantees every resolution")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_seconds_round_up() {
        assert_eq!(cost(2.0, 3), 6);
        assert_eq!(cost(2.01, 3), 7);
        assert_eq!(cost(0.0, 3), 0);
        assert_eq!(cost(10.5, 10), 105);
    }
}
