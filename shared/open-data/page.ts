import type { LocalizedText } from '../catalog.js'
import { escapeHtml } from '../email/html.js'
import type { ReportDocument } from '../reports/model.js'
import type { Locale } from '../time.js'
import { OPEN_DATA_LICENSE, openDataPaths } from './dcat.js'
import { type OpenPeriod, openPeriodLabel, openPeriodSegment, type PublishedPeriod } from './periods.js'

/** How many datasets the page lists (the CSV holds the report's top 100). */
export const PAGE_TOP_DATASETS = 20

/** The page's stylesheet (served beside it: the site's CSP allows no inline style). */
export const OPEN_DATA_CSS = `*{box-sizing:border-box}
body{margin:0;font-family:Sarabun,"Noto Sans Thai",system-ui,sans-serif;line-height:1.6;color:#1a1a1a;background:#fff}
header,main,footer{max-width:72rem;margin:0 auto;padding:0.75rem 1rem}
header{display:flex;flex-wrap:wrap;gap:0.5rem 1rem;justify-content:space-between;align-items:center;border-bottom:1px solid #ccc}
a{color:#0645ad;overflow-wrap:anywhere}
a:focus-visible,.table-scroll:focus-visible{outline:3px solid #1a1a1a;outline-offset:2px}
.skip-link{position:absolute;left:0.5rem;top:-4rem;background:#fff;padding:0.5rem}
.skip-link:focus{top:0.5rem}
h1{font-size:1.6rem;line-height:1.3;margin:0.5rem 0}
h2{font-size:1.25rem;margin:1.5rem 0 0.5rem}
ul.periods{display:flex;flex-wrap:wrap;gap:0.25rem 1rem;padding:0;list-style:none}
.table-scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;width:100%}
th,td{padding:0.35rem 0.5rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
small{color:#444}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
`

const TEXT = {
  title: { th: 'สถิติการดาวน์โหลดข้อมูลเปิดภาครัฐ', en: 'Open government data downloads' },
  intro: {
    th: 'อันดับหน่วยงานและชุดข้อมูลตามยอดดาวน์โหลดที่เผยแพร่แล้ว นับตามกฎการนับแบบ COUNTER (ไม่นับโรบอตและการคลิกซ้ำ) เผยแพร่เป็นข้อมูลเปิดทุกเดือนที่ปิดยอดแล้วและทุกปีงบประมาณที่รับรองผลแล้ว',
    en: 'Agency and dataset rankings by downloads, counted under COUNTER-style rules (robots and double clicks left out), published as open data for every closed month and every certified fiscal year.',
  },
  periods: { th: 'ช่วงเวลาที่เผยแพร่', en: 'Published periods' },
  nothing: {
    th: 'ยังไม่มีข้อมูลที่เผยแพร่: ข้อมูลของแต่ละเดือนเผยแพร่หลังสิ้นเดือน',
    en: 'Nothing is published yet: each month is published once it has ended.',
  },
  agencies: { th: 'อันดับหน่วยงาน', en: 'Agency ranking' },
  datasets: { th: `ชุดข้อมูล ${PAGE_TOP_DATASETS} อันดับแรก`, en: `Top ${PAGE_TOP_DATASETS} datasets` },
  rank: { th: 'อันดับ', en: 'Rank' },
  agency: { th: 'หน่วยงาน', en: 'Agency' },
  dataset: { th: 'ชุดข้อมูล', en: 'Dataset' },
  downloads: { th: 'ดาวน์โหลด', en: 'Downloads' },
  unique: { th: 'ไม่ซ้ำ', en: 'Unique' },
  machine: { th: 'โดยโปรแกรม', en: 'By programs' },
  leftOut: { th: 'ไม่นับ', en: 'Left out' },
  files: { th: 'ดาวน์โหลดข้อมูล', en: 'Download the data' },
  dictionary: { th: 'คำอธิบายข้อมูล (CSV)', en: 'Data dictionary (CSV)' },
  catalog: { th: 'แค็ตตาล็อก DCAT (JSON-LD)', en: 'DCAT catalog (JSON-LD)' },
  license: {
    th: 'สัญญาอนุญาต: Creative Commons Attribution 4.0',
    en: 'Licence: Creative Commons Attribution 4.0',
  },
  version: { th: 'รายงานฉบับที่', en: 'Report version' },
  skip: { th: 'ข้ามไปยังเนื้อหา', en: 'Skip to content' },
  language: { th: 'ภาษา', en: 'Language' },
  agenciesCsv: { th: 'อันดับหน่วยงาน (CSV)', en: 'Agency ranking (CSV)' },
  datasetsCsv: { th: 'อันดับชุดข้อมูล (CSV)', en: 'Dataset ranking (CSV)' },
} satisfies Record<string, LocalizedText>

/** What the page shows: the published periods, and the chosen one's report (none when nothing is published). */
export interface OpenDataPageInput {
  lang: Locale
  published: readonly PublishedPeriod[]
  shown?: { published: PublishedPeriod; doc: ReportDocument }
}

const pageHref = (lang: Locale, p?: OpenPeriod) => {
  const query = [...(p ? [`period=${openPeriodSegment(p)}`] : []), ...(lang === 'en' ? ['lang=en'] : [])]
  return `${openDataPaths.page}${query.length > 0 ? `?${query.join('&')}` : ''}`
}

