//! The growing wait after wrong PINs: a few mistakes are free, then each costs twice as long.

use std::time::Duration;

/// Wrong PINs in a row before the first wait.
pub const FREE_ATTEMPTS: u32 = 4;

/// How long the next sign-in must wait after `failures` wrong PINs in a row: nothing for the
/// first four, then 10 s after the fifth, 20 s, 40 s … up to 15 minutes.
pub fn wait_after(failures: u32) -> Duration {
    if failures <= FREE_ATTEMPTS {
        return Duration::ZERO;
    }
    let doublings = (failures - FREE_ATTEMPTS - 1).min(10);
    Duration::from_secs(10u64 << doublings).min(Duration::from_secs(15 * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fifth_wrong_pin_makes_the_next_attempt_wait_and_each_further_one_longer() {
        assert_eq!(wait_after(4), Duration::ZERO);
        assert_eq!(wait_after(5), Duration::from_secs(10));
        assert_eq!(wait_after(6), Duration::from_secs(20));
        assert!(wait_after(7) > wait_after(6));
        assert_eq!(wait_after(40), Duration::from_secs(900));
    }
}
