import { describe, it, expect } from 'vitest';
import { buildPrompt, approxTokens, BudgetError, type Document } from './kata.js';

const chars = (text: string) => text.length; // 1 "token" per character: exact and easy to reason about
const template = 'Docs:\n{{context}}\nQ: {{question}}';
const question = 'why?';
const docs: Document[] = [
  { id: 'a', text: 'x'.repeat(10) },
  { id: 'b', text: 'y'.repeat(50) },
  { id: 'c', text: 'z'.repeat(10) },
];
const tag = (d: Document) => `<document id="${d.id}">${d.text}</document>`;
const promptWith = (...ds: Document[]) => `Docs:\n${ds.map(tag).join('\n')}\nQ: ${question}`;

describe('buildPrompt', () => {
  it('includes everything when the budget is generous, in rank order', () => {
    const r = buildPrompt({ template, question, documents: docs, budgetTokens: 10_000, reserveForAnswer: 100, countTokens: chars });
    expect(r.prompt).toBe(promptWith(docs[0]!, docs[1]!, docs[2]!));
    expect(r.included).toEqual(['a', 'b', 'c']);
    expect(r.dropped).toEqual([]);
    expect(r.tokens).toBe(r.prompt.length);
  });

  it('counts the template, the tags and the separators, not just the document text', () => {
    const exact = promptWith(docs[0]!).length;
    const r = buildPrompt({ template, question, documents: [docs[0]!], budgetTokens: exact - 1, reserveForAnswer: 0, countTokens: chars });
    expect(r.included).toEqual([]);
    expect(r.prompt).toBe(promptWith());
    const fits = buildPrompt({ template, question, documents: [docs[0]!], budgetTokens: exact, reserveForAnswer: 0, countTokens: chars });
    expect(fits.included).toEqual(['a']);
  });

  it('reserves room for the answer', () => {
    const exact = promptWith(docs[0]!).length;
    const r = buildPrompt({ template, question, documents: [docs[0]!], budgetTokens: exact + 99, reserveForAnswer: 100, countTokens: chars });
    expect(r.included).toEqual([]);
    const ok = buildPrompt({ template, question, documents: [docs[0]!], budgetTokens: exact + 100, reserveForAnswer: 100, countTokens: chars });
    expect(ok.included).toEqual(['a']);
  });

  it('skips a document that does not fit and still tries the smaller ones after it', () => {
    const budget = promptWith(docs[0]!, docs[2]!).length;
    const r = buildPrompt({ template, question, documents: docs, budgetTokens: budget, reserveForAnswer: 0, countTokens: chars });
    expect(r.included).toEqual(['a', 'c']);
    expect(r.dropped).toEqual(['b']);
    expect(r.prompt).toBe(promptWith(docs[0]!, docs[2]!));
  });

  it('the final prompt always fits the budget', () => {
    for (let budget = promptWith().length; budget < promptWith(...docs).length + 5; budget += 7) {
      const r = buildPrompt({ template, question, documents: docs, budgetTokens: budget + 20, reserveForAnswer: 20, countTokens: chars });
      expect(r.tokens + 20).toBeLessThanOrEqual(budget + 20);
    }
  });

  it('throws BudgetError when even the prompt without documents does not fit', () => {
    expect(() =>
      buildPrompt({ template, question, documents: docs, budgetTokens: promptWith().length + 9, reserveForAnswer: 10, countTokens: chars }),
    ).toThrow(BudgetError);
  });

  it('inserts $& in the question or documents literally', () => {
    const r = buildPrompt({
      template,
      question: 'is $& special?',
      documents: [{ id: 'd', text: 'costs $1' }],
      budgetTokens: 10_000,
      reserveForAnswer: 0,
      countTokens: chars,
    });
    expect(r.prompt).toBe('Docs:\n<document id="d">costs $1</document>\nQ: is $& special?');
  });
});

describe('approxTokens', () => {
  it('uses ~4 characters per token, rounding up', () => {
    expect(approxTokens('')).toBe(0);
    expect(approxTokens('abcd')).toBe(1);
    expect(approxTokens('abcde')).toBe(2);
    expect(approxTokens('x'.repeat(4000))).toBe(1000);
  });
});
