export interface Document {
  id: string;
  text: string;
}

export interface BuildPromptInput {
  template: string;
  question: string;
  documents: Document[];
  budgetTokens: number;
  reserveForAnswer: number;
  countTokens: (text: string) => number;
}

export interface BuiltPrompt {
  prompt: string;
  included: string[];
  dropped: string[];
  tokens: number;
}

export class BudgetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BudgetError';
  }
}

/** Rough rule of thumb for English text: about 4 characters per token. */
export function approxTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

function render(template: string, question: string, docs: Document[]): string {
  const context = docs.map((d) => `<document id="${d.id}">${d.text}</document>`).join('\n');
  // Replacer functions: `$&` in a question or a document must be inserted literally.
  return template.replace('{{context}}', () => context).replace('{{question}}', () => question);
}

export function buildPrompt(input: BuildPromptInput): BuiltPrompt {
  const { template, question, documents, countTokens } = input;
  // The window holds prompt AND answer: the prompt only gets what is left after the reserve.
  const promptBudget = input.budgetTokens - input.reserveForAnswer;

  const base = render(template, question, []);
  if (countTokens(base) > promptBudget) {
    throw new BudgetError(`prompt needs ${countTokens(base)} tokens without any document; budget is ${promptBudget}`);
  }

  const included: Document[] = [];
  const dropped: string[] = [];
  for (const doc of documents) {
    // Measure the real rendered prompt: template, tags and separators cost tokens too,
    // and real tokenizers are not additive across boundaries.
    const candidate = render(template, question, [...included, doc]);
    if (countTokens(candidate) <= promptBudget) included.push(doc);
    else dropped.push(doc.id); // skip, but keep trying: a smaller, lower-ranked doc may still fit
  }

  const prompt = render(template, question, included);
  return { prompt, included: included.map((d) => d.id), dropped, tokens: countTokens(prompt) };
}
