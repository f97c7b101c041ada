//! One way to store a value as text, on both backends.
//!
//! Ids are text UUIDs and every code (state, kind, role, currency, country) is a short
//! text: portable, readable in `psql` and `sqlite3`, and free of backend-specific types.
//! A type says how it is written and read back by implementing [`StoredText`], derives
//! `AsExpression` and `FromSqlRow` with `#[diesel(sql_type = Text)]`, and names itself in
//! [`stored_as_text!`]; it can then be a field of a `Queryable`/`Selectable` row, an
//! `Insertable` form, or the right-hand side of `.eq(..)`. A stored value that no longer
//! parses is a deserialisation error (an internal 500), never a silent default.
//!
//! Why three `ToSql` impls: diesel's `MultiConnection` backend forwards a bind to the
//! inner backend's own `ToSql`, so the type must serialise for PostgreSQL and SQLite, and
//! the multi backend needs its own impl that hands the value over. Reading is one generic
//! impl: whatever backend can read a `String` can read the type.

use std::borrow::Cow;

/// A value stored as one text column.
pub trait StoredText: Sized {
    /// The text written to the database.
    fn to_stored(&self) -> Cow<'_, str>;
    /// Reads the text back; the error says what was found.
    fn from_stored(text: &str) -> Result<Self, String>;
}

/// Implements `FromSql<Text, _>` for every backend and `ToSql<Text, _>` for PostgreSQL,
/// SQLite and the multi-backend connection, for types implementing [`StoredText`].
#[macro_export]
macro_rules! stored_as_text {
    ($($ty:ty),+ $(,)?) => {$(
        impl<DB> diesel::deserialize::FromSql<diesel::sql_types::Text, DB> for $ty
        where
            DB: diesel::backend::Backend,
            String: diesel::deserialize::FromSql<diesel::sql_types::Text, DB>,
        {
            fn from_sql(bytes: DB::RawValue<'_>) -> diesel::deserialize::Result<Self> {
                let text = <String as diesel::deserialize::FromSql<
                    diesel::sql_types::Text,
                    DB,
                >>::from_sql(bytes)?;
                <$ty as $crate::db::StoredText>::from_stored(&text).map_err(|e| {
                    format!("stored {}: {e}", stringify!($ty)).into()
                })
            }
        }

        impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::pg::Pg> for $ty {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::pg::Pg>,
            ) -> diesel::serialize::Result {
                use std::io::Write;
                out.write_all(
                    <$ty as $crate::db::StoredText>::to_stored(self).as_bytes(),
                )?;
                Ok(diesel::serialize::IsNull::No)
            }
        }

        impl diesel::serialize::ToSql<diesel::sql_types::Text, diesel::sqlite::Sqlite> for $ty {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, diesel::sqlite::Sqlite>,
            ) -> diesel::serialize::Result {
                out.set_value(<$ty as $crate::db::StoredText>::to_stored(self).into_owned());
                Ok(diesel::serialize::IsNull::No)
            }
        }

        impl diesel::serialize::ToSql<diesel::sql_types::Text, $crate::db::MultiBackend> for $ty {
            fn to_sql<'b>(
                &'b self,
                out: &mut diesel::serialize::Output<'b, '_, $crate::db::MultiBackend>,
            ) -> diesel::serialize::Result {
                out.set_value((diesel::sql_types::Text, self));
                Ok(diesel::serialize::IsNull::No)
            }
        }
    )+};
}

