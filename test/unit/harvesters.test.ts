import { describe, expect, it } from 'vitest'
import { type CountableEvent, countDay } from '../../shared/counting/count-day.js'
import {
  findHarvesters,
  type HarvestEvent,
  harvestedEvents,
  harvestReason,
  isClockwork,
  HARVESTER_THRESHOLDS as T,
} from '../../shared/counting/harvesters.js'
import { countingRulesOf } from '../../shared/counting/rules.js'

// 2026-11-16 09:00 Bangkok: a Monday morning.
const START = Date.parse('2026-11-16T09:00:00+07:00')
const MINUTE = 60_000

/** `n` downloads by one client, `gap` apart, of distinct resources spread over `datasets` datasets (or one). */
function walk(n: number, gapMs: number, datasets = 1, client = 'c1', from = START): HarvestEvent[] {
  return Array.from({ length: n }, (_, i) => ({
    client,
    resourceId: `r${i}`,
    datasetId: `d${i % datasets}`,
    at: from + i * gapMs,
  }))
}

/** Irregular, human gaps: 30 s to 9 min, never evenly spaced. */
const humanGaps = [30, 240, 75, 540, 45, 180, 420, 60, 300, 90, 510, 35, 150, 360, 70, 270, 480, 40, 210, 330]
function humanWalk(n: number, datasets: number): HarvestEvent[] {
  let at = START
  return Array.from({ length: n }, (_, i) => {
    at += (humanGaps[i % humanGaps.length] as number) * 1000
    return { client: 'p1', resourceId: `r${i}`, datasetId: `d${i % datasets}`, at }
  })
}

/** `n` distinct files in one clock hour (09:00–09:59), at uneven gaps of 20 to 79 s (not a loop). */
function unevenHour(n: number): HarvestEvent[] {
  let at = START
  return Array.from({ length: n }, (_, i) => {
    at += (20 + ((i * 37) % 60)) * 1000
    return {
      client: 'c1',
      resourceId: `r${i}`,
      datasetId: `d${i % 3}`,
      at: Math.min(at, START + 59 * MINUTE) + (i % 2),
    }
  })
}

describe('harvesters: both sides of each threshold', () => {
  it.each([
    // Distinct resources in one clock hour.
    {
      name: 'a person opening 20 files of one dataset in an hour',
      events: humanWalk(20, 1),
      reason: undefined,
    },
    {
      name: `${T.resourcesPerHour - 1} distinct files within an hour`,
      events: unevenHour(T.resourcesPerHour - 1),
      reason: undefined,
    },
    {
      name: `${T.resourcesPerHour} distinct files within an hour`,
      events: unevenHour(T.resourcesPerHour),
      reason: 'resources-per-hour',
    },
    // Distinct resources over the day, across many datasets (spread over hours, irregular).
    {
      name: `${T.resourcesPerDay} files of ${T.datasetsPerDay - 1} datasets in a day`,
      events: walk(T.resourcesPerDay, 5 * MINUTE, T.datasetsPerDay - 1).map((e, i) => ({
        ...e,
        at: e.at + (i % 5) * 37_000,
      })),
      reason: undefined,
    },
    {
      name: `${T.resourcesPerDay - 1} files of ${T.datasetsPerDay} datasets in a day`,
      events: walk(T.resourcesPerDay - 1, 5 * MINUTE, T.datasetsPerDay).map((e, i) => ({
        ...e,
        at: e.at + (i % 5) * 37_000,
      })),
      reason: undefined,
    },
    {
      name: `${T.resourcesPerDay} files of ${T.datasetsPerDay} datasets in a day`,
      events: walk(T.resourcesPerDay, 5 * MINUTE, T.datasetsPerDay).map((e, i) => ({
        ...e,
        at: e.at + (i % 5) * 37_000,
      })),
      reason: 'resources-per-day',
    },
  ] as { name: string; events: HarvestEvent[]; reason: string | undefined }[])(
    '$name',
    ({ events, reason }) => {
      expect(harvestReason(events)).toBe(reason)
    },
  )

  it.each([
    {
      name: `${T.regularDownloads - 1} downloads exactly 2 minutes apart`,
      instants: walk(T.regularDownloads - 1, 2 * MINUTE).map((e) => e.at),
      clockwork: false,
    },
    {
      name: `${T.regularDownloads} downloads exactly 2 minutes apart`,
      instants: walk(T.regularDownloads, 2 * MINUTE).map((e) => e.at),
      clockwork: true,
    },
    {
      name: `${T.regularDownloads} downloads 2 minutes apart, give or take 5 s`,
      instants: walk(T.regularDownloads, 2 * MINUTE).map((e, i) => e.at + (i % 2 ? 5000 : -5000)),
      clockwork: true,
    },
    { name: 'a person’s irregular clicks', instants: humanWalk(40, 1).map((e) => e.at), clockwork: false },
    {
      name: `every ${T.regularMaxGapMs / MINUTE + 1} minutes: too far apart to be a loop that harvests`,
      instants: walk(30, T.regularMaxGapMs + MINUTE).map((e) => e.at),
      clockwork: false,
    },
    {
      name: 'a burst at one instant (double clicks, not a loop)',
      instants: Array(30).fill(START),
      clockwork: false,
    },
  ])('clockwork: $name → $clockwork', ({ instants, clockwork }) => {
    expect(isClockwork(instants)).toBe(clockwork)
  })

  it('judges each client apart: a harvester beside a person', () => {
    const events = [...walk(T.resourcesPerHour, 40_000, 5, 'bot-like'), ...humanWalk(20, 1)]
    expect([...findHarvesters(events)]).toEqual([['bot-like', 'resources-per-hour']])
  })
})

