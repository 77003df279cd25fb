import type { AwardCategoryView } from '../../../../shared/api.js'
import type { LocalizedText } from '../../../../shared/catalog.js'
import { fiscalYearLabel } from '../../../../shared/time.js'
import { useApi } from '../../api/use-api.js'
import { FiscalYearSelect } from '../../components/FiscalYearSelect.js'
import { LoadState } from '../../components/LoadState.js'
import { formatBangkokTime, formatNumber } from '../../i18n/format.js'
import { locale, t } from '../../i18n/index.js'
import { useStore } from '../../state/store.js'
import { awardRows, categoryTitle } from './awardRows.js'

/** Standings shown per category reach twice the places, and ties past them: this covers their names. */
const DATASET_NAMES_LIMIT = 200

/** The award standings of a fiscal year: each category's cut-off, its awarded entries and ties at the cut-off. */
export function AwardsPage() {
  const { api, fy } = useStore()
  const year = fy.value
  const lang = locale.value
  // Standings carry ids; names come from the year's rankings.
  const state = useApi(async () => {
    const [awards, agencies, datasets] = await Promise.all([
      api.awards(year),
      api.agencyRanking({ fy: year }),
      api.datasetRanking({ fy: year }, { limit: DATASET_NAMES_LIMIT }),
    ])
    const names = new Map<string, LocalizedText>([
      ...agencies.items.map((a) => [a.agencyId, a.name] as const),
      ...datasets.items.map((d) => [d.datasetId, d.title] as const),
    ])
    return { awards, names }
  }, [year])
  const data = state.data

  return (
    <section>
      <div class="toolbar">
        <h2>
          {t('awards')} · {fiscalYearLabel(year, lang)}
        </h2>
        <FiscalYearSelect />
      </div>
      <LoadState loading={state.loading} error={state.error} retry={state.retry} />
      {data && (
        <>
          <p class="secondary">
            {data.awards.programme.source === 'set' ? t('programmeSet') : t('programmeDefault')}
            {!data.awards.period.complete &&
              ` · ${t('yearInProgress')} ${formatBangkokTime(data.awards.period.dataUpTo, lang)}`}
          </p>
          <div class="categories">
            {data.awards.categories.map((category) => (
              <AwardCategory key={category.id} category={category} names={data.names} />
            ))}
          </div>
        </>
      )}
    </section>
  )
}

function AwardCategory({
  category,
  names,
}: {
  category: AwardCategoryView
  names: ReadonlyMap<string, LocalizedText>
}) {
  const lang = locale.value
  const n = (value: number) => formatNumber(value, lang)
  const rows = awardRows(category, names, lang)
  return (
    <article class="card category" data-category={category.id}>
      <h3>{categoryTitle(category, lang)}</h3>
      <dl class="facts">
        <div>
          <dt>{t('places')}</dt>
          <dd data-testid="places">{n(category.places)}</dd>
        </div>
        <div>
          <dt>{t('cutoff')}</dt>
          <dd>{category.cutoff === null ? '–' : `${n(category.cutoff)} ${t('downloads')}`}</dd>
        </div>
        <div>
          <dt>{t('qualifying')}</dt>
          <dd>{n(category.qualifying)}</dd>
        </div>
      </dl>
      {category.ties && (
        <p class="tie-note" role="note">
          <span class="badge tie">{t('tiedAtCutoff')}</span> {t('tiesNote')}
        </p>
      )}
      <table class="ranking standings">
        <thead>
          <tr>
            <th class="num">{t('rank')}</th>
            <th>{category.subject === 'agency' ? t('agency') : t('dataset')}</th>
            <th class="num">{t('downloads')}</th>
            <th>{t('status')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => [
            row.firstBelowCutoff && (
              <tr key={`cutoff-${row.key}`} class="cutoff-row">
                <td colSpan={4}>
                  {t('cutoffLine')} · {category.cutoff === null ? '–' : n(category.cutoff)}
                </td>
              </tr>
            ),
            <tr
              key={row.key}
              data-awarded={String(row.awarded)}
              data-tied={row.tiedAtCutoff ? 'true' : undefined}
              class={[row.awarded ? 'awarded' : '', row.firstBelowCutoff ? 'below-cutoff' : '']
                .join(' ')
                .trim()}
            >
              <td class="num">{n(row.rank)}</td>
              <td>
                {row.name}
                {row.agency && <div class="secondary">{row.agency}</div>}
              </td>
              <td class="num">{n(row.downloads)}</td>
              <td>
                {row.awarded ? <span class="badge won">{t('awarded')}</span> : t('notAwarded')}
                {row.tiedAtCutoff && <span class="badge tie">{t('tiedAtCutoff')}</span>}
              </td>
            </tr>,
          ])}
        </tbody>
      </table>
    </article>
  )
}
