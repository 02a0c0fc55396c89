/**
 * The target did something its contract does not allow (answered JSON without `items`, died mid-check, never
 * printed its listening line). The engine turns it into a failing run whose reason is the message: one line
 * that names what the target did.
 */
export class ContractError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ContractError';
  }
}
