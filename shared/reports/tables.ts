import type { AgencyRankingItem, DatasetRankingItem } from '../api.js'
import type { LocalizedText } from '../catalog.js'
import type { Cell } from './csv.js'
import type { AgencyReportDocument, CountTotals, ReportDocument, TargetProgress } from './model.js'

/** A column: its machine name (the CSV header), its heading for people, and how its numbers read. */
export interface Column {
  key: string
  header: LocalizedText
  format?: 'integer' | 'percent'
}

/** A table of a report: a CSV file, an xlsx sheet, a PDF table. */
export interface ReportTable {
  /** Sheet name (at most 31 characters, Excel's limit). */
  sheet: string
  title: LocalizedText
  columns: Column[]
  rows: Cell[][]
}

const col = (key: string, th: string, en: string, format?: Column['format']): Column => ({
  key,
  header: { th, en },
  ...(format ? { format } : {}),
})
const int = (key: string, th: string, en: string) => col(key, th, en, 'integer')

/** An agency's id and names, the first columns of every agency table. */
const AGENCY_COLUMNS: Column[] = [
  col('agencyId', 'รหัสหน่วยงาน', 'Agency id'),
  col('nameTh', 'ชื่อหน่วยงาน', 'Name (Thai)'),
  col('nameEn', 'ชื่อภาษาอังกฤษ', 'Name (English)'),
]

const countColumns = (prefix: string, th: string, en: string): Column[] => [
  int(`${prefix}Rank`, `อันดับ${th}`, `Rank ${en}`),
  int(`${prefix}Downloads`, `ดาวน์โหลด${th}`, `Downloads ${en}`),
  int(`${prefix}UniqueDownloads`, `ดาวน์โหลดไม่ซ้ำ${th}`, `Unique downloads ${en}`),
  int(`${prefix}MachineDownloads`, `ดาวน์โหลดโดยโปรแกรม${th}`, `Machine downloads ${en}`),
  int(`${prefix}Robots`, `โรบอตที่ไม่นับ${th}`, `Robots left out ${en}`),
  int(`${prefix}DoubleClicks`, `คลิกซ้ำที่ไม่นับ${th}`, `Double clicks left out ${en}`),
  int(`${prefix}RankChange`, `อันดับเปลี่ยน${th}`, `Rank change ${en}`),
]

type Counted = Pick<
  AgencyRankingItem,
  'rank' | 'downloads' | 'uniqueDownloads' | 'machineDownloads' | 'rankChange'
> & {
  excluded: { robots: number; doubleClicks: number }
}
const countCells = (i: Counted | undefined | null): Cell[] =>
  i
    ? [
        i.rank,
        i.downloads,
        i.uniqueDownloads,
        i.machineDownloads,
        i.excluded.robots,
        i.excluded.doubleClicks,
        i.rankChange,
      ]
    : [null, null, null, null, null, null, null]

const TARGET_COLUMNS: Column[] = [
  int('target', 'เป้าหมาย', 'Target'),
  col('targetSource', 'ที่มาของเป้าหมาย', 'Target source'),
  col('targetPercent', 'ร้อยละของเป้าหมาย', '% of target', 'percent'),
  int('cutoff', 'เกณฑ์รางวัล', 'Award cut-off'),
  int('gapToCutoff', 'ขาดอีกถึงเกณฑ์', 'Gap to cut-off'),
  col('awarded', 'ได้รางวัล', 'Awarded'),
  int('projection', 'คาดการณ์สิ้นปีงบประมาณ', 'Projection to year end'),
  int('neededPerMonth', 'ต้องการต่อเดือน', 'Needed per month'),
]
const targetCells = (t: TargetProgress | null | undefined): Cell[] =>
  t
    ? [
        t.target,
        t.targetSource,
        t.targetPercent,
        t.cutoff,
        t.gapToCutoff,
        t.awarded ? 'yes' : 'no',
        t.projection,
        t.neededPerMonth,
      ]
    : TARGET_COLUMNS.map(() => null)

