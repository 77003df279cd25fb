import { monthRange, monthsOfFiscalYear } from '../time.js'
import {
  OPEN_DATA_FILES,
  type OpenPeriod,
  openPeriodLabel,
  openPeriodSegment,
  type PublishedPeriod,
} from './periods.js'

/**
 * The open data's DCAT-AP catalog as JSON-LD, in the shape ckanext-dcat's RDF harvester reads (a `@graph` of
 * nodes, URIs as `{"@id"}`): one dcat:Dataset per published month and fiscal year, one dcat:Distribution per
 * CSV file and the data dictionary, each with its download URL, media type, format and licence.
 */

/** CC BY 4.0, under the URI CKAN's licence register knows it by, so a harvest maps it to `cc-by`. */
export const OPEN_DATA_LICENSE = 'http://www.opendefinition.org/licenses/cc-by'
const PUBLISHER = {
  th: 'สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)',
  en: 'Digital Government Development Agency (Public Organization)',
}

/** Paths of the open data, under the site's origin. */
export const openDataPaths = {
  page: '/open-data/',
  catalog: '/open-data/catalog.jsonld',
  dictionary: '/open-data/dictionary.csv',
  file: (p: OpenPeriod, name: string) => `/open-data/${openPeriodSegment(p)}/${name}`,
  periodPage: (p: OpenPeriod) => `/open-data/?period=${openPeriodSegment(p)}`,
}

const bilingual = (text: { th: string; en: string }) => [
  { '@value': text.th, '@language': 'th' },
  { '@value': text.en, '@language': 'en' },
]
const dateTime = (iso: string) => ({ '@value': iso, '@type': 'xsd:dateTime' })
const date = (instant: number) => ({
  '@value': new Date(instant + 7 * 3600_000).toISOString().slice(0, 10),
  '@type': 'xsd:date',
})

/** The period's first and last day (Bangkok). */
function temporal(p: OpenPeriod) {
  const months = p.kind === 'month' ? [p.month] : monthsOfFiscalYear(p.fy)
  const start = monthRange(months[0] as string).start
  const end = monthRange(months[months.length - 1] as string).end - 1
  return { '@type': 'dct:PeriodOfTime', 'dcat:startDate': date(start), 'dcat:endDate': date(end) }
}

const FILE_TITLES: Record<string, { th: string; en: string }> = {
  'agencies.csv': { th: 'อันดับหน่วยงาน', en: 'Agency ranking' },
  'datasets.csv': { th: 'อันดับชุดข้อมูล', en: 'Dataset ranking' },
  'dictionary.csv': { th: 'คำอธิบายข้อมูล', en: 'Data dictionary' },
}

function distribution(url: string, name: string, dictionaryUrl: string, modified?: string) {
  const title = FILE_TITLES[name] ?? { th: name, en: name }
  return {
    '@id': url,
    '@type': 'dcat:Distribution',
    'dct:title': bilingual(title),
    'dcat:accessURL': { '@id': url },
    'dcat:downloadURL': { '@id': url },
    'dcat:mediaType': 'text/csv',
    'dct:format': 'CSV',
    'dct:license': { '@id': OPEN_DATA_LICENSE },
    ...(modified ? { 'dct:modified': dateTime(modified) } : {}),
    ...(name === 'dictionary.csv' ? {} : { 'dct:conformsTo': { '@id': dictionaryUrl } }),
  }
}

