//! Metrics for Prometheus, the memory probe and the fuzz targets (liveness and readiness
//! are operations of the API face, `crate::api::ops`).

#[cfg(feature = "fuzz")]
pub mod fuzz;
pub mod memory;

/// Builds the Prometheus middleware: requests and latency per method, route pattern and
/// status, served at `/metrics`. Each app gets its own registry (tests build many).
pub fn metrics() -> anyhow::Result<actix_web_prom::PrometheusMetrics> {
    actix_web_prom::PrometheusMetricsBuilder::new("trustfund")
        .registry(prometheus::Registry::new())
        .endpoint("/metrics")
        .mask_unmatched_patterns("UNMATCHED")
        .build()
        .map_err(|e| anyhow::Error::from_boxed(e).context("metrics"))
}
