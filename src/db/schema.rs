//! The tables, written by hand with types both backends share: ids are UUID text, times
//! are UTC timestamps, money is integer minor units with its currency code beside it.

diesel::table! {
    users (id) {
        id -> Text,
        email -> Text,
        name -> Text,
        role -> Text,
        organization_id -> Nullable<Text>,
        password_hash -> Text,
        enabled -> Bool,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    login_failures (id) {
        id -> Text,
        email -> Text,
        failed_at -> Timestamp,
    }
}

diesel::table! {
    audit_head (id) {
        id -> Integer,
        last_seq -> BigInt,
        last_hash -> Text,
    }
}

diesel::table! {
    audit_events (seq) {
        seq -> BigInt,
        occurred_at -> Timestamp,
        actor_id -> Nullable<Text>,
        actor_role -> Nullable<Text>,
        action -> Text,
        entity_type -> Text,
        entity_id -> Text,
        request_id -> Text,
        changes -> Text,
        prev_hash -> Text,
        hash -> Text,
    }
}

diesel::table! {
    fund (id) {
        id -> Text,
        name -> Text,
        legal_basis -> Text,
        administrator -> Text,
        parent_fund -> Text,
        functional_currency -> Text,
        psc_rate -> Text,
        operating_reserve_rate -> Text,
        max_grant_minor -> Nullable<BigInt>,
        updated_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    users,
    login_failures,
    audit_head,
    audit_events,
    fund
);

diesel::table! {
    organizations (id) {
        id -> Text,
        legal_name -> Text,
        org_type -> Text,
        country -> Text,
        registered_on -> Date,
        unpp_id -> Text,
        bank_account_holder -> Text,
        contact_email -> Text,
        state -> Text,
        state_reason -> Nullable<Text>,
        decided_by -> Nullable<Text>,
        decided_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    calls (id) {
        id -> Text,
        title -> Text,
        description -> Text,
        opens_at -> Timestamp,
        closes_at -> Timestamp,
        currency -> Text,
        envelope_minor -> BigInt,
        min_grant_minor -> BigInt,
        max_grant_minor -> BigInt,
        max_duration_months -> Integer,
        eligible_org_types -> Text,
        priority_groups -> Text,
        priority_exploitation -> Text,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    applications (id) {
        id -> Text,
        call_id -> Text,
        organization_id -> Text,
        title -> Text,
        summary -> Text,
        countries -> Text,
        beneficiaries -> Text,
        exploitation -> Text,
        aid_types -> Text,
        currency -> Text,
        requested_minor -> BigInt,
        duration_months -> Integer,
        budget_lines -> Text,
        state -> Text,
        screening_reasons -> Nullable<Text>,
        created_by -> Text,
        submitted_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    application_transitions (id) {
        id -> Text,
        application_id -> Text,
        from_state -> Nullable<Text>,
        to_state -> Text,
        actor_id -> Nullable<Text>,
        actor_role -> Nullable<Text>,
        reason -> Nullable<Text>,
        occurred_at -> Timestamp,
        seq -> Integer,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    organizations,
    calls,
    applications,
    application_transitions
);
