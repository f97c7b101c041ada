#![no_main]
//! The money parser: amounts as text in several currencies, JSON `Money`,
//! `PositiveMoney` and exchange rates (see `trustfund::ops::fuzz::money_parser`).

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    trustfund::ops::fuzz::money_parser(data);
});