/** `agencies.csv`: one row per agency, the month, the fiscal year to date and the target side by side. */
export function agenciesTable(doc: ReportDocument): ReportTable {
  const fy = new Map(doc.agencies.fiscalYearToDate.map((a) => [a.agencyId, a]))
  const targets = new Map(doc.targets.map((t) => [t.agencyId, t]))
  return {
    sheet: 'Agencies',
    title: { th: 'หน่วยงาน: เดือนและปีงบประมาณถึงปัจจุบัน', en: 'Agencies: month and fiscal year to date' },
    columns: [
      ...AGENCY_COLUMNS,
      col('group', 'กลุ่ม', 'Group'),
      ...countColumns('month', 'เดือน', 'month'),
      ...countColumns('fy', 'ปีงบฯ', 'FY to date'),
      ...TARGET_COLUMNS,
    ],
    rows: doc.agencies.month.map((a) => [
      a.agencyId,
      a.name.th,
      a.name.en,
      targets.get(a.agencyId)?.group ?? null,
      ...countCells(a),
      ...countCells(fy.get(a.agencyId)),
      ...targetCells(targets.get(a.agencyId)),
    ]),
  }
}

const DATASET_COLUMNS: Column[] = [
  col('period', 'ช่วงเวลา', 'Period'),
  int('rank', 'อันดับ', 'Rank'),
  col('datasetId', 'รหัสชุดข้อมูล', 'Dataset id'),
  col('titleTh', 'ชื่อชุดข้อมูล', 'Title (Thai)'),
  col('titleEn', 'ชื่อภาษาอังกฤษ', 'Title (English)'),
  col('agencyId', 'รหัสหน่วยงาน', 'Agency id'),
  col('agencyTh', 'หน่วยงาน', 'Agency (Thai)'),
  col('agencyEn', 'หน่วยงานภาษาอังกฤษ', 'Agency (English)'),
  int('downloads', 'ดาวน์โหลด', 'Downloads'),
  int('uniqueDownloads', 'ดาวน์โหลดไม่ซ้ำ', 'Unique downloads'),
  int('machineDownloads', 'ดาวน์โหลดโดยโปรแกรม', 'Machine downloads'),
  int('robots', 'โรบอตที่ไม่นับ', 'Robots left out'),
  int('doubleClicks', 'คลิกซ้ำที่ไม่นับ', 'Double clicks left out'),
  int('rankChange', 'อันดับเปลี่ยน', 'Rank change'),
]

function datasetRows(
  period: 'month' | 'fiscalYearToDate',
  items: readonly DatasetRankingItem[],
  agencyName: (id: string) => LocalizedText | undefined,
): Cell[][] {
  return items.map((d) => [
    period,
    d.rank,
    d.datasetId,
    d.title.th,
    d.title.en,
    d.agencyId,
    agencyName(d.agencyId)?.th ?? null,
    agencyName(d.agencyId)?.en ?? null,
    d.downloads,
    d.uniqueDownloads,
    d.machineDownloads,
    d.excluded.robots,
    d.excluded.doubleClicks,
    d.rankChange,
  ])
}

const agencyNames = (doc: ReportDocument) => {
  const names = new Map(doc.agencies.fiscalYearToDate.map((a) => [a.agencyId, a.name]))
  return (id: string) => names.get(id)
}

/** `datasets.csv`: the top 100 datasets of the month, then of the fiscal year to date (`period` says which). */
export function datasetsTable(doc: ReportDocument): ReportTable {
  const name = agencyNames(doc)
  return {
    sheet: 'Datasets',
    title: { th: 'ชุดข้อมูล 100 อันดับแรก', en: 'Top 100 datasets' },
    columns: DATASET_COLUMNS,
    rows: [
      ...datasetRows('month', doc.datasets.month, name),
      ...datasetRows('fiscalYearToDate', doc.datasets.fiscalYearToDate, name),
    ],
  }
}

const TOTAL_ROWS: [string, string, (t: CountTotals) => number][] = [
  ['ดาวน์โหลดที่นับ', 'Downloads counted', (t) => t.downloads],
  ['ดาวน์โหลดไม่ซ้ำ', 'Unique downloads', (t) => t.uniqueDownloads],
  ['ดาวน์โหลดโดยโปรแกรม (นับรวมแล้ว)', 'Machine downloads (counted)', (t) => t.machineDownloads],
  ['โรบอต (ไม่นับ)', 'Robots (left out)', (t) => t.excluded.robots],
  ['คลิกซ้ำภายใน 30 วินาที (ไม่นับ)', 'Double clicks within 30 s (left out)', (t) => t.excluded.doubleClicks],
  ['หน่วยงานที่มีดาวน์โหลด', 'Agencies with downloads', (t) => t.agenciesWithDownloads],
]

