import { locale, type MessageKey, t, translate } from '../i18n/index.js'
import './about.css'

const POINTS: [MessageKey, MessageKey][] = [
  ['aboutWhatTitle', 'aboutWhat'],
  ['aboutWhoTitle', 'aboutWho'],
  ['aboutAwardsTitle', 'aboutAwards'],
  ['aboutReportsTitle', 'aboutReports'],
]

/**
 * What the product is, beside the sign-in: what it counts, for whom, the awards it decides and its reports, in
 * the reader's language, with the product's name in the other language too, and a link to the public open data.
 */
export function About() {
  const other = locale.value === 'th' ? 'en' : 'th'
  return (
    <section class="card about" data-testid="about" aria-labelledby="about-title">
      <h2 id="about-title">{t('aboutTitle')}</h2>
      <p class="secondary" lang={other}>
        {translate(other, 'aboutTitle')}
      </p>
      <dl>
        {POINTS.map(([title, text]) => (
          <div key={title}>
            <dt>{t(title)}</dt>
            <dd>{t(text)}</dd>
          </div>
        ))}
      </dl>
      <p>
        <a href={locale.value === 'en' ? '/open-data/?lang=en' : '/open-data/'} data-testid="open-data-link">
          {t('aboutOpenData')}
        </a>
      </p>
    </section>
  )
}
