/** Every author with `name` and `book_count`, ordered by book_count DESC, name. */
// LEFT JOIN keeps authors without books; count(b.id) ignores the NULL-padded row, count(*) would not.
export const AUTHORS_WITH_BOOK_COUNT = `
  SELECT a.name, count(b.id)::int AS book_count
  FROM authors a
  LEFT JOIN books b ON b.author_id = a.id
  GROUP BY a.id, a.name
  ORDER BY book_count DESC, a.name
`;

/** `name` of every author who has no books, ordered by name. */
// NOT IN (..., NULL) is NULL for every row, so it matches nothing. NOT EXISTS has no such trap.
export const AUTHORS_WITHOUT_BOOKS = `
  SELECT a.name
  FROM authors a
  WHERE NOT EXISTS (SELECT 1 FROM books b WHERE b.author_id = a.id)
  ORDER BY a.name
`;

/** Every author with `name` and `book_count` of books published in year $1 or later, ordered by name. */
// The year filter is part of the join condition: in WHERE it would discard the NULL-padded rows.
export const BOOK_COUNT_SINCE_YEAR = `
  SELECT a.name, count(b.id)::int AS book_count
  FROM authors a
  LEFT JOIN books b ON b.author_id = a.id AND b.published_year >= $1
  GROUP BY a.id, a.name
  ORDER BY a.name
`;

/** Every author with `name`, `book_count` and `award_count`, ordered by name. */
// Aggregate each one-to-many relation on its own, then join one row per author: no fan-out.
export const AUTHOR_STATS = `
  SELECT a.name,
         coalesce(b.book_count, 0) AS book_count,
         coalesce(w.award_count, 0) AS award_count
  FROM authors a
  LEFT JOIN (SELECT author_id, count(*)::int AS book_count FROM books GROUP BY author_id) b ON b.author_id = a.id
  LEFT JOIN (SELECT author_id, count(*)::int AS award_count FROM awards GROUP BY author_id) w ON w.author_id = a.id
  ORDER BY a.name
`;