/// `StoredText` for an enum stored as its variant's name: the name strum derives
/// (`strum::IntoStaticStr`, with `#[strum(serialize_all = ...)]` matching serde's
/// `rename_all`, so the stored text, the wire name and the OpenAPI name are one name),
/// read back by finding it among the variants (`strum::VariantArray`).
#[macro_export]
macro_rules! stored_as_variant_name {
    ($($ty:ty),+ $(,)?) => {$(
        impl $crate::db::StoredText for $ty {
            fn to_stored(&self) -> std::borrow::Cow<'_, str> {
                std::borrow::Cow::Borrowed(<&'static str>::from(*self))
            }
            fn from_stored(text: &str) -> Result<Self, String> {
                <$ty as ::strum::VariantArray>::VARIANTS
                    .iter()
                    .copied()
                    .find(|v| <&'static str>::from(*v) == text)
                    .ok_or_else(|| format!("unknown value {text:?}"))
            }
        }
        $crate::stored_as_text!($ty);
    )+};
}

/// A value rebuilt from stored columns that no longer makes one (an amount out of range
/// for its currency, say) is an internal error that keeps its cause, never a default.
pub fn stored<T, E>(what: &'static str, value: Result<T, E>) -> Result<T, crate::error::AppError>
where
    E: std::error::Error + Send + Sync + 'static,
{
    value.map_err(|e| {
        crate::error::AppError::internal(
            anyhow::Error::new(e).context(format!("bad {what} stored")),
        )
    })
}

/// An amount stored as minor units beside its currency column.
pub fn stored_money(
    minor: i64,
    currency: crate::domain::Currency,
) -> Result<crate::domain::Money, crate::error::AppError> {
    stored("amount", crate::domain::Money::from_minor(minor, currency))
}

// Typed ids are stored as their UUID's text.
macro_rules! stored_ids {
    ($($id:ident),+ $(,)?) => {$(
        impl StoredText for crate::domain::$id {
            fn to_stored(&self) -> Cow<'_, str> {
                Cow::Owned(self.as_uuid().to_string())
            }
            fn from_stored(text: &str) -> Result<Self, String> {
                text.parse()
                    .map_err(|e: crate::domain::InvalidValue| e.0)
            }
        }
        crate::stored_as_text!(crate::domain::$id);
    )+};
}

stored_ids!(
    UserId,
    OrganizationId,
    CallId,
    ApplicationId,
    GrantId,
    AppointmentId,
    ChairId,
    ContributionId,
    ReceiptId,
    LedgerTransactionId,
    VoteId,
    ConflictId,
    DisbursementId,
    RefundId,
    GrantReportId,
    NotificationId,
    DocumentId,
);

crate::stored_as_variant_name!(crate::domain::Role, crate::domain::Language);

// An author is stored as the user's id, the service as the empty text (the form a
// required column always had for it).
impl StoredText for crate::domain::Author {
    fn to_stored(&self) -> Cow<'_, str> {
        match self {
            crate::domain::Author::User(id) => id.to_stored(),
            crate::domain::Author::System => Cow::Borrowed(""),
        }
    }
    fn from_stored(text: &str) -> Result<Self, String> {
        if text.is_empty() {
            Ok(crate::domain::Author::System)
        } else {
            crate::domain::UserId::from_stored(text).map(crate::domain::Author::User)
        }
    }
}

// The ISO codes are stored as their code (`"EUR"`, `"KE"`).
impl StoredText for crate::domain::Currency {
    fn to_stored(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.code())
    }
    fn from_stored(text: &str) -> Result<Self, String> {
        Self::parse(text).map_err(|e| e.0)
    }
}

impl StoredText for crate::domain::CountryCode {
    fn to_stored(&self) -> Cow<'_, str> {
        Cow::Borrowed(self.code())
    }
    fn from_stored(text: &str) -> Result<Self, String> {
        Self::parse(text).map_err(|e| e.0)
    }
}

// A rate of exchange is stored as its decimal text, without trailing zeros ("1.08").
impl StoredText for crate::domain::ExchangeRate {
    fn to_stored(&self) -> Cow<'_, str> {
        Cow::Owned(self.value().normalize().to_string())
    }
    fn from_stored(text: &str) -> Result<Self, String> {
        let value: rust_decimal::Decimal = text.parse().map_err(|e| format!("{text:?}: {e}"))?;
        Self::from_decimal(value).map_err(|e| e.0)
    }
}

stored_as_text!(
    crate::domain::Author,
    crate::domain::Currency,
    crate::domain::CountryCode,
    crate::domain::ExchangeRate
);

#[cfg(test)]
mod tests {
    use diesel::prelude::*;
    use diesel::sql_types::Text;

    use crate::db::DbConnection;
    use crate::domain::{CountryCode, Currency, ExchangeRate, OrganizationId};

