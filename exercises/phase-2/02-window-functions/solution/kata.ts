/** 2 best-selling products per category (ties by name): category, name, revenue. */
// row_number() numbers ties 1, 2, 3...; rank() would give both 40-revenue games rank 2.
// Window functions cannot appear in WHERE, so filter in the outer query.
export const TOP_2_PER_CATEGORY = `
  SELECT category, name, revenue
  FROM (
    SELECT category, name, revenue,
           row_number() OVER (PARTITION BY category ORDER BY revenue DESC, name) AS position
    FROM products
  ) ranked
  WHERE position <= 2
  ORDER BY category, revenue DESC, name
`;

/** Running balance per account after each entry: account_id, id, balance. */
// The default frame (RANGE UNBOUNDED PRECEDING) includes every peer with the same booked_on, so two
// entries on the same day would show the same end-of-day balance. A ROWS frame stops at this row;
// id makes the order deterministic.
export const RUNNING_BALANCE = `
  SELECT account_id, id,
         sum(amount) OVER (
           PARTITION BY account_id
           ORDER BY booked_on, id
           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
         )::int AS balance
  FROM entries
  ORDER BY account_id, booked_on, id
`;

/** Days since the same customer's previous order: customer_id, id, days_since_previous. */
// PARTITION BY restarts lag() for every customer; date - date is an integer number of days.
export const DAYS_SINCE_PREVIOUS_ORDER = `
  SELECT customer_id, id,
         ordered_on - lag(ordered_on) OVER (PARTITION BY customer_id ORDER BY ordered_on, id) AS days_since_previous
  FROM orders
  ORDER BY customer_id, ordered_on, id
`;
