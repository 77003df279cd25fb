import type { LocalizedText } from '../../shared/catalog.js'

/** What any government agency publishes. */
export const GENERIC_TOPICS: LocalizedText[] = [
  { th: 'งบประมาณรายจ่ายประจำปี', en: 'Annual budget expenditure' },
  { th: 'ผลการจัดซื้อจัดจ้าง', en: 'Procurement results' },
  { th: 'อัตรากำลังบุคลากร', en: 'Staff headcount' },
  { th: 'สถิติเรื่องร้องเรียน', en: 'Complaint statistics' },
  { th: 'ตัวชี้วัดตามแผนยุทธศาสตร์', en: 'Strategic plan indicators' },
  { th: 'ที่ตั้งสำนักงานและหน่วยบริการ', en: 'Office and service point locations' },
  { th: 'สถิติการให้บริการประชาชน', en: 'Public service statistics' },
  { th: 'รายการชุดข้อมูลของหน่วยงาน', en: 'Agency data catalogue' },
]

/** What each ministry's departments publish, by ministry id of thai-agencies.json. */
export const MINISTRY_TOPICS: Record<string, LocalizedText[]> = {
  opm: [
    { th: 'ข่าวประชาสัมพันธ์ภาครัฐ', en: 'Government press releases' },
    { th: 'ผลการเบิกจ่ายงบประมาณ', en: 'Budget disbursement' },
    { th: 'ผลิตภัณฑ์มวลรวมในประเทศ', en: 'Gross domestic product' },
    { th: 'ดัชนีความพึงพอใจการให้บริการ', en: 'Service satisfaction index' },
  ],
  moi: [
    { th: 'จำนวนประชากรจากการทะเบียน', en: 'Registered population' },
    { th: 'จำนวนบ้านจำแนกรายจังหวัด', en: 'Number of houses by province' },
    { th: 'สถิติการเกิดและการตาย', en: 'Births and deaths' },
    { th: 'ข้อมูลองค์กรปกครองส่วนท้องถิ่น', en: 'Local administrative organisations' },
    { th: 'พื้นที่ประสบภัยพิบัติ', en: 'Disaster-affected areas' },
    { th: 'ราคาประเมินที่ดิน', en: 'Appraised land prices' },
    { th: 'ข้อมูลพื้นฐานระดับหมู่บ้าน (กชช. 2ค)', en: 'Village basic data' },
  ],
  mdes: [
    { th: 'สำมะโนประชากรและเคหะ', en: 'Population and housing census' },
    { th: 'การสำรวจภาวะการทำงานของประชากร', en: 'Labour force survey' },
    { th: 'ปริมาณน้ำฝนรายวัน', en: 'Daily rainfall' },
    { th: 'อุณหภูมิสูงสุดต่ำสุดรายสถานี', en: 'Maximum and minimum temperature by station' },
    { th: 'การพยากรณ์อากาศ 7 วัน', en: 'Seven-day weather forecast' },
    { th: 'การสำรวจการใช้เทคโนโลยีสารสนเทศในครัวเรือน', en: 'Household ICT use survey' },
  ],
  mnre: [
    { th: 'คุณภาพอากาศ PM2.5', en: 'Air quality PM2.5' },
    { th: 'คุณภาพน้ำแม่น้ำสายหลัก', en: 'Water quality of main rivers' },
    { th: 'พื้นที่ป่าไม้', en: 'Forest area' },
    { th: 'จุดความร้อนจากดาวเทียม', en: 'Satellite hotspots' },
    { th: 'อุทยานแห่งชาติและจำนวนนักท่องเที่ยว', en: 'National parks and visitors' },
    { th: 'ปริมาณขยะมูลฝอยชุมชน', en: 'Municipal solid waste' },
  ],
  moph: [
    { th: 'ผู้ป่วยโรคไข้เลือดออก', en: 'Dengue fever cases' },
    { th: 'สถานพยาบาลทั่วประเทศ', en: 'Health facilities nationwide' },
    { th: 'การได้รับวัคซีนโควิด-19', en: 'COVID-19 vaccination' },
    { th: 'สาเหตุการตาย', en: 'Causes of death' },
    { th: 'ผลิตภัณฑ์ที่ได้รับอนุญาต อย.', en: 'Licensed FDA products' },
    { th: 'ภาวะโภชนาการเด็ก', en: 'Child nutrition' },
  ],
  mot: [
    { th: 'อุบัติเหตุทางถนน', en: 'Road accidents' },
    { th: 'รถจดทะเบียนสะสม', en: 'Registered vehicles' },
    { th: 'ปริมาณจราจรบนทางหลวง', en: 'Highway traffic volume' },
    { th: 'ผู้โดยสารท่าอากาศยาน', en: 'Airport passengers' },
    { th: 'ใบอนุญาตขับรถ', en: 'Driving licences' },
  ],
  mof: [
    { th: 'การจัดเก็บภาษีรายเดือน', en: 'Monthly tax collection' },
    { th: 'สถิติการนำเข้าส่งออก', en: 'Import and export statistics' },
    { th: 'ราคาประเมินทรัพย์สิน', en: 'Property valuation' },
    { th: 'รายจ่ายบำเหน็จบำนาญ', en: 'Pension payments' },
  ],
  moc: [
    { th: 'ราคาสินค้าเกษตรรายวัน', en: 'Daily farm produce prices' },
    { th: 'ดัชนีราคาผู้บริโภค', en: 'Consumer price index' },
    { th: 'นิติบุคคลจดทะเบียนใหม่', en: 'New business registrations' },
    { th: 'มูลค่าการค้าระหว่างประเทศ', en: 'International trade value' },
    { th: 'คำขอจดทะเบียนเครื่องหมายการค้า', en: 'Trademark applications' },
  ],
  moac: [
    { th: 'ผลผลิตข้าวนาปี', en: 'Main-season rice output' },
    { th: 'ปริมาณน้ำในอ่างเก็บน้ำ', en: 'Reservoir water levels' },
    { th: 'ทะเบียนเกษตรกร', en: 'Farmer registry' },
    { th: 'จำนวนปศุสัตว์', en: 'Livestock numbers' },
    { th: 'ผลผลิตประมง', en: 'Fisheries output' },
    { th: 'ชุดดินและความเหมาะสมของดิน', en: 'Soil series and suitability' },
  ],
  moe: [
    { th: 'จำนวนนักเรียนจำแนกตามระดับชั้น', en: 'Students by grade' },
    { th: 'รายชื่อสถานศึกษา', en: 'List of schools' },
    { th: 'ผลการทดสอบ O-NET', en: 'O-NET results' },
    { th: 'ครูและบุคลากรทางการศึกษา', en: 'Teachers and education staff' },
  ],
  mol: [
    { th: 'ผู้ประกันตนตามมาตรา 33', en: 'Insured persons under section 33' },
    { th: 'ตำแหน่งงานว่าง', en: 'Job vacancies' },
    { th: 'แรงงานต่างด้าวที่ได้รับอนุญาตทำงาน', en: 'Licensed migrant workers' },
    { th: 'การฝึกอบรมฝีมือแรงงาน', en: 'Skill training' },
  ],
  mots: [
    { th: 'นักท่องเที่ยวต่างชาติ', en: 'International tourist arrivals' },
    { th: 'รายได้จากการท่องเที่ยว', en: 'Tourism receipts' },
    { th: 'สถานที่ท่องเที่ยว', en: 'Tourist attractions' },
    { th: 'สนามกีฬาสาธารณะ', en: 'Public sports venues' },
  ],
  'm-culture': [
    { th: 'โบราณสถานที่ขึ้นทะเบียน', en: 'Registered ancient monuments' },
    { th: 'พิพิธภัณฑ์สถานแห่งชาติ', en: 'National museums' },
    { th: 'ประเพณีและเทศกาลท้องถิ่น', en: 'Local traditions and festivals' },
  ],
  msdhs: [
    { th: 'ผู้สูงอายุที่ได้รับเบี้ยยังชีพ', en: 'Older persons receiving allowance' },
    { th: 'คนพิการที่มีบัตรประจำตัว', en: 'Registered persons with disabilities' },
    { th: 'ศูนย์พัฒนาเด็กเล็ก', en: 'Early childhood centres' },
  ],
  'm-industry': [
    { th: 'โรงงานอุตสาหกรรมที่ได้รับอนุญาต', en: 'Licensed factories' },
    { th: 'มาตรฐานผลิตภัณฑ์อุตสาหกรรม', en: 'Industrial product standards' },
    { th: 'ดัชนีผลผลิตอุตสาหกรรม', en: 'Manufacturing production index' },
  ],
  'm-energy': [
    { th: 'ราคาขายปลีกน้ำมันเชื้อเพลิง', en: 'Retail fuel prices' },
    { th: 'การใช้ไฟฟ้ารายสาขา', en: 'Electricity use by sector' },
    { th: 'สถานีบริการน้ำมัน', en: 'Fuel stations' },
    { th: 'กำลังผลิตพลังงานทดแทน', en: 'Renewable energy capacity' },
  ],
  moj: [
    { th: 'จำนวนผู้ต้องขัง', en: 'Prison population' },
    { th: 'ผู้ถูกคุมความประพฤติ', en: 'Persons on probation' },
  ],
  mfa: [
    { th: 'หนังสือเดินทางที่ออก', en: 'Passports issued' },
    { th: 'สถานเอกอัครราชทูตและสถานกงสุล', en: 'Embassies and consulates' },
  ],
  mhesi: [
    { th: 'ผลการทดสอบในห้องปฏิบัติการ', en: 'Laboratory test results' },
    { th: 'มาตรฐานวิทยาศาสตร์', en: 'Science standards' },
  ],
  independent: [
    { th: 'สถิติคดีอาญา', en: 'Criminal case statistics' },
    { th: 'ผลการเลือกตั้ง', en: 'Election results' },
    { th: 'ผู้มีสิทธิเลือกตั้ง', en: 'Eligible voters' },
    { th: 'สถานีตำรวจ', en: 'Police stations' },
  ],
}

