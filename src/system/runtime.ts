/** Facts about the running Node.js process. */
export function nodeVersion(): string {
  return process.versions.node;
}

export function platform(): string {
  return `${process.platform}-${process.arch}`;
}
