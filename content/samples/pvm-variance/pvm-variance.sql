-- Price-volume-mix bridge: actual revenue against budget, by commodity and segment
--
-- Runs as is in SQLite 3.25+ and PostgreSQL 12+ (standard SQL, no extensions).
-- The two CTEs at the top hold an illustrative quarter for an energy retailer;
-- in production they are replaced by the budget table and by a query on
-- billed volumes, with the same columns.
--
-- Definitions, per segment i inside commodity c (Q = volume, P = average price,
-- B = budget, A = actual, mix = segment volume / commodity volume):
--   volume effect = (AQ_c - BQ_c) * Bmix_i * BP_i   more or fewer MWh sold, at budget mix and price
--   mix effect    = (Amix_i - Bmix_i) * AQ_c * BP_i  the same MWh sold to a different set of segments
--   price effect  = (AP_i - BP_i) * AQ_i             realised price against budget price
-- The three effects add up exactly to actual revenue minus budget revenue.
-- Mix is measured within a commodity only: moving a MWh from gas to
-- electricity is not a mix effect that anyone can act on.

WITH budget (commodity, segment, volume_mwh, price_eur_mwh) AS (
    VALUES
        ('Electricity', 'Residential', 410000.0, 128.00),
        ('Electricity', 'SME',         265000.0, 112.00),
        ('Electricity', 'Industrial',  520000.0,  84.00),
        ('Gas',         'Residential', 380000.0,  52.00),
        ('Gas',         'SME',         230000.0,  36.00)
),
actual (commodity, segment, volume_mwh, price_eur_mwh) AS (
    VALUES
        ('Electricity', 'Residential', 392500.0, 131.50),
        ('Electricity', 'SME',         281300.0, 109.40),
        ('Electricity', 'Industrial',  498700.0,  86.20),
        ('Gas',         'Residential', 401600.0,  50.10),
        ('Gas',         'SME',         253600.0,  33.20)
),
joined AS (
    SELECT b.commodity,
           b.segment,
           b.volume_mwh    AS bq,
           b.price_eur_mwh AS bp,
           a.volume_mwh    AS aq,
           a.price_eur_mwh AS ap
    FROM budget b
    JOIN actual a ON a.commodity = b.commodity AND a.segment = b.segment
),
commodity_totals AS (
    SELECT commodity, SUM(bq) AS bq_c, SUM(aq) AS aq_c
    FROM joined
    GROUP BY commodity
),
effects AS (
    SELECT j.commodity,
           j.segment,
           j.bq * j.bp                                     AS budget_revenue,
           j.aq * j.ap                                     AS actual_revenue,
           (t.aq_c - t.bq_c) * (j.bq / t.bq_c) * j.bp      AS volume_effect,
           (j.aq / t.aq_c - j.bq / t.bq_c) * t.aq_c * j.bp AS mix_effect,
           (j.ap - j.bp) * j.aq                            AS price_effect
    FROM joined j
    JOIN commodity_totals t ON t.commodity = j.commodity
),
report AS (
    SELECT 1 AS sort_key, commodity, segment,
           budget_revenue, volume_effect, mix_effect, price_effect, actual_revenue
    FROM effects
    UNION ALL
    SELECT 2, commodity, 'Subtotal',
           SUM(budget_revenue), SUM(volume_effect), SUM(mix_effect), SUM(price_effect), SUM(actual_revenue)
    FROM effects
    GROUP BY commodity
    UNION ALL
    SELECT 3, 'Total', '',
           SUM(budget_revenue), SUM(volume_effect), SUM(mix_effect), SUM(price_effect), SUM(actual_revenue)
    FROM effects
)
SELECT commodity,
       segment,
       ROUND(budget_revenue / 1000, 1)                                  AS budget_eur_k,
       ROUND(volume_effect / 1000, 1)                                   AS volume_eur_k,
       ROUND(mix_effect / 1000, 1)                                      AS mix_eur_k,
       ROUND(price_effect / 1000, 1)                                    AS price_eur_k,
       ROUND(actual_revenue / 1000, 1)                                  AS actual_eur_k,
       ROUND((actual_revenue - budget_revenue) / 1000, 1)               AS variance_eur_k,
       ROUND(100 * (actual_revenue - budget_revenue) / budget_revenue, 1) AS variance_pct,
       ROUND((actual_revenue - budget_revenue
              - volume_effect - mix_effect - price_effect), 6)          AS check_zero
FROM report
ORDER BY CASE commodity WHEN 'Total' THEN 2 ELSE 1 END, commodity, sort_key, segment;