/** A ranking table in a sideways-scrolling region a keyboard can reach. */
function table(id: string, caption: string, head: string[], rows: string[][], testId: string): string {
  const numeric = (i: number) => i === 0 || i >= 2
  const th = head.map((h, i) => `<th scope="col"${numeric(i) ? ' class="n"' : ''}>${escapeHtml(h)}</th>`)
  const body = rows
    .map(
      (r) => `<tr>${r.map((cell, i) => `<td${numeric(i) ? ' class="n"' : ''}>${cell}</td>`).join('')}</tr>`,
    )
    .join('\n')
  return `<div class="table-scroll" tabindex="0" role="region" aria-labelledby="${id}">
<table data-testid="${testId}"><caption class="visually-hidden">${escapeHtml(caption)}</caption>
<thead><tr>${th.join('')}</tr></thead>
<tbody>
${body}
</tbody></table></div>`
}

function rankings(lang: Locale, shown: NonNullable<OpenDataPageInput['shown']>): string {
  const t = (k: keyof typeof TEXT) => TEXT[k][lang]
  const n = new Intl.NumberFormat(lang === 'th' ? 'th-TH' : 'en-GB')
  const { doc, published } = shown
  const period = published.period.kind === 'month' ? 'month' : 'fiscalYearToDate'
  const label = openPeriodLabel(published.period)[lang]
  const other: Locale = lang === 'th' ? 'en' : 'th'
  const name = (text: LocalizedText) =>
    `${escapeHtml(text[lang])}${text[other] && text[other] !== text[lang] ? `<br><small lang="${other}">${escapeHtml(text[other])}</small>` : ''}`
  const counts = (
    c: ReportDocument['agencies']['month'][number] | ReportDocument['datasets']['month'][number],
  ) => [
    n.format(c.downloads),
    n.format(c.uniqueDownloads),
    n.format(c.machineDownloads),
    n.format(c.excluded.robots + c.excluded.doubleClicks + (c.excluded.harvesters ?? 0)),
  ]
  const countHeads = [t('downloads'), t('unique'), t('machine'), t('leftOut')]
  const agencies = doc.agencies[period].map((a) => [String(a.rank), name(a.name), ...counts(a)])
  const datasets = doc.datasets[period]
    .slice(0, PAGE_TOP_DATASETS)
    .map((d) => [String(d.rank), name(d.title), ...counts(d)])
  const file = (f: string, text: string) =>
    `<a href="${escapeHtml(openDataPaths.file(published.period, f))}" type="text/csv">${escapeHtml(text)}</a>`
  return `<h2 id="agencies">${escapeHtml(`${t('agencies')} · ${label}`)}</h2>
<p>${file('agencies.csv', t('agenciesCsv'))} · ${file('datasets.csv', t('datasetsCsv'))} · <small>${escapeHtml(`${t('version')} ${published.version} (${published.reportMonth}) · ${published.countingRules}`)}</small></p>
${table('agencies', `${t('agencies')} ${label}`, [t('rank'), t('agency'), ...countHeads], agencies, 'open-data-agencies')}
<h2 id="datasets">${escapeHtml(`${t('datasets')} · ${label}`)}</h2>
${table('datasets', `${t('datasets')} ${label}`, [t('rank'), t('dataset'), ...countHeads], datasets, 'open-data-datasets')}`
}

/**
 * The public leaderboard of the published results, in one language (Thai by default, `?lang=en`), with links to
 * every published period and file. Server-rendered with no script: readable anywhere, cached at the edge.
 */
export function openDataPage({ lang, published, shown }: OpenDataPageInput): string {
  const t = (k: keyof typeof TEXT) => TEXT[k][lang]
  const other: Locale = lang === 'th' ? 'en' : 'th'
  const periods = published
    .map((p) => {
      const current = shown && openPeriodSegment(p.period) === openPeriodSegment(shown.published.period)
      return `<li><a href="${escapeHtml(pageHref(lang, p.period))}"${current ? ' aria-current="page"' : ''}>${escapeHtml(openPeriodLabel(p.period)[lang])}</a></li>`
    })
    .join('')
  const body = shown
    ? `<nav aria-labelledby="periods"><h2 id="periods">${escapeHtml(t('periods'))}</h2><ul class="periods">${periods}</ul></nav>
${rankings(lang, shown)}`
    : `<p data-testid="open-data-empty">${escapeHtml(t('nothing'))}</p>`
  return `<!DOCTYPE html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t('title'))}</title>
<link rel="stylesheet" href="/open-data/style.css">
<link rel="alternate" type="application/ld+json" href="${openDataPaths.catalog}">
<link rel="alternate" hreflang="${other}" href="${escapeHtml(pageHref(other, shown?.published.period))}">
</head>
<body>
<a class="skip-link" href="#main">${escapeHtml(t('skip'))}</a>
<header><p><strong>${escapeHtml(t('title'))}</strong></p>
<nav aria-label="${escapeHtml(t('language'))}"><a href="${escapeHtml(pageHref(other, shown?.published.period))}" lang="${other}" hreflang="${other}">${other === 'en' ? 'English' : 'ภาษาไทย'}</a></nav></header>
<main id="main" tabindex="-1">
<h1>${escapeHtml(t('title'))}</h1>
<p>${escapeHtml(t('intro'))}</p>
${body}
</main>
<footer><h2>${escapeHtml(t('files'))}</h2>
<ul><li><a href="${openDataPaths.catalog}">${escapeHtml(t('catalog'))}</a></li>
<li><a href="${openDataPaths.dictionary}" type="text/csv">${escapeHtml(t('dictionary'))}</a></li>
<li><a href="${escapeHtml(OPEN_DATA_LICENSE)}" rel="license">${escapeHtml(t('license'))}</a></li></ul></footer>
</body></html>
`
}
