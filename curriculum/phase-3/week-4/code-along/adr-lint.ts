export const ADR_STATUSES = ['Proposed', 'Accepted', 'Rejected', 'Deprecated', 'Superseded'] as const
const SECTIONS = ['Status', 'Context', 'Decision', 'Consequences'] as const

/**
 * Checks one ADR in Michael Nygard's format (as written by adr-tools): file `NNNN-kebab-title.md`,
 * heading `# N. Title`, a `Date:` line, then the sections Status, Context, Decision and
 * Consequences in that order, none empty. Returns the problems found; an empty list means valid.
 */
export function lintAdr(fileName: string, markdown: string): string[] {
  const problems: string[] = []
  const file = /^(\d{4})-[a-z0-9]+(?:-[a-z0-9]+)*\.md$/.exec(fileName)
  if (!file) problems.push(`file name "${fileName}" must look like 0001-short-title.md`)

  const heading = /^# (\d+)\. \S.*$/m.exec(markdown)
  if (!heading) problems.push('first heading must be "# N. Title"')
  else if (file && Number(heading[1]) !== Number(file[1])) problems.push(`heading number ${heading[1]} does not match file number ${file[1]}`)

  const date = /^Date: (\d{4}-\d{2}-\d{2})$/m.exec(markdown)?.[1]
  if (!date || Number.isNaN(Date.parse(date))) problems.push('missing or invalid "Date: YYYY-MM-DD" line')

  // Split on level-2 headings: ['preamble', 'Status', 'body', 'Context', 'body', ...]
  const parts = markdown.split(/^## +(.+?)\s*$/m)
  const sections = new Map<string, string>()
  for (let i = 1; i < parts.length; i += 2) sections.set(parts[i] ?? '', (parts[i + 1] ?? '').trim())
  const order = [...sections.keys()].filter((name) => (SECTIONS as readonly string[]).includes(name))
  for (const name of SECTIONS) {
    if (!sections.has(name)) problems.push(`missing section "## ${name}"`)
    else if (sections.get(name) === '') problems.push(`section "## ${name}" is empty`)
  }
  if (order.length === SECTIONS.length && order.join() !== SECTIONS.join()) problems.push(`sections must be in the order ${SECTIONS.join(', ')}`)

  const status = sections.get('Status')
  if (status) {
    const word = status.split(/\s/)[0] ?? ''
    if (!(ADR_STATUSES as readonly string[]).includes(word)) problems.push(`status "${word}" is not one of ${ADR_STATUSES.join(', ')}`)
    if (word === 'Superseded' && !/\]\(\d{4}-[a-z0-9-]+\.md\)/.test(status)) problems.push('a superseded ADR must link to the ADR that replaces it')
  }
  return problems
}
