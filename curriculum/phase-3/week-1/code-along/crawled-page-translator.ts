import { Document, type DocumentError, type DocumentId } from './document.js'
import { DocumentUrl, type DocumentUrlError } from './document-url.js'
import { err, type Result } from './result.js'

/**
 * The Crawling context's model, as the crawler publishes it. It is not ours: we do not add fields to
 * it or let it leak into the Catalog model.
 */
export interface CrawledPage {
  readonly url: string
  readonly status: number
  readonly contentType: string
  readonly html: string
}

export type TranslationError = 'not-ok' | 'not-html' | DocumentUrlError | DocumentError

/**
 * Anticorruption layer between two bounded contexts: the only place where a crawler "page" becomes a
 * catalog "document". When the crawler's model changes, this function changes; the Catalog does not.
 */
export function toCatalogDocument(page: CrawledPage, id: DocumentId): Result<Document, TranslationError> {
  if (page.status !== 200) return err('not-ok')
  if (!page.contentType.toLowerCase().startsWith('text/html')) return err('not-html')
  const url = DocumentUrl.parse(page.url)
  if (!url.ok) return url
  const title = extractTitle(page.html) ?? titleFromPath(url.value)
  return Document.create({ id, url: url.value, title })
}

function extractTitle(html: string): string | undefined {
  const match = /<title[^>]*>([^<]*)<\/title>/i.exec(html)
  const text = match?.[1]?.replaceAll('&amp;', '&').trim()
  return text === undefined || text === '' ? undefined : text
}

function titleFromPath(url: DocumentUrl): string {
  const last = new URL(url.toString()).pathname.split('/').filter(Boolean).at(-1)
  return last ?? url.host
}
