/** Malformed shipped or learner-edited content: the message is one line naming the file and the bad field. */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${detail}`);
    this.name = 'ContentError';
  }
}
