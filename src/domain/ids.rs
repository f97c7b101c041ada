//! Typed ids: one newtype over a UUID per kind of record, so an organisation's id cannot
//! be passed where a call's is expected. On the wire each is a plain UUID string (serde
//! transparent; the OpenAPI schema is a `uuid`-formatted string); in the database a text
//! UUID (the database layer says how, `db::sql_types`).

use std::fmt;
use std::str::FromStr;

use uuid::Uuid;

use super::InvalidValue;

macro_rules! typed_ids {
    ($($(#[$doc:meta])* $name:ident,)+) => {$(
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord,
            serde::Serialize, serde::Deserialize,
            diesel::AsExpression, diesel::FromSqlRow,
        )]
        #[serde(transparent)]
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub struct $name(Uuid);

        impl $name {
            /// A fresh random id (UUID v4).
            #[allow(clippy::new_without_default)]
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }

            pub const fn from_uuid(id: Uuid) -> Self {
                Self(id)
            }

            pub const fn as_uuid(&self) -> Uuid {
                self.0
            }
        }

        impl From<Uuid> for $name {
            fn from(id: Uuid) -> Self {
                Self(id)
            }
        }

        impl From<$name> for Uuid {
            fn from(id: $name) -> Uuid {
                id.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = InvalidValue;
            fn from_str(text: &str) -> Result<Self, InvalidValue> {
                Uuid::parse_str(text)
                    .map(Self)
                    .map_err(|_| InvalidValue::new(format!("{text:?} is not a UUID")))
            }
        }

        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                uuid_schema()
            }
        }

        impl utoipa::ToSchema for $name {
            fn name() -> std::borrow::Cow<'static, str> {
                std::borrow::Cow::Borrowed(stringify!($name))
            }
        }

    )+};
}

fn uuid_schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    use utoipa::openapi::schema::{ObjectBuilder, SchemaFormat, Type};
    use utoipa::openapi::KnownFormat;
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Uuid)))
        .into()
}

typed_ids! {
    /// A user account.
    UserId,
    /// An organisation that applies for grants.
    OrganizationId,
    /// A call for proposals.
    CallId,
    /// An application to a call.
    ApplicationId,
    /// A grant awarded on an application.
    GrantId,
    /// A trustee's appointment to the Board.
    AppointmentId,
    /// A chair's term on the Board.
    ChairId,
    /// A donor's contribution (pledge).
    ContributionId,
    /// Money received against a contribution.
    ReceiptId,
    /// One balanced transaction in the ledger.
    LedgerTransactionId,
    /// A trustee's vote on an application.
    VoteId,
    /// A trustee's declared conflict of interest on an application.
    ConflictId,
    /// A payment of (part of) a grant's tranche.
    DisbursementId,
    /// Unspent grant money returned by a grantee.
    RefundId,
    /// A grantee's report on its grant (progress or final).
    GrantReportId,
    /// An outgoing mail in the notification outbox.
    NotificationId,
    /// One version of a document kept beside a record.
    DocumentId,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_uuid_strings_on_the_wire_and_parse_back() {
        let id = CallId::new();
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(json, format!("\"{}\"", id.as_uuid()));
        assert_eq!(serde_json::from_str::<CallId>(&json).unwrap(), id);
        assert_eq!(id.to_string().parse::<CallId>().unwrap(), id);
        assert!("not-a-uuid".parse::<CallId>().is_err());
        assert!(serde_json::from_str::<CallId>("\"x\"").is_err());
    }

    #[test]
    fn the_schema_is_a_uuid_string() {
        use utoipa::{PartialSchema, ToSchema};
        let schema = serde_json::to_value(OrganizationId::schema()).unwrap();
        assert_eq!(schema["type"], "string");
        assert_eq!(schema["format"], "uuid");
        assert_eq!(OrganizationId::name(), "OrganizationId");
    }
}
