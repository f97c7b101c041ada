#![no_main]
//! The bodies of the money endpoints (receipts, contributions, votes, Fund settings,
//! applications, grant agreements, disbursements, refunds, grantee reports) as the JSON
//! extractor parses them (see `trustfund::ops::fuzz::money_bodies`).

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    trustfund::ops::fuzz::money_bodies(data);
});
