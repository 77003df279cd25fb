import type { Locale } from '../../../shared/time.js'

/**
 * Messages of DGA's overview, the sign-in page's introduction and the Reports table (issue #18), kept apart from
 * the main table so each page's words are found together; index.ts spreads them into `messages`.
 */
const th = {
  navOverview: 'ภาพรวม',
  aboutTitle: 'ระบบจัดอันดับการดาวน์โหลดข้อมูลเปิดภาครัฐ',
  aboutWhatTitle: 'นับอะไร',
  aboutWhoTitle: 'สำหรับใคร',
  aboutAwardsTitle: 'รางวัล',
  aboutReportsTitle: 'รายงาน',
  aboutWhat:
    'นับการดาวน์โหลดชุดข้อมูลทุกครั้งจากพอร์ทัลข้อมูลเปิดภาครัฐ (data.go.th) ตามมาตรฐาน COUNTER: ไม่นับบอตและการคลิกซ้ำภายใน 30 วินาที นับการดาวน์โหลดผ่านโปรแกรมแยกไว้ และไม่เก็บหมายเลข IP',
  aboutWho:
    'สำหรับเจ้าหน้าที่ สพร. (DGA) ที่ดูแลอันดับ เป้าหมาย และรางวัลของทุกหน่วยงาน และผู้บริหารหน่วยงานที่ติดตามยอดดาวน์โหลดของหน่วยงานตนเทียบกับเป้าหมาย',
  aboutAwards:
    'อันดับนี้ใช้ตัดสินรางวัล DIGI Data Awards ทุกปีงบประมาณ (ตุลาคม–กันยายน): โล่หน่วยงาน 9 อันดับแรก และเกียรติบัตรชุดข้อมูล 49 อันดับแรก',
  aboutReports: 'ทุกต้นเดือนมีรายงานอันดับ (Excel CSV PDF JSON) และอีเมลสรุปถึงผู้รับ',
  aboutOpenData: 'ดูอันดับที่เผยแพร่เป็นข้อมูลเปิด (ไม่ต้องเข้าสู่ระบบ)',
  reportsTable: 'รายงานแต่ละเดือนและฉบับ',
  reportMonthColumn: 'เดือน',
  reportVersionColumn: 'ฉบับ',
  reportFilesColumn: 'ไฟล์',
  reportLatest: 'ล่าสุด',
  reportOpenFile: 'เปิดไฟล์',
  reportMonthToGenerate: 'เดือนที่จะสร้างรายงาน',
  reportYear: 'ปี',
}

const en: Record<keyof typeof th, string> = {
  navOverview: 'Overview',
  aboutTitle: 'Open government data download rankings',
  aboutWhatTitle: 'What it counts',
  aboutWhoTitle: 'Who it is for',
  aboutAwardsTitle: 'The awards',
  aboutReportsTitle: 'Reports',
  aboutWhat:
    "Counts every dataset download of Thailand's open government data portal (data.go.th) under COUNTER rules: robots and double clicks within 30 seconds left out, machine access counted apart, no IP addresses kept.",
  aboutWho:
    "For DGA officials, who look after every agency's ranking, targets and awards, and for agency executives, who follow their agency's downloads against its target.",
  aboutAwards:
    'The ranking decides the DIGI Data Awards of each fiscal year (October to September): a plaque for the top 9 agencies and a certificate for the top 49 datasets.',
  aboutReports:
    'Each month a ranking report (Excel, CSV, PDF, JSON) is published and emailed to its subscribers.',
  aboutOpenData: 'See the rankings published as open data (no sign-in)',
  reportsTable: 'Reports by month and version',
  reportMonthColumn: 'Month',
  reportVersionColumn: 'Version',
  reportFilesColumn: 'Files',
  reportLatest: 'latest',
  reportOpenFile: 'Open file',
  reportMonthToGenerate: 'Month to report',
  reportYear: 'Year',
}

export const pageMessages = { th, en } satisfies Record<Locale, Record<string, string>>