/** Gives each event its own client (a user agent of its own), all from one address: user-agent rotation. */
const rotating = (events: HarvestEvent[], address = 'addr-1'): HarvestEvent[] =>
  events.map((e, i) => ({ ...e, client: `${address}-ua${i}`, address }))

/** Irregular downloads of one file by `people` clients behind one address (an office's shared address). */
function office(people: number, address = 'office'): HarvestEvent[] {
  return Array.from({ length: people }, (_, i) => ({
    client: `${address}-person${i}`,
    address,
    resourceId: `r${i % 7}`,
    datasetId: 'd0',
    at: START + (humanGaps[i % humanGaps.length] as number) * 1000 * (i + 1),
  }))
}

describe('harvesters seen through user-agent rotation: each address is judged too', () => {
  const loop = walk(T.regularDownloads + 5, 2 * MINUTE).map((e) => ({ ...e, resourceId: 'r0' }))
  it.each([
    {
      name: `one address, ${T.resourcesPerHour} files in an hour, a new user agent each`,
      events: rotating(unevenHour(T.resourcesPerHour)),
      harvested: T.resourcesPerHour,
    },
    {
      name: `one address, ${T.resourcesPerHour - 1} files in an hour, a new user agent each`,
      events: rotating(unevenHour(T.resourcesPerHour - 1)),
      harvested: 0,
    },
    {
      name: 'one address, 165 downloads of one file every minute, a new user agent each',
      events: rotating(walk(165, MINUTE).map((e) => ({ ...e, resourceId: 'r0' }))),
      harvested: 165,
    },
    {
      name: 'forty people behind one office address, irregular',
      events: office(40),
      harvested: 0,
    },
    {
      name: 'one client’s loop behind an office address: that client alone',
      events: [...loop.map((e) => ({ ...e, client: 'script', address: 'office' })), ...office(15)],
      harvested: loop.length,
    },
    {
      name: 'events stored before the address hash: each client stands for its address',
      events: unevenHour(T.resourcesPerHour).map((e, i) => ({ ...e, client: `ua${i}` })),
      harvested: 0,
    },
  ])('$name → $harvested left out', ({ events, harvested }) => {
    expect(harvestedEvents(events).size).toBe(harvested)
  })

  it('names the address that harvested, never the clients it rotated through', () => {
    const events = rotating(unevenHour(T.resourcesPerHour))
    expect(findHarvesters(events).size).toBe(0)
    expect([...findHarvesters(events, T, (e) => e.address ?? e.client)]).toEqual([
      ['addr-1', 'resources-per-hour'],
    ])
  })
})