function dataset(base: string, p: PublishedPeriod) {
  const label = openPeriodLabel(p.period)
  const segment = openPeriodSegment(p.period)
  const dictionaryUrl = `${base}${openDataPaths.dictionary}`
  const files = OPEN_DATA_FILES.map((name) =>
    distribution(`${base}${openDataPaths.file(p.period, name)}`, name, dictionaryUrl, p.generatedAt),
  )
  // One dictionary for every period: the same node, listed by each dataset.
  const dictionary = distribution(dictionaryUrl, 'dictionary.csv', dictionaryUrl)
  const kind = p.period.kind === 'month' ? 'month' : 'fiscal year'
  return {
    '@id': `${base}${openDataPaths.periodPage(p.period)}`,
    '@type': 'dcat:Dataset',
    'dct:identifier': `ogd-rankings-usage-${segment}`,
    'dct:title': bilingual({
      th: `สถิติการดาวน์โหลดข้อมูลเปิดภาครัฐ ${label.th}`,
      en: `Open government data downloads, ${label.en}`,
    }),
    'dct:description': bilingual({
      th: `อันดับหน่วยงานและชุดข้อมูลตามยอดดาวน์โหลด ${label.th} พร้อมยอดที่กฎการนับไม่นับ (โรบอต คลิกซ้ำ) ตามกฎ ${p.countingRules}`,
      en: `Agency and dataset rankings by downloads for the ${kind} ${label.en}, with what the counting rules (${p.countingRules}) left out: robots and double clicks.`,
    }),
    'dcat:keyword': ['open data', 'downloads', 'ข้อมูลเปิด', 'สถิติการดาวน์โหลด'],
    'dct:language': { '@id': 'http://publications.europa.eu/resource/authority/language/THA' },
    'dct:publisher': { '@id': `${base}${openDataPaths.page}#publisher` },
    'dct:issued': dateTime(p.certifiedAt ?? p.generatedAt),
    'dct:modified': dateTime(p.generatedAt),
    'dct:temporal': temporal(p.period),
    'dcat:landingPage': { '@id': `${base}${openDataPaths.periodPage(p.period)}` },
    'owl:versionInfo': `${p.reportMonth} v${p.version}`,
    'dcat:distribution': [...files, dictionary].map((d) => ({ '@id': d['@id'] })),
    _distributions: [...files, dictionary],
  }
}

/** The JSON-LD document of the catalog of every published period, absolute URLs under `base`. */
export function dcatCatalog(base: string, published: readonly PublishedPeriod[]) {
  const datasets = published.map((p) => dataset(base, p))
  const distributions = new Map<string, Record<string, unknown>>()
  for (const d of datasets) for (const dist of d._distributions) distributions.set(dist['@id'], dist)
  const modified = published.map((p) => p.generatedAt).sort()
  return {
    '@context': {
      dcat: 'http://www.w3.org/ns/dcat#',
      dct: 'http://purl.org/dc/terms/',
      foaf: 'http://xmlns.com/foaf/0.1/',
      owl: 'http://www.w3.org/2002/07/owl#',
      xsd: 'http://www.w3.org/2001/XMLSchema#',
    },
    '@graph': [
      {
        '@id': `${base}${openDataPaths.catalog}`,
        '@type': 'dcat:Catalog',
        'dct:title': bilingual({
          th: 'สถิติการดาวน์โหลดข้อมูลเปิดภาครัฐ',
          en: 'Open government data download statistics',
        }),
        'dct:description': bilingual({
          th: 'ยอดดาวน์โหลดชุดข้อมูลเปิดภาครัฐรายเดือนและรายปีงบประมาณ ที่ใช้จัดอันดับรางวัล DIGI Data Awards',
          en: 'Monthly and fiscal-year downloads of open government datasets, as ranked for the DIGI Data Awards.',
        }),
        'dct:publisher': { '@id': `${base}${openDataPaths.page}#publisher` },
        'foaf:homepage': { '@id': `${base}${openDataPaths.page}` },
        'dct:license': { '@id': OPEN_DATA_LICENSE },
        ...(modified.length > 0 ? { 'dct:modified': dateTime(modified[modified.length - 1] as string) } : {}),
        'dcat:dataset': datasets.map((d) => ({ '@id': d['@id'] })),
      },
      {
        '@id': `${base}${openDataPaths.page}#publisher`,
        '@type': 'foaf:Organization',
        'foaf:name': bilingual(PUBLISHER),
      },
      ...datasets.map(({ _distributions, ...d }) => d),
      ...distributions.values(),
    ],
  }
}
