import { t } from '../i18n/index.js'

/**
 * The first stop of the keyboard: jumps past the header and navigation to the page's content. The address's
 * fragment is the route (`#/awards`), so following the link moves focus itself instead of changing it.
 */
export function SkipLink({ target = 'main' }: { target?: string }) {
  const skip = (e: Event) => {
    e.preventDefault()
    document.getElementById(target)?.focus()
  }
  return (
    <a class="skip-link" href={`#${target}`} onClick={skip}>
      {t('skipToContent')}
    </a>
  )
}