/** The summary sheet: the period, the counting rules, and national totals with what the rules left out. */
export function summaryTable(doc: ReportDocument): ReportTable {
  return {
    sheet: 'Summary',
    title: { th: `รายงานประจำเดือน ${doc.labels.month.th}`, en: `Monthly report ${doc.labels.month.en}` },
    columns: [
      col('itemTh', 'รายการ', 'Item (Thai)'),
      col('itemEn', 'รายการภาษาอังกฤษ', 'Item (English)'),
      col('month', doc.labels.month.th, doc.labels.month.en, 'integer'),
      col(
        'fiscalYearToDate',
        `${doc.labels.fiscalYear.th} ถึงปัจจุบัน`,
        `${doc.labels.fiscalYear.en} to date`,
        'integer',
      ),
    ],
    rows: [
      ['กฎการนับ', 'Counting rules', doc.countingRules, doc.countingRules],
      ['ข้อมูลครบเดือน', 'Complete month', doc.complete ? 'yes' : 'no', doc.complete ? 'yes' : 'no'],
      ...TOTAL_ROWS.map(([th, en, f]): Cell[] => [
        th,
        en,
        f(doc.totals.month),
        f(doc.totals.fiscalYearToDate),
      ]),
    ],
  }
}

function rankingTable(
  sheet: string,
  title: LocalizedText,
  items: readonly AgencyRankingItem[],
  prefix: string,
): ReportTable {
  return {
    sheet,
    title,
    columns: [
      ...AGENCY_COLUMNS,
      ...countColumns(prefix, '', '').map((c) => ({
        ...c,
        header: { th: c.header.th, en: c.header.en.trim() },
      })),
    ],
    rows: items.map((a) => [a.agencyId, a.name.th, a.name.en, ...countCells(a)]),
  }
}

/** Award categories (places, cut-off, ties) and every listed standing, named. */
function awardTables(doc: ReportDocument): ReportTable[] {
  const agencyName = agencyNames(doc)
  const titles = new Map(
    [...doc.datasets.fiscalYearToDate, ...doc.datasets.month].map((d) => [d.datasetId, d.title]),
  )
  return [
    {
      sheet: 'Award categories',
      title: { th: 'ประเภทรางวัลและเกณฑ์', en: 'Award categories and cut-offs' },
      columns: [
        col('category', 'ประเภท', 'Category'),
        col('subject', 'ผู้แข่งขัน', 'Subject'),
        col('metric', 'ตัววัด', 'Metric'),
        int('places', 'จำนวนรางวัล', 'Places'),
        int('qualifying', 'ผู้ได้รางวัล', 'Qualifying'),
        int('cutoff', 'เกณฑ์', 'Cut-off'),
        col('ties', 'เสมอที่เกณฑ์', 'Tie at cut-off'),
      ],
      rows: doc.awards.categories.map((c) => [
        c.id,
        c.subject,
        c.metric,
        c.places,
        c.qualifying,
        c.cutoff,
        c.ties ? 'yes' : 'no',
      ]),
    },
    {
      sheet: 'Award standings',
      title: { th: 'อันดับรางวัล', en: 'Award standings' },
      columns: [
        col('category', 'ประเภท', 'Category'),
        int('rank', 'อันดับ', 'Rank'),
        col('agencyId', 'รหัสหน่วยงาน', 'Agency id'),
        col('datasetId', 'รหัสชุดข้อมูล', 'Dataset id'),
        col('nameTh', 'ชื่อ', 'Name (Thai)'),
        col('nameEn', 'ชื่อภาษาอังกฤษ', 'Name (English)'),
        int('downloads', 'ดาวน์โหลด', 'Downloads'),
        int('uniqueDownloads', 'ดาวน์โหลดไม่ซ้ำ', 'Unique downloads'),
        col('awarded', 'ได้รางวัล', 'Awarded'),
        col('tiedAtCutoff', 'เสมอที่เกณฑ์', 'Tied at cut-off'),
      ],
      rows: doc.awards.categories.flatMap((c) =>
        c.standings.map((s): Cell[] => {
          const name = s.datasetId ? titles.get(s.datasetId) : agencyName(s.agencyId)
          return [
            c.id,
            s.rank,
            s.agencyId,
            s.datasetId ?? null,
            name?.th ?? null,
            name?.en ?? null,
            s.downloads,
            s.uniqueDownloads,
            s.awarded ? 'yes' : 'no',
            s.tiedAtCutoff ? 'yes' : 'no',
          ]
        }),
      ),
    },
  ]
}

