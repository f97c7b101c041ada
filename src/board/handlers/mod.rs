//! The Board's endpoints: appointments (secretariat writes), the chair, and the reads.

pub mod appointments;
pub mod chair;
pub mod reads;

/// Today in UTC: the date statuses are computed for when a request names none.
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}
