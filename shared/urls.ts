/** What a catalog URL becomes: the URL a download may be redirected to, or why there is none. */
export type DownloadUrl = { ok: true; url: string } | { ok: false; reason: string }

/** Longer URLs are refused: browsers and proxies stop somewhere past 2,000 characters, CloudFront at 8 KB. */
export const MAX_URL_LENGTH = 4096

/**
 * The catalog's URL of a resource as a redirect target. The catalog is other people's data, so only an absolute
 * `http(s)` URL qualifies, written in its ASCII form: a Thai file name (`…/ข้อมูล ปี 2566.csv`) is
 * percent-encoded, an internationalised host name written in punycode, so the `Location` header is always
 * valid. `javascript:`, `data:`, protocol-relative (`//host/x`) and relative URLs, credentials in the URL, and
 * control characters anywhere (a CR/LF would split the header; WHATWG parsing would silently drop them) are
 * refused with a reason.
 */
export function downloadUrl(raw: string): DownloadUrl {
  const text = raw.trim()
  if (text === '') return { ok: false, reason: 'no URL' }
  if (text.length > MAX_URL_LENGTH)
    return { ok: false, reason: `URL longer than ${MAX_URL_LENGTH} characters` }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this looks for
  if (/[\u0000-\u001f\u007f-\u009f]/.test(text)) return { ok: false, reason: 'control characters in the URL' }
  if (!/^https?:\/\//i.test(text)) return { ok: false, reason: 'not an absolute http(s) URL' }
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return { ok: false, reason: 'not a valid URL' }
  }
  if (url.username || url.password) return { ok: false, reason: 'credentials in the URL' }
  if (url.href.length > MAX_URL_LENGTH)
    return { ok: false, reason: `URL longer than ${MAX_URL_LENGTH} characters` }
  return { ok: true, url: url.href }
}
