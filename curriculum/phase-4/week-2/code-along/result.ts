/**
 * Expected failures are values, not exceptions: the compiler makes every caller handle both arms.
 * Throw only for bugs (an id that can never be invalid unless the code is wrong).
 */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E }

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value })
export const err = <E>(error: E): Result<never, E> => ({ ok: false, error })