/** What a provincial office publishes about its province (each title ends in จังหวัด, then the province). */
export const PROVINCIAL_TOPICS: LocalizedText[] = [
  { th: 'ข้อมูลพื้นฐานจังหวัด', en: 'Province profile' },
  { th: 'แผนพัฒนาจังหวัด', en: 'Provincial development plan' },
  { th: 'สถานที่ท่องเที่ยวในจังหวัด', en: 'Tourist attractions in the province' },
  { th: 'ผลิตภัณฑ์มวลรวมจังหวัด', en: 'Gross provincial product' },
  { th: 'ผลิตภัณฑ์ OTOP จังหวัด', en: 'OTOP products' },
  { th: 'เรื่องร้องเรียนศูนย์ดำรงธรรมจังหวัด', en: 'Damrongdhama Centre complaints' },
  { th: 'โครงการลงทุนภาครัฐในจังหวัด', en: 'Public investment projects in the province' },
  { th: 'ปฏิทินงานประเพณีประจำจังหวัด', en: 'Provincial festival calendar' },
  { th: 'หน่วยงานราชการในจังหวัด', en: 'Government offices in the province' },
  { th: 'ประชากรรายอำเภอ จังหวัด', en: 'Population by district' },
]

/** What Bangkok Metropolitan Administration publishes. */
export const BMA_TOPICS: LocalizedText[] = [
  { th: 'กล้องวงจรปิด CCTV', en: 'CCTV cameras' },
  { th: 'จุดเสี่ยงน้ำท่วม', en: 'Flood risk points' },
  { th: 'สวนสาธารณะ', en: 'Public parks' },
  { th: 'โรงเรียนสังกัดกรุงเทพมหานคร', en: 'BMA schools' },
  { th: 'ศูนย์บริการสาธารณสุข', en: 'Public health centres' },
  { th: 'ปริมาณขยะรายเขต', en: 'Waste by district' },
  { th: 'เรื่องร้องเรียนผ่าน Traffy Fondue', en: 'Traffy Fondue reports' },
  { th: 'ทางเท้าและทางจักรยาน', en: 'Sidewalks and bike lanes' },
  { th: 'คุณภาพอากาศรายเขต', en: 'Air quality by district' },
  { th: 'ระดับน้ำในคลอง', en: 'Canal water levels' },
]

/** Variants that make one topic several datasets, as portals have them. */
export const QUALIFIERS: LocalizedText[] = [
  { th: '', en: '' },
  { th: ' ปีงบประมาณ 2567', en: ', fiscal year 2024' },
  { th: ' ปีงบประมาณ 2568', en: ', fiscal year 2025' },
  { th: ' รายเดือน', en: ', monthly' },
  { th: ' รายไตรมาส', en: ', quarterly' },
  { th: ' จำแนกรายจังหวัด', en: ', by province' },
  { th: ' ย้อนหลัง 5 ปี', en: ', last five years' },
]
