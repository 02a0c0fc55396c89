// Each query runs but returns wrong rows. Fix them (see README.md).

/** 2 best-selling products per category (ties by name): category, name, revenue. */
export const TOP_2_PER_CATEGORY = `
  SELECT category, name, revenue
  FROM (
    SELECT category, name, revenue,
           rank() OVER (PARTITION BY category ORDER BY revenue DESC) AS position
    FROM products
  ) ranked
  WHERE position <= 2
  ORDER BY category, revenue DESC, name
`;

/** Running balance per account after each entry: account_id, id, balance. */
export const RUNNING_BALANCE = `
  SELECT account_id, id,
         sum(amount) OVER (PARTITION BY account_id ORDER BY booked_on) AS balance
  FROM entries
  ORDER BY account_id, booked_on, id
`;

/** Days since the same customer's previous order: customer_id, id, days_since_previous. */
export const DAYS_SINCE_PREVIOUS_ORDER = `
  SELECT customer_id, id,
         ordered_on - lag(ordered_on) OVER (ORDER BY ordered_on, id) AS days_since_previous
  FROM orders
  ORDER BY customer_id, ordered_on, id
`;
