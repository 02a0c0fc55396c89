/**
 * A rule of the domain said no. `code` names the rule (`slug.format`, `url.scheme`...), so a test can check which
 * rule refused and, later, the HTTP adapter can map any DomainError to one 400 without parsing the message.
 */
export class DomainError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
  }
}
