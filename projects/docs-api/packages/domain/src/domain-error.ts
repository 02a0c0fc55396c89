/**
 * A broken invariant of the domain: a value object or the aggregate refused a value. `code` names the invariant
 * (`slug.format`, `url.scheme`...) so an adapter can map it to its own error shape without parsing the message.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
