export class TemplateError extends Error {
  readonly missing: string[];
  constructor(missing: string[]) {
    super(`missing template variables: ${missing.join(', ')}`);
    this.name = 'TemplateError';
    this.missing = missing;
  }
}

export type TemplateVars = Record<string, string | number | undefined>;

// One pattern for both tokens, so escapes and placeholders are recognised in the same left-to-right scan.
const TOKEN = /\\\{\{|\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export function renderTemplate(template: string, vars: TemplateVars): string {
  // First pass: find every missing name, so the error lists them all at once.
  const missing: string[] = [];
  for (const match of template.matchAll(TOKEN)) {
    const name = match[1];
    if (name !== undefined && vars[name] === undefined && !missing.includes(name)) missing.push(name);
  }
  if (missing.length > 0) throw new TemplateError(missing);

  // Second pass: a single replace over the TEMPLATE. Inserted values are never scanned again, and the
  // replacer function means `$&` or `$1` inside a value is inserted literally.
  return template.replace(TOKEN, (_token, name: string | undefined) => (name === undefined ? '{{' : String(vars[name])));
}

export function escapeXml(text: string): string {
  // '&' first: escaping it last would turn our own '&lt;' into '&amp;lt;'.
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

export function wrapDocument(id: string, text: string): string {
  const safeId = escapeXml(id).replaceAll('"', '&quot;');
  return `<document id="${safeId}">\n${escapeXml(text)}\n</document>`;
}
