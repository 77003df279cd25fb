import { describe, expect, it } from 'vitest'
import { type CountableEvent, countDay } from '../../shared/counting/count-day.js'

const T0 = Date.parse('2022-11-15T03:00:00Z') // 10:00 Bangkok
let seq = 0
function ev(at: number, over: Partial<CountableEvent> = {}): CountableEvent {
  return {
    eventId: `e${seq++}`,
    resourceId: 'r1',
    datasetId: 'd1',
    agencyId: 'a1',
    at,
    client: 'client-a',
    clientClass: 'regular',
    ...over,
  }
}
const s = (n: number) => n * 1000

function dataset(events: CountableEvent[], id = 'd1') {
  return countDay(events).datasets.get(id)
}

describe('countDay (counting-v1)', () => {
  it('counts two downloads 10 s apart once, as a double click', () => {
    expect(dataset([ev(T0), ev(T0 + s(10))])).toMatchObject({ downloads: 1, doubleClicks: 1 })
  })

  it('counts two downloads 31 s apart twice', () => {
    expect(dataset([ev(T0), ev(T0 + s(31))])).toMatchObject({ downloads: 2, doubleClicks: 0 })
  })

  it('treats exactly 30 s as within the double-click window', () => {
    expect(dataset([ev(T0), ev(T0 + s(30))])).toMatchObject({ downloads: 1, doubleClicks: 1 })
  })

  it('counts a chain of repeats, each within 30 s of the previous, as one download', () => {
    const chain = [0, 20, 40, 60, 80].map((x) => ev(T0 + s(x)))
    expect(dataset(chain)).toMatchObject({ downloads: 1, doubleClicks: 4 })
  })

  it('keeps the last click of a chain (its hour decides the session)', () => {
    // 10:59:50 and 11:00:10 Bangkok: one download, in the 11:00 hour; a later download in 11:00 is the same session.
    const start = Date.parse('2022-11-15T03:59:50Z')
    const counts = dataset([ev(start), ev(start + s(20)), ev(start + s(200))])
    expect(counts).toMatchObject({ downloads: 2, uniqueDownloads: 1, doubleClicks: 1 })
  })

  it('does not join repeats of different resources or different clients', () => {
    const counts = dataset([
      ev(T0),
      ev(T0 + s(5), { resourceId: 'r2' }),
      ev(T0 + s(6), { client: 'client-b' }),
    ])
    expect(counts).toMatchObject({ downloads: 3, doubleClicks: 0 })
  })

  it('records robots but never counts them, and they break no chain', () => {
    const counts = dataset([
      ev(T0, { clientClass: 'robot' }),
      ev(T0 + s(1), { clientClass: 'robot' }),
      ev(T0 + s(2)),
    ])
    expect(counts).toMatchObject({ downloads: 1, robots: 2, uniqueDownloads: 1, machineDownloads: 0 })
  })

  it('counts machine access in totals and apart', () => {
    const counts = dataset([ev(T0, { clientClass: 'machine', client: 'bot-ish' }), ev(T0 + s(40))])
    expect(counts).toMatchObject({ downloads: 2, machineDownloads: 1 })
  })

  it('counts a client once per dataset per Bangkok clock hour as unique', () => {
    const counts = dataset([
      ev(T0, { resourceId: 'r1' }),
      ev(T0 + s(60), { resourceId: 'r2' }),
      ev(T0 + s(3599)),
      ev(T0 + s(3600), { resourceId: 'r3' }),
    ])
    expect(counts).toMatchObject({ downloads: 4, uniqueDownloads: 2 })
  })

  it('uses the session id for unique downloads when one is given', () => {
    const counts = dataset([
      ev(T0, { sessionId: 's1' }),
      ev(T0 + s(4000), { sessionId: 's1' }),
      ev(T0 + s(100), { sessionId: 's2' }),
    ])
    expect(counts).toMatchObject({ downloads: 3, uniqueDownloads: 2 })
  })

  it('sums datasets into their agency', () => {
    const { agencies } = countDay([
      ev(T0),
      ev(T0, { datasetId: 'd2', resourceId: 'r9' }),
      ev(T0, { datasetId: 'd3', resourceId: 'r8', agencyId: 'a2' }),
    ])
    expect(agencies.get('a1')).toMatchObject({ downloads: 2, uniqueDownloads: 2 })
    expect(agencies.get('a2')).toMatchObject({ downloads: 1 })
  })

  it('gives the same counts whatever the order of the events', () => {
    const events = [0, 5, 50, 52, 4000].map((x, i) => ev(T0 + s(x), { client: i % 2 ? 'x' : 'y' }))
    const forward = countDay(events).datasets.get('d1')
    const backward = countDay([...events].reverse()).datasets.get('d1')
    expect(backward).toEqual(forward)
  })
})

describe('countDay top clients (integrity evidence)', () => {
  it('sums the downloads of the three busiest clients of the day, per dataset and per agency', () => {
    const hours = (client: string, n: number, datasetId = 'd1') =>
      Array.from({ length: n }, (_, i) =>
        ev(T0 + i * 3_600_000, { client, datasetId, resourceId: `r-${datasetId}` }),
      )
    const { datasets, agencies } = countDay([
      ...hours('a', 5),
      ...hours('b', 4),
      ...hours('c', 3),
      ...hours('d', 2),
      ...hours('e', 3, 'd2'),
    ])
    expect(datasets.get('d1')).toMatchObject({ downloads: 14, topClientDownloads: 12 })
    expect(datasets.get('d2')).toMatchObject({ downloads: 3, topClientDownloads: 3 })
    // Across the agency: a=5, b=4, c=3 and e=3 tie for third, so 5 + 4 + 3.
    expect(agencies.get('a1')).toMatchObject({ downloads: 17, topClientDownloads: 12 })
  })

  it.each([
    {
      name: 'one address with a new user agent for each download is one client',
      events: Array.from({ length: 10 }, (_, i) => ev(T0 + i * s(60), { client: `ua${i}`, address: 'addr' })),
      top: 10,
    },
    {
      name: 'ten addresses with one user agent each are ten clients',
      events: Array.from({ length: 10 }, (_, i) =>
        ev(T0 + i * s(60), { client: `ua${i}`, address: `a${i}` }),
      ),
      top: 3,
    },
    {
      name: 'events stored before the address hash: each client stands for its address',
      events: Array.from({ length: 10 }, (_, i) => ev(T0 + i * s(60), { client: `ua${i}` })),
      top: 3,
    },
    {
      name: 'one address rotating beside two people',
      events: [
        ...Array.from({ length: 6 }, (_, i) => ev(T0 + i * s(60), { client: `ua${i}`, address: 'addr' })),
        ev(T0, { client: 'p1', address: 'p1' }),
        ev(T0, { client: 'p2', address: 'p2' }),
        ev(T0, { client: 'p3', address: 'p3' }),
      ],
      top: 8,
    },
  ])('top clients are addresses: $name', ({ events, top }) => {
    expect(dataset(events)).toMatchObject({ downloads: events.length, topClientDownloads: top })
  })

  it('leaves robots and double clicks out of the top clients', () => {
    const { datasets } = countDay([
      ev(T0, { client: 'bot', clientClass: 'robot' }),
      ev(T0 + s(1)),
      ev(T0 + s(2)),
    ])
    expect(datasets.get('d1')).toMatchObject({ downloads: 1, topClientDownloads: 1 })
  })
})
