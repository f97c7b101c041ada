-- Each pledge made by $1, with what had been received against it by then (by value date,
-- in the pledge's currency: a receipt's original amount, or its USD amount for a pledge in
-- USD; a reversal's negated posting takes its receipt back).
SELECT c.pledged_currency AS currency, c.pledged_minor AS pledged, c.pledged_on AS pledged_on,
       (SELECT CAST(COALESCE(SUM(-COALESCE(p.original_minor, p.usd_minor)), 0) AS BIGINT)
          FROM ledger_postings p JOIN ledger_transactions t ON t.id = p.transaction_id
         WHERE p.party_id = c.id AND p.account = 'contributions'
           AND t.value_date <= $1) AS received
FROM contributions c
WHERE c.pledged_minor IS NOT NULL AND c.pledged_currency IS NOT NULL AND c.pledged_on <= $1
