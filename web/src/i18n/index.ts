import { signal } from '@preact/signals'
import type { Locale } from '../../../shared/time.js'

const messages = {
  th: {
    title: 'อันดับการดาวน์โหลดข้อมูลเปิดภาครัฐ',
    subtitle: 'data.go.th · รางวัล DIGI Data Awards',
    agencyRanking: 'อันดับหน่วยงาน',
    month: 'เดือน',
    rank: 'อันดับ',
    agency: 'หน่วยงาน',
    downloads: 'ดาวน์โหลด',
    unique: 'ไม่ซ้ำ',
    machine: 'โปรแกรม',
    change: 'เปลี่ยนแปลง',
    incomplete: 'ข้อมูลยังไม่ครบเดือน ถึง',
    signIn: 'เข้าสู่ระบบ (โหมดพัฒนา)',
    signInCognito: 'เข้าสู่ระบบ',
    role: 'บทบาท',
    dga: 'เจ้าหน้าที่ สพร.',
    exec: 'ผู้บริหารหน่วยงาน',
    agencyId: 'รหัสหน่วยงาน',
    signOut: 'ออกจากระบบ',
    loading: 'กำลังโหลด…',
    top10: 'สิบอันดับแรก',
    language: 'English',
  },
  en: {
    title: 'Open government data download rankings',
    subtitle: 'data.go.th · DIGI Data Awards',
    agencyRanking: 'Agency ranking',
    month: 'Month',
    rank: 'Rank',
    agency: 'Agency',
    downloads: 'Downloads',
    unique: 'Unique',
    machine: 'Machine',
    change: 'Change',
    incomplete: 'Month in progress, data up to',
    signIn: 'Sign in (development)',
    signInCognito: 'Sign in',
    role: 'Role',
    dga: 'DGA official',
    exec: 'Agency executive',
    agencyId: 'Agency id',
    signOut: 'Sign out',
    loading: 'Loading…',
    top10: 'Top ten',
    language: 'ภาษาไทย',
  },
} satisfies Record<Locale, Record<string, string>>

export type MessageKey = keyof (typeof messages)['th']

/** The reader's language: Thai first. */
export const locale = signal<Locale>((globalThis.localStorage?.getItem('locale') as Locale | null) ?? 'th')

/** The message for `key` in the current language. */
export function t(key: MessageKey): string {
  return messages[locale.value][key]
}

export function toggleLocale(): void {
  locale.value = locale.value === 'th' ? 'en' : 'th'
  globalThis.localStorage?.setItem('locale', locale.value)
  document.documentElement.lang = locale.value
}
