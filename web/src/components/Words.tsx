import { breakableParts } from '../../../shared/word-wrap.js'

/**
 * Text that wraps between words only: a line-break opportunity (`<wbr>`) between Thai words, which have no spaces
 * between them, so a narrow table cell or heading never breaks a Thai word (issue #18). Copies as the same text.
 */
export function Words({ text }: { text: string }) {
  const parts = breakableParts(text)
  if (parts.length < 2) return <>{text}</>
  return <>{parts.flatMap((part, i) => (i === 0 ? [part] : [<wbr key={`wbr-${i}`} />, part]))}</>
}