    #[derive(
        Debug,
        Clone,
        Copy,
        PartialEq,
        diesel::AsExpression,
        diesel::FromSqlRow,
        strum::IntoStaticStr,
        strum::VariantArray,
    )]
    #[diesel(sql_type = Text)]
    #[strum(serialize_all = "snake_case")]
    enum Colour {
        Red,
        DarkBlue,
    }

    stored_as_variant_name!(Colour);

    diesel::table! {
        things (id) {
            id -> Text,
            colour -> Text,
            owner -> Nullable<Text>,
        }
    }

    #[derive(Debug, PartialEq, Queryable, Selectable, Insertable)]
    #[diesel(table_name = things)]
    struct Thing {
        id: OrganizationId,
        colour: Colour,
        owner: Option<OrganizationId>,
    }

    fn round_trip(conn: &mut DbConnection) {
        diesel::sql_query(
            "CREATE TEMPORARY TABLE things (id TEXT PRIMARY KEY, colour TEXT NOT NULL, owner TEXT)",
        )
        .execute(conn)
        .unwrap();
        let id = OrganizationId::new();
        let thing = Thing {
            id,
            colour: Colour::DarkBlue,
            owner: Some(OrganizationId::new()),
        };
        diesel::insert_into(things::table)
            .values(&thing)
            .execute(conn)
            .unwrap();
        let back: Thing = things::table
            .filter(things::id.eq(id))
            .filter(things::colour.eq(Colour::DarkBlue))
            .select(Thing::as_select())
            .get_result(conn)
            .unwrap();
        assert_eq!(back, thing);
        // Stored as plain text, readable by anyone with a SQL prompt.
        let raw: (String, String) = things::table
            .select((things::id, things::colour))
            .get_result(conn)
            .unwrap();
        assert_eq!(raw, (id.to_string(), "dark_blue".to_string()));
        // A value that no longer parses is an error, not a default.
        diesel::sql_query("UPDATE things SET colour = 'green'")
            .execute(conn)
            .unwrap();
        assert!(things::table
            .select(Thing::as_select())
            .get_result(conn)
            .is_err());
    }

    #[test]
    fn text_values_round_trip_on_sqlite() {
        let mut conn = DbConnection::open("sqlite://:memory:").unwrap();
        round_trip(&mut conn);
    }

    #[test]
    fn text_values_round_trip_on_postgres() {
        let Some(url) = crate::db::test_postgres_url() else {
            return;
        };
        let mut conn = DbConnection::open(&url).unwrap();
        conn.begin_test_transaction().unwrap();
        round_trip(&mut conn);
    }

    #[test]
    fn codes_store_as_their_text() {
        use crate::db::StoredText;
        let eur = Currency::parse("EUR").unwrap();
        assert_eq!(eur.to_stored(), "EUR");
        assert_eq!(Currency::from_stored("EUR").unwrap(), eur);
        assert!(Currency::from_stored("XXX").is_err());
        let ke = CountryCode::parse("KE").unwrap();
        assert_eq!(CountryCode::from_stored(&ke.to_stored()).unwrap(), ke);
        // Rates keep their value, not their trailing zeros; an implausible one is refused.
        let rate = ExchangeRate::parse("1.083400").unwrap();
        assert_eq!(rate.to_stored(), "1.0834");
        assert_eq!(ExchangeRate::from_stored("1.0834").unwrap(), rate);
        assert!(ExchangeRate::from_stored("1000000000").is_err());
        assert!(ExchangeRate::from_stored("one").is_err());
    }

    #[test]
    fn the_service_as_author_is_the_empty_text() {
        use crate::db::StoredText;
        use crate::domain::{Author, UserId};
        assert_eq!(Author::System.to_stored(), "");
        assert_eq!(Author::from_stored("").unwrap(), Author::System);
        let user = UserId::new();
        assert_eq!(Author::User(user).to_stored(), user.to_string());
        assert_eq!(
            Author::from_stored(&user.to_string()).unwrap(),
            Author::User(user)
        );
        assert!(Author::from_stored("someone").is_err());
    }

    #[test]
    fn a_bad_stored_value_keeps_its_cause() {
        let err = crate::db::stored_money(i64::MAX, Currency::parse("JPY").unwrap());
        let money = crate::domain::Money::from_minor(i64::MAX, Currency::parse("JPY").unwrap());
        if money.is_err() {
            let message = format!("{:#}", anyhow::Error::new(err.unwrap_err()));
            assert!(message.contains("bad amount stored"), "{message}");
        }
        let list: Result<Vec<String>, _> = crate::db::stored("list", serde_json::from_str("[1"));
        let message = format!("{:#}", anyhow::Error::new(list.unwrap_err()));
        assert!(
            message.contains("bad list stored") && message.contains("expected a string"),
            "{message}"
        );
    }
}
