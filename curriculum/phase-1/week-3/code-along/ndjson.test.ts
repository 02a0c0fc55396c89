import { describe, it, expect } from 'vitest'
import { Readable } from 'node:stream'
import { parseNdjson, splitLines, toNdjson } from './ndjson.js'

async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = []
  for await (const item of source) items.push(item)
  return items
}

describe('step 2: NDJSON in and out', () => {
  it('serialises one JSON document per line', async () => {
    const lines = await collect(toNdjson(Readable.from([{ a: 1 }, { b: 'x' }])))
    expect(lines.join('')).toBe('{"a":1}\n{"b":"x"}\n')
  })

  it('reassembles a line cut across chunks', async () => {
    const chunks = ['{"url":"/a"}\n{"ur', 'l":"/b"}\n', '{"url":"/c"}']
    expect(await collect(splitLines(Readable.from(chunks)))).toEqual(['{"url":"/a"}', '{"url":"/b"}', '{"url":"/c"}'])
  })

  it('reassembles a multi-byte UTF-8 character cut across byte chunks', async () => {
    const bytes = Buffer.from('{"title":"café ☕"}\n')
    const cut = bytes.indexOf(Buffer.from('☕')) + 1 // inside the 3-byte character
    const chunks = [bytes.subarray(0, cut), bytes.subarray(cut)]
    const [record] = await collect(parseNdjson<{ title: string }>(splitLines(Readable.from(chunks))))
    expect(record?.title).toBe('café ☕')
  })

  it('skips blank lines and names the line of a bad record', async () => {
    const source = Readable.from(['{"ok":1}\n\n', 'not json\n'])
    await expect(collect(parseNdjson(splitLines(source)))).rejects.toThrow('invalid JSON on line 2')
  })
})
