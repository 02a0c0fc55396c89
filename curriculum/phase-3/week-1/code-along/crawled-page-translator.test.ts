import { describe, it, expect } from 'vitest'
import { type CrawledPage, toCatalogDocument } from './crawled-page-translator.js'
import { documentId } from './document.js'

const page = (overrides: Partial<CrawledPage> = {}): CrawledPage => ({
  url: 'https://nodejs.org/en/learn/asynchronous-work/event-loop-timers-and-nexttick#phases',
  status: 200,
  contentType: 'text/html; charset=utf-8',
  html: '<html><head><title>The Node.js Event Loop &amp; Timers</title></head></html>',
  ...overrides,
})

describe('step 4: an anticorruption layer between Crawling and Catalog', () => {
  it('turns a crawled HTML page into a catalog Document', () => {
    const result = toCatalogDocument(page(), documentId('d1'))
    if (!result.ok) throw new Error(result.error)
    expect(result.value.title).toBe('The Node.js Event Loop & Timers')
    expect(result.value.url.toString()).toBe(
      'https://nodejs.org/en/learn/asynchronous-work/event-loop-timers-and-nexttick',
    )
  })

  it('falls back to the last path segment when the page has no <title>', () => {
    const result = toCatalogDocument(page({ html: '<p>no head</p>' }), documentId('d1'))
    expect(result.ok && result.value.title).toBe('event-loop-timers-and-nexttick')
  })

  it.each([
    [{ status: 404 }, 'not-ok'],
    [{ contentType: 'application/pdf' }, 'not-html'],
    [{ url: 'mailto:someone@example.com' }, 'unsupported-scheme'],
  ])('refuses %o with %s: not every crawled page is a document', (overrides, error) => {
    expect(toCatalogDocument(page(overrides), documentId('d1'))).toEqual({ ok: false, error })
  })
})
