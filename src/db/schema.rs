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
        language -> Text,
    }
}

diesel::table! {
    login_throttle (key) {
        key -> Text,
        failures -> BigInt,
        window_start -> Timestamp,
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
    login_throttle,
    audit_head,
    audit_events,
    fund
);

diesel::table! {
    board_appointments (id) {
        id -> Text,
        name -> Text,
        nationality -> Text,
        experience -> Text,
        appointed_on -> Date,
        term_start -> Date,
        term_end -> Date,
        consulted_member_states -> Text,
        consulted_executive_director_on -> Date,
        user_id -> Nullable<Text>,
        ended_on -> Nullable<Date>,
        end_reason -> Nullable<Text>,
        end_note -> Nullable<Text>,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        completes_appointment_id -> Nullable<Text>,
        person_id -> Text,
    }
}

diesel::table! {
    board_chairs (id) {
        id -> Text,
        appointment_id -> Text,
        starts_on -> Date,
        ends_on -> Date,
        created_at -> Timestamp,
        decided_on -> Nullable<Date>,
        decision_reference -> Nullable<Text>,
    }
}

diesel::allow_tables_to_appear_in_same_query!(board_appointments, board_chairs);

diesel::table! {
    contributions (id) {
        id -> Text,
        donor_name -> Text,
        donor_type -> Text,
        donor_country -> Nullable<Text>,
        pledged_minor -> Nullable<BigInt>,
        pledged_currency -> Nullable<Text>,
        pledged_on -> Date,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    contribution_receipts (id) {
        id -> Text,
        contribution_id -> Text,
        amount_minor -> BigInt,
        currency -> Text,
        rate_to_usd -> Text,
        usd_minor -> BigInt,
        received_on -> Date,
        bank_reference -> Text,
        ledger_transaction_id -> Text,
        created_at -> Timestamp,
        reversal_transaction_id -> Nullable<Text>,
        rate_reason -> Nullable<Text>,
    }
}

diesel::table! {
    exchange_rates (id) {
        id -> Text,
        currency -> Text,
        effective_from -> Date,
        rate_to_usd -> Text,
        recorded_by -> Nullable<Text>,
        recorded_at -> Timestamp,
    }
}

diesel::table! {
    ledger_transactions (id) {
        id -> Text,
        seq -> BigInt,
        kind -> Text,
        memo -> Text,
        owner_type -> Text,
        owner_id -> Text,
        reverses_id -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
        value_date -> Date,
    }
}

// Accounting periods (ledger/periods.rs).

diesel::table! {
    ledger_books (id) {
        id -> Integer,
        first_period -> Nullable<Date>,
    }
}

diesel::table! {
    ledger_periods (period) {
        period -> Date,
        closed_at -> Timestamp,
        closed_by -> Nullable<Text>,
        last_seq -> BigInt,
    }
}

diesel::table! {
    ledger_period_balances (period, account) {
        period -> Date,
        account -> Text,
        usd_minor -> BigInt,
    }
}

diesel::allow_tables_to_appear_in_same_query!(ledger_periods, ledger_period_balances);

diesel::table! {
    ledger_postings (id) {
        id -> Text,
        transaction_id -> Text,
        line -> Integer,
        account -> Text,
        party_id -> Nullable<Text>,
        amount_minor -> BigInt,
        currency -> Text,
        usd_minor -> BigInt,
        original_minor -> Nullable<BigInt>,
        original_currency -> Nullable<Text>,
        rate_to_usd -> Nullable<Text>,
    }
}

// The journal's running totals (kept by `ledger::store::insert`).
diesel::table! {
    ledger_account_totals (account) {
        account -> Text,
        usd_minor -> BigInt,
        postings -> BigInt,
    }
}

diesel::table! {
    ledger_currency_receipts (currency) {
        currency -> Text,
        received_minor -> BigInt,
        usd_minor -> BigInt,
        postings -> BigInt,
    }
}

diesel::table! {
    idempotency_keys (user_id, idempotency_key) {
        user_id -> Text,
        idempotency_key -> Text,
        fingerprint -> Text,
        response_status -> Integer,
        response_body -> Text,
        created_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    contributions,
    contribution_receipts,
    ledger_transactions,
    ledger_postings,
    idempotency_keys
);

// Voting and grants.

diesel::table! {
    votes (id) {
        id -> Text,
        application_id -> Text,
        appointment_id -> Text,
        user_id -> Text,
        choice -> Text,
        recommended_minor -> Nullable<BigInt>,
        recommended_currency -> Nullable<Text>,
        comment -> Text,
        cast_at -> Timestamp,
        updated_at -> Timestamp,
        withdrawn_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    conflicts (id) {
        id -> Text,
        application_id -> Text,
        appointment_id -> Text,
        user_id -> Text,
        reason -> Text,
        declared_at -> Timestamp,
    }
}

diesel::table! {
    decisions (application_id) {
        application_id -> Text,
        outcome -> Text,
        status -> Text,
        award_minor -> Nullable<BigInt>,
        psc_minor -> Nullable<BigInt>,
        currency -> Text,
        by_chair -> Bool,
        approvals -> Integer,
        rejections -> Integer,
        abstentions -> Integer,
        decided_at -> Timestamp,
        decided_by -> Text,
        awarded_at -> Nullable<Timestamp>,
        grant_id -> Nullable<Text>,
    }
}

diesel::table! {
    grants (id) {
        id -> Text,
        application_id -> Text,
        organization_id -> Text,
        call_id -> Text,
        award_minor -> BigInt,
        psc_minor -> BigInt,
        currency -> Text,
        state -> Text,
        ledger_transaction_id -> Text,
        created_at -> Timestamp,
        closed_at -> Nullable<Timestamp>,
        release_transaction_id -> Nullable<Text>,
        accounted_spent_minor -> Nullable<BigInt>,
        refund_due_minor -> BigInt,
        written_off_minor -> BigInt,
        amendment_version -> Integer,
    }
}

diesel::table! {
    grant_cancellations (grant_id) {
        grant_id -> Text,
        reason -> Text,
        board_decision -> Text,
        released_minor -> BigInt,
        cancelled_by -> Nullable<Text>,
        cancelled_at -> Timestamp,
    }
}

diesel::table! {
    grant_public_summaries (grant_id) {
        grant_id -> Text,
        summary -> Text,
        approved_by -> Text,
        approved_at -> Timestamp,
        version -> Integer,
    }
}

diesel::allow_tables_to_appear_in_same_query!(votes, conflicts, decisions, grants);
// A call's envelope sums the decisions on the applications under it (voting/envelope.rs).
diesel::allow_tables_to_appear_in_same_query!(decisions, applications);

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
        direct_assistance_since -> Date,
        psea_measures_since -> Nullable<Date>,
        contact_name -> Nullable<Text>,
        contact_phone -> Nullable<Text>,
        postal_address -> Nullable<Text>,
        version -> BigInt,
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
        version -> Integer,
        amended_at -> Nullable<Timestamp>,
        cancelled_at -> Nullable<Timestamp>,
        cancellation_reason -> Nullable<Text>,
        required_documents -> Text,
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
        checklist -> Nullable<Text>,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    organizations,
    calls,
    applications,
    application_transitions
);

// Authentication (db helper).

diesel::table! {
    token_cutoffs (user_id) {
        user_id -> Text,
        valid_after -> Timestamp,
    }
}

// The `Caller` extractor reads an account and its token cutoff in one query.
diesel::joinable!(token_cutoffs -> users (user_id));
diesel::allow_tables_to_appear_in_same_query!(users, token_cutoffs);

// Money out: agreements, tranches, disbursements, refunds (grants/).

diesel::table! {
    grant_agreements (grant_id) {
        grant_id -> Text,
        signed_on -> Date,
        period_start -> Date,
        period_end -> Date,
        signed_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    grant_tranches (grant_id, number) {
        grant_id -> Text,
        number -> Integer,
        amount_minor -> BigInt,
        psc_minor -> BigInt,
        due_on -> Date,
    }
}

diesel::table! {
    grant_disbursements (id) {
        id -> Text,
        grant_id -> Text,
        seq -> Integer,
        tranche -> Integer,
        amount_minor -> BigInt,
        psc_minor -> BigInt,
        currency -> Text,
        value_date -> Date,
        payment_reference -> Text,
        ledger_transaction_id -> Text,
        reversal_transaction_id -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    grant_refunds (id) {
        id -> Text,
        grant_id -> Text,
        seq -> Integer,
        amount_minor -> BigInt,
        psc_minor -> BigInt,
        currency -> Text,
        received_on -> Date,
        bank_reference -> Text,
        reason -> Text,
        ledger_transaction_id -> Text,
        reversal_transaction_id -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    grant_budget_lines (grant_id, line) {
        grant_id -> Text,
        line -> Integer,
        label -> Text,
        amount_minor -> BigInt,
    }
}

diesel::table! {
    grant_amendments (id) {
        id -> Text,
        grant_id -> Text,
        version -> Integer,
        kind -> Text,
        reason -> Text,
        board_decision -> Nullable<Text>,
        changes -> Text,
        ledger_transaction_id -> Nullable<Text>,
        created_by -> Nullable<Text>,
        created_at -> Timestamp,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    grants,
    grant_agreements,
    grant_tranches,
    grant_disbursements,
    grant_refunds,
    grant_budget_lines,
    grant_amendments
);

// Grantee reports (grant_reports/).

diesel::table! {
    grant_reports (id) {
        id -> Text,
        grant_id -> Text,
        organization_id -> Text,
        kind -> Text,
        tranche -> Nullable<Integer>,
        version -> Integer,
        state -> Text,
        period_start -> Date,
        period_end -> Date,
        currency -> Text,
        spent_minor -> BigInt,
        beneficiaries_total -> BigInt,
        narrative -> Text,
        filed_by -> Text,
        filed_at -> Timestamp,
        reviewed_by -> Nullable<Text>,
        reviewed_at -> Nullable<Timestamp>,
        review_comments -> Nullable<Text>,
    }
}

diesel::table! {
    grant_report_beneficiaries (report_id, line) {
        report_id -> Text,
        line -> Integer,
        sex -> Text,
        age_group -> Text,
        exploitation -> Text,
        count -> BigInt,
    }
}

diesel::table! {
    grant_report_spending (report_id, line) {
        report_id -> Text,
        line -> Integer,
        label -> Text,
        amount_minor -> BigInt,
        currency -> Text,
    }
}

diesel::allow_tables_to_appear_in_same_query!(
    grant_reports,
    grant_report_beneficiaries,
    grant_report_spending
);
// The reminders' sweep reads the reports of signed grants (notifications/sweep/).
diesel::allow_tables_to_appear_in_same_query!(grant_reports, grants);
// ... and the votes and conflicts on applications under review.
diesel::allow_tables_to_appear_in_same_query!(votes, applications);
diesel::allow_tables_to_appear_in_same_query!(conflicts, applications);

diesel::table! {
    notifications (id) {
        id -> Text,
        recipient -> Text,
        recipient_user_id -> Nullable<Text>,
        event -> Text,
        language -> Text,
        subject -> Text,
        text_body -> Text,
        html_body -> Text,
        dedup_key -> Nullable<Text>,
        status -> Text,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        claimed_until -> Nullable<Timestamp>,
        claimed_by -> Nullable<Text>,
        last_error -> Nullable<Text>,
        created_at -> Timestamp,
        sent_at -> Nullable<Timestamp>,
    }
}

// Documents (documents/).

diesel::table! {
    documents (id) {
        id -> Text,
        series_id -> Text,
        version -> Integer,
        supersedes -> Nullable<Text>,
        owner_type -> Text,
        owner_id -> Text,
        organization_id -> Text,
        kind -> Text,
        title -> Text,
        file_name -> Text,
        media_type -> Text,
        size_bytes -> BigInt,
        sha256 -> Text,
        chunk_count -> Integer,
        uploaded_by -> Nullable<Text>,
        uploaded_at -> Timestamp,
    }
}

diesel::table! {
    document_chunks (document_id, seq) {
        document_id -> Text,
        seq -> Integer,
        bytes -> Binary,
    }
}

diesel::joinable!(document_chunks -> documents (document_id));
diesel::allow_tables_to_appear_in_same_query!(documents, document_chunks);
