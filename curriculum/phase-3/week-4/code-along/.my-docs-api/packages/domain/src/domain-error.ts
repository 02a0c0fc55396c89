/** A broken invariant; `code` names the rule (`slug.format`) so an adapter maps it without parsing the message. */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}
