import type { Locale } from '../time.js'
import { escapeHtml } from './html.js'

/** What the public unsubscribe page says: asks to confirm, confirms it is done, or says the link is bad. */
export type UnsubscribeState = 'confirm' | 'done' | 'invalid'

const WORDS = {
  th: {
    title: 'ยกเลิกการรับอีเมลรายงาน',
    confirm: 'ยืนยันการยกเลิกการรับอีเมลรายงานประจำเดือนที่ส่งถึง',
    button: 'ยกเลิกการรับอีเมล',
    done: 'ยกเลิกแล้ว คุณจะไม่ได้รับอีเมลรายงานประจำเดือนนี้อีก',
    invalid: 'ลิงก์ยกเลิกนี้ไม่ถูกต้อง กรุณาใช้ลิงก์จากอีเมลฉบับล่าสุด',
  },
  en: {
    title: 'Unsubscribe from report emails',
    confirm: 'Confirm that the monthly report emails should stop for',
    button: 'Unsubscribe',
    done: 'Done: you will not receive these monthly report emails any more.',
    invalid: 'This unsubscribe link is not valid; use the link of the latest email.',
  },
} as const

/**
 * The unsubscribe page, in the subscription's language (both when it is unknown). No scripts or styles: it
 * is served under the dashboard's CSP, and its form posts back to the same signed address.
 */
export function unsubscribePage(
  state: UnsubscribeState,
  options: { locale?: Locale; email?: string; action?: string } = {},
): string {
  const locales: Locale[] = options.locale ? [options.locale] : ['th', 'en']
  const sections = locales.map((locale) => {
    const w = WORDS[locale]
    const body =
      state === 'confirm'
        ? `<p>${escapeHtml(w.confirm)} <strong>${escapeHtml(options.email ?? '')}</strong></p>
<form method="post" action="${escapeHtml(options.action ?? '')}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">${escapeHtml(w.button)}</button></form>`
        : `<p>${escapeHtml(state === 'done' ? w.done : w.invalid)}</p>`
    return `<section lang="${locale}"><h1>${escapeHtml(w.title)}</h1>
${body}</section>`
  })
  return `<!DOCTYPE html>
<html lang="${locales[0]}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><meta name="robots" content="noindex"><title>${escapeHtml(WORDS[locales[0] as Locale].title)}</title></head>
<body>
${sections.join('\n')}
</body></html>
`
}
