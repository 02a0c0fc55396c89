/**
 * A broken invariant: a value object or the aggregate refused a value. `code` names the rule (`slug.format`,
 * `status.range`...) so a driving adapter maps it to its own error (HTTP 400) without parsing the message.
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