/** A day's events as counting sees them, of one dataset unless said. */
function countable(
  events: HarvestEvent[],
  userAgent: string,
  clientClass: CountableEvent['clientClass'],
): CountableEvent[] {
  return events.map((e, i) => ({
    eventId: `${e.client}-${i}`,
    resourceId: e.resourceId,
    datasetId: e.datasetId,
    agencyId: 'agency-1',
    at: e.at,
    client: e.client,
    ...(e.address ? { address: e.address } : {}),
    clientClass,
    userAgent,
  }))
}

const BROWSER =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36'

describe('countDay under counting-v2', () => {
  it('leaves a harvester out of every total, counted as harvesters; a person is counted', () => {
    const harvester = countable(walk(T.resourcesPerHour, 40_000, 1, 'h'), BROWSER, 'regular')
    const person = countable(humanWalk(20, 1), BROWSER, 'regular')
    const v2 = countDay([...harvester, ...person], 'counting-v2')
    expect(v2.agencies.get('agency-1')).toMatchObject({ downloads: 20, harvesters: T.resourcesPerHour })
    // Under counting-v1 there are no harvesters: the same day counts everything.
    const v1 = countDay([...harvester, ...person], 'counting-v1')
    expect(v1.agencies.get('agency-1')).toMatchObject({ downloads: T.resourcesPerHour + 20, harvesters: 0 })
  })

  it('leaves out one address rotating its user agent, and still counts the people beside it', () => {
    const rotation = rotating(walk(165, MINUTE).map((e) => ({ ...e, resourceId: 'r0' })))
    const person = humanWalk(20, 1)
    const counts = countDay(countable([...rotation, ...person], BROWSER, 'regular'), 'counting-v2')
    expect(counts.agencies.get('agency-1')).toMatchObject({ downloads: 20, harvesters: 165 })
  })

  it('does not judge declared machine access as harvesting: it is counted apart', () => {
    const script = countable(walk(T.resourcesPerHour, 40_000, 1, 'm'), 'python-requests/2.31.0', 'machine')
    const counts = countDay(script, 'counting-v2').agencies.get('agency-1')
    expect(counts).toMatchObject({
      downloads: T.resourcesPerHour,
      machineDownloads: T.resourcesPerHour,
      harvesters: 0,
    })
  })

  it('classifies each user agent again under v2 (ingest stored v1’s class)', () => {
    // A crawler v1 missed: stored as regular, left out as a robot under v2.
    const events = countable(
      walk(3, 10 * MINUTE, 1, 'g'),
      'APIs-Google (+https://developers.google.com/webmasters/APIs-Google.html)',
      'regular',
    )
    expect(countDay(events, 'counting-v1').agencies.get('agency-1')).toMatchObject({
      downloads: 3,
      robots: 0,
    })
    expect(countDay(events, 'counting-v2').agencies.get('agency-1')).toMatchObject({
      downloads: 0,
      robots: 3,
    })
  })
})

describe('the counting rules of a fiscal year', () => {
  it.each([
    { fy: 2569, programme: undefined, rules: 'counting-v1' },
    { fy: 2570, programme: undefined, rules: 'counting-v2' },
    { fy: 2571, programme: {}, rules: 'counting-v2' },
    { fy: 2570, programme: { countingRules: 'counting-v1' as const }, rules: 'counting-v1' },
    { fy: 2566, programme: { countingRules: 'counting-v2' as const }, rules: 'counting-v2' },
  ])('FY $fy with $programme → $rules', ({ fy, programme, rules }) => {
    expect(countingRulesOf(fy, programme)).toBe(rules)
  })
})
