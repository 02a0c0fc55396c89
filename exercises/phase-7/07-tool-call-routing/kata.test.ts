import { describe, it, expect } from 'vitest';
import { z } from 'zod';
import { routeToolCall, toToolMessage, type ToolRegistry } from './kata.js';

const seen: unknown[] = [];
const tools: ToolRegistry = {
  get_weather: {
    description: 'Current weather for a city',
    schema: z.object({ city: z.string().min(1), unit: z.enum(['c', 'f']).default('c') }),
    handler: async (args: { city: string; unit: 'c' | 'f' }) => {
      seen.push(args);
      return { city: args.city, temp: 21, unit: args.unit };
    },
  },
  add: {
    description: 'Add two numbers',
    schema: z.object({ a: z.number(), b: z.number() }),
    handler: (args: { a: number; b: number }) => args.a + args.b,
  },
  explode: {
    description: 'Always fails',
    schema: z.object({}),
    handler: () => {
      throw new Error('disk full');
    },
  },
  reject: {
    description: 'Rejects',
    schema: z.object({}),
    handler: async () => {
      throw new Error('upstream 503');
    },
  },
  log: {
    description: 'Returns nothing',
    schema: z.object({ msg: z.string() }),
    handler: () => undefined,
  },
};

describe('routeToolCall — success', () => {
  it('dispatches a plain JSON call', async () => {
    expect(await routeToolCall('{"name":"add","arguments":{"a":2,"b":3}}', tools)).toEqual({ ok: true, tool: 'add', result: 5 });
  });

  it('unwraps a ```json fence around the call', async () => {
    const raw = '```json\n{"name": "add", "arguments": {"a": 1, "b": 1}}\n```\n';
    expect(await routeToolCall(raw, tools)).toEqual({ ok: true, tool: 'add', result: 2 });
  });

  it('accepts arguments encoded as a JSON string (OpenAI wire format)', async () => {
    const raw = JSON.stringify({ name: 'add', arguments: JSON.stringify({ a: 10, b: 5 }) });
    expect(await routeToolCall(raw, tools)).toEqual({ ok: true, tool: 'add', result: 15 });
  });

  it('passes zod\'s parsed data to the handler: defaults applied, unknown keys stripped', async () => {
    seen.length = 0;
    const raw = JSON.stringify({ name: 'get_weather', arguments: { city: 'Lisbon', isAdmin: true } });
    expect(await routeToolCall(raw, tools)).toEqual({ ok: true, tool: 'get_weather', result: { city: 'Lisbon', temp: 21, unit: 'c' } });
    expect(seen).toEqual([{ city: 'Lisbon', unit: 'c' }]);
  });

  it('treats missing arguments as {}', async () => {
    const out = await routeToolCall('{"name":"explode"}', tools);
    expect(out).toMatchObject({ ok: false, tool: 'explode', error: 'tool explode failed: disk full' });
  });
});

describe('routeToolCall — errors go back to the model, never thrown', () => {
  it('invalid JSON', async () => {
    const out = await routeToolCall('Sure! I will call add with 2 and 3.', tools);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.error).toMatch(/^invalid JSON/);
  });

  it('missing tool name (not an object, or no string name)', async () => {
    for (const raw of ['[1,2]', '{"arguments":{}}', '{"name":42}', 'null']) {
      const out = await routeToolCall(raw, tools);
      expect(!out.ok && out.error).toMatch(/^missing tool name/);
    }
  });

  it('unknown tool lists the available tools, sorted', async () => {
    const out = await routeToolCall('{"name":"delete_everything","arguments":{}}', tools);
    expect(out).toEqual({
      ok: false,
      error: 'unknown tool "delete_everything"; available: add, explode, get_weather, log, reject',
    });
  });

  it('does not treat inherited object keys (toString, __proto__, constructor) as tools', async () => {
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty']) {
      const out = await routeToolCall(JSON.stringify({ name, arguments: {} }), tools);
      expect(out.ok).toBe(false);
      expect(!out.ok && out.error).toMatch(/^unknown tool/);
    }
  });

  it('arguments that are not an object', async () => {
    for (const raw of ['{"name":"add","arguments":[1,2]}', '{"name":"add","arguments":"not json"}', '{"name":"add","arguments":7}']) {
      const out = await routeToolCall(raw, tools);
      expect(out).toMatchObject({ ok: false, tool: 'add' });
      expect(!out.ok && out.error).toMatch(/^invalid arguments for add/);
    }
  });

  it('schema failures name every failing path', async () => {
    const out = await routeToolCall('{"name":"add","arguments":{"a":"2"}}', tools);
    expect(out).toMatchObject({ ok: false, tool: 'add' });
    const error = !out.ok ? out.error : '';
    expect(error).toMatch(/^invalid arguments for add: /);
    expect(error).toContain('a: ');
    expect(error).toContain('b: ');
  });

  it('a throwing handler becomes an error result', async () => {
    expect(await routeToolCall('{"name":"explode","arguments":{}}', tools)).toEqual({
      ok: false,
      tool: 'explode',
      error: 'tool explode failed: disk full',
    });
  });

  it('a rejecting async handler becomes an error result', async () => {
    expect(await routeToolCall('{"name":"reject","arguments":{}}', tools)).toEqual({
      ok: false,
      tool: 'reject',
      error: 'tool reject failed: upstream 503',
    });
  });
});

describe('toToolMessage', () => {
  it('serialises results and errors as tool message content', async () => {
    expect(toToolMessage({ ok: true, tool: 'add', result: { sum: 5 } })).toEqual({ role: 'tool', content: '{"sum":5}' });
    expect(toToolMessage({ ok: false, error: 'boom' })).toEqual({ role: 'tool', content: '{"error":"boom"}' });
  });

  it('never produces undefined content for a handler that returns nothing', async () => {
    const out = await routeToolCall('{"name":"log","arguments":{"msg":"hi"}}', tools);
    expect(toToolMessage(out)).toEqual({ role: 'tool', content: 'null' });
  });
});