/** Every agency's fiscal year to date against its target. */
function targetsTable(doc: ReportDocument): ReportTable {
  return {
    sheet: 'Targets',
    title: { th: 'ความก้าวหน้าเทียบเป้าหมาย', en: 'Progress against targets' },
    columns: [
      ...AGENCY_COLUMNS,
      col('group', 'กลุ่ม', 'Group'),
      int('rank', 'อันดับปีงบฯ', 'FY rank'),
      int('downloads', 'ดาวน์โหลดปีงบฯ', 'FY downloads'),
      ...TARGET_COLUMNS,
    ],
    rows: doc.targets.map((t) => [
      t.agencyId,
      t.name.th,
      t.name.en,
      t.group,
      t.rank,
      t.downloads,
      ...targetCells(t),
    ]),
  }
}

/** Every table of the national report, one xlsx sheet each. */
export function reportTables(doc: ReportDocument): ReportTable[] {
  const datasets = datasetsTable(doc)
  const name = agencyNames(doc)
  return [
    summaryTable(doc),
    rankingTable(
      'Agencies month',
      { th: `อันดับหน่วยงาน ${doc.labels.month.th}`, en: `Agency ranking, ${doc.labels.month.en}` },
      doc.agencies.month,
      'month',
    ),
    rankingTable(
      'Agencies FY to date',
      {
        th: `อันดับหน่วยงาน ${doc.labels.fiscalYear.th} ถึงปัจจุบัน`,
        en: `Agency ranking, ${doc.labels.fiscalYear.en} to date`,
      },
      doc.agencies.fiscalYearToDate,
      'fy',
    ),
    {
      ...datasets,
      sheet: 'Datasets month',
      title: {
        th: `ชุดข้อมูล 100 อันดับแรก ${doc.labels.month.th}`,
        en: `Top 100 datasets, ${doc.labels.month.en}`,
      },
      rows: datasetRows('month', doc.datasets.month, name),
    },
    {
      ...datasets,
      sheet: 'Datasets FY to date',
      title: {
        th: `ชุดข้อมูล 100 อันดับแรก ${doc.labels.fiscalYear.th}`,
        en: `Top 100 datasets, ${doc.labels.fiscalYear.en} to date`,
      },
      rows: datasetRows('fiscalYearToDate', doc.datasets.fiscalYearToDate, name),
    },
    ...awardTables(doc),
    targetsTable(doc),
  ]
}

/**
 * `agencies/<agencyId>.csv`: the agency's own rows (`subject` agency; its target on the fiscal-year row), then
 * each of its datasets, for the month and the fiscal year to date.
 */
export function agencyVariantTable(doc: AgencyReportDocument): ReportTable {
  const row = (
    subject: 'agency' | 'dataset',
    period: 'month' | 'fiscalYearToDate',
    id: string,
    name: LocalizedText,
    counted: Counted | null,
    target?: TargetProgress | null,
  ): Cell[] => [subject, period, id, name.th, name.en, ...countCells(counted), ...targetCells(target)]
  return {
    sheet: doc.agencyId.slice(0, 31),
    title: { th: doc.name.th, en: doc.name.en },
    columns: [
      col('subject', 'ประเภท', 'Subject'),
      col('period', 'ช่วงเวลา', 'Period'),
      col('id', 'รหัส', 'Id'),
      col('nameTh', 'ชื่อ', 'Name (Thai)'),
      col('nameEn', 'ชื่อภาษาอังกฤษ', 'Name (English)'),
      ...countColumns('', '', '').map((c) => ({ ...c, key: c.key[0]?.toLowerCase() + c.key.slice(1) })),
      ...TARGET_COLUMNS,
    ],
    rows: [
      row('agency', 'month', doc.agencyId, doc.name, doc.agency.month),
      row('agency', 'fiscalYearToDate', doc.agencyId, doc.name, doc.agency.fiscalYearToDate, doc.target),
      ...doc.datasets.month.map((d) => row('dataset', 'month', d.datasetId, d.title, d)),
      ...doc.datasets.fiscalYearToDate.map((d) =>
        row('dataset', 'fiscalYearToDate', d.datasetId, d.title, d),
      ),
    ],
  }
}

/** A table as CSV input: machine column names as the header. */
export const csvHeader = (table: ReportTable) => table.columns.map((c) => c.key)
