import { describe, expect, it } from 'vitest'
import { jsonBytes } from '../../functions/api/json.js'

const jsonText = (value: Record<string, unknown>) => jsonBytes(value).toString('utf8')

const long = Array.from({ length: 250 }, (_, i) => ({
  rank: i + 1,
  name: { th: `หน่วยงาน ${i}`, en: `A ${i}` },
}))

describe('jsonBytes', () => {
  it.each([
    { name: 'an empty answer', value: {} },
    { name: 'members left out as JSON leaves them out', value: { a: 1, b: undefined, c: null } },
    { name: 'a short list and nested objects', value: { period: { month: '2026-11' }, items: [1, 2, 3] } },
    { name: 'a long list', value: { period: { fy: 2569 }, total: long.length, items: long } },
    { name: 'Thai text and quotes', value: { text: 'กำแพงเพชร "quoted" \\ back', items: [] } },
  ])('writes what JSON.stringify writes: $name', ({ value }) => {
    expect(jsonText(value as Record<string, unknown>)).toBe(JSON.stringify(value))
  })

  it('serialises a long list once: the same list again gives the text kept with it', () => {
    const items = long.map((x) => ({ ...x }))
    const first = jsonText({ items })
    // (Lists handed out by the read model are never changed; changing one shows the text is the kept one.)
    ;(items[0] as { rank: number }).rank = 99
    expect(jsonText({ items })).toBe(first)
    expect(jsonText({ items: [...items] })).toBe(JSON.stringify({ items }))
  })
})
