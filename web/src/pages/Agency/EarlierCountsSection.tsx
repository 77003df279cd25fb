import type { PerformanceResponse } from '../../../../shared/api.js'
import { locale, t } from '../../i18n/index.js'
import { earlierCountsView } from './earlierCounts.js'

/**
 * The agency's earlier counts ("earlier counts (source)"): what other systems counted before this one, apart
 * from the counted figures above and said to be so; nothing without any.
 */
export function EarlierCountsSection({ performance }: { performance: PerformanceResponse }) {
  const lang = locale.value
  const view = earlierCountsView(performance, lang)
  if (!view) return null
  return (
    <section class="earlier-counts" data-testid="earlier-counts" aria-labelledby="earlier-counts-title">
      <h3 id="earlier-counts-title">{t('earlierCountsTitle')}</h3>
      <p class="note">{t('earlierCountsNote')}</p>
      <ul class="earlier-sources">
        {view.sources.map((s) => (
          <li key={s.source} data-source={s.source}>
            <strong>{s.label}</strong>: <span class="num">{s.total}</span>
            {s.note && <span class="secondary"> ({s.note})</span>}
          </li>
        ))}
      </ul>
      {view.datasets.length > 0 && (
        <table class="ranking" data-testid="earlier-counts-datasets">
          <caption class="visually-hidden">{t('earlierCountsByDataset')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('dataset')}</th>
              {view.columns.map((c) => (
                <th key={c} scope="col" class="num">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.datasets.map((d) => (
              <tr key={d.datasetId} data-dataset-id={d.datasetId}>
                <td>
                  {d.title}
                  <div class="secondary" lang={lang === 'th' ? 'en' : 'th'}>
                    {d.secondary}
                  </div>
                </td>
                {d.cells.map((cell, i) => (
                  <td key={view.columns[i]} class="num">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}
