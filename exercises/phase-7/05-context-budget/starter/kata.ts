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

export function approxTokens(text: string): number {
  throw new Error(`TODO: approximate tokens for ${text.length} chars`);
}

export function buildPrompt(input: BuildPromptInput): BuiltPrompt {
  // Naive: sums document sizes, forgets the template, the tags and the answer reserve.
  let used = input.countTokens(input.question);
  const kept: Document[] = [];
  for (const doc of input.documents) {
    const cost = input.countTokens(doc.text);
    if (used + cost > input.budgetTokens) break;
    used += cost;
    kept.push(doc);
  }
  const context = kept.map((d) => `<document id="${d.id}">${d.text}</document>`).join('\n');
  const prompt = input.template.replace('{{context}}', context).replace('{{question}}', input.question);
  return { prompt, included: kept.map((d) => d.id), dropped: [], tokens: input.countTokens(prompt) };
}
