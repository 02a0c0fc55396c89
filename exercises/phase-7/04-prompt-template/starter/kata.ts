export class TemplateError extends Error {
  readonly missing: string[];
  constructor(missing: string[]) {
    super(`missing template variables: ${missing.join(', ')}`);
    this.name = 'TemplateError';
    this.missing = missing;
  }
}

export type TemplateVars = Record<string, string | number | undefined>;

export function renderTemplate(template: string, vars: TemplateVars): string {
  // Naive: one replaceAll per variable (multi-pass, string replacement, no missing check).
  let out = template;
  for (const [name, value] of Object.entries(vars)) {
    out = out.replaceAll(`{{${name}}}`, String(value));
  }
  return out;
}

export function escapeXml(text: string): string {
  return text.replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('&', '&amp;');
}

export function wrapDocument(id: string, text: string): string {
  return `<document id="${id}">\n${text}\n</document>`;
}
