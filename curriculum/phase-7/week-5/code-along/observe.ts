// Step 4 — trace every LLM call and log evaluation scores per answer.
// Span attributes use OpenTelemetry's GenAI semantic conventions (status: Development),
// so a real OTel exporter can replace `sink` later without renaming anything.
import { randomBytes } from 'node:crypto';

export type Attributes = Record<string, string | number | boolean>;

export interface SpanRecord {
  traceId: string;
  spanId: string;
  name: string;
  durationMs: number;
  status: 'OK' | 'ERROR';
  attributes: Attributes;
}

export interface TraceOptions {
  traceId?: string;
  sink: (span: SpanRecord) => void;
  now?: () => number; // injectable clock for tests
}

/** Runs `fn` inside a span; `fn` may add attributes (token counts, output) as it learns them. */
export async function traced<T>(
  name: string,
  attributes: Attributes,
  fn: (set: (attrs: Attributes) => void) => Promise<T>,
  { traceId = randomBytes(16).toString('hex'), sink, now = () => performance.now() }: TraceOptions,
): Promise<T> {
  const attrs: Attributes = { ...attributes };
  const start = now();
  let status: SpanRecord['status'] = 'OK';
  try {
    return await fn((more) => Object.assign(attrs, more));
  } catch (err) {
    status = 'ERROR';
    attrs['error.type'] = err instanceof Error ? err.name : 'Error';
    throw err;
  } finally {
    sink({ traceId, spanId: randomBytes(8).toString('hex'), name, durationMs: now() - start, status, attributes: attrs });
  }
}

/** Span name and attributes for a chat call, following the GenAI conventions. */
export function chatSpan(model: string, prompt?: unknown): { name: string; attributes: Attributes } {
  const attributes: Attributes = {
    'gen_ai.operation.name': 'chat',
    'gen_ai.provider.name': 'ollama',
    'gen_ai.request.model': model,
  };
  // Prompt capture is opt-in in the conventions: prompts may contain personal data.
  if (prompt !== undefined) attributes['gen_ai.input.messages'] = JSON.stringify(prompt);
  return { name: `chat ${model}`, attributes };
}

export interface EvalInput {
  traceId: string;
  answer: string;
  cited: number[]; // from checkCitations() (week 3)
  invalid: number[];
  refused: boolean;
  retrievedDocIds: string[];
  expectedDocId?: string; // known for questions in your golden test set
  latencyMs: number;
  budgetMs?: number;
}

/** One JSON line per answer: cheap to write, easy to aggregate (jq, a log pipeline, a DB). */
export function evalRecord(e: EvalInput) {
  const total = e.cited.length + e.invalid.length;
  return {
    traceId: e.traceId,
    citationPrecision: total === 0 ? null : e.cited.length / total, // share of citations that are real
    grounded: e.refused || e.cited.length > 0, // an answer must cite or refuse
    retrievalHit: e.expectedDocId === undefined ? null : e.retrievedDocIds.includes(e.expectedDocId),
    latencyMs: Math.round(e.latencyMs),
    withinBudget: e.latencyMs <= (e.budgetMs ?? 2000),
  };
}
