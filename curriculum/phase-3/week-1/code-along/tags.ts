import { err, ok, type Result } from './result.js'

export const MAX_TAGS = 5

/** A kebab-case topic label such as `event-loop`. Value object: equal when the text is equal. */
export class Tag {
  private constructor(readonly value: string) {
    Object.freeze(this)
  }

  static parse(input: string): Result<Tag, 'invalid-tag'> {
    const value = input.trim().toLowerCase().replace(/\s+/g, '-')
    const valid = value.length <= 30 && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(value)
    return valid ? ok(new Tag(value)) : err('invalid-tag')
  }

  equals(other: Tag): boolean {
    return this.value === other.value
  }
}

/**
 * An immutable set of at most MAX_TAGS tags. "Changing" it returns a new Tags, so a Tags you hold
 * can never change under your feet (no defensive copies needed).
 */
export class Tags {
  private constructor(private readonly items: readonly Tag[]) {
    Object.freeze(this)
  }

  static empty(): Tags {
    return new Tags(Object.freeze([]))
  }

  with(tag: Tag): Result<Tags, 'too-many-tags'> {
    if (this.has(tag)) return ok(this)
    if (this.items.length >= MAX_TAGS) return err('too-many-tags')
    return ok(new Tags(Object.freeze([...this.items, tag])))
  }

  has(tag: Tag): boolean {
    return this.items.some((t) => t.equals(tag))
  }

  /** Set equality: order of insertion does not matter. */
  equals(other: Tags): boolean {
    return this.items.length === other.items.length && this.items.every((t) => other.has(t))
  }

  toArray(): string[] {
    return this.items.map((t) => t.value).sort()
  }
}
