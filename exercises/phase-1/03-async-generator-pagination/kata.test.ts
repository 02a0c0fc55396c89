import { describe, it, expect } from 'vitest';
import { paginate, take, type Page } from './kata.js';

/** A fake API: pages keyed by cursor (`null` is the first page); records every cursor it was asked for. */
function fakeApi<T>(pages: Record<string, Page<T>>) {
  const requested: Array<string | null> = [];
  const fetchPage = async (cursor: string | null): Promise<Page<T>> => {
    requested.push(cursor);
    await new Promise((r) => setTimeout(r, 1)); // like a network round-trip
    const page = pages[cursor ?? 'first'];
    if (!page) throw new Error(`unknown cursor ${cursor}`);
    return page;
  };
  return { fetchPage, requested };
}

const threePages = {
  first: { items: [1, 2, 3], nextCursor: 'c2' },
  c2: { items: [4, 5, 6], nextCursor: 'c3' },
  c3: { items: [7], nextCursor: null },
};

describe('paginate', () => {
  it('yields every item of every page, in order', async () => {
    const { fetchPage, requested } = fakeApi(threePages);
    const all: number[] = [];
    for await (const item of paginate(fetchPage)) all.push(item);
    expect(all).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(requested).toEqual([null, 'c2', 'c3']);
  });

  it('is lazy: nothing is fetched before iteration, page 2 only when page 1 is used up', async () => {
    const { fetchPage, requested } = fakeApi(threePages);
    const it = paginate(fetchPage);
    expect(requested).toEqual([]);
    await it.next(); // 1
    await it.next(); // 2
    await it.next(); // 3
    expect(requested).toEqual([null]);
    await it.next(); // 4 → needs page 2
    expect(requested).toEqual([null, 'c2']);
    await it.return(undefined);
  });

  it('keeps going after an empty page that still has a nextCursor', async () => {
    const { fetchPage } = fakeApi({
      first: { items: ['a'], nextCursor: 'c2' },
      c2: { items: [], nextCursor: 'c3' },
      c3: { items: ['b'], nextCursor: null },
    });
    await expect(take(paginate(fetchPage), 10)).resolves.toEqual(['a', 'b']);
  });

  it('rejects the loop with the fetch error after yielding the earlier items', async () => {
    const { fetchPage } = fakeApi({ first: { items: [1, 2], nextCursor: 'missing' } });
    const seen: number[] = [];
    const loop = (async () => {
      for await (const item of paginate(fetchPage)) seen.push(item);
    })();
    await expect(loop).rejects.toThrow('unknown cursor missing');
    expect(seen).toEqual([1, 2]);
  });
});

describe('take', () => {
  it('take(paginate(...), 5) with pages of 3 fetches exactly 2 pages', async () => {
    const { fetchPage, requested } = fakeApi(threePages);
    await expect(take(paginate(fetchPage), 5)).resolves.toEqual([1, 2, 3, 4, 5]);
    expect(requested).toEqual([null, 'c2']);
  });

  it('returns everything when the source has fewer than n values', async () => {
    const { fetchPage } = fakeApi(threePages);
    await expect(take(paginate(fetchPage), 100)).resolves.toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('closes the source early so its finally block runs', async () => {
    let cleanedUp = false;
    async function* numbers() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        cleanedUp = true;
      }
    }
    await expect(take(numbers(), 2)).resolves.toEqual([0, 1]);
    expect(cleanedUp).toBe(true);
  });

  it('take(source, 0) pulls nothing', async () => {
    let pulled = 0;
    async function* counting() {
      for (;;) {
        pulled++;
        yield pulled;
      }
    }
    await expect(take(counting(), 0)).resolves.toEqual([]);
    expect(pulled).toBe(0);
  });
});
