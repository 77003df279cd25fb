import type { Locale } from '../../../shared/time.js'

/**
 * Messages of earlier counts ("legacy counts", issue #20): figures other systems counted before this product,
 * shown beside counted downloads and never in them. index.ts spreads them into `messages`.
 */
const th = {
  earlierCounts: 'ยอดนับเดิม',
  earlierCountsTitle: 'ยอดนับเดิม (นับโดยระบบอื่นก่อนหน้านี้)',
  earlierCountsNote:
    'ตัวเลขที่ระบบอื่นนับไว้ก่อน เช่น สถิติการเข้าชมของ CKAN หรือ Google Analytics แสดงเทียบไว้เท่านั้น ไม่รวมในยอดดาวน์โหลด อันดับ รางวัล และเป้าหมาย',
  earlierCountsSource: 'แหล่งที่มา',
  earlierCountsAllUpTo: 'รวมยอดก่อนหน้าทั้งหมดจนถึง',
  earlierCountsByDataset: 'ยอดนับเดิมรายชุดข้อมูล',
  earlierCountsCurve: 'จากยอดนับเดิม',
}

const en: Record<keyof typeof th, string> = {
  earlierCounts: 'Earlier counts',
  earlierCountsTitle: 'Earlier counts (counted by other systems before this one)',
  earlierCountsNote:
    "Figures other systems counted before, such as CKAN's page-view tracking or Google Analytics: shown for comparison only, never added to downloads, rankings, awards or targets.",
  earlierCountsSource: 'Source',
  earlierCountsAllUpTo: 'includes every earlier view up to',
  earlierCountsByDataset: 'Earlier counts by dataset',
  earlierCountsCurve: 'from earlier counts',
}

export const earlierCountMessages = { th, en } satisfies Record<Locale, Record<string, string>>
