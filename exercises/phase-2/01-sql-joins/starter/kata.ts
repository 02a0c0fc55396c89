// Each query runs but returns wrong rows. Fix them (see README.md).

/** Every author with `name` and `book_count`, ordered by book_count DESC, name. */
export const AUTHORS_WITH_BOOK_COUNT = `
  SELECT a.name, count(*) AS book_count
  FROM authors a
  JOIN books b ON b.author_id = a.id
  GROUP BY a.id, a.name
  ORDER BY book_count DESC, a.name
`;

/** `name` of every author who has no books, ordered by name. */
export const AUTHORS_WITHOUT_BOOKS = `
  SELECT a.name
  FROM authors a
  WHERE a.id NOT IN (SELECT author_id FROM books)
  ORDER BY a.name
`;

/** Every author with `name` and `book_count` of books published in year $1 or later, ordered by name. */
export const BOOK_COUNT_SINCE_YEAR = `
  SELECT a.name, count(b.id) AS book_count
  FROM authors a
  LEFT JOIN books b ON b.author_id = a.id
  WHERE b.published_year >= $1
  GROUP BY a.id, a.name
  ORDER BY a.name
`;

/** Every author with `name`, `book_count` and `award_count`, ordered by name. */
export const AUTHOR_STATS = `
  SELECT a.name, count(b.id) AS book_count, count(w.id) AS award_count
  FROM authors a
  LEFT JOIN books b ON b.author_id = a.id
  LEFT JOIN awards w ON w.author_id = a.id
  GROUP BY a.id, a.name
  ORDER BY a.name
`;
